"""Importing PDFs back: how faithful the PDF reader is on our own printed policy, and how
fast it reads a 30-page PDF.

    .venv/bin/python -m benchmarks.import_pdf [SITE_DIR]

SITE_DIR is a site built with ANSHIN_PDF_LINKS=1 and rendered by tools/make_pdfs.py (the
`pdf_site` test fixture makes one); without it, one is built and rendered into a
temporary directory first (about 40 s). Prints, for docs/policy/anti-bullying in each
language printed by our pipeline and imported with anshin/importing/pdf.py:

- markers: the clause markers of the imported page (anshin.clause_numbering.analyse on
  to_markdown's page) equal to the source page's, in order;
- paragraphs: the built page's paragraphs, list items and headings found whole among the
  imported paragraphs (wrapped lines rejoined, nothing split or run together);
- cells: the built page's table cells equal to the imported tables' cells.

Then the median of 3 imports of a 30-page PDF. Figures are printed, never asserted:
tests/test_import_pdf.py asserts the round trip itself.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from anshin.clause_numbering import analyse
from anshin.importing.markdown import to_markdown
from anshin.importing.model import Paragraph, SourceDocument, Table
from anshin.importing.pdf import read_pdf
from anshin.printing import pdf_filename

ROOT = Path(__file__).resolve().parents[1]
POLICY = "policy/anti-bullying"
# Where each language's pages are in the built site (mkdocs.yml: zh at the root).
LANGUAGE_ROOTS = {"zh": "", "ja": "ja/"}
_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
# Characters one glyph stands for in Noto CJK, so a PDF cannot say which was typed.
_SAME_GLYPH = str.maketrans({"～": "〜", "‧": "・"})
# What the reader leaves out on purpose: a bullet typed at the start of a paragraph.
_TYPED_BULLET = re.compile(r"^[・●○■◆•]\s*")


# ------------------------------------------------------------------ what the built page shows

@dataclass
class PageText:
    """The article of a built page as it prints: its text blocks and its tables' cells."""

    blocks: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    month_grid: list[str] = field(default_factory=list)   # the calendar's months side by side


class _ArticleReader(HTMLParser):
    """Text blocks and table cells inside <article>, leaving out what print does not show:
    permalinks (`¶`), visually hidden labels, and the notes box."""

    _SKIPPED_CLASSES = re.compile(r"headerlink|hidden|md-source-file|anshin-print-toolbar|admonition|md-content__button")
    _VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}
    # The theme's lines (dates, calendar feed box) are not the document's paragraphs.
    _THEME = re.compile(r"anshin-dates|anshin-cal__feed")
    _MONTH_GRID = re.compile(r"anshin-cal__months")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self._open: list[tuple[str, bool]] = []     # (tag, skipped)
        self._kinds: list[str] = []                 # "theme", "grid" or "" for each open element
        self._article = 0
        self._block: list[str] | None = None
        self._cell: list[str] | None = None

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        classes = dict(attrs).get("class") or ""
        skipped = bool(self._SKIPPED_CLASSES.search(classes)) or tag in ("details", "script", "style", "nav")
        self._open.append((tag, skipped))
        self._kinds.append("theme" if self._THEME.search(classes) else "grid" if self._MONTH_GRID.search(classes) else "")
        if tag == "article":
            self._article += 1
        if not self._article or self._skipping():
            return
        if tag == "table":
            self.page.tables.append([])
        elif tag == "tr" and self.page.tables:
            self.page.tables[-1].append([])
        elif tag in ("td", "th") and self.page.tables:
            self._cell = []
        elif tag in _BLOCK_TAGS and self._cell is None and self._block is None:
            self._block = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        kinds = set(self._kinds)
        while self._open:
            open_tag, skipped = self._open.pop()
            self._kinds.pop()
            if open_tag == tag:
                break
        if tag == "article":
            self._article -= 1
        if tag in ("td", "th") and self._cell is not None:
            self.page.tables[-1][-1].append(normalised("".join(self._cell)))
            self._cell = None
        elif tag in _BLOCK_TAGS and self._block is not None:
            text = _TYPED_BULLET.sub("", normalised("".join(self._block)))
            if text and "theme" not in kinds:
                (self.page.month_grid if "grid" in kinds else self.page.blocks).append(text)
            self._block = None

    def handle_data(self, data: str) -> None:
        if not self._article or self._skipping():
            return
        for collecting in (self._cell, self._block):
            if collecting is not None:
                collecting.append(data)


def page_text(html: str) -> PageText:
    reader = _ArticleReader()
    reader.feed(html)
    return reader.page


def normalised(text: str) -> str:
    """Text compared as a reader sees it: runs of white space as one, one glyph one character."""
    return re.sub(r"\s+", " ", text).strip().translate(_SAME_GLYPH)


# ------------------------------------------------------------------ the round trip

@dataclass(frozen=True)
class RoundTrip:
    language: str
    source_markers: list[str]
    imported_markers: list[str]
    paragraphs_found: int
    paragraphs: int
    cells_equal: int
    cells: int
    missing_paragraphs: list[str]
    differing_cells: list[tuple[str, str]]
    month_grid_found: int
    month_grid: int

    @property
    def markers_equal(self) -> int:
        if self.source_markers == self.imported_markers:
            return len(self.source_markers)
        return sum(1 for a, b in zip(self.source_markers, self.imported_markers, strict=False) if a == b)


def policy_pdf(site: Path, language: str) -> Path:
    return site / f"{LANGUAGE_ROOTS[language]}{POLICY}" / pdf_filename(f"{POLICY}.md", language)


