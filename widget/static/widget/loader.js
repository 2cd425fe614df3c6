/*
 * SimHelp answer widget loader, served as /widget.js.
 *
 *   <script src="https://help.example/widget.js" data-site="KEY" async></script>
 *
 * Adds a launcher button (or, with data-mode="inline", a frame inside data-target) that shows
 * SimHelp's answer frame in an iframe. The frame is on SimHelp's origin: this page never sees
 * the answers, and the two talk only by postMessage, with exact origins on both sides and
 * checked message shapes. Plain JavaScript, no dependencies, and it never throws on the page.
 */
(function () {
  "use strict";

  var KEY = /^[A-Za-z0-9_-]{16,64}$/;
  var ITEM = /^(faq|guide|troubleshooter):[a-z0-9]+(-[a-z0-9]+)*$/;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var COLOUR = /^#[0-9a-f]{6}$/;
  var LANGUAGES = ["zh-hans", "en", "ru"];
  var READY_TIMEOUT = 5000; // after the frame's load event: a refused or unknown frame is silent
  var Z = "2147483000";

  var warned = false;
  var state = { dead: false, refused: false, ready: false, open: false, queue: [], lang: "" };
  var origin, script, frame, panel, launcher, mode, timer;

  function warn(message) {
    if (warned) return;
    warned = true;
    try {
      window.console.warn("SimHelp widget: " + message);
    } catch (ignored) {}
  }

  function guard(fn) {
    return function () {
      try {
        return fn.apply(null, arguments);
      } catch (error) {
        warn("internal error (" + (error && error.message) + ")");
      }
    };
  }

  function isText(value, max) {
    return typeof value === "string" && value.length <= max;
  }

  function style(node, rules) {
    // CSSOM, not a style attribute: allowed under a host page's strict style-src.
    for (var name in rules) node.style[name] = rules[name];
    return node;
  }

  function inkFor(hex) {
    var n = parseInt(hex.slice(1), 16);
    var luminance = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
    return luminance > 160 ? "#1d2330" : "#ffffff";
  }

  /* --- talking to the frame -------------------------------------------------------------- */

  function post(type, fields) {
    if (!frame || !frame.contentWindow) return;
    var message = { simhelp: 1, type: type };
    for (var name in fields) message[name] = fields[name];
    frame.contentWindow.postMessage(message, origin); // never "*"
  }

  function whenReady(fn) {
    if (state.dead) return;
    if (state.ready) fn();
    else state.queue.push(fn);
  }

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function onMessage(event) {
    if (state.dead || !frame || event.origin !== origin || event.source !== frame.contentWindow) {
      return;
    }
    var m = event.data;
    if (!m || typeof m !== "object" || m.simhelp !== 1 || typeof m.type !== "string") return;
    if (m.type === "ready") {
      onReady(m);
    } else if (m.type === "resize") {
      if (mode === "inline" && typeof m.height === "number" && isFinite(m.height)) {
        frame.style.height = Math.round(Math.min(Math.max(m.height, 200), 4000)) + "px";
      }
    } else if (m.type === "vote") {
      if (isText(m.target, 120) && ITEM.test(m.target) && typeof m.helpful === "boolean") {
        emit("simhelp:vote", { target: m.target, helpful: m.helpful });
      }
    } else if (m.type === "contact") {
      if (isText(m.target, 120) && (m.target === "" || ITEM.test(m.target))) {
        emit("simhelp:contact", { target: m.target });
      }
    } else if (m.type === "close") {
      close(true);
    }
  }

  function onReady(m) {
    clearTimeout(timer);
    if (LANGUAGES.indexOf(m.lang) >= 0) state.lang = m.lang;
    var accent = isText(m.accent, 7) && COLOUR.test(m.accent) ? m.accent : "#0b5fd6";
    if (isText(m.title, 120) && m.title) {
      frame.title = m.title;
      if (panel) panel.setAttribute("aria-label", m.title);
    }
    var label = isText(m.label, 40) && m.label ? m.label : "Help";
    if (mode === "floating" && !launcher) {
      addLauncher(label, accent);
    } else if (launcher) {
      launcher.textContent = label; // after setLanguage: the label in the new language
    }
    if (state.open || mode === "inline") post("show", {});
    if (!state.ready) {
      state.ready = true;
      var queued = state.queue;
      state.queue = [];
      for (var i = 0; i < queued.length; i++) {
        if (!state.ready) {
          // setLanguage reloads the frame: the rest waits for its next "ready".
          state.queue = queued.slice(i).concat(state.queue);
          break;
        }
        guard(queued[i])();
      }
    }
  }

  function refusedNotice(call) {
    // Said on each call, in plain words: the site owner is testing their page right now.
    try {
      window.console.warn("SimHelp widget: " + call + " cannot open the widget here. SimHelp " +
        "refused to show it on this page: its origin, " + location.origin + ", is not among the " +
        "allowed origins for data-site=\"" + script.dataset.site + "\" (or that key is unknown " +
        "or switched off). Add the origin to the site in SimHelp's admin (Answer widget \u203a " +
        "Embedding sites), then reload this page.");
    } catch (ignored) {}
  }

  function die(message) {
    state.dead = true;
    state.queue = [];
    clearTimeout(timer);
    var nodes = [panel, launcher, frame];
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] && nodes[i].parentNode) nodes[i].parentNode.removeChild(nodes[i]);
    }
    panel = launcher = frame = null;
    warn(message);
  }

  /* --- building the widget --------------------------------------------------------------- */

  function frameUrl(data) {
    var params = new URLSearchParams();
    params.set("site", data.site);
    if (LANGUAGES.indexOf(data.lang) >= 0) params.set("lang", data.lang);
    if (data.carrier && SLUG.test(data.carrier)) params.set("carrier", data.carrier);
    if (data.cardType && SLUG.test(data.cardType)) params.set("card_type", data.cardType);
    params.set("mode", mode);
    // The page's address for context, without its query string and fragment (they may be
    // private); SimHelp ignores it unless it is on one of the site's allowed origins.
    if (/^https?:$/.test(location.protocol)) params.set("page", location.origin + location.pathname);
    return origin + "/widget/frame/?" + params.toString();
  }

  function makeFrame(data) {
    frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups");
    frame.title = "SimHelp";
    frame.setAttribute("referrerpolicy", "origin");
    style(frame, { border: "0", width: "100%", height: "100%", display: "block", background: "#fff" });
    frame.addEventListener("load", guard(function () {
      if (state.dead) return;
      post("hello", {});
      clearTimeout(timer);
      if (!state.ready) {
        timer = setTimeout(function () {
          var waiting = state.queue.length;
          state.refused = true;
          die("the frame did not load: check data-site, and that this page's origin is allowed for the key in SimHelp's admin.");
          if (waiting) refusedNotice("SimHelp.open()");
        }, READY_TIMEOUT);
      }
    }));
    frame.src = frameUrl(data);
    return frame;
  }

  function layout() {
    if (!panel) return;
    var small = window.innerWidth < 480;
    // On a phone the open panel fills the screen and has its own close button.
    if (launcher) launcher.style.display = small && state.open ? "none" : "block";
    style(panel, {
      right: small ? "0" : "16px",
      bottom: small ? "0" : "84px",
      width: small ? "100%" : "min(400px, calc(100vw - 32px))",
      height: small ? "100%" : "min(640px, calc(100vh - 108px))",
      borderRadius: small ? "0" : "12px"
    });
  }

  function addPanel() {
    panel = document.createElement("div");
    panel.id = "simhelp-panel-" + Math.random().toString(36).slice(2, 10);
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "SimHelp");
    style(panel, {
      position: "fixed", zIndex: Z, display: "none", overflow: "hidden", background: "#fff",
      boxShadow: "0 12px 40px rgba(0,0,0,.28)", border: "1px solid #d6dbe4"
    });
    layout();
    window.addEventListener("resize", guard(layout), { passive: true });
    return panel;
  }

  function addLauncher(label, accent) {
    launcher = document.createElement("button");
    launcher.type = "button";
    launcher.textContent = label;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", panel.id);
    style(launcher, {
      position: "fixed", right: "16px", bottom: "16px", zIndex: Z, margin: "0",
      padding: "12px 20px", border: "0", borderRadius: "999px", cursor: "pointer",
      background: accent, color: inkFor(accent), font: "600 16px/1.2 system-ui, sans-serif",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)", outlineOffset: "3px"
    });
    launcher.addEventListener("focus", function () { launcher.style.outline = "3px solid #f2a900"; });
    launcher.addEventListener("blur", function () { launcher.style.outline = "none"; });
    launcher.addEventListener("click", guard(function () {
      if (state.open) close(true);
      else show();
    }));
    document.body.appendChild(launcher);
  }

  function show() {
    if (mode === "inline") {
      frame.scrollIntoView({ block: "nearest" });
    } else {
      state.open = true;
      panel.style.display = "block";
      layout();
      if (launcher) launcher.setAttribute("aria-expanded", "true");
    }
    frame.focus();
    post("show", {});
  }

  function close(returnFocus) {
    if (mode !== "floating" || !state.open) return;
    var focusWasInside = document.activeElement === frame;
    state.open = false;
    panel.style.display = "none";
    layout();
    if (launcher) {
      launcher.setAttribute("aria-expanded", "false");
      if (returnFocus || focusWasInside) launcher.focus();
    }
  }

  function onKey(event) {
    if (event.key !== "Escape" || !state.open) return;
    var active = document.activeElement;
    if (active === launcher || (panel && panel.contains(active))) {
      close(true);
    }
  }

  function build() {
    var data = script.dataset;
    mode = data.mode === "inline" ? "inline" : "floating";
    if (mode === "inline") {
      var target = null;
      try {
        target = data.target ? document.querySelector(data.target) : null;
      } catch (badSelector) {}
      if (!target) {
        state.dead = true;
        warn('data-mode="inline" needs data-target="#element-id" naming an element on this page.');
        return;
      }
      target.appendChild(makeFrame(data));
      style(frame, { height: "520px", border: "1px solid #d6dbe4", borderRadius: "8px" });
    } else {
      document.body.appendChild(addPanel()).appendChild(makeFrame(data));
    }
    window.addEventListener("message", guard(onMessage));
    document.addEventListener("keydown", guard(onKey));
  }

  function start() {
    script = document.currentScript;
    if (!script) {
      var candidates = document.querySelectorAll("script[data-site][src*='/widget.js']");
      script = candidates[candidates.length - 1];
    }
    if (!script || !script.src) return warn("cannot find its own <script> tag.");
    if (window.SimHelp && window.SimHelp.version) return warn("loaded twice; keeping the first.");
    origin = new URL(script.src, location.href).origin;

    window.SimHelp = {
      version: 1,
      open: guard(function () {
        if (state.refused) return refusedNotice("SimHelp.open()");
        whenReady(show);
      }),
      close: guard(function () { whenReady(function () { close(false); }); }),
      search: guard(function (q) {
        if (typeof q !== "string") return;
        // The frame cuts it again to the longest question search reads (its box's maxlength).
        whenReady(function () { show(); post("search", { q: q.slice(0, 1000) }); });
      }),
      openArticle: guard(function (key) {
        if (!isText(key, 120) || !ITEM.test(key)) return;
        whenReady(function () { show(); post("open", { key: key }); });
      }),
      setLanguage: guard(function (lang) {
        if (LANGUAGES.indexOf(lang) < 0) return;
        whenReady(function () {
          if (lang === state.lang) return;
          // The frame reloads in that language; later calls wait for it to be ready again.
          state.ready = false;
          post("language", { lang: lang });
        });
      }),
      setContext: guard(function (context) {
        context = context || {};
        var fields = { carrier: "", cardType: "" };
        if (isText(context.carrier, 40) && SLUG.test(context.carrier)) fields.carrier = context.carrier;
        if (isText(context.cardType, 40) && SLUG.test(context.cardType)) fields.cardType = context.cardType;
        whenReady(function () { post("context", fields); });
      })
    };

    if (!KEY.test(script.dataset.site || "")) {
      state.dead = true;
      return warn('missing or malformed data-site key; copy the snippet from SimHelp\'s admin.');
    }
    if (document.body) build();
    else document.addEventListener("DOMContentLoaded", guard(build));
  }

  guard(start)();
})();
