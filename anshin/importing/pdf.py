"""Reading a PDF with a text layer into a `SourceDocument` (pdfplumber on pdfminer.six).

A PDF has no paragraphs, only characters placed on pages. This reader puts back what a
reader of the printed page sees, and says in `SourceDocument.notes` and `.omissions`
what it dropped.

**Lines.** Characters are grouped into lines by their vertical position (a Latin digit
set in another font a little lower than the kanji beside it stays on the line). A gap
wider than a fifth of the font size between two characters is one space; spaces the PDF
itself has (including the full-width `　`) are kept as printed. Two font artefacts are
undone: CJK characters mapped to the look-alike Kangxi radicals (`⽌` for `止`, as Chrome
and some Word versions write them) are read as the ideographs, and `‧` (U+2027) on a line
of CJK text is the middle dot `・` it is drawn with.

**Running headers, footers, page numbers: dropped.** A line among the first or last two
of a page whose text (digits counted alike) and height on the page recur on at least half
of the pages is a running header or footer. A first or last line in the page's outer
eighth that is only a page number (`3`, `- 3 -`, `― 3 ―`, `3/10`, `3 / 10 ページ`,
`第3页`, `第 3 页 共 10 页`, `Page 3 of 10`, `p. 3`, `（3）`) is dropped on any page. The
count is in the notes. Line numbers in `Where(page, line)` are counted after this.

**Paragraphs: wrapped lines are joined.** A line continues the paragraph above it unless
the gap above it is wider than the document's line spacing, the line above ends short of
the text block's right edge (by more than the next line's first word; the edge is where a
fifth or more of the body lines end, or else, in a document of short lines, where margins
as wide as the left one put it), the line starts
with a clause marker (`anshin.clause_markers.read_marker`) or a bullet, its font size or
weight differs, or it is indented differently (a paragraph with a first-line indent or a
hanging indent under its marker stays one paragraph). Across a page break the paragraph
continues when its last line is full, does not end a sentence, and the next page starts
at its indentation with no marker. CJK text is joined with nothing between; Latin words
with one space; a hyphen at the end of a line is kept (`well-` + `known` gives
`well-known`: a hyphen cannot be told from a word break with certainty).

**Bullets.** A line starting with `・ ● ■ ◆ • -` (or a Wingdings/Symbol bullet Word
writes in the private-use area), or with a small filled dot or square drawn just left of
it (how browsers print list bullets), is a list item: `bullet=True`, the bullet left out.

**Headings.** A paragraph of at most three lines in a font larger than the body's (the
most common size) is a heading; levels rank the larger sizes, biggest first. A bold
paragraph of at most two lines at body size or smaller is a heading one level below the
smallest larger size. Clause markers stay exactly as printed: nothing is renumbered.

**Title.** The largest heading on page 1 (after dropping headers). The Info dictionary's
Title is used only when page 1 has no heading and it does not look like a file name
(`Microsoft Word - 方針.docx`, `方針.pdf`, a path), which it often is.

**Tables: kept.** In a tagged PDF (Chrome's `tagged` output, Word's "document structure
tags") the tables of the structure tree (Table/TR/TH/TD with RowSpan/ColSpan) are read
exactly. Otherwise a ruled grid found by pdfplumber's `find_tables` (lines strategy, on
ruling lines only: filled background boxes are left out) is a table. Text inside a table
is not also a paragraph. A cell covered by a merged cell is "" and `Table.merged` says
which (`row 2, columns 1–3`). A table that ends a page and one that starts the next with
as many columns are one table; a repeated header row is dropped.

**Omissions.** Images (figures are not carried over), links and comments (the text stays,
the target or remark does not), and pages without text, each with its page.

**Not read.** Vertical (tategaki) text, multi-column layouts (columns side by side are
read line by line across), footnote placement, borderless tables in untagged PDFs.

**Refused** with `SourceError` (one line, what to do): a file that is not a PDF, a
damaged or truncated PDF, a password-protected PDF, and a PDF with no text layer at all
(a scan: "no text layer: run OCR first").
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anshin.clause_markers import read_marker
from anshin.importing.model import Block, Omission, Paragraph, SourceDocument, SourceError, Table, Where

__all__ = ["read_pdf"]

_OCR_FIX = "e.g. 'ocrmypdf in.pdf out.pdf', then import out.pdf"
# Not ○ or ※: Japanese policies number their items with them, and they stay text
# (CONTENT_CONVENTIONS.md); nor □, a check box to tick on the printed form.
_BULLETS = "・●•■◆◇▪▫◦‣"
_SENTENCE_END = "。．.！!？?」』）)"
_PAGE_NUMBER = re.compile(
    r"^(?:[-‐‑–—―ー~〜－]\s*)?(?:\d+|[ivxlcdm]+)(?:\s*[-‐‑–—―ー~〜－])?$"       # 3, - 3 -, ― 3 ―, iv
    r"|^\d+\s*[/／]\s*\d+(?:\s*(?:ページ|页|頁))?$"                              # 3/10, 3 / 10 ページ
    r"|^第\s*\d+\s*[页頁]\s*[，,、]?\s*(?:共\s*\d+\s*[页頁])?$"                    # 第3页, 第 3 页 共 10 页
    r"|^(?:page|p\.?|pp\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?$"                       # Page 3 of 10, p. 3
    r"|^[（(]\s*\d+\s*[）)]$"                                                    # （3）
    r"|^\d+\s*(?:ページ|页|頁)$", re.IGNORECASE)
_FILE_NAME_TITLE = re.compile(r"^(?:Microsoft\s+\w+\s*-\s*)|\.(?:docx?|rtf|odt|pdf|xlsx?|pptx?|jtd|txt)\s*$|[\\/]",
                              re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,bd|-bd|w[6-9]\b", re.IGNORECASE)


# ------------------------------------------------------------------ what a page holds

@dataclass
class _Line:
    """One printed line: its text and where and how it is set."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    baseline: float                     # distance from the top of the page
    drawn_bullet: bool = False
    number: int = 0                     # 1-based on its page, after headers are dropped
    content: tuple[int | None, int | None] = (None, None)    # marked content of its first and last character
    first_run: float = 0.0              # width of its first piece of marked content

    @property
    def edge_key(self) -> tuple[str, int]:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", self.text)), round(self.top / 4)


