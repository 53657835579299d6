// Results charts: draws each question's chart from the figures the server put
// in <script type="application/json" class="chart-data"> (the table's figures,
// hidden cells left out). Without JavaScript, or without Chart.js, the tables
// remain. No animation, so that the charts are drawn before printing.
(function () {
  "use strict";

  var printPage = document.body.classList.contains("print-page");

  function build(figure, data) {
    if (!printPage) {
      // On the paper version, the stylesheet gives every chart the same height.
      var perBar = data.kind === "bars" ? data.datasets.length * 14 + 14 : 38;
      var box = figure.querySelector(".chart-box");
      box.style.height = Math.max(160, data.labels.length * perBar + 90) + "px";
    }
    figure.hidden = false;
    return window.RegardsCroises.barChart(figure.querySelector("canvas"), data, {
      oneLineLabels: printPage // one line per bar on paper, where bars are thinner
    });
  }

  function drawAll() {
    if (!window.Chart || !window.RegardsCroises) {
      return [];
    }
    window.Chart.defaults.font.size = printPage ? 12 : 15;
    window.Chart.defaults.color = "#1c2330";
    var charts = [];
    var figures = document.querySelectorAll("figure.chart");
    for (var i = 0; i < figures.length; i++) {
      var source = figures[i].querySelector("script.chart-data");
      try {
        charts.push(build(figures[i], JSON.parse(source.textContent)));
      } catch (error) {
        figures[i].hidden = true; // the table still says it all
      }
    }
    return charts;
  }

  var charts = drawAll();
  // Paper is narrower than the screen: redraw at the printed width and back.
  function resizeAll() {
    charts.forEach(function (chart) { chart.resize(); });
  }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);

  var button = document.querySelector(".print-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
