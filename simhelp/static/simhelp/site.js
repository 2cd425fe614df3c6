// SimHelp help site: optional enhancements; every page works without this script.
(function () {
  "use strict";
  var lang = document.documentElement.lang.toLowerCase();

  // "Was this helpful?": send the vote in the background and thank the reader in place.
  document.querySelectorAll("form[data-feedback]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!window.fetch || !button) return;
      event.preventDefault();
      var data = new FormData(form);
      data.set("helpful", button.value);
      fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" },
        credentials: "same-origin" })
        .then(function (r) {
          // A refusal (too many votes, bad input) comes as JSON too: show its message.
          if (r.ok || r.status === 400 || r.status === 429) return r.json();
          return Promise.reject(r);
        })
        .then(function (body) {
          var thanks = document.createElement("p");
          thanks.className = body.error ? "notice" : "thanks";
          thanks.setAttribute("role", "status");
          thanks.textContent = body.error ? body.error.message : body.message;
          // "No": offer a comment box, the troubleshooters and how to reach a person.
          var more = form.parentNode.querySelector("[data-not-helpful]");
          form.replaceWith(thanks);
          if (!body.error && button.value === "no" && more && more.hidden) {
            more.hidden = false;
            more.querySelector("textarea").focus();
          }
        })
        .catch(function () { form.submit(); });
    });
  });

  // Codes to dial (*100#, 0890): a copy button beside each tel: link, and a beacon counting
  // taps on either for staff insights (POST /api/v1/taps/, form-encoded: no preflight).
  var dial = document.getElementById("dial-status");
  function tapped(code) {
    if (!navigator.sendBeacon) return;
    var body = new URLSearchParams({ code: code, lang: dial.dataset.lang, source: "site" });
    navigator.sendBeacon(dial.dataset.taps, body);
  }
  function copied(button, code) {
    button.textContent = dial.dataset.copied;
    dial.textContent = "";
    setTimeout(function () { dial.textContent = dial.dataset.copied + " " + code; }, 50);
    setTimeout(function () { button.textContent = dial.dataset.copy; }, 3000);
  }
  function copyText(code, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code).then(done, function () { copyOld(code, done); });
    } else {
      copyOld(code, done);
    }
  }
  function copyOld(code, done) {
    // Without the Clipboard API (plain http, older browsers): select a hidden field and copy.
    var field = document.createElement("textarea");
    field.value = code;
    field.className = "sr";
    field.setAttribute("readonly", "");
    document.body.appendChild(field);
    field.select();
    try { if (document.execCommand("copy")) done(); } catch (e) { /* nothing copied */ }
    field.remove();
  }
  if (dial) {
    document.querySelectorAll("a.dial[data-dial]").forEach(function (link) {
      var code = link.dataset.dial, button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = dial.dataset.copy;
      button.setAttribute("aria-label", dial.dataset.copyLabel.replace("%(code)s", code));
      button.addEventListener("click", function () {
        copyText(code, function () { copied(button, code); });
        tapped(code);
      });
      link.addEventListener("click", function () { tapped(code); });
      link.after(button);
    });
  }

  // Suggestions while typing, from the JSON API; links, so they work with the keyboard.
  var input = document.querySelector("input[data-suggest]");
  var list = document.getElementById("q-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer, last = "";
  input.setAttribute("aria-controls", "q-suggestions");
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) { list.hidden = true; return; }
      var url = input.dataset.suggest + "?limit=5&lang=" + encodeURIComponent(lang === "zh-hans" ? "zh-hans" : lang) +
        "&q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) {
          if (input.value.trim() !== q) return;
          list.replaceChildren();
          // Only what the results page would show: confident results, none for a question
          // staff marked as out of scope.
          (body.out_of_scope ? [] : body.results).forEach(function (item) {
            if (!item.url || !item.confident) return;
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = item.url;
            a.textContent = item.title;
            li.appendChild(a);
            list.appendChild(li);
          });
          list.hidden = !list.children.length;
          list.dataset.query = q;  // which question the list answers (tests read it too)
        })
        .catch(function () { list.hidden = true; });
    }, 250);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") list.hidden = true;
  });
})();
