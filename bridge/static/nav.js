/* Q-SER Bridge page script. Navigation: the grouped menus are <details> and work without this script. It adds the
   phone-width menu button, keeps one menu open at a time, and closes menus with Escape or a click elsewhere. */
(function () {
  "use strict";
  /* A table wider than the screen scrolls inside its .table-responsive box: make that box reachable with the
     keyboard (focusable, named by the table's caption), as WCAG 2.1.1 asks. */
  Array.prototype.forEach.call(document.querySelectorAll(".table-responsive"), function (box) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (caption) { box.setAttribute("aria-label", caption.textContent.trim()); }
    }
  });
  var header = document.querySelector("[data-nav]");
  if (!header) { return; }
  var groups = Array.prototype.slice.call(header.querySelectorAll("details[data-nav-group]"));
  var toggle = header.querySelector("[data-nav-toggle]");

  function closeOthers(keep) {
    groups.forEach(function (group) { if (group !== keep) { group.open = false; } });
  }
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () { if (group.open) { closeOthers(group); } });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    groups.forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!header.contains(event.target)) { closeOthers(null); }
  });
  if (toggle) {
    header.classList.add("qser-collapsible");
    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("qser-open", open);
    });
  }
}());
