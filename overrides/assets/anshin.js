/* Anshin: keep the reader's place when they switch language.
 *
 * Clauses have the same position ids in every language (c-2-7), and headings carry
 * theirs as data-clause. When the reader picks the other language, we carry the clause
 * they were reading (the one in the address, or the one at the top of the screen) over
 * to the translated page; on arrival we scroll to it, headings included.
 */
(function () {
  "use strict";

  var HEADER_OFFSET = 80;

  function clauseElements() {
    return document.querySelectorAll(".md-content .anshin-clause[id], .md-content [data-clause]");
  }

  function clauseIdOf(element) {
    return element.getAttribute("data-clause") || element.id;
  }

  function clauseInAddress() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (!hash) return null;
    var target = document.getElementById(hash);
    if (target && (target.classList.contains("anshin-clause") || target.hasAttribute("data-clause"))) {
      return clauseIdOf(target);
    }
    return /^c(-\d+)+$/.test(hash) ? hash : null;
  }

  function clauseOnScreen() {
    var current = null;
    var elements = clauseElements();
    for (var i = 0; i < elements.length; i++) {
      if (elements[i].getBoundingClientRect().top - HEADER_OFFSET > 1) break;
      current = clauseIdOf(elements[i]);
    }
    return current;
  }

  // The clause in the address while it is still on screen; otherwise the one the reader
  // has scrolled to.
  function chosenClause() {
    var addressed = clauseInAddress();
    var element = addressed && (document.getElementById(addressed) ||
      document.querySelector('[data-clause="' + addressed + '"]'));
    if (element) {
      var box = element.getBoundingClientRect();
      if (box.bottom > HEADER_OFFSET && box.top < window.innerHeight) return addressed;
    }
    return window.scrollY > 0 ? clauseOnScreen() || addressed : addressed;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (!link || link.hostname !== location.hostname) return;
    var target = new URL(link.href);
    if (target.pathname === location.pathname) return;
    var clause = chosenClause();
    if (!clause) return;
    event.preventDefault();
    target.hash = clause;
    location.href = target.href;
  });

  // Headings keep readable anchors (#甲方职责); a position id arriving from the other
  // language finds them through data-clause.
  function scrollToClause() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (!/^c(-\d+)+$/.test(hash) || document.getElementById(hash)) return;
    var heading = document.querySelector('[data-clause="' + hash + '"]');
    if (heading) heading.scrollIntoView();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scrollToClause);
  } else {
    scrollToClause();
  }
})();
