"""Benchmark: `make forms` — a class set of 40 copies, as a teacher runs it.

Prints, for one run on this machine:
- the strict build the class sets are printed from (paid once: make forms keeps it in
  .forms-site/ until docs/, data/ or the templates change);
- for a one-page agreement (pickup) and a two-page one (middle-school, with DUPLEX), the
  whole command's wall time for 40 copies (27 zh, 8 ja, 5 side by side), median of 3,
  against the target of 20 s; the time per copy, the pages and the file's size.

The class list is written for this run into a temporary folder, with invented names.
Figures are from one run on a noisy machine: compare them as ratios, within a run.
Run: `.venv/bin/python -m benchmarks.class_set` (needs Chromium, like `make forms`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 20.0
RUNS = 3
_CHINESE = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨丽", "赵磊", "黄敏", "周杰")
_JAPANESE = ("山田太郎", "佐藤花子", "鈴木一郎", "たかはし ゆい")


def _roster(path: Path) -> None:
    rows = ["学生姓名,班级,语言,家长姓名,学号"]
    for number in range(1, 41):
        language = "zh" if number <= 27 else "ja" if number <= 35 else "both"
        names = _JAPANESE if language == "ja" else _CHINESE
        rows.append(f"{names[number % len(names)]}{number},三年二班,{language},家长{number},{number:02d}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _pages(pdf: Path) -> int:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in output.splitlines() if line.startswith("Pages:")), 0)


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        site, roster, out = work / "site", work / "class-40.csv", work / "forms"
        _roster(roster)
        start = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                                str(site)], cwd=ROOT, capture_output=True, text=True, env=env)
        build = time.perf_counter() - start
        if built.returncode != 0:
            print(f"the strict build failed:\n{built.stdout}{built.stderr}", file=sys.stderr)
            return 1
        print(f"class sets (make forms), 40 copies: 27 zh, 8 ja, 5 side by side; median of {RUNS} runs")
        print(f"  the strict build they print from (once, kept in .forms-site/): {build:6.2f} s")
        print(f"  {'document':<36} {'seconds':>8} {'per copy':>9} {'pages':>6} {'MiB':>6}  target ≤ {TARGET_SECONDS:.0f} s")
        for document, duplex in (("agreements/pickup", False), ("agreements/middle-school", True)):
            seconds = []
            for _ in range(RUNS):
                start = time.perf_counter()
                run = subprocess.run([sys.executable, "-m", "tools.make_forms", "--roster", str(roster), "--doc",
                                      document, "--out", str(out), "--site", str(site),
                                      *(["--duplex"] if duplex else [])],
                                     cwd=ROOT, capture_output=True, text=True, env=env)
                seconds.append(time.perf_counter() - start)
                if run.returncode != 0:
                    print(f"make forms failed:\n{run.stdout}{run.stderr}", file=sys.stderr)
                    return 1
            pdf = out / f"{Path(document).name}-{roster.stem}.pdf"
            median = statistics.median(seconds)
            shown = document + (" (DUPLEX)" if duplex else "")
            print(f"  {shown:<36} {median:8.2f} {median / 40:9.3f} {_pages(pdf):6d} "
                  f"{pdf.stat().st_size / 2**20:6.1f}  {'met' if median <= TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