@dataclass
class _PlacedTable:
    table: Table
    top: float
    columns: int
    source: int | None = None          # the tagged Table element it is (part of)


@dataclass
class _Page:
    number: int
    height: float
    width: float = 0.0
    lines: list[_Line] = field(default_factory=list)
    tables: list[_PlacedTable] = field(default_factory=list)


@dataclass(frozen=True)
class _Measures:
    """The document's body text: what counts as a normal size, spacing and line end."""

    body_size: float
    line_pitch: float
    right_edge: float


# ------------------------------------------------------------------ the entry point

def read_pdf(path: Path, shown: str) -> SourceDocument:
    """The blocks of the PDF at `path` (`shown` is how the file is named in messages)."""
    _check_it_is_a_pdf(path, shown)
    with _quiet_pdfminer(), _nested_marked_content(), _opened(path, shown) as pdf:
        pages: list[_Page] = []
        omissions: list[Omission] = []
        tagged = _tagged_table_parts(pdf)
        for page in pdf.pages:
            read = _read_page(page, tagged.get(page.page_number, []))
            pages.append(read)
            omissions.extend(_omissions_of(page, bool(read.lines or read.tables)))
        info_title = _info_title(pdf.metadata)
    if not any(page.lines or page.tables for page in pages):
        raise SourceError(shown, "no text layer: run OCR first", _OCR_FIX)
    dropped = _drop_running_lines(pages)
    _number_lines(pages)
    measures = _measure(pages)
    blocks, printed = _blocks(pages, measures)
    notes = [f"{len(pages)} pages read with pdfplumber"]
    if dropped:
        notes.append(f"{dropped} running header, footer and page-number lines dropped")
    wrapped = [lines for lines, _ in printed.values() if lines > 1]
    notes.append(f"{sum(wrapped) - len(wrapped)} wrapped lines joined into {len(wrapped)} paragraphs")
    tables = [b for b in blocks if isinstance(b, Table)]
    if tables:
        notes.append(f"{len(tables)} tables kept")
    title = _title(blocks, printed, measures) or info_title
    return SourceDocument(blocks=blocks, kind="pdf", title=title, omissions=omissions, notes=notes)


# ------------------------------------------------------------------ refusing what cannot be read

def _check_it_is_a_pdf(path: Path, shown: str) -> None:
    try:
        with path.open("rb") as file:
            start = file.read(1024)
    except OSError as error:
        raise SourceError(shown, f"cannot be read ({error.strerror})", "check the path and the file's permissions") from None
    if b"%PDF-" not in start:
        raise SourceError(shown, "is not a PDF (it does not start with %PDF-)",
                          "import it under its real extension, or export it to PDF again")


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    # pdfminer logs a warning for every glyph of a font without a FontBBox (Chrome's
    # fonts): noise for a school's editor, not a problem with the document.
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextlib.contextmanager
def _nested_marked_content() -> Iterator[None]:
    """pdfplumber forgets the marked-content id when a nested span ends (Chrome puts each
    font run of a table cell in a Span inside the cell's content), so the rest of the cell
    would belong to nothing. While reading, its device keeps a stack instead."""
    import pdfplumber.page as page_module

    original = page_module.PDFPageAggregatorWithMarkedContent

    class _NestedMarkedContent(original):  # type: ignore[misc, valid-type]
        def begin_tag(self, tag: Any, props: Any = None) -> None:
            stack: list[tuple[str | None, int | None]] = self.__dict__.setdefault("_stack", [])
            outer: int | None = getattr(self, "cur_mcid", None)
            stack.append((getattr(self, "cur_tag", None), outer))
            super().begin_tag(tag, props)
            if getattr(self, "cur_mcid", None) is None:
                self.cur_mcid = outer     # a span inside marked content is part of it

        def end_tag(self) -> None:
            stack: list[tuple[str | None, int | None]] = self.__dict__.setdefault("_stack", [])
            tag, mcid = stack.pop() if stack else (None, None)
            self.cur_tag = tag
            self.cur_mcid = mcid

    page_module.PDFPageAggregatorWithMarkedContent = _NestedMarkedContent  # type: ignore[misc]
    try:
        yield
    finally:
        page_module.PDFPageAggregatorWithMarkedContent = original  # type: ignore[misc]


