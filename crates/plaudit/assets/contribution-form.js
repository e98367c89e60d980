// Plaudit's contribution form, made pleasant; it works without this script.
// - Shows the reach figures that fit the chosen type (never hiding one that holds a value).
// - Keeps what is typed as a draft, on the server (for any device) and in this browser (for
//   when the session has expired and the server cannot take it), so nothing typed is lost.
(function () {
  "use strict";
  var saved = document.getElementById("draft-saved");
  if (saved) {
    try { localStorage.removeItem("plaudit-draft:" + saved.dataset.draftKey); } catch (e) { /* private mode */ }
  }
  var form = document.getElementById("contribution-form");
  if (!form) return;
  var key = "plaudit-draft:" + form.dataset.draftKey;
  var type = form.querySelector("#type");

  function fit() {
    var chosen = type.value;
    form.querySelectorAll(".reach-field").forEach(function (field) {
      var input = field.querySelector("input");
      var fits = !chosen || field.dataset.types.split(" ").indexOf(chosen) >= 0;
      field.hidden = !fits && !input.value;
    });
  }

  function restore(encoded) {
    var params = new URLSearchParams(encoded);
    var lists = {};
    params.forEach(function (value, name) {
      if (name === "csrf" || name === "draft_for") return;
      (lists[name] = lists[name] || []).push(value);
    });
    Object.keys(lists).forEach(function (name) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "checkbox" || input.type === "radio") {
          input.checked = lists[name].indexOf(input.value) >= 0;
        } else {
          input.value = lists[name][0];
        }
      });
    });
  }

  // This browser's copy wins when it is newer than what the server filled in: it holds what
  // was typed after the session expired, which the server never received.
  var local = null;
  try { local = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { /* private mode */ }
  var serverAt = Number(form.dataset.restoredAt || 0);
  if (local && local.fields && local.at > serverAt && (serverAt > 0 || form.dataset.pristine === "yes")) {
    restore(local.fields);
    var notice = document.getElementById("draft-restored-here");
    if (notice) notice.hidden = false;
  }
  type.addEventListener("change", fit);
  fit();

  var timer = null;
  var submitting = false;
  function save() {
    if (submitting) return;
    var body = new URLSearchParams(new FormData(form));
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: body.toString() }));
    } catch (e) { /* full or private */ }
    fetch(form.dataset.draftUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).catch(function () { /* offline: the browser's copy remains */ });
  }
  // Once the form is sent, a late draft would bring back what was just saved.
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    submitting = true;
  });
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
})();
