"""Benchmark: the site at 10× and 100× its size — build time per page, peak memory, the
first view, the search index and search latency (issue "Scale").

The corpus (`make_corpus`): a throwaway copy of the project (the parts tests/conftest.py's
`copy_project` copies: mkdocs.yml, docs/, overrides/, hooks/, data/, locales/, tools/; the
`anshin` package is the one installed from this checkout), multiplied by FACTOR:
- documents: for each extra copy k = 2 … FACTOR, every page pair of docs/agreements/ and
  docs/policy/ (.zh.md with its .ja.md twin) is copied to docs/agreements-k/ and
  docs/policy-k/, at the same depth, so every relative link (siblings, ../notes/…) still
  resolves. Each copy's title (`title:` and the `# ` heading) ends in " k", so search
  and the navigation see distinct pages; a copy's `bilingual_of:` names its own copy.
  (Neither the title nor a calendar marker is a unit of a translation's fingerprint,
  anshin/translation_status.py, so a translation up to date with its original is up to
  date in every copy; tests/test_scale_corpus.py checks it.) The copies are added to each
  language's nav in mkdocs.yml (a section per copy, as the originals' sections), since
  the site fails --strict on a page left out of the nav;
- calendars: data/calendar/2019.yml is shifted to the next school years, min(FACTOR, 10)
  school years in all (2019 …), the dates read as the school writes them in the later year
  (a day that does not exist, 2月29日, becomes the month's last; a single-day event that
  falls on a national holiday is moved to the nearest school day of its month: the
  loader reports it otherwise, and --strict fails). Copy k of the policy shows the
  calendar of school year 2019 + (k - 1) mod (number of years), so every year is rendered
  on pages (term tables and the month view) and written as .ics feeds.
The corpus is no git checkout: "last changed" dates are left out, as in a download. Its
analysis cache (extra.build_cache, .build-cache/ beside its mkdocs.yml) starts empty, so
every figure is that of a first build: jieba and Sudachi read every text.

Measured, for each factor (default 1 10 100; 1 always runs first, as the baseline):
- one `python -m mkdocs build --strict --quiet` of the corpus, run by a small wrapper
  process so that the build's own figures are read exactly: wall time, CPU (user +
  system) and peak resident memory (`ru_maxrss` of the wrapper's children: the build and
  the git processes it waits for, and nothing else);
- Markdown files, pages built (index.html files), seconds per page and its ratio to the
  1× figure; seconds per added page, (wall - wall at 1×) / (pages - pages at 1×), which
  leaves out the fixed cost (imports, dictionaries) that the 1× figure spreads over 40
  pages: if it grows from 10× to 100×, each page costs more the more pages there are;
- the first view, the heaviest of the ten largest pages' (by HTML size): the page's
  HTML, the stylesheets (<link rel=stylesheet>), icon and scripts (<script src>) it
  names, and what Material's page script fetches at load, the search worker
  (assets/search.js) and the language's small search/search_index.json (hooks/search.py,
  anshin/search/corpus.py) — each gzip level 6, as tests/test_search.py's first-view
  budget counts them (read from the files: at 1× they are exactly the requests Chromium
  makes for a page). Not counted: search/search_index_full.json, fetched on the first
  query, and what the offline worker saves after the page has loaded;
- each language's full search index, raw and gzip (level 6);
- search latency in headless Chromium (/usr/bin/chromium, 390×844): the built site
  served on 127.0.0.1, Material's search box driven as tests/test_search.py's SearchBox
  does; the first query loads the index (its time, with the text fetched, is printed
  apart), then for ten queries per language the time from the last keystroke to the
  first result drawn; the median over both languages.

Targets (the issue's, at 100×): time per page ≤ 1.2 × the 1× figure; peak memory < 2 GiB;
the first view ≤ 150 KB gzip; first search results ≤ 100 ms after a keystroke. Each is
printed PASS or MISS for the largest factor; the exit status is 0 even on a miss (this
is a benchmark), 1 only when a build fails.

Run: `.venv/bin/python -m benchmarks.scale [FACTOR ...]` from the project root, e.g.
`python -m benchmarks.scale 1 10`; `--no-search` leaves out Chromium. At 100× (2,812
pages: the 40 of the site and 99 copies of 28) one build takes about five minutes on a
two-core machine and a few GB of disk. Machines are noisy: compare figures within one run.
"""

from __future__ import annotations

import argparse
import calendar as gregorian
import contextlib
import datetime
import functools
import gzip
import html.parser
import http.server
import json
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jpholiday

