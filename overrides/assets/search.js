/* Anshin: the site's search, run as the search worker of Material's search box.
 *
 * overrides/main.html (block config) points Material's `search` setting at this file, so
 * Material's page script starts it as a Web Worker and talks to it in Material's own
 * messages: SETUP (the language's index, from hooks/search.py) is answered with
 * READY, and every QUERY (the text in the box) with a RESULT: the matching places, grouped
 * by page, best first; the index's text and words come with the first query (below).
 * Material's box, keyboard use, result list and highlighting on the opened page are
 * untouched; what differs is how a query finds text:
 *
 * - Text and query are compared as characters after the same folding as
 *   anshin/search/words.py `fold` (NFKC, lower case), so a word is found inside a longer
 *   one (监护 in 监护人) and whatever the tokenizer made of the sentence.
 * - A query is cut at spaces and punctuation into parts; a part is cut into words with the
 *   index's own vocabulary (the words jieba or Sudachi found in the site's text), taking
 *   the fewest words: 班主任电话 -> 班主任 电话, いじめの防止 -> いじめ の 防止.
 * - A place matches a part when it holds the part as typed, or each of its words, function
 *   words (的, の) aside. Places that match every part are shown; when they are on fewer
 *   than three pages, other pages follow with places holding at least half of the words,
 *   with the missing ones named under them. Words the site never uses are left out, and
 *   named too.
 * - Places are ranked by BM25 over their words, with the part as typed, and words in a
 *   heading or page title, counting extra. Pages are ranked by their best place, a little
 *   higher when more of their places match.
 *
 * MkDocs also loads this file on every page (extra_javascript); there it does nothing.
 */
