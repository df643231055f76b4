"""One language's search index, as the files the browser loads (pure, no MkDocs).

Two files per language, under the language's root:

- `search/search_index.json` (INDEX), in the shape Material's search expects
  (`{"config": …, "docs": […]}`), because Material's page script fetches it on every page
  at load, reads `config.separator` to highlight the words on the page a result leads to,
  and hands `config` and `docs` to the search worker — ours, overrides/assets/search.js.
  It holds the settings only, a few hundred bytes: no docs, and in `config.full` the
  address of the other file, relative to the worker (loader_document).
- `search/search_index_full.json` (FULL_INDEX), the whole index: every page, heading and
  clause with its text, and in `config` the words of the language (see
  anshin/search/words.py) to split queries with. The worker fetches it on the first query
  that is not empty; a page that is only read never downloads it (about 57 KB gzip per
  language for our 40 pages, and it grows with the content).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from anshin.analysis_cache import AnalysisCache
from anshin.search.sections import SearchEntry
from anshin.search.words import Tokenizer, vocabulary

# Splits the words Material highlights on the page a result opens (its `?h=` parameter).
SEPARATOR = r"[\s\u3000]+"
# Under each language's root (site-root-relative for the default language, ja/… for the others).
INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index_full.json"
# The search worker, site-root-relative, as overrides/main.html names it to Material.
WORKER = "assets/search.js"


def index_document(entries: Iterable[SearchEntry], language: str, tokenizer: Tokenizer,
                   cache: AnalysisCache | None = None) -> dict[str, object]:
    """The index of one language's entries: `language` is its code (Material's
    `config.lang`), `tokenizer` finds the words of its text (with `cache`, texts it split
    in an earlier build are not split again)."""
    entries = list(entries)
    words = vocabulary((text for e in entries for text in (e.title, e.text)), tokenizer, cache)
    return {
        "config": {
            "lang": [language],
            "separator": SEPARATOR,
            "words": list(words.words),
            "function_words": list(words.function_words),
        },
        "docs": [_doc(entry) for entry in entries],
    }


def loader_document(document: dict[str, object], language_root: str) -> dict[str, object]:
    """What Material's page script fetches on every page of a language: the settings of
    `document` that the page itself uses (language, separator), no docs, and where the
    worker finds the whole of `document` (`language_root` is "" or e.g. "ja/")."""
    config = cast(dict, document["config"])
    full = posixpath.relpath(language_root + FULL_INDEX, posixpath.dirname(WORKER))
    return {"config": {"lang": config["lang"], "separator": config["separator"], "full": full}, "docs": []}


def write_index(path: Path, document: dict[str, object]) -> int:
    """Write the index as compact UTF-8 JSON; returns its size in bytes.

    The index holds the pages' text as text (the search worker escapes it when it shows a
    result). `<`, `>` and `&` are written as JSON escapes all the same, so that text from
    data (a school name with `<script>` in it) is markup in no reading of the file."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    data = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def _doc(entry: SearchEntry) -> dict[str, object]:
    doc: dict[str, object] = {"location": entry.location, "title": entry.title,
                              "text": entry.text, "kind": entry.kind}
    if entry.boost != 1.0:
        doc["boost"] = entry.boost
    return doc