from anshin.build_context import project_languages
from anshin.school_calendar import WhenError, parse_when
from tests.conftest import PROJECT_PARTS, SEEDS

ROOT = Path(__file__).resolve().parents[1]

FACTORS = (1, 10, 100)
SECTIONS = ("agreements", "policy")          # the folders of documents multiplied
MAX_YEARS = 10                               # school years of calendars at most
CALENDAR = Path("data") / "calendar"
TARGETS = {"ratio": 1.2, "peak_mib": 2048, "first_view_kb": 150, "search_ms": 100}
# Words that occur in the documents of each language: common ones (many results) and rarer ones.
QUERIES = {
    "zh": ["安全", "接送", "欺凌", "班主任", "请假", "家访", "手机", "监护人", "问卷调查", "协议", "学校"],
    "ja": ["安全", "いじめ", "保護者", "送迎", "早期発見", "相談", "家庭訪問", "重大事態", "アンケート", "担任", "学校"],
}
PHONE = {"width": 390, "height": 844}


# ---------------------------------------------------------------------------------------
# The corpus


def make_corpus(source_root: Path, target: Path, factor: int) -> Path:
    """A copy of the project at `source_root` in `target`, its documents (docs/agreements/,
    docs/policy/) `factor` times over and min(factor, 10) school years of calendars (see
    the module's docstring). Returns `target`."""
    if factor < 1:
        raise ValueError(f"factor must be 1 or more, not {factor}")
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:   # as tests/conftest.py's copy_project, from any source
        source = source_root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    years = _calendar_years(target, min(factor, MAX_YEARS))
    for copy in range(2, factor + 1):
        for section in SECTIONS:
            _copy_section(target / "docs", section, copy, years[(copy - 1) % len(years)])
    config = target / "mkdocs.yml"
    config.write_text(_nav_with_copies(config.read_text(encoding="utf-8"), factor), encoding="utf-8")
    return target


def _copy_section(docs: Path, section: str, copy: int, year: int) -> None:
    """docs/<section>/ as docs/<section>-<copy>/: each page retitled, its links to the
    section's own pages kept inside the copy, its calendar markers showing `year`."""
    source, destination = docs / section, docs / f"{section}-{copy}"
    destination.mkdir()
    for page in sorted(source.glob("*.md")):
        (destination / page.name).write_text(_copied_page(page.read_text(encoding="utf-8"), section, copy, year),
                                             encoding="utf-8")


def _copied_page(text: str, section: str, copy: int, year: int) -> str:
    head, body = _split_front_matter(text)
    head = re.sub(r"^(title:[ \t]*)(.+?)[ \t]*$", lambda m: m[1] + _suffixed(m[2], copy), head, count=1, flags=re.M)
    head = re.sub(rf"^(bilingual_of:[ \t]*/?){re.escape(section)}/", rf"\g<1>{section}-{copy}/", head, flags=re.M)
    body = re.sub(r"^(# .+?)[ \t]*$", lambda m: f"{m[1]} {copy}", body, count=1, flags=re.M)
    body = re.sub(r"^([ \t]*<!--\s*anshin:calendar\s+)\d{4}\b", rf"\g<1>{year}", body, flags=re.M)
    return head + body


def _suffixed(value: str, copy: int) -> str:
    """A front matter title with " <copy>" at its end, inside its quotes if it has any."""
    if len(value) > 1 and value[0] in "'\"" and value[-1] == value[0]:
        return f"{value[:-1]} {copy}{value[-1]}"
    return f"{value} {copy}"


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            return text[:end + 5], text[end + 5:]
    return "", text


def _nav_with_copies(config: str, factor: int) -> str:
    """mkdocs.yml with, at the end of every language's `nav:`, for each copy k, a copy of
    each entry that lists pages of SECTIONS: its label and pages' paths ending in -k."""
    lines = config.splitlines(keepends=True)
    result: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        result.append(line)
        index += 1
        found = re.match(r"^([ \t]*)nav:\s*$", line)
        if not found:
            continue
        indent, block = len(found[1]), []
        while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > indent):
            block.append(lines[index])
            index += 1
        end = len(block)
        while end and not block[end - 1].strip():   # the copies go before the blank lines after the nav
            end -= 1
        result += block[:end] + _nav_copies(block, factor) + block[end:]
    return "".join(result)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _nav_copies(block: list[str], factor: int) -> list[str]:
    entries = [line for line in block if line.strip()]
    if not entries:
        return []
    top = min(_indent(line) for line in entries)
    items: list[list[str]] = []
    for line in entries:
        if _indent(line) == top and line.lstrip().startswith("- "):
            items.append([line])
        elif items:
            items[-1].append(line)
    pages = re.compile(rf"(?<![\w-])({'|'.join(SECTIONS)})/")
    copied = [item for item in items if any(pages.search(line) for line in item)]
    added = []
    for copy in range(2, factor + 1):
        for item in copied:
            first = re.sub(r"^([ \t]*- )([^:]+?):", rf"\g<1>\g<2> {copy}:", item[0], count=1)
            added += [pages.sub(rf"\g<1>-{copy}/", line) for line in [first, *item[1:]]]
    return added


