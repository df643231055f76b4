/* The print button on document pages (partials/anshin/print-toolbar.html). It is
   rendered hidden, because printing needs this script; shown here, once per page
   (Material's document$ also covers instant navigation, if it is ever turned on). */
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("[data-anshin-print]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest("[data-anshin-print]")) {
      window.print();
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
