"""Benchmark: search, per language.

Prints, for one run on this machine:
- each language's index: entries, vocabulary, size raw and gzip-compressed (what a phone
  downloads from a server that compresses);
- the time to build each index from the built pages (cutting pages into entries, the
  tokenizer over the text, writing JSON), the tokenizers' one-off loading time, and a
  full strict build for scale;
- query latency in headless Chromium: the search worker's set-up on page load, its answer
  to each query of tests/search_queries.yml (worker round trip), and, through Material's
  search box, the time from the last keystroke to the first result drawn.

Run: `make bench` (or `.venv/bin/python benchmarks/search.py`). Machines are noisy: compare
figures within one run.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from anshin.search.corpus import FULL_INDEX, index_document
from anshin.search.sections import page_entries
from anshin.search.words import catalogue_tokenizer
from tests.conftest import CHROMIUM_FLAGS, _chromium_executable, _QuietHandler
from tests.project import LANGUAGES, catalogue
from tests.test_search import LANGUAGE_ROOTS, QUERIES, SearchBox

ROOT = Path(__file__).resolve().parents[1]

# Each language's tokenizer (as its catalogue names it) loaded in a fresh process, on
# the language's first test query: prints "code tokenizer seconds" per language.
_TOKENIZER_LOAD = """
import sys, time
from anshin.search.words import catalogue_tokenizer, tokens
from tests.project import catalogue
for code, query in zip(sys.argv[1::2], sys.argv[2::2]):
    tokenizer = catalogue_tokenizer(catalogue(code))
    started = time.perf_counter()
    tokens(query, tokenizer)
    print(code, tokenizer.name, time.perf_counter() - started)
"""

_WORKER_TIMES = """async ({url, index, queries}) => {
  const worker = new Worker(url);
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  let started = performance.now();
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {}}});
  const setup = performance.now() - started;
  const times = [];
  for (const query of queries) {
    started = performance.now();
    await ask({type: 2, data: query});
    times.push(performance.now() - started);
  }
  worker.terminate();
  return {setup, times};
}"""


def _build(site: Path, url: str = "http://127.0.0.1:8000/") -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANSHIN_SITE_URL": url})
    return time.perf_counter() - started


def _median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _pages(site: Path, language: str) -> list[tuple[str, str]]:
    """(address under the language root, article HTML) of every built page of a language."""
    root = site / LANGUAGE_ROOTS[language]
    pages = []
    for page in sorted(root.rglob("index.html")):
        url = page.parent.relative_to(root).as_posix()
        if LANGUAGES[language].default and url.split("/")[0] in (*LANGUAGES.others(language), "search", "assets"):
            continue
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if start != -1:
            pages.append(("" if url == "." else url + "/", html[start:end]))
    return pages


def _index_build_time(site: Path, language: str) -> tuple[float, float]:
    pages = _pages(site, language)

    def entries():
        return [e for url, html in pages for e in page_entries(html, url=url, title="")]

    cut = _median_time(entries, 5)
    listed = entries()
    tokenizer = catalogue_tokenizer(catalogue(language))
    whole = _median_time(lambda: json.dumps(index_document(listed, language, tokenizer), ensure_ascii=False), 5)
    return cut, whole


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(ordered):6.1f}   p90 {p90:6.1f}   max {ordered[-1]:6.1f}"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as host:
        site = Path(host) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build = statistics.median(_build(site, url) for _ in range(3))
        threading.Thread(target=server.serve_forever, daemon=True).start()

        print(f"full strict build, all languages (median of 3): {build * 1000:8.0f} ms")
        samples = [item for code in LANGUAGE_ROOTS for item in (code, QUERIES[code][0]["query"])]
        loads = subprocess.run([sys.executable, "-c", _TOKENIZER_LOAD, *samples], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.splitlines()
        print("tokenizers' one-off loading: " + ", ".join(
            f"{name} ({code}) {float(seconds) * 1000:.0f} ms" for code, name, seconds in map(str.split, loads)))
        print()
        print(f"{'index':6} {'entries':>8} {'words':>7} {'raw KB':>8} {'gzip KB':>8} "
              f"{'cut pages ms':>13} {'build ms':>9}")
        indexes = {}
        for language in LANGUAGE_ROOTS:
            path = site / LANGUAGE_ROOTS[language] / FULL_INDEX
            raw = path.read_bytes()
            indexes[language] = json.loads(raw)
            cut, whole = _index_build_time(site, language)
            print(f"{language:6} {len(indexes[language]['docs']):>8} {len(indexes[language]['config']['words']):>7} "
                  f"{len(raw) / 1024:>8.1f} {len(gzip.compress(raw, 9)) / 1024:>8.1f} "
                  f"{cut * 1000:>13.1f} {whole * 1000:>9.1f}")
        print("(cut pages: HTML into entries; build: words, tokenizer and JSON, after loading)")
        print()

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=_chromium_executable(),
                                                 args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_page()
            page.goto(url, wait_until="networkidle")
            print("query latency in Chromium, ms")
            for language in LANGUAGE_ROOTS:
                queries = [q["query"] for q in QUERIES[language]]
                runs = [page.evaluate(_WORKER_TIMES, {"url": url + "assets/search.js",
                                                      "index": indexes[language], "queries": queries})
                        for _ in range(3)]
                setup = statistics.median(r["setup"] for r in runs)
                answers = [t for r in runs for t in r["times"]]
                print(f"  {language}: worker set-up {setup:6.1f};  worker answer ({len(answers)}): {_percentiles(answers)}")
                box = SearchBox(browser, url, language)
                try:
                    answers = [box.ask(q) for q in queries]
                finally:
                    box.close()
                # The first query also fetches the index's text (search_index_full.json).
                first = [a.first_ms for a in answers[1:] if a.first_ms is not None]
                print(f"  {language}: first query, with the text fetched: {answers[0].first_ms or 0:6.1f}")
                print(f"  {language}: last keystroke to first result drawn, after ({len(first)}): {_percentiles(first)}")
            browser.close()
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
