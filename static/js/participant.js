/* Participant answer page: live progress and no double submission.
   Progressive enhancement only: the page works the same without it. */
(function () {
  "use strict";
  var form = document.querySelector("form.answer-form");
  if (!form) { return; }

  var progress = form.querySelector(".progress");
  var blocks = form.querySelectorAll("[data-question]");

  function isAnswered(block) {
    var inputs = block.querySelectorAll("input, textarea, select");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { return true; }
      } else if (input.value.trim() !== "") {
        return true;
      }
    }
    return false;
  }

  function update() {
    var answered = 0;
    for (var i = 0; i < blocks.length; i++) {
      if (isAnswered(blocks[i])) { answered++; }
    }
    progress.querySelector(".progress-answered").textContent = answered;
    progress.querySelector("progress").value = answered;
  }

  if (progress) {
    progress.querySelector(".progress-static").hidden = true;
    progress.querySelector(".progress-live").hidden = false;
    progress.querySelector("progress").hidden = false;
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  }

  // A second tap while the first submission travels would post twice.
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function () {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
  // Coming back with the browser's back button: the page may be restored as left.
  window.addEventListener("pageshow", function () { button.disabled = false; });
})();
