// Starts Swagger UI on the API reference page, reading the document the page links to. A file
// of its own, so the page needs no inline script under the Content-Security-Policy.
"use strict";
(function () {
  var mount = document.getElementById("reference");
  if (!mount || typeof SwaggerUIBundle !== "function") {
    return;
  }
  // Swagger UI draws a parameter's list of values without a label; each gets its parameter's
  // name, so a screen reader says what the list is for.
  function nameTheLists() {
    mount.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (list) {
      list.setAttribute("aria-label", list.closest("tr").getAttribute("data-param-name"));
    });
  }
  new MutationObserver(nameTheLists).observe(mount, { childList: true, subtree: true });
  SwaggerUIBundle({
    url: mount.getAttribute("data-document"),
    domNode: mount,
    // A deep link would put a link inside each operation's toggle button: nested controls are
    // one stop for a keyboard and a puzzle for a screen reader.
    deepLinking: false,
    // The document is served by this server: nothing is sent to a validator elsewhere.
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
