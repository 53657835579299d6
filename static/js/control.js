// Control panel: keeps the answer and participant counts up to date by asking
// the projector's state.json (If-None-Match: unchanged costs a 304). When the
// session changed elsewhere (another tab, a co-facilitator), the page reloads.
// Without JavaScript, the "Rafraîchir" link does the same.
(function () {
  "use strict";

  var POLL_MS = 3000;
  var panel = document.getElementById("live-current");
  if (!panel || !window.fetch || !window.RegardsCroises) {
    return;
  }
  var stateUrl = panel.getAttribute("data-state-url");
  var version = panel.getAttribute("data-version");

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

  window.RegardsCroises.poll(stateUrl, { everyMs: POLL_MS, onData: update });
})();
