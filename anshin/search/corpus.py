"""One language's search index, as the file the browser loads (pure, no MkDocs).

The file keeps the shape Material's search expects (`{"config": …, "docs": […]}`), because
Material's page script fetches it, reads `config.separator` to highlight the words on the
page a result leads to, and hands `config` and `docs` to the search worker — ours,
overrides/assets/search.js. The worker also finds in `config` the words of the language
(see anshin/search/words.py) to split queries with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from anshin.search.sections import SearchEntry
from anshin.search.words import Tokenizer, vocabulary

# Splits the words Material highlights on the page a result opens (its `?h=` parameter).
SEPARATOR = r"[\s\u3000]+"


def index_document(entries: Iterable[SearchEntry], language: str, tokenizer: Tokenizer) -> dict[str, object]:
    """The index of one language's entries: `language` is its code (Material's
    `config.lang`), `tokenizer` finds the words of its text."""
    entries = list(entries)
    words = vocabulary((text for e in entries for text in (e.title, e.text)), tokenizer)
    return {
        "config": {
            "lang": [language],
            "separator": SEPARATOR,
            "words": list(words.words),
            "function_words": list(words.function_words),
        },
        "docs": [_doc(entry) for entry in entries],
    }


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
