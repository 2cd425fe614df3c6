/* Admin, embedding site page: the "Copy the snippet" button (a static file: the admin's CSP
 * allows no inline script). Without JavaScript the button stays hidden; the snippet can still
 * be selected and copied by hand. */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      function copied() {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      }
      function byHand() {
        source.focus();
        source.select();
        if (document.execCommand && document.execCommand("copy")) copied();
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(copied, byHand);
      } else {
        byHand();
      }
    });
  });
})();
