/* coursesite: a course's page to print (courses/<course>/_print/, written by coursesite/assemble/paper.py).
 *
 * The page holds the whole course. With ?week=<slug> in its address only that week's pages are shown, and so
 * printed; the bar's links choose. The Print button (hidden until this script runs) opens the browser's print
 * dialog. Without scripts the page prints the whole course.
 */
(function () {
  "use strict";

  function start() {
    var week = new URLSearchParams(location.search).get("week") || "";
    var sections = document.querySelectorAll(".cs-course-print__item");
    var known = Array.prototype.some.call(sections, function (section) {
      return week && section.getAttribute("data-cs-week") === week;
    });
    if (!known) week = "";
    Array.prototype.forEach.call(sections, function (section) {
      section.hidden = week !== "" && section.getAttribute("data-cs-week") !== week;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".cs-print-bar a[data-cs-week]"), function (link) {
      if (link.getAttribute("data-cs-week") === week) {
        link.setAttribute("aria-current", "page");
        if (week) document.title = link.textContent + " · " + document.title;
      } else {
        link.removeAttribute("aria-current");
      }
    });
    var button = document.querySelector("[data-cs-print]");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
