// The bar charts of the results (page, print) and of the projector, from the
// figures the server gives (workshops/results/charts.py): one look everywhere.
(function () {
  "use strict";

  var lang = document.documentElement.lang || "fr";
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
    // Percentages in whole numbers, rounded half up as the tables write them.
    var digits = unit === "%" ? 0 : 1;
    var text = value.toLocaleString(lang, { maximumFractionDigits: digits });
    return unit ? text + "\u00a0" + unit : text;
  }

  /* A horizontal bar chart of `data` on `canvas`; options.oneLineLabels joins
     each bar's label lines (narrow paper). */
  function barChart(canvas, data, options) {
    var stacked = data.kind === "stacked";
    var colours = stacked ? scaleColours(data.datasets.length) : CATEGORIES;
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: options && options.oneLineLabels ? data.labels.map(function (lines) {
          return lines.join(", ");
        }) : data.labels,
        datasets: data.datasets.map(function (dataset, i) {
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: colours[i % colours.length],
            borderColor: "#ffffff",
            borderWidth: stacked ? 1 : 0
          };
        })
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
            max: data.unit === "%" ? 100 : undefined,
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

  window.RegardsCroises = window.RegardsCroises || {};
  window.RegardsCroises.barChart = barChart;
})();
