(function () {
  "use strict";

  /* Runs `start` on every page: on each of Material's instant navigations (document$),
     else once the document is parsed. Shared by the two parts of this file. */
  function onEveryPage(start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  /* The print button on document pages (partials/anshin/print-toolbar.html). It is
     rendered visible so the page does not shift when scripts load; reveal() stays for
     pages built before that change and for instant navigation (Material's document$). */
  (function () {
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

    onEveryPage(reveal);
  })();

  /* Fill in on screen, then print (partials/anshin/form-fields.html, hooks/forms.py), in
     this file so that pages make no extra request.

     What a family types stays in this page: nothing is sent, and nothing is stored unless
     "remember on this device" is ticked. Then the values are kept in localStorage under
     the document's key (the same for its Chinese, Japanese and side-by-side pages) and
     updated as they are typed; unticking the box, or the clear button, removes them.
     The box is hidden until this script runs, since without it there is nothing to
     remember; the fields themselves work without any script. */
  (function () {
    var PREFIX = "anshin.form.";

    function storage() {
      // Private browsing and blocked storage throw on access: then nothing is remembered.
      try {
        var probe = PREFIX + "probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        return window.localStorage;
      } catch (error) {
        return null;
      }
    }

    function inputs() {
      return Array.prototype.slice.call(document.querySelectorAll(".anshin-field__input"));
    }

    function fieldKey(input) {
      var item = input.closest("[data-anshin-field]");
      return item ? item.getAttribute("data-anshin-field") : input.name;
    }

    function values() {
      var typed = {};
      inputs().forEach(function (input) {
        if (input.value) {
          typed[fieldKey(input)] = input.value;
        }
      });
      return typed;
    }

    function showPdfNote() {
      var typed = inputs().some(function (input) { return input.value !== ""; });
      document.querySelectorAll("[data-anshin-pdf-note]").forEach(function (note) {
        note.hidden = !typed;
      });
    }

    function setUp() {
      var box = document.querySelector("[data-anshin-form]");
      if (!box || box.getAttribute("data-anshin-ready")) {
        return;
      }
      box.setAttribute("data-anshin-ready", "1");
      var key = PREFIX + box.getAttribute("data-anshin-form");
      var store = storage();
      var remember = box.querySelector("[data-anshin-remember]");
      var clear = box.querySelector("[data-anshin-clear]");
      var status = box.querySelector("[data-anshin-status]");

      function save() {
        if (store && remember.checked) {
          store.setItem(key, JSON.stringify(values()));
        }
      }

      function forget() {
        if (store) {
          store.removeItem(key);
        }
      }

      if (!store) {
        remember.disabled = true;
      } else {
        var saved = null;
        try {
          saved = JSON.parse(store.getItem(key) || "null");
        } catch (error) {
          forget();
        }
        if (saved && typeof saved === "object") {
          remember.checked = true;
          inputs().forEach(function (input) {
            var value = saved[fieldKey(input)];
            if (typeof value === "string") {
              input.value = value;
            }
          });
        }
      }

      inputs().forEach(function (input) {
        input.addEventListener("input", function () {
          status.textContent = "";
          save();
          showPdfNote();
        });
      });
      remember.addEventListener("change", function () {
        if (remember.checked) {
          save();
        } else {
          forget();
        }
      });
      clear.addEventListener("click", function () {
        inputs().forEach(function (input) { input.value = ""; });
        remember.checked = false;
        forget();
        showPdfNote();
        status.textContent = status.getAttribute("data-anshin-cleared");
      });
      box.hidden = false;
      showPdfNote();
    }

    onEveryPage(setUp);
  })();
})();
