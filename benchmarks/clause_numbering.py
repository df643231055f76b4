"""Benchmark: the clause-numbering checker against the build it runs in.

Prints, for one run on this machine:
- the median time of a full strict build (both languages);
- the checker's time over the whole docs tree, as a share of that build (target < 10%);
- the checker's time over synthetic corpora 1×, 10×, 50× and 100× the docs tree, and the
  time per 1,000 characters, which stays flat when growth is linear;
- the same for one page 1×, 10× and 50× as long as all of docs/ (its levels, chains and
  lookahead are worked out per document).

Figures are compared as ratios within this one run: these machines are noisy.
Run: `make bench` (or `.venv/bin/python benchmarks/clause_numbering.py`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from anshin.clause_numbering import _analysed, analyse, check_paths

ROOT = Path(__file__).resolve().parents[1]


def _median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _build() -> None:
    with tempfile.TemporaryDirectory() as site:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
                       cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                       capture_output=True)


def _analysing(texts: list[str]) -> None:
    # analyse() keeps its last analyses (a page is analysed several times per build), and
    # the corpus repeats docs/: each text is analysed without them, so that the analysis
    # is what is measured.
    for text in texts:
        _analysed.cache_clear()
        analyse(text, "x.md")


def main() -> None:
    documents = sorted((ROOT / "docs").rglob("*.md"))
    texts = [d.read_text(encoding="utf-8") for d in documents]
    size = sum(len(t) for t in texts)

    build = _median_time(_build, 3)
    tree = _median_time(lambda: (_analysed.cache_clear(), check_paths([ROOT / "docs"])), 5)
    print(f"documents: {len(documents)} files, {size:,} characters")
    print(f"full strict build (median of 3):   {build * 1000:8.1f} ms")
    print(f"checker over docs/ (median of 5):  {tree * 1000:8.1f} ms  = {tree / build:6.2%} of the build (target < 10%)")
    print()
    print(f"{'corpus':>8} {'characters':>12} {'time ms':>10} {'µs / 1k chars':>14}")
    baseline = None
    for factor in (1, 10, 50, 100):
        corpus = texts * factor
        elapsed = _median_time(lambda corpus=corpus: _analysing(corpus), 3)
        per_k = elapsed / (size * factor / 1000) * 1e6
        baseline = baseline or per_k
        print(f"{factor:>7}× {size * factor:>12,} {elapsed * 1000:>10.1f} {per_k:>14.1f}  ({per_k / baseline:.2f}× the 1× rate)")

    # One document that long (the levels, chains and lookahead work per document): the
    # pages of docs/ joined as the `# ` parts of one page.
    print()
    print(f"{'one page':>8} {'characters':>12} {'time ms':>10} {'µs / 1k chars':>14}")
    page = "\n\n".join(f"# 第{n}部\n\n{text.split(chr(10) + '# ', 1)[-1]}" for n, text in enumerate(texts))
    baseline = None
    for factor in (1, 10, 50):
        long_page = "\n\n".join([page] * factor)
        elapsed = _median_time(lambda long_page=long_page: _analysing([long_page]), 3)
        per_k = elapsed / (len(long_page) / 1000) * 1e6
        baseline = baseline or per_k
        print(f"{factor:>7}× {len(long_page):>12,} {elapsed * 1000:>10.1f} {per_k:>14.1f}  ({per_k / baseline:.2f}× the 1× rate)")


if __name__ == "__main__":
    main()
