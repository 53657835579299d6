/* Contributions wall: votes without reloading, and a list that refreshes
   itself (phone wall every 5 s, projected wall every 3 s) with conditional
   requests. Progressive enhancement only: every page works without it.
   Participant texts are only ever set with textContent. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function tagText(item) {
    return [item.tag, item.working_group].filter(Boolean).join(" · ");
  }

  /* ---- Phone wall ---- */
  var list = document.getElementById("mur");
  if (list) {
    var d = list.dataset;
    var token = document.querySelector(".vote-form input[name=csrf_token], form input[name=csrf_token]");
    var csrf = token ? token.value : "";
    var count = document.querySelector(".wall-count");

    var phoneCard = function (item) {
      var li = el("li", "wall-card" + (item.pinned ? " is-pinned" : ""));
      li.id = "c" + item.id;
      li.dataset.id = item.id;
      var meta = el("p", "wall-meta");
      meta.appendChild(el("span", "wall-kind kind-" + item.kind, item.kind_label));
      if (item.pinned) { meta.appendChild(el("span", "wall-pinned", d.labelPinned)); }
      li.appendChild(meta);
      li.appendChild(el("p", "wall-text", item.text));
      if (tagText(item)) { li.appendChild(el("p", "wall-tag", tagText(item))); }
      var votes = el("div", "wall-votes");
      votes.appendChild(el("span", "vote-count", item.votes_label));
      if (item.voted) { votes.appendChild(el("span", "vote-mine", d.labelMine)); }
      if (d.open === "true") {
        var form = el("form", "vote-form");
        form.method = "post";
        form.action = d.voteUrl.replace("/0/vote", "/" + item.id + "/vote");
        var hidden = el("input");
        hidden.type = "hidden";
        hidden.name = "csrf_token";
        hidden.value = csrf;
        form.appendChild(hidden);
        var button = el("button", "vote-button", item.voted ? d.labelUnvote : d.labelVote);
        button.type = "submit";
        button.setAttribute("aria-pressed", item.voted ? "true" : "false");
        form.appendChild(button);
        votes.appendChild(form);
      }
      li.appendChild(votes);
      return li;
    };

    var renderPhone = function (data) {
      // Keep the list as it is while someone is in the middle of voting.
      if (list.querySelector("button[disabled]")) { return; }
      d.open = data.open ? "true" : "false";
      var fragment = document.createDocumentFragment();
      data.contributions.forEach(function (item) { fragment.appendChild(phoneCard(item)); });
      if (!data.contributions.length) { fragment.appendChild(el("li", "wall-empty", d.labelEmpty)); }
      list.replaceChildren(fragment);
      if (count) { count.textContent = data.count_label; }
    };

    list.addEventListener("submit", function (event) {
      var form = event.target.closest(".vote-form");
      if (!form || !window.fetch) { return; }
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          var card = form.closest(".wall-card");
          card.querySelector(".vote-count").textContent = data.votes_label;
          var mine = card.querySelector(".vote-mine");
          if (data.voted && !mine) {
            form.parentNode.insertBefore(el("span", "vote-mine", d.labelMine), form);
          } else if (!data.voted && mine) {
            mine.remove();
          }
          button.textContent = data.voted ? d.labelUnvote : d.labelVote;
          button.setAttribute("aria-pressed", data.voted ? "true" : "false");
          button.disabled = false;
        })
        .catch(function () { form.submit(); });
    });

    window.RegardsCroises.poll(d.stateUrl, { everyMs: 5000, onData: renderPhone });
  }

  /* ---- Projected wall ---- */
  var wall = document.getElementById("projector-wall");
  if (wall) {
    var p = wall.dataset;
    var projectorCount = document.querySelector(".projector-count");

    var projectorCard = function (item) {
      var li = el("li", "projector-card" + (item.pinned ? " is-pinned" : ""));
      var meta = el("p", "wall-meta");
      meta.appendChild(el("span", "wall-kind kind-" + item.kind, item.kind_label));
      if (item.pinned) { meta.appendChild(el("span", "wall-pinned", p.labelPinned)); }
      li.appendChild(meta);
      li.appendChild(el("p", "wall-text", item.text));
      var foot = el("p", "projector-foot");
      foot.appendChild(el("span", "wall-tag", tagText(item)));
      foot.appendChild(el("span", "vote-count", item.votes_label));
      li.appendChild(foot);
      return li;
    };

    var renderProjector = function (data) {
      var fragment = document.createDocumentFragment();
      data.groups.forEach(function (group) {
        var section = el("section", "projector-group");
        if (group.title) { section.appendChild(el("h2", "", group.title)); }
        var cards = el("ol", "projector-cards");
        group.contributions.forEach(function (item) { cards.appendChild(projectorCard(item)); });
        section.appendChild(cards);
        fragment.appendChild(section);
      });
      if (!data.groups.length) { fragment.appendChild(el("p", "projector-empty", p.labelEmpty)); }
      wall.replaceChildren(fragment);
      if (projectorCount) { projectorCount.textContent = data.count_label; }
    };

    window.RegardsCroises.poll(p.stateUrl, { everyMs: 3000, onData: renderProjector });
  }
})();