@contextlib.contextmanager
def _opened(path: Path, shown: str) -> Iterator[Any]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSEOF, PSException
    from pdfplumber.utils.exceptions import PdfminerException

    damaged = (PDFSyntaxError, PSEOF, PSException, KeyError, ValueError, TypeError, AssertionError)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise SourceError(shown, "is protected by a password",
                              "open it with the password and save or print an unprotected copy, then import that") from None
        if isinstance(cause, PDFEncryptionError):
            raise SourceError(shown, f"is encrypted in a way that cannot be read ({cause})",
                              "save or print an unprotected copy, then import that") from None
        raise SourceError(shown, _damaged_problem(cause), _DAMAGED_FIX) from None
    except damaged as error:
        raise SourceError(shown, _damaged_problem(error), _DAMAGED_FIX) from None
    try:
        yield pdf
    except damaged as error:
        raise SourceError(shown, _damaged_problem(error), _DAMAGED_FIX) from None
    finally:
        pdf.close()


_DAMAGED_FIX = "download or export the PDF again; if it opens in a PDF viewer, print it to a new PDF and import that"


def _damaged_problem(error: BaseException) -> str:
    detail = str(error).strip() or type(error).__name__
    return f"is a damaged or incomplete PDF ({detail[:80]})"


# ------------------------------------------------------------------ one page

def _read_page(page: Any, tagged: Sequence[_TablePart]) -> _Page:
    read = _Page(page.page_number, float(page.height), float(page.width))
    tables = _placed_tagged_tables(tagged, page) if tagged else _ruled_tables(page)
    boxes = [box for box, _ in tables]
    chars = [c for c in page.chars if not _inside_any(c, boxes)]
    read.tables = [placed for _, placed in tables]
    read.lines = _lines(chars, page.page_number, _small_shapes(page))
    return read


def _inside_any(char: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _lines(chars: Iterable[dict[str, Any]], page_number: int, shapes: Sequence[tuple[float, float, float]]) -> list[_Line]:
    """Characters grouped into lines, top to bottom: a character belongs to the line whose
    band (top to bottom) holds its middle."""
    upright = sorted((c for c in chars if c.get("upright", True) and c["text"]),
                     key=lambda c: (c["top"] + c["bottom"]) / 2)
    groups: list[list[dict[str, Any]]] = []
    band_bottom = float("-inf")
    for char in upright:
        middle = (char["top"] + char["bottom"]) / 2
        if groups and middle <= band_bottom:
            groups[-1].append(char)
            band_bottom = max(band_bottom, min(char["bottom"], band_bottom + char["size"] / 4))
        else:
            groups.append([char])
            band_bottom = char["bottom"]
    lines = [line for group in groups if (line := _line(group, page_number)) is not None]
    for line in lines:
        line.drawn_bullet = _has_drawn_bullet(line, shapes)
    return lines


def _line(chars: list[dict[str, Any]], page_number: int) -> _Line | None:
    # By the middle, not the left edge: CJK punctuation set tight (”（) overlaps the glyph before.
    chars.sort(key=lambda c: c["x0"] + c["x1"])
    visible = [c for c in chars if not c["text"].isspace()]
    if not visible:
        return None
    sizes = Counter(round(c["size"], 1) for c in visible)
    size = sizes.most_common(1)[0][0]
    bold = sum(1 for c in visible if _BOLD_FONT.search(c.get("fontname", ""))) * 2 > len(visible)
    text = _line_text(chars)
    if any(_is_cjk(ch) for ch in text):
        text = text.replace("\u2027", "・")
    # The baseline, not the top: kanji and Latin letters on one line have different tops.
    baselines = sorted(c["bottom"] + c["y0"] - c["matrix"][5] for c in visible if c.get("matrix"))
    baseline = baselines[len(baselines) // 2] if baselines else max(c["bottom"] for c in visible)
    return _Line(page_number, text, min(c["x0"] for c in visible), max(c["x1"] for c in visible),
                 min(c["top"] for c in visible), max(c["bottom"] for c in visible), size, bold, baseline,
                 content=(visible[0].get("mcid"), visible[-1].get("mcid")), first_run=_first_run_width(visible))


def _first_run_width(visible: Sequence[dict[str, Any]]) -> float:
    end = visible[0]["x1"]
    for char in visible[1:]:
        if char.get("mcid") != visible[0].get("mcid"):
            break
        end = char["x1"]
    return end - visible[0]["x0"]


def _line_text(chars: Sequence[dict[str, Any]]) -> str:
    parts: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = _undo_radicals(char["text"])
        if text.isspace():
            if parts and not parts[-1].isspace():
                parts.append(text if text == "\u3000" else " ")
            continue
        if (previous is not None and parts and not parts[-1].isspace()
                and char["x0"] - previous["x1"] > _space_gap(previous, char) * min(char["size"], previous["size"])):
            parts.append(" ")
        parts.append(text)
        previous = char
    return "".join(parts).strip(" ")


def _space_gap(before: dict[str, Any], after: dict[str, Any]) -> float:
    """The gap, in ems, that stands for a space between two characters. Beside a CJK
    character it must be wide: Word and Writer set Latin text and digits a little apart
    from kanji and hanzi (their "space between Asian and Western text"), which is no space
    in the text (`24時間`, `子どもSOS`); a space typed there is a glyph of the PDF's own."""
    left, right = before["text"][-1:], after["text"][:1]
    return 0.6 if (left and _is_cjk(left)) or (right and _is_cjk(right)) else 0.2


# CJK radical supplements that fonts share with an ideograph, and the ideograph they stand
# for (Unicode's EquivalentUnifiedIdeograph.txt); Kangxi radicals have NFKC mappings.
_RADICAL_IDEOGRAPHS = str.maketrans(dict(zip(
    "⺁⺝⺠⺩⺬⺯⺰⺼⻄⻅⻆⻈⻉⻋⻐⻑⻓⻔⻗⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻫⻬⻭⻮⻯⻰⻲",
    "厂月民王示糸纟月西见角讠贝车钅長长门雨青页风飞食马骨鬼鱼鸟卤麦黄斉齐歯齿竜龙亀", strict=True)))


def _undo_radicals(text: str) -> str:
    # Kangxi radicals (U+2F00–2FDF) and CJK radical supplements (U+2E80–2EFF) are what some
    # PDF writers map ideograph glyphs to: 防⽌ is 防止, 校⻑ is 校長. Nobody types them in
    # running text.
    if any("\u2e80" <= ch <= "\u2fdf" for ch in text):
        text = text.translate(_RADICAL_IDEOGRAPHS)
        return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch for ch in text)
    return text


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x3FFFF or 0x3000 <= code <= 0x303F)


