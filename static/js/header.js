/* The phone header, enhanced. Without JavaScript the search and menu buttons are links to
   #site-search and #site-menu, which CSS opens with :target. Here they become toggles:
   aria-expanded tells a screen reader whether the part is open, a second tap closes it,
   and opening the search puts the cursor in its box (search in one tap).
   Nothing inline, so the strict Content-Security-Policy applies. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) {
    return;
  }
  var toggles = Array.prototype.slice.call(header.querySelectorAll("[data-toggle]"));
  header.classList.add("has-js");

  function setOpen(toggle, open) {
    var target = document.getElementById(toggle.getAttribute("data-toggle"));
    if (!target) {
      return;
    }
    target.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var input = target.querySelector("input[type=search]");
      if (input) {
        input.focus();
      }
    }
  }

  toggles.forEach(function (toggle) {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-controls", toggle.getAttribute("data-toggle"));
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggles.forEach(function (other) {
        if (other !== toggle) {
          setOpen(other, false);
        }
      });
      setOpen(toggle, open);
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggles.forEach(function (toggle) {
        if (toggle.getAttribute("aria-expanded") === "true") {
          setOpen(toggle, false);
          toggle.focus();
        }
      });
    }
  });
})();