(function () {
  "use strict";

  if (typeof WorkerGlobalScope === "undefined" || !(self instanceof WorkerGlobalScope)) return;

  // Material's message types (integrations/search/worker/message).
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  // Where a query is cut into parts. Hyphens stay: phone numbers (881-4152) are typed whole.
  var QUERY_SEPARATOR = /[\s\u3000、。，．,.;；:：!！?？・･「」『』（）()［］\[\]【】〈〉《》〔〕"“”'‘’\/／~〜～…]+/;
  var WORD_CHARACTER = /[\p{L}\p{N}]/u;
  var ALPHANUMERIC_RUN = /[0-9a-z]+|[^0-9a-z]+/g;

  var K1 = 1.2, B = 0.5;          // BM25: term saturation, length normalisation
  var TITLE_WEIGHT = 2;           // a word in a heading or page title
  var PHRASE_WEIGHT = 1;          // the part as typed, on top of its words
  var TITLE_FOCUS_WEIGHT = 2;     // a heading that is all about the query
  var MIN_COVERAGE = 0.5;         // share of the query's words a partly matching place needs
  var PARTIAL_BELOW = 3;          // pages with every word, below which partial matches are shown
  var PAGE_BREADTH_WEIGHT = 0.1;  // per (natural) log of a page's matching places
  var SNIPPET_LENGTH = 160;
  var SNIPPET_LEAD = 40;

  var index = null;
  // The index Material's page script fetches on every page is small: its settings and,
  // in `config.full`, where the text and words are (relative to this file; see
  // anshin/search/corpus.py). They are fetched here, once, on the first query that is
  // not empty, so that a page that is only read never downloads them.
  var full = null;       // the address of the text and words, until they are loaded
  var loading = null;    // the promise of their loading
  var waiting = null;    // the last query typed while they load: the one to answer

  function answer(query) {
    self.postMessage({type: RESULT, data: index ? index.search(query) : {items: []}});
  }

  function load() {
    if (!loading) {
      loading = fetch(full, {credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          index = new Index(data.config, data.docs);
          full = null;
        });
      loading.catch(function () {
        loading = null;   // offline and not saved: try again with the next query
      });
    }
    return loading;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      var config = message.data.config || {};
      index = null;
      full = null;
      loading = null;
      if (typeof config.full === "string" && !(message.data.docs || []).length) {
        full = new URL(config.full, self.location.href).href;
      } else {
        index = new Index(config, message.data.docs);
      }
      self.postMessage({type: READY});
    } else if (message.type === QUERY) {
      var query = String(message.data);
      if (!full || !query.trim()) {
        answer(query);
        return;
      }
      var first = waiting === null;
      waiting = query;
      if (!first) return;
      load().then(function () {
        var last = waiting;
        waiting = null;
        answer(last);
      }, function () {
        waiting = null;
        answer("");       // nothing to search: no results, and the next query tries again
      });
    }
  });

  /* Folding, with the position in the original text of every folded character, so that
   * matches found in folded text are highlighted in the text as written. */
  function foldMapped(text) {
    var folded = "", origin = [];
    for (var i = 0; i < text.length;) {
      var character = String.fromCodePoint(text.codePointAt(i));
      var form = character.normalize("NFKC").toLowerCase();
      for (var k = 0; k < form.length; k++) origin.push(i);
      folded += form;
      i += character.length;
    }
    origin.push(text.length);
    return {text: folded, origin: origin};
  }

  function fold(text) {
    return foldMapped(text).text;
  }

  function count(haystack, needle) {
    var n = 0;
    for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
    return n;
  }

  /* The share of `text` taken up by occurrences of the `found` strings. */
  function coveredShare(text, found) {
    if (!text.length) return 0;
    var covered = new Uint8Array(text.length), total = 0;
    found.forEach(function (needle) {
      for (var at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
        covered.fill(1, at, at + needle.length);
      }
    });
    for (var k = 0; k < covered.length; k++) total += covered[k];
    // Clause numbers and punctuation in a heading ("(2) ", "・") are not what it is about.
    var letters = text.replace(/[\s\p{P}\p{N}]/gu, "").length;
    return letters ? Math.min(1, total / letters) : 0;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function Index(config, docs) {
    this.words = new Set(config.words || []);
    this.functionWords = new Set(config.function_words || []);
    this.longestWord = 1;
    var self_ = this;
    this.words.forEach(function (word) { self_.longestWord = Math.max(self_.longestWord, word.length); });
    this.docs = docs.map(function (doc) {
      var searchableTitle = doc.kind !== "block";
      var place = {
        doc: doc,
        page: doc.location.split("#")[0],
        title: foldMapped(doc.title),
        text: foldMapped(doc.text),
        searchableTitle: searchableTitle,
        boost: typeof doc.boost === "number" ? doc.boost : 1
      };
      place.length = place.text.text.length + (searchableTitle ? place.title.text.length : 0);
      return place;
    });
    this.pages = new Map();
    this.docs.forEach(function (place) {
      if (place.doc.kind === "page") self_.pages.set(place.page, place);
    });
    this.characters = new Set();
    this.docs.forEach(function (place) {
      for (var c of place.title.text + place.text.text) self_.characters.add(c);
    });
    this.averageLength = this.docs.reduce(function (sum, p) { return sum + p.length; }, 0) /
      Math.max(1, this.docs.length);
  }

  /* A part of the query cut into words: the fewest words of the vocabulary that spell it,
   * with runs of Latin letters and digits kept whole, and characters the vocabulary lacks
   * taken one by one (see joinUnknown). */
  Index.prototype.segment = function (part) {
    var words = [];
    var runs = part.match(ALPHANUMERIC_RUN) || [];
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r];
      if (/^[0-9a-z]+$/.test(run)) {
        words.push(run);
        continue;
      }
      var cost = [0], previous = [0];
      for (var end = 1; end <= run.length; end++) {
        cost[end] = Infinity;
        for (var start = Math.max(0, end - this.longestWord); start < end; start++) {
          var piece = run.slice(start, end);
          var step = this.words.has(piece) ? 1 : end - start === 1 ? 2 : Infinity;
          if (cost[start] + step < cost[end]) {
            cost[end] = cost[start] + step;
            previous[end] = start;
          }
        }
      }
      var cut = [];
      for (var at = run.length; at > 0; at = previous[at]) cut.unshift(run.slice(previous[at], at));
      words.push.apply(words, this.joinUnknown(cut));
    }
    return words.filter(function (word) { return WORD_CHARACTER.test(word); });
  };

  /* Characters the vocabulary lacks are searched one by one (翻墙 finds 翻爬围墙) only when
   * the site has each of them; otherwise they are a word the site does not use (飞机), to be
   * named as missing, rather than a 机 that would find 手机. */
  Index.prototype.joinUnknown = function (pieces) {
    var joined = [], unknown = [];
    var self_ = this;
    function flush() {
      var known = unknown.every(function (c) { return self_.characters.has(c); });
      if (known) joined.push.apply(joined, unknown);
      else joined.push(unknown.join(""));
      unknown = [];
    }
    pieces.forEach(function (piece) {
      if (piece.length === 1 && !self_.words.has(piece)) {
        unknown.push(piece);
        return;
      }
      if (unknown.length) flush();
      joined.push(piece);
    });
    if (unknown.length) flush();
    return joined;
  };

  /* How often `term` occurs in every place: [{text, title}] by place, and how many places
   * have it at all. */
  Index.prototype.frequencies = function (term, cache) {
    if (cache.has(term)) return cache.get(term);
    var counts = new Array(this.docs.length), places = 0;
    for (var i = 0; i < this.docs.length; i++) {
      var place = this.docs[i];
      var inText = count(place.text.text, term);
      var inTitle = place.searchableTitle ? count(place.title.text, term) : 0;
      counts[i] = {text: inText, title: inTitle};
      if (inText || inTitle) places++;
    }
    var idf = Math.log(1 + (this.docs.length - places + 0.5) / (places + 0.5));
    var entry = {counts: counts, places: places, idf: idf};
    cache.set(term, entry);
    return entry;
  };

  Index.prototype.termScore = function (term, i, place) {
    var c = term.counts[i];
    if (!c.text && !c.title) return 0;
    var saturated = c.text * (K1 + 1) /
      (c.text + K1 * (1 - B + B * place.length / this.averageLength));
    return term.idf * (saturated + (c.title ? TITLE_WEIGHT : 0));
  };

  Index.prototype.search = function (query) {
    var self_ = this;
    var cache = new Map();
    var missing = [];
    var parts = fold(query).split(QUERY_SEPARATOR).filter(Boolean).map(function (typed) {
      var words = self_.segment(typed);
      var content = words.filter(function (w) { return !self_.functionWords.has(w); });
      var functionOnly = !content.length;
      if (functionOnly) content = words;
      content = content.filter(function (w, k) { return content.indexOf(w) === k; });
      var present = content.filter(function (w) {
        if (self_.frequencies(w, cache).places) return true;
        missing.push(w);
        return false;
      });
      return {
        typed: typed,
        functionOnly: functionOnly,
        phrase: words.length > 1 ? self_.frequencies(typed, cache) : null,
        words: present.map(function (w) { return {word: w, term: self_.frequencies(w, cache)}; })
      };
    }).filter(function (part) {
      return part.words.length || (part.phrase && part.phrase.places);
    });
    // A part of nothing but function words (いじめ の 防止) counts only when it is all there is.
    if (parts.some(function (part) { return !part.functionOnly; })) {
      parts = parts.filter(function (part) { return !part.functionOnly; });
    }
    if (!parts.length) return {items: []};

    var total = parts.reduce(function (sum, part) { return sum + (part.words.length || 1); }, 0);
    var matches = [];
    this.docs.forEach(function (place, i) {
      var match = self_.match(parts, place, i, total);
      if (!match) return;
      missing.forEach(function (w) { match.terms[w] = false; });
      matches.push(match);
    });

    // Places with every word first. When they are on fewer than PARTIAL_BELOW pages, other
    // pages follow with places holding most of the words, the fuller first.
    var complete = matches.filter(function (m) { return m.coverage >= 0.999; });
    var pages = new Set(complete.map(function (m) { return m.place.page; }));
    if (pages.size < PARTIAL_BELOW) {
      matches.forEach(function (m) {
        if (m.coverage >= 0.999 || m.coverage < MIN_COVERAGE || pages.has(m.place.page)) return;
        m.partial = true;
        m.score *= m.coverage * m.coverage;
        complete.push(m);
      });
    }
    return {items: this.group(complete)};
  };

  /* How well one place matches the query's parts, or null when it holds none of them. */
  Index.prototype.match = function (parts, place, i, total) {
    var self_ = this;
    var score = 0, covered = 0, inTitle = 0, weight = 0, found = [], terms = {};
    parts.forEach(function (part) {
      var phrase = part.phrase ? self_.termScore(part.phrase, i, place) : 0;
      var titled = part.phrase && part.phrase.counts[i].title > 0;
      if (phrase) {
        score += PHRASE_WEIGHT * phrase;
        found.push(part.typed);
        terms[part.typed] = true;
        weight += part.phrase.idf;
      }
      var allTitled = part.words.length > 0;
      part.words.forEach(function (w) {
        var s = self_.termScore(w.term, i, place);
        score += s;
        if (s || phrase) covered++;
        if (!w.term.counts[i].title) allTitled = false;
        if (phrase) return;
        if (s) found.push(w.word);
        terms[w.word] = s > 0;
        weight += s ? w.term.idf : 0;
      });
      if (!part.words.length && phrase) covered++;
      if (titled || allTitled) inTitle++;
    });
    if (!score) return null;
    // A heading that says what the reader typed, and little else, is the place to go.
    if (inTitle === parts.length) {
      score += TITLE_FOCUS_WEIGHT * weight * coveredShare(place.title.text, found);
    }
    return {place: place, index: i, score: score * place.boost,
            coverage: total ? covered / total : 1, found: found, terms: terms};
  };

  /* Places grouped by page, best page first; Material shows each page with its best
   * places under it, and expects the page itself in every group. */
  Index.prototype.group = function (matches) {
    var self_ = this;
    var groups = new Map();
    matches.sort(function (a, b) {
      return (a.partial ? 1 : 0) - (b.partial ? 1 : 0) || b.score - a.score || a.index - b.index;
    });
    matches.forEach(function (m) {
      if (!groups.has(m.place.page)) groups.set(m.place.page, []);
      groups.get(m.place.page).push(m);
    });
    var ranked = Array.from(groups).sort(function (x, y) { return comparePages(x[1], y[1]); });
    var items = [];
    ranked.forEach(function (entry) {
      var page = entry[0], group = entry[1];
      var results = group.map(function (m) { return self_.result(m); });
      if (!group.some(function (m) { return m.place.page === m.place.doc.location; })) {
        var article = self_.pages.get(page);
        if (article) {
          results.push({location: article.doc.location, title: escapeHtml(article.doc.title),
                        text: "", score: 0, terms: {}});
        }
      }
      items.push(results);
    });
    return items;
  };

  /* Pages with every word first; then by their best place, weighed by how many match. */
  function comparePages(x, y) {
    return (x[0].partial ? 1 : 0) - (y[0].partial ? 1 : 0) || breadth(y) - breadth(x);
  }

  function breadth(group) {
    return group[0].score * (1 + PAGE_BREADTH_WEIGHT * Math.log(group.length));
  }

  Index.prototype.result = function (match) {
    var place = match.place;
    return {
      location: place.doc.location,
      title: highlight(place.doc.title, place.title, match.found, false),
      text: highlight(place.doc.text, place.text, match.found, true),
      score: match.score,
      terms: match.terms
    };
  };

  /* The text with every found word marked; for long text, only a window around the first. */
  function highlight(original, folded, found, excerpt) {
    var ranges = [];
    found.forEach(function (needle) {
      for (var at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + needle.length)) {
        ranges.push([folded.origin[at], folded.origin[at + needle.length]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    });
    var from = 0, to = original.length;
    if (excerpt && original.length > SNIPPET_LENGTH) {
      from = merged.length ? Math.max(0, merged[0][0] - SNIPPET_LEAD) : 0;
      to = Math.min(original.length, from + SNIPPET_LENGTH);
      from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH));
    }
    var html = from > 0 ? "…" : "", cursor = from;
    merged.forEach(function (range) {
      var start = Math.max(range[0], from), end = Math.min(range[1], to);
      if (start >= end) return;
      html += escapeHtml(original.slice(cursor, start)) + "<mark>" + escapeHtml(original.slice(start, end)) + "</mark>";
      cursor = end;
    });
    html += escapeHtml(original.slice(cursor, to)) + (to < original.length ? "…" : "");
    return html;
  }
})();