def markers(markdown: str, path: str) -> list[str]:
    items, _ = analyse(markdown, path)
    return [item.marker.text for item in items if item.marker]


def round_trip(site: Path, language: str) -> RoundTrip:
    """The policy page in `language`, printed and imported back, against its source."""
    source = (ROOT / "docs" / f"{POLICY}.{language}.md").read_text(encoding="utf-8")
    document = read_pdf(policy_pdf(site, language), f"{POLICY}.{language}.pdf")
    imported = to_markdown(document)
    built = page_text((site / f"{LANGUAGE_ROOTS[language]}{POLICY}" / "index.html").read_text(encoding="utf-8"))
    return _compared(language, markers(source, f"docs/{POLICY}.{language}.md"), markers(imported, "imported.md"),
                     built, document)


def _compared(language: str, source_markers: list[str], imported_markers: list[str], built: PageText,
              document: SourceDocument) -> RoundTrip:
    imported_texts = {_TYPED_BULLET.sub("", normalised(b.text)) for b in document.blocks if isinstance(b, Paragraph)}
    missing = [text for text in built.blocks if text not in imported_texts]
    grid_found = sum(1 for text in built.month_grid if text in imported_texts)
    imported_tables = [b for b in document.blocks if isinstance(b, Table)]
    cells = equal = 0
    differing: list[tuple[str, str]] = []
    for index, table in enumerate(built.tables):
        rows = imported_tables[index].rows if index < len(imported_tables) else []
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                cells += 1
                got = normalised(rows[r][c]) if r < len(rows) and c < len(rows[r]) else "<missing>"
                if got == cell:
                    equal += 1
                else:
                    differing.append((cell, got))
    return RoundTrip(language, source_markers, imported_markers, len(built.blocks) - len(missing), len(built.blocks),
                     equal, cells, missing, differing, grid_found, len(built.month_grid))


# ------------------------------------------------------------------ a 30-page PDF

def long_pdf(out: Path, pages: int = 30) -> Path:
    """A PDF of about `pages` A4 pages of policy-like text, a table every few pages,
    a running header and page numbers, printed by headless Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, _chromium_executable

    sections = []
    for n in range(1, pages * 3 // 2 + 1):     # about one and a half sections a page
        sections.append(f"<h2>{n} いじめの防止に関する取組 第{n}部</h2>")
        sentence = "いじめは、どの学校でも、どの子にも起こりうるという危機意識を持ち、教職員が一体となって取り組む。"
        sections.extend(f"<p>（{k}）{sentence * 4}</p>" for k in range(1, 5))
        sections.append("<ul>" + "".join(f"<li>家庭・地域・関係機関と連携する取組その{i}を行う。</li>" for i in range(1, 4)) + "</ul>")
        if n % 3 == 0:
            sections.append("<table><tr><th>期日</th><th>活動内容</th></tr>"
                            + "".join(f"<tr><td>{m}月{m + 3}日</td><td>校内研修会</td></tr>" for m in range(1, 6)) + "</table>")
    html = ("<!doctype html><html lang=ja><meta charset=utf-8><style>body{font:10.5pt 'Noto Sans CJK JP'}"
            "table{border-collapse:collapse}td,th{border:1px solid #000;padding:2pt}</style><body>"
            + "".join(sections) + "</body></html>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_executable(), args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(out), format="A4", display_header_footer=True,
                 header_template="<div style='font-size:8px;margin-left:1cm'>いじめ防止基本方針</div>",
                 footer_template="<div style='font-size:8px;margin:auto'><span class=pageNumber></span> / "
                                 "<span class=totalPages></span></div>",
                 margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
        browser.close()
    return out


def import_seconds(pdf: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_pdf(pdf, pdf.name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ------------------------------------------------------------------ the report

def _rendered_site(work: Path) -> Path:
    from tests.conftest import run_build

    site = work / "site"
    built = run_build(ROOT, site, extra_env={"ANSHIN_PDF_LINKS": "1"})
    if built.returncode:
        sys.exit(f"strict build failed:\n{built.stderr}")
    rendered = subprocess.run([sys.executable, str(ROOT / "tools" / "make_pdfs.py"), str(site)], cwd=ROOT,
                              capture_output=True, text=True)
    if rendered.returncode:
        sys.exit(f"tools/make_pdfs.py failed:\n{rendered.stdout}\n{rendered.stderr}")
    return site


def report(site: Path, work: Path) -> None:
    print("PDF import round trip (our policy page, printed by tools/make_pdfs.py, imported back)")
    for language in LANGUAGE_ROOTS:
        result = round_trip(site, language)
        print(f"  {language}: markers {result.markers_equal}/{len(result.source_markers)} exact"
              f" (imported page has {len(result.imported_markers)}),"
              f" paragraphs rejoined {result.paragraphs_found}/{result.paragraphs},"
              f" table cells {result.cells_equal}/{result.cells};"
              f" calendar month grid (side-by-side columns, not read as such) {result.month_grid_found}/{result.month_grid}")
        for text in result.missing_paragraphs[:5]:
            print(f"      not found whole: {text[:70]}")
        for expected, got in result.differing_cells[:5]:
            print(f"      cell {expected[:40]!r} read as {got[:40]!r}")
    pdf = long_pdf(work / "long.pdf")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = re.search(r"Pages:\s+(\d+)", pages)
    print(f"  import of a {count.group(1) if count else '?'}-page PDF: {import_seconds(pdf):.2f} s (median of 3)")


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        site = Path(argv[0]) if argv else _rendered_site(work)
        report(site, work)


if __name__ == "__main__":
    main(sys.argv[1:])