def _small_shapes(page: Any) -> list[tuple[float, float, float]]:
    """Middles (y) and right ends (x) of small round or square marks: printed list bullets."""
    shapes = []
    for shape in list(page.curves) + list(page.rects):
        width, height = shape["width"], shape["height"]
        if 1 <= width <= 8 and 1 <= height <= 8 and 0.5 <= width / height <= 2:
            shapes.append(((shape["top"] + shape["bottom"]) / 2, shape["x1"], width))
    shapes.sort()
    return shapes


def _has_drawn_bullet(line: _Line, shapes: Sequence[tuple[float, float, float]]) -> bool:
    start = bisect.bisect_left(shapes, (line.top, float("-inf"), 0.0))
    for middle, right, width in shapes[start:]:
        if middle > line.bottom:
            break
        if right <= line.x0 + 0.5 and line.x0 - right <= 2.5 * line.size and width <= 0.7 * line.size:
            return True
    return False


# ------------------------------------------------------------------ tables

# A cell of a tagged table: the marked content it is drawn in, as (page, mcid), and its spans.
_TaggedCell = tuple[list[tuple[int, int]], int, int]


@dataclass
class _TablePart:
    """The rows of one tagged table that are drawn on one page."""

    source: int                                  # which Table element: parts of one table join
    rows: list[list[_TaggedCell]]


def _tagged_table_parts(pdf: Any) -> dict[int, list[_TablePart]]:
    """The tables of a tagged PDF's structure tree (Table/TR/TH/TD), by page, cell by cell
    as the author made them. Empty for an untagged PDF.

    Read here from the PDF objects rather than with pdfplumber's structure tree, which
    files every marked-content reference of an element under one page: a header cell
    Chrome repeats on each page of a long table would collect text from all of them."""
    from pdfminer.pdftypes import resolve1

    root = resolve1(pdf.doc.catalog.get("StructTreeRoot"))
    if not isinstance(root, dict):
        return {}
    page_numbers = {page.page_obj.pageid: page.page_number for page in pdf.pages}
    parts: dict[int, list[_TablePart]] = defaultdict(list)
    for source, table in enumerate(_struct_elements(root.get("K"), "Table", set())):
        by_page: dict[int, list[list[_TaggedCell]]] = {}
        for row in _struct_elements(table.get("K"), "TR", set(), stop="Table"):
            cells = [(list(_marked_content(cell, page_numbers, None, set())), _span(cell, "RowSpan"), _span(cell, "ColSpan"))
                     for cell in _struct_children(row) if _struct_type(cell) in ("TH", "TD")]
            pages = [page for refs, _, _ in cells for page, _ in refs]
            if pages:
                by_page.setdefault(min(pages), []).append(cells)
        for page, rows in by_page.items():
            parts[page].append(_TablePart(source, rows))
    return parts


