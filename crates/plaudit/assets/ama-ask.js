// An AMA's ask form, made pleasant; it works without this script. While a title is typed,
// questions of the AMA like it show under it (fetched from the server as a small HTML
// fragment the server renders and escapes), so the asker can read an answer or upvote
// instead of asking again.
(function () {
  "use strict";
  var form = document.getElementById("ask-form");
  if (!form || !form.dataset.similar) return;
  var title = form.querySelector("#title");
  var shown = document.getElementById("similar");
  var timer = null;
  var asked = "";

  function look() {
    var words = title.value.trim();
    if (words.length < 8 || words === asked) return;
    asked = words;
    fetch(form.dataset.similar + "?title=" + encodeURIComponent(words), {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    })
      .then(function (answer) { return answer.ok ? answer.text() : ""; })
      .then(function (html) {
        if (words !== asked) return;
        // The fragment is Plaudit's own template, every title in it escaped by the server.
        var parsed = new DOMParser().parseFromString(html, "text/html");
        shown.replaceChildren.apply(shown, Array.prototype.slice.call(parsed.body.childNodes));
      })
      .catch(function () { /* offline: the form still works */ });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(look, 300);
  });
})();
