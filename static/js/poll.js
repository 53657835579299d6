/* Conditional polling shared by the live pages (phone, control panel,
   projector, wall): asks `url` every `everyMs` with If-None-Match and calls
   `onData(json)` only with a new reply (200); a 304 or an error waits for the
   next turn (`retryMs` after an error). Paused while the tab is hidden,
   resumed at once when it shows again. Returns { stop: function }. */
(function () {
  "use strict";

  window.RegardsCroises = window.RegardsCroises || {};
  window.RegardsCroises.poll = function (url, options) {
    var etag = options.etag || "";
    var timer = null;
    var stopped = false;

    function schedule(ms) {
      window.clearTimeout(timer);
      if (!stopped) { timer = window.setTimeout(tick, ms); }
    }

    function tick() {
      if (document.hidden) { return; }   // resumed by visibilitychange
      var headers = { "Accept": "application/json" };
      if (etag) { headers["If-None-Match"] = etag; }
      window.fetch(url, {
        headers: headers,
        cache: "no-store",
        credentials: options.credentials || "same-origin"
      })
        .then(function (response) {
          if (response.status !== 200) { return null; }
          etag = response.headers.get("ETag") || "";
          return response.json();
        })
        .then(function (data) {
          if (data) { options.onData(data); }
          schedule(options.everyMs);
        }, function () { schedule(options.retryMs || options.everyMs); });
    }

    function onVisible() { if (!document.hidden) { schedule(0); } }

    document.addEventListener("visibilitychange", onVisible);
    schedule(options.everyMs);
    return {
      stop: function () {
        stopped = true;
        window.clearTimeout(timer);
        document.removeEventListener("visibilitychange", onVisible);
      }
    };
  };
})();
