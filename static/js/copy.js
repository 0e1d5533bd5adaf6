/* "Copy" beside a read-only address: shown only when JavaScript runs (without it the
   address is still there to select by hand). Copies through the Clipboard API, or by
   selecting the text when the browser refuses; says "Copied" for two seconds and tells a
   screen reader through the button's own text. Nothing inline, for the strict CSP. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    var label = button.querySelector("span");
    var original = label ? label.textContent : "";
    button.hidden = false;
    button.addEventListener("click", function () {
      function done() {
        if (label) {
          label.textContent = button.getAttribute("data-copied") || original;
          window.setTimeout(function () { label.textContent = original; }, 2000);
        }
        button.setAttribute("data-copied-at", String(Date.now()));
      }
      field.focus();
      field.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
