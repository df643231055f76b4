/* ふりがな: readings over the kanji of the document, on the pages whose header has the
   toggle (overrides/partials/anshin/header-furigana.html, whose loader fetches this
   script only when the toggle is first pressed, or for a reader who chose the readings
   before); anshin/furigana.py explains the whole. Off by default; the choice is
   remembered on the device (localStorage).

   Switched on, the page's readings file (built beside the page by hooks/furigana.py,
   fetched from this site only, once) is matched against the document's text: at each
   place the longest entry the text continues with, else one character as it is. Keep
   this and the texts skipped in step with anshin/furigana.py (browser_pieces,
   page_texts): the build checks that this matching gives Sudachi's reading of every
   text of the page. Each reading is an attribute drawn by CSS (furigana.css), never
   text, so a copy of a selection, find-in-page and screen readers get the kanji only.
   Switched off, every <ruby> added is taken out again and the text nodes joined back. */
(function () {
  "use strict";

  var STORAGE_KEY = "anshin-furigana";   // also read by the loader in header-furigana.html
  // Where the document is (Material's article), and what never gets readings.
  var CONTAINER = "article.md-content__inner";
  var SKIP = "code, pre, kbd, samp, script, style, template, noscript, textarea, input, select, option, " +
    "optgroup, button, svg, math, ruby, rt, rp, a.headerlink, [contenteditable]";
  var KANJI = /[\u3005-\u3007\u30f5\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

  var button = document.querySelector("[data-anshin-furigana]");
  if (!button) {
    return;
  }
  var root = null;      // the article, once the page has been parsed (start, below)
  var status = null;
  var language = primary(document.documentElement.lang);
  var table = null;   // a promise of {words: Map, lengths: [longest first]}
  var wanted = false;

  function primary(tag) {
    return (tag || "").trim().toLowerCase().split("-")[0];
  }

  function remembered() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "on";
    } catch (error) {   // storage refused (private mode, settings): off
      return false;
    }
  }

  function remember(on) {
    try {
      if (on) {
        window.localStorage.setItem(STORAGE_KEY, "on");
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Not remembered; the readings still show on this page.
    }
  }

  function load() {
    if (!table) {
      table = fetch(button.getAttribute("data-anshin-furigana"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(index);
      table.catch(function () {
        table = null;   // offline or missing: try again on the next press
      });
    }
    return table;
  }

  function index(file) {
    var words = new Map();
    var lengths = new Set();
    Object.keys(file).forEach(function (key) {
      var value = file[key];
      words.set(key, typeof value === "string" ? [[key, value]] : value.map(function (piece) {
        return typeof piece === "string" ? [piece, ""] : piece;
      }));
      lengths.add(key.length);
    });
    return { words: words, lengths: Array.from(lengths).sort(function (a, b) { return b - a; }) };
  }

  // [[text, reading or ""], …] for one text (anshin/furigana.py browser_pieces).
  function pieces(text, found) {
    var result = [];
    var position = 0;
    while (position < text.length) {
      var entry = null;
      var key = "";
      for (var i = 0; i < found.lengths.length && !entry; i++) {
        key = text.slice(position, position + found.lengths[i]);
        entry = found.words.get(key) || null;
      }
      if (entry) {
        result.push.apply(result, entry);
        position += key.length;
      } else {
        result.push([text.charAt(position), ""]);
        position += 1;
      }
    }
    return result;
  }

  function texts() {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        var marked = parent && parent.closest("[lang]");
        if (!parent || parent.closest(SKIP) || !marked || primary(marked.getAttribute("lang")) !== language ||
            !KANJI.test(node.data)) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = [];
    while (walker.nextNode()) {
      found.push(walker.currentNode);
    }
    return found;
  }

  function show(found) {
    texts().forEach(function (node) {
      var parts = pieces(node.data, found);
      if (!parts.some(function (part) { return part[1]; })) {
        return;
      }
      var fragment = document.createDocumentFragment();
      var plain = "";
      parts.forEach(function (part) {
        if (!part[1]) {
          plain += part[0];
          return;
        }
        if (plain) {
          fragment.appendChild(document.createTextNode(plain));
          plain = "";
        }
        var ruby = document.createElement("ruby");
        ruby.className = "anshin-ruby";
        ruby.appendChild(document.createTextNode(part[0]));
        var reading = document.createElement("rt");
        reading.setAttribute("data-rt", part[1]);
        // The base text is what screen readers read; the reading is for the eyes.
        reading.setAttribute("aria-hidden", "true");
        ruby.appendChild(reading);
        fragment.appendChild(ruby);
      });
      if (plain) {
        fragment.appendChild(document.createTextNode(plain));
      }
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function hide() {
    var parents = new Set();
    root.querySelectorAll("ruby.anshin-ruby").forEach(function (ruby) {
      parents.add(ruby.parentNode);
      ruby.parentNode.replaceChild(document.createTextNode(ruby.firstChild.data), ruby);
    });
    parents.forEach(function (parent) {
      parent.normalize();
    });
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function switchOn(byReader) {
    wanted = true;
    button.setAttribute("aria-busy", "true");
    load().then(function (found) {
      if (!wanted) {
        return;
      }
      if (!root.querySelector("ruby.anshin-ruby")) {
        show(found);
      }
      button.setAttribute("aria-pressed", "true");
      say("");
      if (byReader) {
        remember(true);
      }
    }, function () {
      wanted = false;
      button.setAttribute("aria-pressed", "false");
      say(button.getAttribute("data-anshin-furigana-failed") || "");
    }).then(function () {
      button.removeAttribute("aria-busy");
    });
  }

  function switchOff() {
    wanted = false;
    hide();
    button.setAttribute("aria-pressed", "false");
    remember(false);
  }

  function start() {
    root = document.querySelector(CONTAINER);
    if (!root) {
      return;
    }
    status = document.querySelector("[data-anshin-furigana-status]");
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true" || wanted) {
        switchOff();
      } else {
        switchOn(true);
      }
    });

    // The page's few lines of loader (header-furigana.html) fetch this script on the
    // first press, or at once for a reader who chose the readings before; the presses
    // made before it took over are this script's to carry out (an odd number: "pressed").
    var pressed = button.hasAttribute("data-anshin-furigana-pressed");
    button.removeAttribute("data-anshin-furigana-pressed");
    button.setAttribute("data-anshin-furigana-ready", "");
    if (remembered() !== pressed) {
      switchOn(pressed);
    } else if (pressed) {
      switchOff();
    }
  }

  // The loader sits in the header, so a script it fetches (from the cache, on a reload)
  // can run before the parser has reached the article below: wait for the whole page,
  // or a reader who chose the readings finds none.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
