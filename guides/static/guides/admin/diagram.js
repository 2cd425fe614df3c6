/* The troubleshooter diagram opens with its start question in view.
 *
 * A tree wider than its scroll box used to open scrolled to the left edge, while Graphviz puts
 * the start question at the top centre: on a wide tree the agent first saw the middle of the
 * tree and had to look for where it begins. Without JavaScript the box simply starts at the left.
 */
(function () {
  "use strict";
  function centreOnStart(box) {
    var start = box.querySelector(".diagram-root");
    if (!start || box.scrollWidth <= box.clientWidth) return;
    var boxRect = box.getBoundingClientRect();
    var nodeRect = start.getBoundingClientRect();
    var nodeCentre = nodeRect.left - boxRect.left + box.scrollLeft + nodeRect.width / 2;
    box.scrollLeft = Math.max(0, nodeCentre - box.clientWidth / 2);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".tree-diagram .diagram-svg").forEach(centreOnStart);
  });
})();
