// Control panel: keeps the answer and participant counts up to date by asking
// the projector's state.json (If-None-Match: unchanged costs a 304). When the
// session changed elsewhere (another tab, a co-facilitator), the page reloads.
// Without JavaScript, the "Rafraîchir" link does the same.
(function () {
  "use strict";

  var POLL_MS = 3000;
  var panel = document.getElementById("live-current");
  if (!panel || !window.fetch) {
    return;
  }
  var stateUrl = panel.getAttribute("data-state-url");
  var version = panel.getAttribute("data-version");
  var etag = "";

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node && text !== undefined && node.textContent !== text) {
      node.textContent = text;
    }
  }

  function update(state) {
    if (String(state.version) !== version) {
      window.location.reload();
      return;
    }
    setText("live-participants", state.participants.count_label);
    if (state.question) {
      setText("live-answers", state.question.answers_label);
    }
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    window.fetch(stateUrl, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 304) {
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        etag = response.headers.get("ETag") || "";
        return response.json();
      })
      .then(function (state) {
        if (state) {
          update(state);
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }

  window.setTimeout(poll, POLL_MS);
})();
