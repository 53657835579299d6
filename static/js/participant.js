/* Participant pages: follow the facilitator, keep answers through a lost
   connection, live progress, no double submission.
   Progressive enhancement only: every page works the same without it. */
(function () {
  "use strict";

  var PENDING = "rc-pending:";   // localStorage key prefix + the form's action path
  var POLL_MS = 2000;
  var POLL_ERROR_MS = 5000;
  var RETRY_FIRST_MS = 2000;
  var RETRY_MAX_MS = 30000;

  var timers = { follow: null, retry: null };
  var queue = [];                 // submissions waiting for the network
  var retryDelay = RETRY_FIRST_MS;
  var sending = false;

  /* ---------- Saved submissions (localStorage may be missing or full) ---------- */

  var store = (function () {
    try {
      window.localStorage.setItem(PENDING + "probe", "1");
      window.localStorage.removeItem(PENDING + "probe");
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  function save(item) {
    if (!store) { return; }
    try { store.setItem(PENDING + item.url, JSON.stringify(item.pairs)); } catch (e) { /* full */ }
  }

  function forget(url) {
    if (!store) { return; }
    try { store.removeItem(PENDING + url); } catch (e) { /* ignore */ }
  }

  function savedUnder(path) {
    var items = [];
    if (!store || !path) { return items; }
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (!key || key.indexOf(PENDING) !== 0) { continue; }
      var url = key.slice(PENDING.length);
      if (url === path || url.indexOf(path + "/") === 0) {
        try { items.push({ url: url, pairs: JSON.parse(store.getItem(key)) }); } catch (e) { forget(url); }
      }
    }
    return items;
  }

  /* ---------- Sending, with retries on network errors ---------- */

  function formPairs(form, submitter) {
    var pairs = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled) { continue; }
      var type = el.type;
      if (type === "submit" || type === "button" || type === "reset" || type === "file") { continue; }
      if ((type === "radio" || type === "checkbox") && !el.checked) { continue; }
      if (type === "select-multiple") {
        for (var j = 0; j < el.options.length; j++) {
          if (el.options[j].selected) { pairs.push([el.name, el.options[j].value]); }
        }
        continue;
      }
      pairs.push([el.name, el.value]);
    }
    if (submitter && submitter.name) { pairs.push([submitter.name, submitter.value]); }
    return pairs;
  }

  function encode(pairs) {
    return pairs.map(function (pair) {
      return encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1]);
    }).join("&");
  }

  function enqueue(item) {
    for (var i = 0; i < queue.length; i++) {
      if (queue[i].url === item.url) { queue.splice(i, 1); break; }
    }
    queue.push(item);
  }

  function deliver() {
    if (sending || !queue.length) { return; }
    window.clearTimeout(timers.retry);
    sending = true;
    setBusy(true);
    var item = queue[0];
    window.fetch(item.url, {
      method: "POST",
      body: encode(item.pairs),
      credentials: "same-origin",
      // The server then replies with the next page itself, not a redirect.
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Requested-With": "fetch"
      }
    }).then(function (response) {
      // Any reply from the server: it has the answers (or says why not).
      return response.text().then(function (html) {
        forget(item.url);
        queue.shift();
        sending = false;
        retryDelay = RETRY_FIRST_MS;
        if (queue.length) { deliver(); } else { showPage(html, pageUrl(response)); }
      });
    }, function () {
      sending = false;
      setBusy(false);
      announce(true);
      timers.retry = window.setTimeout(deliver, retryDelay);
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
    });
  }

  /* The address of the page a POST answered with: the one the server names
     (a page a reload can fetch), else where the redirects ended. */
  function pageUrl(response) {
    var named = response.headers.get("Content-Location");
    return named ? new window.URL(named, response.url).href : response.url;
  }

  function setBusy(busy) {
    var buttons = document.querySelectorAll("form[data-offline] button[type=submit]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = busy; }
  }

  function announce(offline) {
    var status = document.querySelector("[data-connection-status]");
    if (status) {
      status.textContent = offline ? status.getAttribute("data-message") : "";
      status.classList.toggle("is-offline", offline);
    }
  }

  /* The server's reply replaces the page, as a normal submission would. */
  function showPage(html, url) {
    var doc = new window.DOMParser().parseFromString(html, "text/html");
    stop();
    document.title = doc.title;
    document.body.className = doc.body.className;
    document.body.innerHTML = doc.body.innerHTML;
    if (url && url !== window.location.href && window.history.replaceState) {
      window.history.replaceState(null, "", url);
    }
    window.scrollTo(0, 0);
    var heading = document.querySelector(".error-summary, h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    start();
  }

  function enhanceForm(form) {
    var lastClicked = null;
    form.addEventListener("click", function (event) {
      if (event.target.type === "submit") { lastClicked = event.target; }
    });
    form.addEventListener("input", function () { form.setAttribute("data-dirty", ""); });
    form.addEventListener("change", function () { form.setAttribute("data-dirty", ""); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) { return; }
      var item = { url: form.getAttribute("action"), pairs: formPairs(form, event.submitter || lastClicked) };
      save(item);
      enqueue(item);
      retryDelay = RETRY_FIRST_MS;
      deliver();
    });
  }

  /* ---------- Following the facilitator ---------- */

  function follow(el) {
    var version = el.getAttribute("data-version");
    // No cookie: the state is public, and the poll stays as cheap as it can.
    timers.follow = window.RegardsCroises.poll(el.getAttribute("data-follow"), {
      etag: el.getAttribute("data-etag"),
      everyMs: POLL_MS,
      retryMs: POLL_ERROR_MS,
      credentials: "omit",
      onData: function (state) {
        if (String(state.version) !== version) {
          version = String(state.version);
          changed(el, state);
        }
      }
    });
  }

  function changed(el, state) {
    var question = state.question === null ? "" : String(state.question);
    var stateChanged = state.state !== el.getAttribute("data-state");
    var relevant = stateChanged ||
      state.pacing !== el.getAttribute("data-pacing") ||
      (state.pacing === "facilitator" && question !== el.getAttribute("data-question"));
    el.setAttribute("data-state", state.state);
    el.setAttribute("data-pacing", state.pacing);
    el.setAttribute("data-question", question);
    if (!relevant) { return; }   // e.g. the projector's question of a self-paced session
    var form = document.querySelector("form[data-offline]");
    var started = form && (form.hasAttribute("data-dirty") || queue.length > 0);
    if (!started) {
      window.location.replace(el.getAttribute("data-page"));
      return;
    }
    // Never reload over answers being written: say what changed instead.
    var notice = document.querySelector("[data-follow-notice]");
    if (notice) {
      notice.textContent = (stateChanged && el.getAttribute("data-message-" + state.state)) ||
        el.getAttribute("data-message-changed");
    }
  }

  /* ---------- Progress of the whole questionnaire ---------- */

  function enhanceProgress(form) {
    var progress = form.querySelector(".progress");
    if (!progress) { return; }
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

    progress.querySelector(".progress-static").hidden = true;
    progress.querySelector(".progress-live").hidden = false;
    progress.querySelector("progress").hidden = false;
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  }

  /* ---------- Page set-up ---------- */

  function start() {
    var forms = document.querySelectorAll("form.answer-form");
    for (var i = 0; i < forms.length; i++) {
      enhanceProgress(forms[i]);
      if (forms[i].hasAttribute("data-offline")) { enhanceForm(forms[i]); }
    }
    var followed = document.querySelector("[data-follow]");
    if (followed) { follow(followed); }
    // Answers left on this phone by an earlier visit go first.
    var saved = savedUnder(followed && followed.getAttribute("data-page"));
    for (var j = 0; j < saved.length; j++) { enqueue(saved[j]); }
    deliver();
  }

  function stop() {
    if (timers.follow) { timers.follow.stop(); }
    window.clearTimeout(timers.retry);
  }

  if (!window.fetch || !window.DOMParser || !window.RegardsCroises) { return; }
  window.addEventListener("online", function () {
    retryDelay = RETRY_FIRST_MS;
    deliver();
  });
  // Back from the browser's history: the page may be restored as it was left.
  window.addEventListener("pageshow", function () { setBusy(sending); });
  start();
})();