def _struct_type(element: dict[str, Any]) -> str:
    kind = element.get("S")
    return str(getattr(kind, "name", kind))


def _struct_children(element: dict[str, Any]) -> list[dict[str, Any]]:
    from pdfminer.pdftypes import resolve1

    kids = resolve1(element.get("K"))
    found = []
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = resolve1(kid)
        if isinstance(kid, dict) and "S" in kid:
            found.append(kid)
    return found


def _struct_elements(kids: Any, kind: str, seen: set[int], stop: str = "") -> Iterator[dict[str, Any]]:
    """Structure elements of type `kind` under `kids`, in document order (not inside `stop`)."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    pending = [kids]
    while pending:
        item = pending.pop()
        if isinstance(item, PDFObjRef):
            if item.objid in seen:
                continue      # a structure tree is meant to be a tree; a damaged one may loop
            seen.add(item.objid)
        item = resolve1(item)
        if isinstance(item, list):
            pending.extend(reversed(item))
        elif isinstance(item, dict) and "S" in item:
            if _struct_type(item) == kind:
                yield item
            elif _struct_type(item) != stop:
                pending.append(item.get("K"))


def _marked_content(element: Any, page_numbers: dict[int, int], page: int | None, seen: set[int]) -> Iterator[tuple[int, int]]:
    """(page, mcid) of everything drawn for a structure element: an MCID belongs to the
    page its reference names, else to the page of the nearest element that names one."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    if isinstance(element, PDFObjRef):
        if element.objid in seen:
            return
        seen.add(element.objid)
    element = resolve1(element)
    if isinstance(element, int):
        if page is not None:
            yield page, element
    elif isinstance(element, list):
        for kid in element:
            yield from _marked_content(kid, page_numbers, page, seen)
    elif isinstance(element, dict):
        named = element.get("Pg")
        if isinstance(named, PDFObjRef) and named.objid in page_numbers:
            page = page_numbers[named.objid]
        if "MCID" in element:
            mcid = resolve1(element["MCID"])
            if isinstance(mcid, int) and page is not None:
                yield page, mcid
        elif "K" in element:
            yield from _marked_content(element["K"], page_numbers, page, seen)


