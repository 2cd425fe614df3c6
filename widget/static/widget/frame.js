/*
 * SimHelp widget frame: search as you type, answers, guides, troubleshooters and votes, all
 * from the JSON API on this origin. Runs under a strict CSP (no inline script or style).
 * Only the answer HTML that the server renders from Markdown and sanitizes is ever inserted as
 * HTML (see answerHtml); everything else is built with textContent and DOM calls.
 */
(function () {
  "use strict";

  var cfg = JSON.parse(document.getElementById("simhelp-config").textContent);
  var S = cfg.strings;
  var ITEM = /^(faq|guide|troubleshooter):([a-z0-9]+(?:-[a-z0-9]+)*)$/;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var SITE_LINK = /^\/(?:zh-hans|en|ru)\/(faq|guides|troubleshoot)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/$/;
  var SITE_TYPES = { faq: "faq", guides: "guide", troubleshoot: "troubleshooter" };
  var DEBOUNCE = 250;

  var input = byId("q");
  var view = byId("view");
  var status = byId("status");
  var hostOrigin = null;
  var context = { carrier: cfg.carrier, cardType: cfg.cardType };
  var state = { query: "", key: "", path: [], results: null, home: null, shown: false };
  var timer = 0;
  var searching = null;
  var sequence = 0;

  // Trusted Types (enforced by the frame's CSP where the browser supports it): this policy is
  // the only way to put HTML into the page, and only answerHtml uses it.
  var policy = window.trustedTypes
    ? window.trustedTypes.createPolicy("simhelp-answer", { createHTML: function (html) { return html; } })
    : null;

  function byId(id) {
    return document.getElementById(id);
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    for (var name in props || {}) {
      var value = props[name];
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value);
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function stepPicture(image) {
    // A guide step's picture from the API, as elements (no HTML string): its fallback files
    // in srcset, its size reserved, loaded only when scrolled near.
    if (!image) return null;
    var files = image.variants.filter(function (file) { return file.format !== "webp"; });
    var srcset = function (list) {
      return list.map(function (file) { return file.url + " " + file.width + "w"; }).join(", ");
    };
    var sizes = "(max-width: 40rem) 100vw, 40rem";
    return el("picture", {}, [
      el("source", {
        type: "image/webp",
        srcset: srcset(image.variants.filter(function (file) { return file.format === "webp"; })),
        sizes: sizes,
      }),
      el("img", {
        src: files[0].url, srcset: srcset(files), sizes: sizes, width: image.width,
        height: image.height, alt: image.alt, loading: "lazy", decoding: "async",
      }),
    ]);
  }

  function answerHtml(html) {
    // The one place HTML is inserted: `html` is an API field (answer.html, message_html,
    // answer_html,
    // summary_html, body_html, intro_html) rendered by the server from Markdown with raw HTML
    // off and cleaned by nh3 with a tag allowlist and https/mailto links only (and the tel:
    // links simhelp.dial makes of codes to dial).
    var box = el("div", { class: "answer" });
    box.innerHTML = policy ? policy.createHTML(html || "") : html || "";
    var links = box.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var site = SITE_LINK.exec(links[i].getAttribute("href"));
      if (links[i].classList.contains("dial") && links[i].dataset.dial) {
        dialLink(links[i]); // tel: opens the phone's dialler, not a tab
      } else if (site) {
        links[i].addEventListener("click", openOnClick(SITE_TYPES[site[1]] + ":" + site[2]));
      } else {
        links[i].target = "_blank";
        links[i].rel = "noopener noreferrer";
      }
    }
    return box;
  }

  function dialLink(link) {
    // A code to dial (*100#): a copy button beside it; a tap on either is counted.
    var code = link.dataset.dial;
    var button = el("button", {
      type: "button", class: "copy", "aria-label": format(S.copyCode, { code: code }), text: S.copy,
      onclick: function () {
        copyText(code, function () {
          button.textContent = S.copied;
          say(S.copied + " " + code, true);
          setTimeout(function () { button.textContent = S.copy; }, 3000);
        });
        tapped(code);
      }
    });
    link.addEventListener("click", function () { tapped(code); });
    link.after(button);
  }

  function tapped(code) {
    // A beacon (form-encoded: no preflight) for the staff's count of taps on each code.
    if (!navigator.sendBeacon) return;
    var body = new URLSearchParams({ code: code, lang: cfg.lang, source: "widget" });
    navigator.sendBeacon(cfg.api + "taps/", body);
  }

  function copyText(text, done) {
    // In a frame the host page's permissions policy usually withholds the Clipboard API.
    var rules = document.permissionsPolicy || document.featurePolicy;
    var allowed = !rules || rules.allowsFeature("clipboard-write");
    if (navigator.clipboard && window.isSecureContext && allowed) {
      navigator.clipboard.writeText(text).then(done, function () { copyOld(text, done); });
    } else {
      copyOld(text, done);
    }
  }

  function copyOld(text, done) {
    // Without the Clipboard API (or refused in a frame): select a hidden field and copy.
    var field = el("textarea", { class: "sr", readonly: "" });
    field.value = text;
    document.body.appendChild(field);
    field.select();
    try { if (document.execCommand("copy")) done(); } catch (e) { /* nothing copied */ }
    field.remove();
  }

  function openOnClick(key) {
    return function (event) {
      event.preventDefault();
      openItem(key);
    };
  }

  function say(text, quiet) {
    // Progress and errors are shown; a quiet message is only announced to screen readers.
    status.className = quiet ? "status sr" : "status";
    status.textContent = text || "";
  }

  function show(nodes, focusFirstHeading) {
    view.textContent = "";
    nodes.forEach(function (node) {
      if (node) view.appendChild(node);
    });
    view.scrollTop = 0;
    document.documentElement.scrollTop = 0;
    var heading = view.querySelector("h2");
    if (focusFirstHeading && heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    resized();
  }

  /* --- host page ------------------------------------------------------------------------- */

  function tell(type, fields) {
    if (!hostOrigin) return;
    var message = { simhelp: 1, type: type };
    for (var name in fields || {}) message[name] = fields[name];
    window.parent.postMessage(message, hostOrigin); // the origin that said hello, never "*"
  }

  function resized() {
    if (cfg.mode === "inline") {
      tell("resize", { height: Math.ceil(document.body.getBoundingClientRect().height) });
    }
  }

  function onMessage(event) {
    if (window.parent === window || event.source !== window.parent) return;
    var m = event.data;
    if (!m || typeof m !== "object" || m.simhelp !== 1 || typeof m.type !== "string") return;
    if (hostOrigin === null) {
      // Only a parent on one of the site's origins may start talking (the CSP frame-ancestors
      // already keeps every other page from framing us).
      if (m.type !== "hello" || cfg.origins.indexOf(event.origin) < 0) return;
      hostOrigin = event.origin;
    } else if (event.origin !== hostOrigin) {
      return;
    }
    if (m.type === "hello") {
      tell("ready", { label: S.launcher, title: S.frameTitle, accent: cfg.accent, lang: cfg.lang });
    } else if (m.type === "show") {
      if (!state.shown) {
        state.shown = true;
        if (!state.query && !state.key) home();
      }
      input.focus();
    } else if (m.type === "search" && typeof m.q === "string") {
      input.value = m.q.slice(0, input.maxLength > 0 ? input.maxLength : 300);
      search(true);
    } else if (m.type === "open" && typeof m.key === "string" && ITEM.test(m.key)) {
      openItem(m.key);
    } else if (m.type === "language" && typeof m.lang === "string") {
      switchLanguage(m.lang);
    } else if (m.type === "context") {
      context.carrier = typeof m.carrier === "string" && SLUG.test(m.carrier) ? m.carrier : "";
      context.cardType = typeof m.cardType === "string" && SLUG.test(m.cardType) ? m.cardType : "";
      if (state.query) search(true);
    }
  }

  /* --- the API --------------------------------------------------------------------------- */

  function api(path, params, body, signal) {
    var query = new URLSearchParams();
    for (var name in params || {}) {
      if (params[name] !== "" && params[name] != null) query.set(name, params[name]);
    }
    query.set("lang", cfg.lang);
    var init = {
      headers: { Accept: "application/json", "X-SimHelp-Source": "widget" },
      credentials: "omit",
      signal: signal
    };
    if (body) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(cfg.api + path + "?" + query.toString(), init).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function withContext(params) {
    params.carrier = context.carrier;
    params.card_type = context.cardType;
    return params;
  }

  function failed(error) {
    if (error && error.name === "AbortError") return;
    say(S.error);
  }

  /* --- views ----------------------------------------------------------------------------- */

  function itemList(items) {
    return el(
      "ul",
      { class: "items" },
      items.map(function (item) {
        var key = item.type + ":" + item.slug;
        if (!ITEM.test(key)) return null;
        return el("li", {}, [
          el("button", { type: "button", class: "item", onclick: openOnClick(key) }, [
            el("span", { class: "kind", text: S[item.type] || "" }),
            el("span", { text: item.title })
          ])
        ]);
      })
    );
  }

  function startLists() {
    // Until the reader types: the most helpful questions and the troubleshooters.
    var nodes = [];
    if (cfg.home.helpful.length) {
      nodes.push(el("h2", { text: S.mostHelpful }), itemList(cfg.home.helpful));
    }
    if (cfg.home.troubleshooters.length) {
      nodes.push(el("h2", { text: S.troubleshooters }), itemList(cfg.home.troubleshooters));
    }
    return nodes;
  }

  function home() {
    state.key = "";
    state.path = [];
    if (!cfg.page) return show(startLists());
    if (state.home) return show(state.home.concat(startLists()));
    show(startLists());
    api("ask/", withContext({ q: " ", page_url: cfg.page })).then(function (data) {
      var items = data.page_suggestions || [];
      state.home = items.length ? [el("h2", { text: S.onPage }), itemList(items)] : [];
      if (!state.query && !state.key) show(state.home.concat(startLists()));
    }, failed);
  }

  function search(now) {
    clearTimeout(timer);
    if (!now) {
      timer = setTimeout(function () { search(true); }, DEBOUNCE);
      return;
    }
    var q = input.value.trim();
    if (searching) searching.abort();
    searching = window.AbortController ? new AbortController() : null;
    var mine = ++sequence;
    state.query = q;
    state.key = "";
    if (q.length < 2) {
      state.results = null;
      say("");
      return home();
    }
    say(S.searching);
    var params = withContext({ q: q, page_url: cfg.page });
    api("ask/", params, null, searching && searching.signal).then(function (data) {
      if (mine !== sequence) return;
      state.results = results(data);
      show(state.results);
      say(data.answer ? S.best + ": " + data.answer.title : data.message || S.none, true);
    }, failed);
  }

  function results(data) {
    var nodes = [];
    if (data.answer) {
      nodes.push(el("h2", { text: S.best }));
      nodes.push(answerCard(data.answer, data.message, data.start_node));
    } else if (data.source === "out-of-scope") {
      // Staff marked questions like this one as not ours: their message, no SIM answers.
      nodes.push(el("div", { class: "notice out-of-scope" }, [answerHtml(data.message_html)]));
      return nodes;
    } else {
      nodes.push(el("p", { class: "none", text: S.none }));
      if (data.troubleshooters && data.troubleshooters.length) {
        nodes.push(itemList(data.troubleshooters));
      }
      nodes.push(contactBox(data.contact_hint, ""));
    }
    if (data.suggestions && data.suggestions.length) {
      nodes.push(el("h2", { text: S.more }));
      nodes.push(itemList(data.suggestions));
    }
    return nodes;
  }

  function fallbackNote(language) {
    if (!language || language === cfg.lang) return null;
    var name = language;
    cfg.languages.forEach(function (l) {
      if (l.code === language) name = l.name;
    });
    return el("p", { class: "note", text: format(S.shownIn, { language: name }) });
  }

  function siteLink(url) {
    if (typeof url !== "string" || !/^\/[^/\\]/.test(url)) return null;
    return el("a", {
      class: "site-link", href: url, target: "_blank", rel: "noopener noreferrer", text: S.openSite
    });
  }

  function answerCard(answer, message, startNode) {
    var key = answer.type + ":" + answer.slug;
    var card = el("article", { class: "card", "data-answer": key }, [
      el("p", { class: "kind", text: S[answer.type] || "" }),
      el("h3", { text: answer.title }),
      message ? el("p", { class: "notice", text: message }) : null,
      answer.fallback ? fallbackNote(answer.language) : null,
      answerHtml(answer.html)
    ]);
    if (answer.type === "troubleshooter") {
      card.appendChild(el("button", {
        type: "button", class: "primary",
        onclick: function () { walk(answer.slug, startNode || ""); }
      }, [document.createTextNode(S.start)]));
    } else {
      card.appendChild(siteLink(answer.url) || document.createTextNode(""));
      card.appendChild(voteBox(key, ""));
    }
    return card;
  }

  function backButton() {
    return el("button", {
      type: "button", class: "back",
      onclick: function () {
        state.key = "";
        if (state.results) show(state.results, true);
        else home();
      }
    }, [document.createTextNode("← " + S.back)]);
  }

  function openItem(key, path) {
    var match = ITEM.exec(key);
    if (!match) return;
    state.key = key;
    state.path = [];
    var type = match[1];
    var slug = match[2];
    if (type === "troubleshooter") return walk(slug, "", path);
    say(S.searching);
    var path = type === "faq" ? "faqs/" : "guides/";
    api(path + slug + "/").then(function (data) {
      if (state.key !== key) return;
      say("");
      var body = [];
      if (type === "faq") {
        body.push(answerHtml(data.answer_html));
      } else {
        body.push(answerHtml(data.summary_html));
        body.push(el("ol", { class: "steps" }, (data.steps || []).map(function (step) {
          return el("li", {}, [
            el("h3", { text: step.title }), answerHtml(step.body_html), stepPicture(step.image),
          ]);
        })));
      }
      show([
        backButton(),
        el("article", { class: "card", "data-answer": key }, [
          el("p", { class: "kind", text: S[type] }),
          el("h2", { text: type === "faq" ? data.question : data.title }),
          Object.keys(data.fallback || {}).length ? fallbackNote(data.fallback[Object.keys(data.fallback)[0]]) : null
        ].concat(body, [siteLink(data.url), voteBox(key, "")]))
      ], true);
    }, failed);
  }

  /* --- troubleshooters, one step at a time ----------------------------------------------- */

  function walk(slug, startNode, path) {
    // `path`: the node keys walked so far (the same in every language), to resume there.
    var key = "troubleshooter:" + slug;
    state.key = key;
    say(S.searching);
    api("troubleshooters/" + slug + "/", withContext({})).then(function (tree) {
      if (state.key !== key) return;
      if (path && path.length > 1) {
        var params = withContext({ path: path.join(",") });
        return api("troubleshooters/" + slug + "/nodes/" + path[path.length - 1] + "/", params).then(
          function (data) { step(tree, data.node, false); },
          function () { step(tree, tree.start, true); } // that path no longer exists: start
        );
      }
      if (!startNode || startNode === tree.start.key) return step(tree, tree.start, true);
      return api("troubleshooters/" + slug + "/nodes/" + startNode + "/", withContext({})).then(
        function (data) { step(tree, data.node, false); }
      );
    }).catch(failed);
  }

  function step(tree, node, atStart) {
    var key = "troubleshooter:" + tree.slug;
    if (state.key !== key) return;
    say("");
    state.path = node.path.slice();
    var solution = node.kind === "solution";
    var options = el("ul", { class: "options" }, node.options.map(function (option) {
      return el("li", {}, [el("button", {
        type: "button", class: "option",
        onclick: function () { choose(tree, node, option.id); }
      }, [document.createTextNode(option.label)])]);
    }));
    var nav = el("p", { class: "walk" }, [
      node.path.length > 1 ? el("button", {
        type: "button", class: "link",
        onclick: function () { goTo(tree, node.path.slice(0, -1)); }
      }, [document.createTextNode("← " + S.back)]) : null,
      node.path.length > 1 ? el("button", {
        type: "button", class: "link", onclick: function () { walk(tree.slug, ""); }
      }, [document.createTextNode(S.startOver)]) : null
    ]);
    show([
      backButton(),
      el("article", { class: "card", "data-answer": key, "data-node": node.key }, [
        el("p", { class: "kind", text: S.troubleshooter }),
        el("h2", { text: tree.title }),
        atStart ? answerHtml(tree.intro_html) : null,
        el("p", { class: "step-count", text: format(S.step, { n: node.path.length }) }),
        el("h3", { text: solution ? format(S.tryThis, { step: node.text }) : node.text }),
        answerHtml(node.body_html),
        node.options.length ? options : null,
        nav,
        solution ? voteBox(key, node.key) : null
      ])
    ], !atStart);
  }

  function choose(tree, node, optionId) {
    var params = withContext({ path: node.path.join(","), option: optionId });
    api("troubleshooters/" + tree.slug + "/nodes/" + node.key + "/", params).then(function (data) {
      if (data.next) step(tree, data.next, false);
    }, failed);
  }

  function goTo(tree, path) {
    var key = path[path.length - 1];
    var params = withContext({ path: path.join(",") });
    api("troubleshooters/" + tree.slug + "/nodes/" + key + "/", params).then(function (data) {
      step(tree, data.node, path.length === 1);
    }, failed);
  }

  /* --- votes and contact ----------------------------------------------------------------- */

  function voteBox(target, node) {
    var question = el("p", { class: "vote-question", text: node ? S.solved : S.helpful });
    var box = el("section", { class: "vote" }, [question]);
    function vote(helpful) {
      return function () {
        var buttons = box.querySelectorAll("button");
        for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
        var body = { target: target, helpful: helpful, lang: cfg.lang, source: "widget" };
        if (node) body.node = node;
        api("feedback/", {}, body).then(function () {
          box.textContent = "";
          box.appendChild(el("p", { class: "thanks", role: "status", text: S.thanks }));
          if (!helpful) notHelpful(box, target, node);
          tell("vote", { target: target, helpful: helpful });
          resized();
        }, function (error) {
          for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
          failed(error);
        });
      };
    }
    box.appendChild(el("p", { class: "row" }, [
      el("button", { type: "button", onclick: vote(true) }, [document.createTextNode(S.yes)]),
      el("button", { type: "button", class: "secondary", onclick: vote(false) }, [document.createTextNode(S.no)])
    ]));
    return box;
  }

  function notHelpful(box, target, node) {
    // After "no": what was wrong (optional), the troubleshooters, and the site's contact.
    var comment = el("textarea", { id: "vote-comment", rows: "3", maxlength: "1000" });
    var form = el("form", { class: "comment" }, [
      el("label", { for: "vote-comment", text: S.whatWrong }),
      comment,
      el("button", { type: "submit" }, [document.createTextNode(S.send)])
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!comment.value.trim()) return;
      var body = { target: target, helpful: false, lang: cfg.lang, source: "widget",
        comment: comment.value.slice(0, 1000) };
      if (node) body.node = node;
      api("feedback/", {}, body).then(function () {
        form.replaceWith(el("p", { class: "thanks", role: "status", text: S.commentSent }));
      }, failed);
    });
    box.appendChild(form);
    var trees = cfg.home.troubleshooters.filter(function (item) {
      return "troubleshooter:" + item.slug !== target;
    });
    if (trees.length) {
      box.appendChild(el("p", { class: "contact-intro", text: S.troubleshooters }));
      box.appendChild(itemList(trees.slice(0, 3)));
    }
    box.appendChild(contactBox("", target));
  }

  function contactBox(hint, target) {
    var box = el("section", { class: "contact" }, [
      el("p", { class: "contact-intro", text: S.contactIntro }),
      hint ? el("p", { text: hint }) : null
    ]);
    if (/^(https:\/\/|mailto:)/i.test(cfg.contact)) {
      var label = format(S.contact, { site: cfg.site });
      if (/^mailto:/i.test(cfg.contact)) label += " (" + cfg.contact.slice(7) + ")";
      box.appendChild(el("p", {}, [el("a", {
        href: cfg.contact, target: "_blank", rel: "noopener noreferrer", text: label,
        onclick: function () { tell("contact", { target: target || state.key }); }
      })]));
    }
    return box;
  }

  /* --- language -------------------------------------------------------------------------- */

  function switchLanguage(lang) {
    var known = cfg.languages.some(function (l) { return l.code === lang; });
    if (!known || lang === cfg.lang) return;
    var url = new URL(location.href);
    url.searchParams.set("lang", lang);
    url.searchParams.set("q", input.value.trim());
    url.searchParams.set("open", state.key);
    // A troubleshooter goes on where it was: its path is the same in every language.
    if (state.key.indexOf("troubleshooter:") === 0 && state.path.length > 1) {
      url.searchParams.set("path", state.path.join(","));
    } else {
      url.searchParams.delete("path");
    }
    location.replace(url.toString());
  }

  /* --- start ----------------------------------------------------------------------------- */

  (function start() {
    var root = document.documentElement;
    var n = parseInt(cfg.accent.slice(1), 16);
    var light = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) > 160;
    root.style.setProperty("--accent", cfg.accent);
    root.style.setProperty("--accent-ink", light ? "#1d2330" : "#ffffff");
    root.className = cfg.mode;
    if (cfg.mode === "floating" && window.parent !== window) {
      var close = byId("close");
      close.hidden = false;
      close.addEventListener("click", function () { tell("close"); });
    }
    byId("lang").addEventListener("change", function (event) { switchLanguage(event.target.value); });
    input.addEventListener("input", function () { search(false); });
    byId("ask").addEventListener("submit", function (event) {
      event.preventDefault();
      search(true);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && cfg.mode === "floating") tell("close");
    });
    window.addEventListener("message", onMessage);
    if (window.ResizeObserver && cfg.mode === "inline") new ResizeObserver(resized).observe(document.body);
    if (cfg.q) {
      input.value = cfg.q;
      search(true);
    }
    if (cfg.open) openItem(cfg.open, cfg.path);
    if (window.parent === window || cfg.mode === "inline") {
      state.shown = true;
      if (!cfg.q && !cfg.open) home();
    }
  })();
})();
