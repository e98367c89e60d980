// The import sources page, kept current while a read is queued or running: every two seconds
// it fetches the sources' states (a fragment the server renders and escapes) and shows them in
// the page's live region. Without this script the page shows the same after a reload.
(function () {
  "use strict";
  var list = document.getElementById("source-status");
  if (!list || !list.dataset.status) return;

  function busy() {
    return list.querySelector("[data-busy]") !== null;
  }

  function look() {
    fetch(list.dataset.status, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (answer) { return answer.ok ? answer.text() : ""; })
      .then(function (html) {
        if (!html) return;
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var fresh = parsed.getElementById("source-status");
        if (fresh) list.replaceChildren.apply(list, Array.prototype.slice.call(fresh.childNodes));
        if (busy()) setTimeout(look, 2000);
      })
      .catch(function () { /* offline: a reload shows the same */ });
  }

  if (busy()) setTimeout(look, 2000);
})();