def _placed_tagged_tables(parts: Sequence[_TablePart], page: Any) -> list[tuple[tuple[float, float, float, float], _PlacedTable]]:
    chars_by_mcid: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for char in page.chars:
        if char.get("mcid") is not None:
            chars_by_mcid[char["mcid"]].append(char)
    found = []
    for part in parts:
        def chars_of(refs: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
            return [c for p, mcid in refs if p == page.page_number for c in chars_by_mcid.get(mcid, [])]
        chars = [c for row in part.rows for refs, _, _ in row for c in chars_of(refs)]
        if not chars:
            continue
        table = _grid_table([[(_cell_text(chars_of(refs)), rowspan, colspan) for refs, rowspan, colspan in row]
                             for row in part.rows], page.page_number)
        box = (min(c["x0"] for c in chars) - 1, min(c["top"] for c in chars) - 1,
               max(c["x1"] for c in chars) + 1, max(c["bottom"] for c in chars) + 1)
        found.append((box, _PlacedTable(table, box[1], max((len(r) for r in table.rows), default=0), part.source)))
    return found


def _span(cell: dict[str, Any], name: str) -> int:
    from pdfminer.pdftypes import resolve1

    attributes = resolve1(cell.get("A"))
    for owner in attributes if isinstance(attributes, list) else [attributes]:
        owner = resolve1(owner)
        if isinstance(owner, dict) and name in owner:
            value = resolve1(owner[name])
            return value if isinstance(value, int) and value > 0 else 1
    return 1


def _grid_table(rows: Sequence[Sequence[tuple[str, int, int]]], page_number: int) -> Table:
    """Rows of (text, rowspan, colspan) laid out on a grid, as HTML lays out a table."""
    taken: dict[tuple[int, int], str] = {}
    merged: list[str] = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            taken[(r, c)] = text
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        taken.setdefault((r + dr, c + dc), "")
            if rowspan > 1 or colspan > 1:
                merged.append(_merged_description(r, c, rowspan, colspan))
            c += colspan
    height = max((r for r, _ in taken), default=-1) + 1
    width = max((c for _, c in taken), default=-1) + 1
    grid = [[taken.get((r, c), "") for c in range(width)] for r in range(height)]
    return Table(rows=grid, where=Where(page=page_number), merged=merged)


def _merged_description(row: int, column: int, rowspan: int, colspan: int) -> str:
    rows = f"row {row + 1}" if rowspan == 1 else f"rows {row + 1}–{row + rowspan}"
    columns = f"column {column + 1}" if colspan == 1 else f"columns {column + 1}–{column + colspan}"
    return f"{rows}, {columns}"


def _cell_text(chars: Sequence[dict[str, Any]]) -> str:
    """A cell's lines as one text: lines the author ended are set apart by a space, lines
    that wrap are joined. In a tagged PDF a line the author ended starts another piece of
    marked content, which would have fitted at the end of the line before; otherwise it
    follows a line that ends short of the cell's right edge."""
    lines = _lines(chars, 0, [])
    right = max((line.x1 for line in lines), default=0.0)
    text = ""
    for previous, line in zip([None, *lines], lines, strict=False):
        if previous is None:
            text = line.text
            continue
        ended_short = previous.x1 < right - 1.5 * line.size
        # Another element that would have fitted on the line before: the author's line break.
        another_element = (previous.content[1] is not None and previous.content[1] != line.content[0]
                           and right - previous.x1 >= line.first_run)
        text = f"{text} {line.text}" if ended_short or another_element else _join(text, line.text)
    return text.strip()


def _ruled_tables(page: Any) -> list[tuple[tuple[float, float, float, float], _PlacedTable]]:
    """Grids of ruling lines (pdfplumber's lines strategy). Filled boxes wider and taller
    than a rule (page backgrounds, shaded boxes) are not rules and are left out first."""
    ruled = page.filter(lambda obj: not (obj.get("object_type") == "rect" and obj["width"] > 3 and obj["height"] > 3
                                         and obj.get("fill") and not obj.get("stroke")))
    found = []
    for candidate in ruled.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        if len(candidate.cells) < 2:
            continue    # one box round some text is a frame, not a table
        table = _cells_table(candidate.cells, page.chars, page.page_number)
        if table is None:
            continue
        bbox = tuple(candidate.bbox)
        found.append((bbox, _PlacedTable(table, bbox[1], len(table.rows[0]))))
    return found


def _cells_table(cells: Sequence[tuple[float, float, float, float]], chars: Sequence[dict[str, Any]],
                 page_number: int) -> Table | None:
    xs = _boundaries([x for cell in cells for x in (cell[0], cell[2])])
    ys = _boundaries([y for cell in cells for y in (cell[1], cell[3])])
    if len(xs) < 2 or len(ys) < 2:
        return None
    grid = [["" for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    merged = []
    for x0, top, x1, bottom in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        inside = [ch for ch in chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        grid[r0][c0] = _cell_text(inside)
        if c1 - c0 > 1 or r1 - r0 > 1:
            merged.append(_merged_description(r0, c0, r1 - r0, c1 - c0))
    return Table(rows=grid, where=Where(page=page_number), merged=merged)


def _boundaries(values: Iterable[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > 2:
            result.append(value)
    return result


def _index(boundaries: Sequence[float], value: float) -> int:
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value))


# ------------------------------------------------------------------ running headers and footers

def _drop_running_lines(pages: list[_Page]) -> int:
    """Drop running headers, footers and page numbers; how many lines were dropped."""
    with_text = [page for page in pages if page.lines]
    candidates = [(page, line) for page in with_text for line in _edge_lines(page)]
    recurring = Counter(key for key in {(id(page), line.edge_key) for page, line in candidates})
    on_pages: Counter[tuple[str, int]] = Counter()
    for (_, key), count in recurring.items():
        on_pages[key] += count
    needed = max(2, (len(with_text) + 1) // 2)
    dropped = 0
    for page in with_text:
        edges = {id(line) for line in _edge_lines(page)}
        outer = {id(page.lines[0]), id(page.lines[-1])}
        kept = []
        for line in page.lines:
            running = id(line) in edges and on_pages[line.edge_key] >= needed
            number = id(line) in outer and _in_margin(line, page) and _PAGE_NUMBER.match(line.text.strip())
            if running or number:
                dropped += 1
            else:
                kept.append(line)
        page.lines = kept
    return dropped


def _edge_lines(page: _Page) -> list[_Line]:
    return page.lines[:2] + page.lines[-2:] if len(page.lines) > 4 else list(page.lines)


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.bottom < page.height / 8 or line.top > page.height * 7 / 8


def _number_lines(pages: list[_Page]) -> None:
    for page in pages:
        for number, line in enumerate(page.lines, 1):
            line.number = number


# ------------------------------------------------------------------ paragraphs

def _measure(pages: Sequence[_Page]) -> _Measures:
    lines = [line for page in pages for line in page.lines]
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pitches = sorted(b.baseline - a.baseline for page in pages for a, b in zip(page.lines, page.lines[1:], strict=False)
                     if a.size == body == b.size and 0.8 * body < b.baseline - a.baseline < 2.5 * body)
    # The spacing of wrapped lines is the smallest common one: single-line list items and
    # paragraph gaps are as common in a policy, and wider.
    pitch = pitches[len(pitches) // 6] if pitches else 1.4 * body
    ends = sorted(line.x1 for line in lines if line.size == body)
    right = ends[int(len(ends) * 0.95)] if ends else max((line.x1 for line in lines), default=0.0)
    # A text block's edge is where its wrapped lines end, a good part of the lines. A
    # document of short lines (one-line clauses) has no such edge, and its longest lines
    # would pass for full ones: every clause would run into the one before. There, the
    # edge is where margins as wide as the left one put it (Word's and Writer's).
    body_lines = [line for line in lines if line.size == body]
    at_edge = sum(1 for line in body_lines if right - line.x1 <= body)
    width = max((page.width for page in pages), default=0.0)
    if body_lines and width and at_edge < 0.2 * len(body_lines):
        right = max(right, width - min(line.x0 for line in body_lines))
    return _Measures(body, pitch, right)


@dataclass
class _Building:
    lines: list[_Line]
    bullet: bool

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def last(self) -> _Line:
        return self.lines[-1]


# How each paragraph was printed, by id(paragraph): its number of lines and font size.
_Printed = dict[int, tuple[int, float]]


def _blocks(pages: Sequence[_Page], measures: _Measures) -> tuple[list[Block], _Printed]:
    """Lines joined into paragraphs and tables placed among them, in reading order."""
    blocks: list[Block | _Building] = []
    sources: dict[int, int | None] = {}
    table_number = 0
    for page in pages:
        items: list[tuple[float, _Line | _PlacedTable]] = [(line.top, line) for line in page.lines]
        items += [(placed.top, placed) for placed in page.tables]
        items.sort(key=lambda item: item[0])
        for _, item in items:
            previous = blocks[-1] if blocks else None
            if isinstance(item, _PlacedTable):
                if _repeated_header_before(blocks, item, page.number, sources):
                    blocks.pop()
                    previous = blocks[-1]
                if isinstance(previous, Table) and _continues_table(previous, item, page.number, sources.get(id(previous))):
                    _append_rows(previous, item.table)
                    continue
                table_number += 1
                item.table.where = Where(page=page.number, table=table_number)
                blocks.append(item.table)
                sources[id(item.table)] = item.source
                continue
            bullet, text = _bullet(item)
            if bullet:
                item.text = text
            if isinstance(previous, _Building) and not bullet and _continues(previous, item, measures):
                previous.lines.append(item)
            else:
                blocks.append(_Building([item], bullet))
    return _paragraphs(blocks, measures)


def _repeated_header_before(blocks: Sequence[Block | _Building], placed: _PlacedTable, page: int,
                            sources: dict[int, int | None]) -> bool:
    """The table's header row printed again above its continuation, as text outside the
    table (Chrome repeats a <thead> on every page, outside the structure tree)."""
    if len(blocks) < 2 or not isinstance(blocks[-1], _Building) or not isinstance(blocks[-2], Table):
        return False
    repeated, table = blocks[-1], blocks[-2]
    header = "".join(table.rows[0]).replace(" ", "") if table.rows else ""
    text = "".join(line.text for line in repeated.lines).replace(" ", "")
    return (repeated.first.page == page and bool(header) and text == header
            and _continues_table(table, placed, page, sources.get(id(table))))


def _continues_table(previous: Table, placed: _PlacedTable, page: int, previous_source: int | None) -> bool:
    """A table part that goes on from the table ending the page before: the same tagged
    table, or (untagged) a table at the top of the page with as many columns."""
    if placed.source is not None or previous_source is not None:
        return placed.source == previous_source
    return previous.where.page == page - 1 and bool(previous.rows) and len(previous.rows[0]) == placed.columns


def _append_rows(table: Table, more: Table) -> None:
    rows = more.rows[1:] if more.rows and table.rows and more.rows[0] == table.rows[0] else more.rows
    offset = len(table.rows) - (len(more.rows) - len(rows))
    table.rows.extend(rows)
    for description in more.merged:
        table.merged.append(re.sub(r"rows? (\d+)(?:–(\d+))?", lambda m: _shift_rows(m, offset), description, count=1))


def _shift_rows(match: re.Match[str], offset: int) -> str:
    first = int(match.group(1)) + offset
    if match.group(2):
        return f"rows {first}–{int(match.group(2)) + offset}"
    return f"row {first}"


def _bullet(line: _Line) -> tuple[bool, str]:
    text = line.text
    if line.drawn_bullet:
        return True, text
    if text[:1] in _BULLETS and len(text) > 1:
        return True, text[1:].lstrip(" \u3000")
    if text.startswith("- ") or ("\uf000" <= text[:1] <= "\uf0ff" and len(text) > 1):
        return True, text[1:].lstrip(" \u3000")
    return False, text


def _continues(paragraph: _Building, line: _Line, measures: _Measures) -> bool:
    """Whether `line` wraps on from `paragraph` rather than starting a new one."""
    last = paragraph.last
    size = line.size
    if abs(size - last.size) > 0.5 or line.bold != last.bold:
        return False
    starts_clause = read_marker(line.text) is not None
    if starts_clause and not _full(last, line, measures) or starts_clause and last.text[-1:] in _SENTENCE_END:
        return False
    if not _full(last, line, measures):
        return False
    if line.page != last.page:
        return not starts_clause and last.text[-1:] not in _SENTENCE_END and _indent_fits(paragraph, line)
    pitch = measures.line_pitch * size / measures.body_size
    if line.baseline - last.baseline > pitch * 1.12:
        return False
    return _indent_fits(paragraph, line)


def _full(last: _Line, following: _Line, measures: _Measures) -> bool:
    """The line reaches the right edge, give or take the next line's first word (which
    would have fitted at the end of this one if the line had been broken by the author)."""
    first_word = re.match(r"[A-Za-z0-9À-ɏ'’\-]+", following.text)
    if first_word:
        width = following.size * (0.55 * len(first_word.group(0)) + 0.5)
    else:
        # CJK: a character, and the one or two that line-breaking rules push down with it
        # (し、 cannot be split), and the space left when a line of whole characters stops
        # short of the block's edge.
        width = following.size * 2.5
    return measures.right_edge - last.x1 <= width


def _indent_fits(paragraph: _Building, line: _Line) -> bool:
    em = line.size
    first = paragraph.first
    if len(paragraph.lines) > 1:
        return abs(line.x0 - paragraph.lines[1].x0) <= 0.5 * em
    if abs(line.x0 - first.x0) <= 0.5 * em:
        return True
    if line.x0 > first.x0:
        # A hanging indent: the text after the marker lines up, the marker stands out.
        return read_marker(first.text) is not None and not paragraph.bullet
    # A first-line indent of a character or two, the rest at the margin.
    return first.x0 - line.x0 <= 2.5 * em and not paragraph.bullet


def _paragraphs(built: Sequence[Block | _Building], measures: _Measures) -> tuple[list[Block], _Printed]:
    # Sizes to the half point; a heading half a point above the body (11 pt over 10.5 pt,
    # as our own print stylesheet sets h3) is still a size of its own.
    larger = sorted({round(b.first.size * 2) / 2 for b in built if isinstance(b, _Building)
                     and _heading_shaped(b, 3) and round(b.first.size * 2) / 2 > round(measures.body_size * 2) / 2},
                    reverse=True)
    blocks: list[Block] = []
    printed: _Printed = {}
    for item in built:
        if not isinstance(item, _Building):
            blocks.append(item)
            continue
        text = ""
        for line in item.lines:
            text = _join(text, line.text) if text else line.text
        heading = 0
        size = round(item.first.size * 2) / 2
        if not item.bullet and size in larger:
            heading = min(6, larger.index(size) + 1)
        elif not item.bullet and all(line.bold for line in item.lines) and _heading_shaped(item, 2):
            heading = min(6, len(larger) + 1)
        paragraph = Paragraph(text=text, where=Where(page=item.first.page, line=item.first.number),
                              heading=heading, bullet=item.bullet)
        printed[id(paragraph)] = (len(item.lines), item.first.size)
        blocks.append(paragraph)
    return blocks, printed


def _heading_shaped(paragraph: _Building, most_lines: int) -> bool:
    return len(paragraph.lines) <= most_lines and sum(len(line.text) for line in paragraph.lines) <= 120


def _join(before: str, after: str) -> str:
    """Two wrapped lines as one: nothing between CJK, one space between Latin words."""
    if not before or not after:
        return before + after
    if _is_cjk(before[-1]) or _is_cjk(after[0]) or before.endswith("-") or before[-1].isspace():
        return before + after
    return f"{before} {after}"


# ------------------------------------------------------------------ title and omissions

def _title(blocks: Sequence[Block], printed: _Printed, measures: _Measures) -> str | None:
    """The largest heading on the first page with text, if it is larger than the body."""
    headings = [b for b in blocks if isinstance(b, Paragraph) and b.heading]
    if not headings:
        return None
    first_page = [b for b in headings if b.where.page == headings[0].where.page]
    biggest = max(printed[id(b)][1] for b in first_page)
    if biggest <= measures.body_size * 1.08:
        return None
    return next(b.text for b in first_page if printed[id(b)][1] == biggest)


def _info_title(metadata: dict[str, Any]) -> str | None:
    title = metadata.get("Title")
    if not isinstance(title, str) or not title.strip():
        return None
    title = title.strip()
    return None if _FILE_NAME_TITLE.search(title) else title


def _omissions_of(page: Any, has_text: bool) -> list[Omission]:
    where = Where(page=page.page_number)
    found = []
    if not has_text:
        found.append(Omission("page without text", where, "a scanned page? run OCR on the PDF to import it"))
    images = len(page.images)
    if images:
        found.append(Omission("image" if images == 1 else f"{images} images", where, "figures are not carried over"))
    links = [a.get("uri") for a in page.annots if a.get("uri")]
    if links:
        shown = ", ".join(sorted(set(links))[:3]) + (" …" if len(set(links)) > 3 else "")
        found.append(Omission("link" if len(links) == 1 else f"{len(links)} links", where, f"the text is kept, not the target: {shown}"))
    comments = [a for a in page.annots if str((a.get("data") or {}).get("Subtype", "")).strip("/'") in
                ("Text", "FreeText", "Highlight", "Underline", "StrikeOut", "Squiggly", "Popup", "Caret", "Ink")]
    if comments:
        found.append(Omission("comment" if len(comments) == 1 else f"{len(comments)} comments", where,
                              "annotations are not carried over"))
    return found