def _calendar_years(project: Path, count: int) -> list[int]:
    """The school years with a calendar after adding `count` - 1 years after the first
    data file's, shifted from it; returns them in order."""
    folder = project / CALENDAR
    first = min(int(path.stem) for path in folder.glob("*.yml") if re.fullmatch(r"\d{4}", path.stem))
    text = (folder / f"{first}.yml").read_text(encoding="utf-8")
    years = [first + offset for offset in range(count)]
    for year in years[1:]:
        path = folder / f"{year}.yml"
        if not path.exists():
            path.write_text(_shifted_calendar(text, first, year), encoding="utf-8")
    return years


def _shifted_calendar(text: str, first: int, year: int) -> str:
    """The calendar of school year `first` as that of school year `year` (see make_corpus)."""
    header = f"# School year {year}: data/calendar/{first}.yml shifted by benchmarks/scale.py.\n"

    def when(match: re.Match[str]) -> str:
        return match[1] + _shifted_when(match[2].strip(), year - first, year)

    return header + re.sub(r"^([ \t]*(?:- )?when:[ \t]*)(.+)$", when, text, flags=re.M)


# A day as the school writes it, and the day-only end of a range within its month (～18日).
_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:～(\d{1,2})日)?")


def _shifted_when(written: str, years: int, school_year: int) -> str:
    """A `when` of one school year written for the school year `years` later."""
    text = re.sub(r"(\d{4})年", lambda m: f"{int(m[1]) + years}年", written)

    def existing(match: re.Match[str]) -> str:
        month = int(match[2])
        calendar_year = int(match[1]) if match[1] else school_year if month >= 4 else school_year + 1
        last = gregorian.monthrange(calendar_year, month)[1]
        end = f"～{min(int(match[4]), last)}日" if match[4] else ""
        return f"{match[1] + '年' if match[1] else ''}{month}月{min(int(match[3]), last)}日{end}"

    text = _DAY.sub(existing, text)
    try:
        parsed = parse_when(text, school_year)
    except WhenError:
        return text   # kept as written: the build says what is wrong with it
    if parsed.kind != "day" or not jpholiday.is_holiday(parsed.first_day):
        return text
    day = parsed.first_day
    for offset in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        moved = day + datetime.timedelta(days=offset)
        if moved.month == day.month and not jpholiday.is_holiday(moved):
            found = _DAY.search(text)
            assert found is not None, "a single day is written as its month and day"
            year = f"{found[1]}年" if found[1] else ""
            return f"{text[:found.start()]}{year}{moved.month}月{moved.day}日{text[found.end():]}"
    return text


# ---------------------------------------------------------------------------------------
# Measuring


