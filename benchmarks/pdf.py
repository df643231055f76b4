"""Benchmark: rendering every document to PDF (tools/make_pdfs.py) against the build.

Prints, for one run on this machine:
- the time of a full strict build told the PDFs will exist (ANSHIN_PDF_LINKS=1);
- each PDF's render time, size and page count, slowest first;
- the total render time, its share per PDF and how it compares with the build.

Figures are from one run on a noisy machine: compare them as ratios, within a run.
Run: `.venv/bin/python benchmarks/pdf.py` (needs Chromium, like `make pdf`).
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_make_pdfs():
    spec = importlib.util.spec_from_file_location("make_pdfs", ROOT / "tools" / "make_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_pdfs"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _pages(pdf: Path) -> int:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in output.splitlines() if line.startswith("Pages:")), 0)


def main() -> int:
    make_pdfs = _load_make_pdfs()
    with tempfile.TemporaryDirectory() as directory:
        site = Path(directory) / "site"
        start = time.perf_counter()
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANSHIN_PDF_LINKS": "1"})
        build = time.perf_counter() - start
        if built.returncode != 0:
            print(f"the strict build failed:\n{built.stdout}{built.stderr}", file=sys.stderr)
            return 1

        start = time.perf_counter()
        try:
            rendered = make_pdfs.make_pdfs(site)
        except Exception as error:  # no Chromium, or no document page: say so, no traceback
            print(f"rendering failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}",
                  file=sys.stderr)
            return 1
        total = time.perf_counter() - start

        print(f"full strict build:            {build:7.2f} s")
        print(f"all {len(rendered)} PDFs ({make_pdfs.CONCURRENCY} at a time): {total:7.2f} s"
              f"  = {total / build:5.1f} × the build")
        times = [r.seconds for r in rendered]
        print(f"per PDF: median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
              f"wall time per PDF {total / len(rendered):.2f} s")
        print()
        print(f"{'seconds':>8} {'KiB':>8} {'pages':>6}  file")
        for result in sorted(rendered, key=lambda r: r.seconds, reverse=True):
            print(f"{result.seconds:8.2f} {result.size / 1024:8.1f} {_pages(result.job.pdf):6d}  "
                  f"{result.job.pdf.relative_to(site).as_posix()}")
        print()
        _cache_figures(make_pdfs, site, Path(directory) / "cache", total)
    return 0


def _cache_figures(make_pdfs, site: Path, cache: Path, parallel: float) -> None:
    """make build's case: the PDF cache cold, then a rebuild with no change, then one page
    changed; and the same full render one page at a time, for the gain of parallel pages."""
    def timed(**options):
        start = time.perf_counter()
        results = make_pdfs.make_pdfs(site, cache_folder=cache, **options)
        return time.perf_counter() - start, sum(not r.cached for r in results), len(results)

    cold = timed()
    unchanged = timed()
    page = next(p for p in sorted(site.rglob("index.html")) if 'data-anshin-pdf="' in p.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>.</p></article>", 1), encoding="utf-8")
    one_page = timed()
    concurrency = make_pdfs.CONCURRENCY
    make_pdfs.CONCURRENCY = 1
    try:
        start = time.perf_counter()
        make_pdfs.make_pdfs(site)
        serial = time.perf_counter() - start
    finally:
        make_pdfs.CONCURRENCY = concurrency
    print("PDF cache (make build: tools/make_pdfs.py --cache .pdf-cache):")
    for label, (seconds, printed, count) in (("cold cache", cold), ("no change", unchanged),
                                             ("one page changed", one_page)):
        print(f"  {label:<17} {seconds:7.2f} s  {printed:3d} of {count} PDFs rendered"
              f"  = {seconds / cold[0]:5.3f} × cold")
    print(f"  full render one page at a time: {serial:7.2f} s; {concurrency} at a time: {parallel:.2f} s "
          f"= {parallel / serial:.2f} × one at a time")


if __name__ == "__main__":
    sys.exit(main())
