// The image library's picker on the admin's Markdown fields: a list of the published pictures
// beside each text area; choosing one inserts ![description](image:key) at the cursor.
// A static file (the admin's CSP allows no script from elsewhere); it builds elements, never
// HTML strings.
(function () {
  "use strict";
  var LABELS = {
    "zh-hans": "插入图片…",
    en: "Insert picture…",
    ru: "Вставить картинку…",
  };
  var MARKDOWN = /(^|-)(answer|summary|body|intro|message)_[a-z_]+$/;
  var images = null;

  function insert(area, text) {
    var start = area.selectionStart, end = area.selectionEnd;
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.selectionStart = area.selectionEnd = start + text.length;
    area.focus();
  }

  function addPicker(area) {
    if (!images || !images.length || !MARKDOWN.test(area.name) || area.dataset.picker) return;
    if (area.name.indexOf("__prefix__") !== -1) return;
    area.dataset.picker = "1";
    var lang = document.documentElement.lang || "en";
    var select = document.createElement("select");
    select.className = "simhelp-image-picker";
    select.setAttribute("aria-label", LABELS[lang] || LABELS.en);
    select.appendChild(new Option(LABELS[lang] || LABELS.en, ""));
    images.forEach(function (image) {
      select.appendChild(new Option(image.key + " — " + image.markdown, image.markdown));
    });
    select.addEventListener("change", function () {
      if (select.value) insert(area, select.value);
      select.value = "";
    });
    area.parentNode.insertBefore(select, area);
  }

  function addAll() {
    document.querySelectorAll("textarea").forEach(addPicker);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fetch("/admin/simhelp/image/picker/", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { images: [] }; })
      .then(function (data) { images = data.images; addAll(); });
  });
  document.addEventListener("formset:added", addAll);
})();
