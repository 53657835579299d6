// Question editor: show only the blocks (options or bounds) that the chosen
// question type uses. Without JavaScript every block stays visible and the
// server ignores the ones the type does not use.
(function () {
  "use strict";
  var select = document.getElementById("qtype");
  if (!select) {
    return;
  }
  var blocks = document.querySelectorAll("[data-for-types]");

  function update() {
    for (var i = 0; i < blocks.length; i++) {
      var types = blocks[i].getAttribute("data-for-types").split(" ");
      blocks[i].hidden = types.indexOf(select.value) === -1;
    }
  }

  select.addEventListener("change", update);
  update();
})();
