// Results charts: draws each question's chart from the figures the server put
// in <script type="application/json" class="chart-data"> (the table's figures,
// hidden cells left out). Without JavaScript, or without Chart.js, the tables
// remain. No animation, so that the charts are drawn before printing.
(function () {
  "use strict";

  var lang = document.documentElement.lang || "fr";
  var printPage = document.body.classList.contains("print-page");
  // Okabe-Ito: distinguishable with the common colour-vision deficiencies.
  var CATEGORIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#F0E442", "#000000", "#999999"];
  // Disagree (red) to agree (blue), the middle in grey.
  var LOW = [178, 24, 43], MIDDLE = [200, 200, 200], HIGH = [33, 102, 172];

  function mix(a, b, t) {
    return "rgb(" + a.map(function (value, i) {
      return Math.round(value + (b[i] - value) * t);
    }).join(",") + ")";
  }

  function scaleColours(count) {
    var colours = [];
    for (var i = 0; i < count; i++) {
      var t = count === 1 ? 0.5 : i / (count - 1);
      colours.push(t < 0.5 ? mix(LOW, MIDDLE, t * 2) : mix(MIDDLE, HIGH, (t - 0.5) * 2));
    }
    return colours;
  }

  function format(value, unit) {
    if (value === null || value === undefined) {
      return "";
    }
    var text = value.toLocaleString(lang, { maximumFractionDigits: 1 });
    return unit ? text + "\u00a0" + unit : text;
  }

  function build(figure, data) {
    var stacked = data.kind === "stacked";
    var colours = stacked ? scaleColours(data.datasets.length) : CATEGORIES;
    var datasets = data.datasets.map(function (dataset, i) {
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colours[i % colours.length],
        borderColor: "#ffffff",
        borderWidth: stacked ? 1 : 0
      };
    });
    if (!printPage) {
      // On the paper version, the stylesheet gives every chart the same height.
      var perBar = data.kind === "bars" ? datasets.length * 14 + 14 : 38;
      var box = figure.querySelector(".chart-box");
      box.style.height = Math.max(160, data.labels.length * perBar + 90) + "px";
    }
    figure.hidden = false;
    var percent = data.unit === "%";
    return new window.Chart(figure.querySelector("canvas"), {
      type: "bar",
      data: {
        // One line per bar on paper, where the bars are thinner.
        labels: printPage ? data.labels.map(function (lines) {
          return lines.join(", ");
        }) : data.labels,
        datasets: datasets
      },
      options: {
        indexAxis: "y",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            stacked: stacked,
            beginAtZero: true,
            max: percent ? 100 : undefined,
            ticks: { callback: function (value) { return format(value, data.unit); } }
          },
          y: { stacked: stacked, ticks: { autoSkip: false } }
        },
        plugins: {
          legend: { display: data.kind !== "means", position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + " : " + format(item.raw, data.unit);
              }
            }
          }
        }
      }
    });
  }

  function drawAll() {
    if (!window.Chart) {
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
