// Projector: asks state.json every 2 s (If-None-Match: an unchanged state costs
// a 304) and redraws what changed. Every text goes in with textContent, never
// innerHTML: question labels and group names are typed by people.
// Without JavaScript, the page reloads itself every 5 s (<noscript> refresh).
(function () {
  "use strict";

  var POLL_MS = 2000;
  var root = document.getElementById("projector");
  var source = document.getElementById("projector-data");
  if (!root || !source || !window.fetch || !window.RegardsCroises) {
    return;
  }
  var stateUrl = root.getAttribute("data-state-url");
  var etag = root.getAttribute("data-etag") || "";
  var chart = null;
  var chartKey = "";

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(id, text) {
    var node = byId(id);
    if (node && node.textContent !== (text || "")) {
      node.textContent = text || "";
    }
  }

  function show(id, visible) {
    var node = byId(id);
    if (node) {
      node.hidden = !visible;
    }
  }

  function cellNode(tag, cell) {
    var node = document.createElement(tag);
    node.className = "num" + (cell.hidden ? " hidden-cell" : "");
    node.textContent = cell.text;
    return node;
  }

  function headerCell(text, scope) {
    var node = document.createElement("th");
    node.setAttribute("scope", scope);
    node.textContent = text;
    return node;
  }

  // A table like the server's (_tables.html): a header row, one row per line.
  function table(id, corner, headers, rows) {
    var element = document.createElement("table");
    element.id = id;
    var head = document.createElement("thead");
    var top = document.createElement("tr");
    var first = headerCell(corner.text, "col");
    if (corner.hidden) {
      first.textContent = "";
      var label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = corner.text;
      first.appendChild(label);
    }
    top.appendChild(first);
    headers.forEach(function (text) { top.appendChild(headerCell(text, "col")); });
    head.appendChild(top);
    element.appendChild(head);
    var body = document.createElement("tbody");
    rows.forEach(function (row) {
      var line = document.createElement("tr");
      if (row.total) {
        line.className = "total-row";
      } else if (row.kind) {
        line.className = "row-" + row.kind;
      }
      line.appendChild(headerCell(row.label, "row"));
      row.cells.forEach(function (cell) { line.appendChild(cellNode("td", cell)); });
      body.appendChild(line);
    });
    element.appendChild(body);
    return element;
  }

  function replaceTable(wrapId, element) {
    var wrap = byId(wrapId);
    while (wrap.firstChild) {
      wrap.removeChild(wrap.firstChild);
    }
    if (element) {
      wrap.appendChild(element);
    }
  }

  function drawChart(data) {
    var key = data ? JSON.stringify(data) : "";
    if (key === chartKey) {
      return;
    }
    chartKey = key;
    if (chart) {
      chart.destroy();
      chart = null;
    }
    var figure = byId("question-chart");
    figure.hidden = !(data && window.Chart);
    if (figure.hidden) {
      return;
    }
    window.Chart.defaults.font.size = 22;
    window.Chart.defaults.color = "#1c2330";
    chart = window.RegardsCroises.barChart(figure.querySelector("canvas"), data);
  }

  function render(state) {
    setText("state-message", state.state_message);
    show("state-message", Boolean(state.state_message));
    var group = state.working_group;
    show("working-group", Boolean(group));
    setText("working-group-name", group ? group.name : "");
    setText("working-group-prompt", group ? group.prompt : "");
    setText("join-url", state.join.url);
    setText("join-code", state.join.code);
    var people = state.participants;
    setText("participants-count", people.count_label);
    replaceTable("participants-wrap", table(
      "participants-table", { text: root.getAttribute("data-territory-label"), hidden: true },
      people.headers, people.rows));
    var question = state.question;
    show("question", Boolean(question));
    if (!question) {
      drawChart(null);
      return;
    }
    setText("question-number", question.number);
    setText("question-label", question.label);
    setText("question-answers", question.answers_label);
    setText("question-masked", question.masked_message);
    show("question-answers", question.revealed);
    show("question-masked", !question.revealed);
    show("question-results", Boolean(question.table));
    replaceTable("question-table-wrap", question.table ? table(
      "question-table", { text: root.getAttribute("data-option-label"), hidden: false },
      question.table.headers, question.table.rows) : null);
    drawChart(question.table ? question.chart : null);
  }

  try {
    drawChart((JSON.parse(source.textContent).question || {}).chart || null);
  } catch (error) {
    drawChart(null);
  }
  window.RegardsCroises.poll(stateUrl, { etag: etag, everyMs: POLL_MS, onData: render });
})();
