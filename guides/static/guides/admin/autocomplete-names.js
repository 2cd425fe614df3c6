/* Each autocomplete box (select2) of a guide step is named by its field's label.
 *
 * select2 names its combobox after the text of the current choice (aria-labelledby), which is
 * empty until a picture is chosen, and gives that text the role of a textbox without a name: a
 * screen reader met two unnamed controls. The field's <label> is put first in both names, for
 * the rows on the page and for rows added later (select2 builds its boxes after the page's
 * ready handlers, so new boxes are watched for rather than looked for once).
 */
(function () {
  "use strict";
  function named(element, labelId) {
    var ids = (element.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(labelId) === -1) {
      element.setAttribute("aria-labelledby", [labelId].concat(ids).join(" "));
    }
  }
  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var wrapper = select.nextElementSibling;
      if (!label || !wrapper || !wrapper.classList.contains("select2")) return;
      if (!label.id) label.id = select.id + "-label";
      wrapper.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (box) {
        named(box, label.id);
      });
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameBoxes(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
