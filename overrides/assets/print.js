/* The print button on document pages (partials/anshin/print-toolbar.html). It is
   rendered visible so the page does not shift when scripts load; reveal() stays for
   pages built before that change and for instant navigation (Material's document$). */
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
