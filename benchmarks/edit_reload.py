"""Benchmark: `make serve`'s edit loop — from saving one paragraph to the page reloaded.

What an editor waits for on every save. A clone of this repository (history included,
so last-changed dates are read as in the real preview), with the working tree's files as
they stand copied over it (what is measured is what is on disk), is served by `mkdocs serve`
with live reload, as `make serve` runs it; Chromium (390×844) keeps one page open, and
each round (two seconds after the last reload) appends a character to one paragraph of
that page's source and times the save to the `load` of the reloaded page whose text has
the new character. Ten rounds
per language: the Chinese page edits docs/agreements/pickup.zh.md, the Japanese page
docs/agreements/pickup.ja.md. Issue 15's target is a median of at most 1.0 s.

Run: `.venv/bin/python -m benchmarks.edit_reload [ROUNDS]` (needs Chromium; part of `make bench`).
`EDIT_RELOAD_EXTRA="--dirty"` passes more arguments to `mkdocs serve`, to compare: a dirty
build rebuilds only the edited page, and leaves the pages made from it (the side-by-side
version, the translation's stale marks, the search index) as they were — faster, stale.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = (("zh", "docs/agreements/pickup.zh.md", "agreements/pickup/", "五、"),
         ("ja", "docs/agreements/pickup.ja.md", "ja/agreements/pickup/", "五、"))
EXTRA = tuple(a for a in os.environ.get("EDIT_RELOAD_EXTRA", "").split() if a)
MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"   # one new character per round, never in the page before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(server: subprocess.Popen[str], url: str, limit: float = 180.0) -> None:
    import urllib.request

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped before it served the site")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("mkdocs serve did not answer within 180 s")


def _copy_working_tree(clone: Path) -> None:
    # The clone has the history; what is measured is the working tree as it stands,
    # uncommitted edits and new files included (not the ignored ones: site/, .venv/ …).
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists():  # deleted in the working tree
            target.unlink()


def _round(page, source: Path, paragraph: str, mark: str) -> float:
    # An editor reads the reloaded page before saving again; and the offline worker, which
    # updates itself after every build, has finished (a save within a second of a reload
    # sometimes left the page waiting for a load that never came: 2 of 6 runs of 10 rounds).
    time.sleep(2.0)
    text = source.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith(paragraph))
    edited = text.replace(line, line + mark, 1)
    with page.expect_event("load", timeout=60_000):
        start = time.perf_counter()
        source.write_text(edited, encoding="utf-8")
    seconds = time.perf_counter() - start
    print(f"  {source.name} {mark}: {seconds:.2f} s", file=sys.stderr, flush=True)
    # A reload that still shows the old text would not count as the edit seen.
    if mark not in page.locator("article").inner_text():
        raise RuntimeError(f"the reloaded page does not show the edit of {source.name}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    rounds = int((argv or sys.argv[1:] or ["10"])[0])
    with tempfile.TemporaryDirectory() as directory:
        clone = Path(directory) / "anshin"
        subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True)
        _copy_working_tree(clone)
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(clone)}
        # The server's log goes to a file: a pipe nobody reads until the end fills up after
        # some twenty builds and stops the server in the middle of one.
        log = Path(directory) / "serve.log"
        with log.open("w", encoding="utf-8") as written:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload", *EXTRA,
                                       "--dev-addr", f"127.0.0.1:{port}"], cwd=clone, env=env,
                                      stdout=written, stderr=subprocess.STDOUT, text=True)
        results: dict[str, list[float]] = {}
        try:
            _wait_until_serving(server, f"http://127.0.0.1:{port}/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                     args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 390, "height": 844})
                for language, source, url, paragraph in PAGES:
                    page.goto(f"http://127.0.0.1:{port}/{url}")
                    page.wait_for_load_state("load")
                    results[language] = [_round(page, clone / source, paragraph, MARKS[n % len(MARKS)])
                                         for n in range(rounds)]
                browser.close()
        except Exception as error:  # a timeout as much as our own: say what the server said
            server.terminate()
            server.wait(timeout=30)
            print(f"{error}\n--- mkdocs serve said:\n{log.read_text(encoding='utf-8')[-4000:]}", file=sys.stderr)
            return 1
        server.terminate()
        server.wait(timeout=30)
        output = log.read_text(encoding="utf-8")
    builds = re.findall(r"Documentation built in ([\d.]+) seconds", output)
    print(f"edit loop (make serve: save one paragraph → page reloaded; {rounds} edits per language, "
          "medians; target 1.0 s)")
    for language, seconds in results.items():
        print(f"  {language}: median {statistics.median(seconds):5.2f} s  "
              f"(min {min(seconds):.2f}, max {max(seconds):.2f})")
    if builds:
        times = [float(b) for b in builds[1:]] or [float(builds[0])]
        print(f"  rebuilds as mkdocs reports them: median {statistics.median(times):.2f} s over {len(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