# Runs the build as its only child: its rusage is the build's alone (RUSAGE_CHILDREN in
# this process would add every earlier build, and maxrss is a maximum over all of them).
_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"returncode": code, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss}, out)
"""


@dataclass
class Figures:
    factor: int
    markdown: int
    pages: int
    wall: float
    cpu: float
    peak_mib: float
    first_view: tuple[str, int] = ("", 0)                       # page, bytes gzip
    indexes: dict[str, tuple[int, int]] = field(default_factory=dict)   # language -> (raw, gzip)
    search_first: dict[str, float] = field(default_factory=dict)        # language -> ms, index fetched
    search_ms: list[float] = field(default_factory=list)

    @property
    def per_page(self) -> float:
        return self.wall / self.pages


def _build(project: Path, site: Path, url: str) -> tuple[dict, str]:
    report = project.parent / "rusage.json"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    env = {key: value for key, value in os.environ.items() if key != "ANSHIN_BUILD_CACHE"}   # the corpus's own, empty
    env.update(NO_MKDOCS_2_WARNING="1", ANSHIN_SITE_URL=url)
    if SEEDS.is_dir():   # the seed texts the corrections are checked against, as in the project's own build
        env.setdefault("ANSHIN_SEEDS", str(SEEDS))
    finished = subprocess.run([sys.executable, "-c", _WRAPPER, str(report), *command], cwd=project, env=env,
                              capture_output=True, text=True)
    if finished.returncode != 0 or not report.exists():
        return {"returncode": finished.returncode or 1}, finished.stdout + finished.stderr
    return json.loads(report.read_text(encoding="utf-8")), finished.stdout + finished.stderr


class _Resources(html.parser.HTMLParser):
    """The stylesheets, icon and scripts a page names, and Material's settings (__config)."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and {"stylesheet", "icon"} & set((values.get("rel") or "").split()) and values.get("href"):
            self.files.append(values["href"] or "")
        elif tag == "script":
            if values.get("src"):
                self.files.append(values["src"] or "")
            self._in_config = values.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def _local(site: Path, page: Path, address: str) -> Path | None:
    """The built file `address` (as written in `page`) stands for, if it is one of the site's."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    folder = posixpath.dirname(page.relative_to(site).as_posix())
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if path.startswith(".."):
        return None
    found = site / path
    return found / "index.html" if found.is_dir() else found if found.is_file() else None


@functools.lru_cache(maxsize=256)
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _first_view(site: Path, page: Path) -> int:
    """gzip bytes of the page and everything it loads at first view (the docstring lists it)."""
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    addresses = list(parser.files)
    if parser.config:
        config = json.loads(parser.config)
        addresses.append(config["search"])                                   # the search worker
        addresses.append(config["base"].rstrip("/") + "/search/search_index.json")
    files = {page} | {f for f in (_local(site, page, a) for a in addresses) if f is not None}
    return sum(_gzip_size(f) for f in files)


def _heaviest_first_view(site: Path) -> tuple[str, int]:
    pages = sorted(site.rglob("index.html"), key=lambda p: p.stat().st_size, reverse=True)[:10]
    _gzip_size.cache_clear()
    weights = [(p.parent.relative_to(site).as_posix() + "/", _first_view(site, p)) for p in pages]
    return max(weights, key=lambda w: w[1])


def _index_sizes(site: Path) -> dict[str, tuple[int, int]]:
    sizes = {}
    for language in project_languages(ROOT):
        raw = (site / language.root / "search" / "search_index_full.json").read_bytes()
        sizes[language.code] = (len(raw), len(gzip.compress(raw, 6)))
    return sizes


def _search_times(browser, url: str) -> tuple[dict[str, float], list[float]]:
    """(each language's first query, the index fetched; the other queries' times), in ms."""
    from tests.test_search import SearchBox

    first, times = {}, []
    for language in project_languages(ROOT):
        queries = QUERIES.get(language.code)
        if not queries:
            continue
        box = SearchBox(browser, url, language.code, viewport=PHONE, service_workers="block")
        try:
            page = box.page
            # The first query fetches and reads the whole index: SearchBox.ask allows 10 s.
            page.keyboard.press("/")
            page.keyboard.insert_text(queries[0])
            page.keyboard.press("End")
            page.wait_for_function("() => window.__anshinSearch.first > 0", polling=50, timeout=300_000)
            probe = page.evaluate("window.__anshinSearch")
            first[language.code] = probe["first"] - probe["keyup"]
            times += [a.first_ms for a in (box.ask(q) for q in queries[1:]) if a.first_ms is not None]
        finally:
            box.close()
    return first, times


def _measure(factor: int, directory: Path, url: str, browser, server) -> tuple[Figures | None, str]:
    project = make_corpus(ROOT, directory / "project", factor)
    site = directory / "site"
    usage, output = _build(project, site, url)
    if usage["returncode"] != 0:
        return None, output
    figures = Figures(factor, sum(1 for _ in (project / "docs").rglob("*.md")), sum(1 for _ in site.rglob("index.html")),
                      usage["wall"], usage["cpu"], usage["maxrss_kib"] / 1024)
    figures.first_view = _heaviest_first_view(site)
    figures.indexes = _index_sizes(site)
    if browser is not None:
        server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(site))
        figures.search_first, figures.search_ms = _search_times(browser, url)
    return figures, output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


# ---------------------------------------------------------------------------------------
# Report


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _report(rows: list[Figures]) -> None:
    base = rows[0]
    print(f"\nscale: the site ×1 … ×{rows[-1].factor} (one strict build each); targets at the largest factor: "
          f"s/page ≤ {TARGETS['ratio']} × 1×, peak RSS < {TARGETS['peak_mib']} MiB, "
          f"first view ≤ {TARGETS['first_view_kb']} KB gzip, search ≤ {TARGETS['search_ms']} ms")
    codes = list(rows[0].indexes)
    header = (f"{'factor':>6} {'md files':>8} {'pages':>6} {'wall s':>7} {'CPU s':>7} {'s/page':>7} {'ratio':>6} "
              f"{'s/added':>8} {'peak MiB':>8} {'1st view KB':>11} "
              f"{'index KB gz (' + '/'.join(codes) + ')':>20} {'search ms':>9}")
    print(header)
    print("-" * len(header))
    for row in rows:
        added = (f"{(row.wall - base.wall) / (row.pages - base.pages):8.4f}" if row.pages > base.pages else f"{'–':>8}")
        search = f"{statistics.median(row.search_ms):9.1f}" if row.search_ms else f"{'–':>9}"
        indexes = "/".join(f"{row.indexes[c][1] / 1024:.0f}" for c in codes)
        print(f"{row.factor:>5}× {row.markdown:>8} {row.pages:>6} {row.wall:>7.1f} {row.cpu:>7.1f} {row.per_page:>7.3f} "
              f"{row.per_page / base.per_page:>6.2f} {added} {row.peak_mib:>8.0f} {row.first_view[1] / 1024:>11.1f} "
              f"{indexes:>20} {search}")
    print("\n(s/added: (wall - wall at 1×) / (pages - pages at 1×), the cost of a page without the fixed cost)")
    for row in rows:
        raw = ", ".join(f"{c} {row.indexes[c][0] / 1024:,.0f} KB raw" for c in codes)
        first = ", ".join(f"{c} {ms:.0f} ms" for c, ms in row.search_first.items())
        print(f"  ×{row.factor}: heaviest first view /{row.first_view[0].removeprefix('./')}; full index {raw}"
              + (f"; first query (index fetched) {first}; search p90 "
                 f"{sorted(row.search_ms)[int(len(row.search_ms) * 0.9)]:.1f} ms over {len(row.search_ms)}"
                 if row.search_ms else ""))
    last = rows[-1]
    print(f"\nat ×{last.factor}:")
    print(f"  s/page {last.per_page:.3f} = {last.per_page / base.per_page:.2f} × 1× ({base.per_page:.3f})   "
          f"{_verdict(last.per_page <= TARGETS['ratio'] * base.per_page)}")
    print(f"  peak RSS {last.peak_mib:.0f} MiB   {_verdict(last.peak_mib < TARGETS['peak_mib'])}")
    print(f"  first view {last.first_view[1] / 1024:.1f} KB gzip   {_verdict(last.first_view[1] <= TARGETS['first_view_kb'] * 1024)}")
    if last.search_ms:
        median = statistics.median(last.search_ms)
        print(f"  search, keystroke to first results {median:.1f} ms (median)   {_verdict(median <= TARGETS['search_ms'])}")
    else:
        print("  search: not measured (--no-search)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("factors", nargs="*", type=int, default=list(FACTORS), help="how many times the site (1 runs too)")
    parser.add_argument("--no-search", action="store_true", help="leave out the search latency (Chromium)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    factors = sorted({1, *args.factors})

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows: list[Figures] = []
    try:
        with _browser(not args.no_search) as browser:
            for factor in factors:
                with tempfile.TemporaryDirectory(prefix=f"anshin-scale-{factor}-") as directory:
                    started = time.perf_counter()
                    figures, output = _measure(factor, Path(directory), url, browser, server)
                    if figures is None:
                        print(f"×{factor}: the strict build failed:\n{output[-4000:]}", file=sys.stderr)
                        return 1
                    print(f"×{factor}: {figures.pages} pages, build {figures.wall:.1f} s "
                          f"(measured in {time.perf_counter() - started:.0f} s)", flush=True)
                    rows.append(figures)
    finally:
        server.shutdown()
        server.server_close()
    _report(rows)
    return 0


@contextlib.contextmanager
def _browser(wanted: bool) -> Iterator[object]:
    """Headless Chromium for the search figures (None when not wanted)."""
    if not wanted:
        yield None
        return
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, _chromium_executable

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium_executable(), args=CHROMIUM_FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


if __name__ == "__main__":
    sys.exit(main())
