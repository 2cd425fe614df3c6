// A live preview under each Markdown textarea of an admin change form, rendered by the site's
// own pipeline on the server (POST, CSRF token from the form): no inline script, no eval.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.dataset.url;
  var names = script.dataset.fields.split(" ");
  var pattern = new RegExp("(^|-)(" + names.join("|") + ")_(zh_hans|en|ru)$");
  var DELAY = 300;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function languageOf(name) {
    var match = pattern.exec(name);
    return match ? match[3].replace("_", "-") : "";
  }

  function attach(textarea) {
    if (textarea.dataset.previewAttached || !pattern.test(textarea.name)) return;
    if (textarea.name.indexOf("__prefix__") !== -1) return; // the empty inline template
    textarea.dataset.previewAttached = "1";
    var box = document.createElement("div");
    box.className = "markdown-preview";
    box.id = textarea.id + "-preview";
    box.setAttribute("aria-live", "polite");
    var label = document.createElement("p");
    label.className = "markdown-preview-label";
    label.textContent = script.dataset.label;
    var problems = document.createElement("ul");
    problems.className = "markdown-preview-problems";
    problems.setAttribute("aria-label", script.dataset.problemsLabel);
    var body = document.createElement("div");
    body.className = "markdown-preview-body";
    box.appendChild(label);
    box.appendChild(problems);
    box.appendChild(body);
    textarea.insertAdjacentElement("afterend", box);
    var timer = null;
    var sent = 0;

    function render() {
      var number = ++sent;
      var data = new FormData();
      data.append("text", textarea.value);
      data.append("language", languageOf(textarea.name));
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          if (number !== sent) return; // a later keystroke's answer wins
          // The server's HTML is the site's sanitized output (markdown-it, then nh3).
          body.innerHTML = result.html;
          problems.textContent = "";
          result.problems.forEach(function (problem) {
            var item = document.createElement("li");
            item.className = problem.problem;
            item.dataset.target = problem.target;
            item.textContent = problem.message;
            problems.appendChild(item);
          });
          box.dataset.state = "ready";
        })
        .catch(function () {
          body.textContent = script.dataset.error;
          box.dataset.state = "error";
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, DELAY);
    });
    render();
  }

  function scan(root) {
    root.querySelectorAll("textarea").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
  });
  // Inline rows added with "Add another" (guide steps, troubleshooter nodes).
  document.addEventListener("formset:added", function (event) {
    scan(event.target);
  });
})();
