"""Reading a school's Word file (.docx) as a SourceDocument (python-docx + lxml).

What a reader of the Word document sees is what the page gets:

- **Paragraphs** in document order, tables between them where they stand. A paragraph's
  text is its runs' text, with Word's automatic number in front when it has one
  (`一、総則`, `（２）…`, computed by anshin/importing/word_numbering.py; `numbered`
  is then True). A number typed by hand is text like any other and stays as typed.
  A bulleted item has `bullet` set and no bullet character. `level` is Word's list
  level (ilvl, 0 = outermost).
- **Headings**: a paragraph whose style is a heading (`heading 1` … `heading 6` as
  Word names its built-in styles in the file whatever the language of Word's menus
  — Japanese Word shows them as 見出し 1 — or a style named 見出し N / 标题 N /
  標題 N, or a style or paragraph with an outline level 1–6) gets `heading` 1–6.
- **Title**: the first paragraph in the Title style becomes `SourceDocument.title`
  (and not a block); without one, the document properties' title, if any.
- **Where**: `paragraph=n` counts the paragraphs of the body outside tables, empty
  ones included, from 1 — what an editor counts scrolling down in Word, ignoring
  tables; a table is `table=k` (k-th table of the body), a place in it
  `table=k, row=r`.
- **Tables**: each row as cell texts, every row as long as the widest. A merged cell
  (`w:gridSpan` across, `w:vMerge` down) has its text in its top-left cell; the
  cells it covers are "" and `merged` says so ("row 2, columns 1–3", "rows 4–5,
  column 1"). A cell's paragraphs are joined with one space (a Markdown table cell
  holds one line). A table inside a cell is flattened into that cell's text, and
  reported.
- **Line breaks** inside a paragraph (Shift+Enter) join the lines: nothing between
  two CJK characters, one space otherwise.
- **Fields**: the shown result stays (a cross-reference's text, a date), except page
  numbers (PAGE, NUMPAGES, SECTIONPAGES), dropped without a word.
- **Tracked changes** are read as Word's "final" view shows them: insertions kept,
  deletions dropped; each is reported.
- **Reported, not carried** (`omissions`): pictures and drawings, text boxes (their
  text is not in the flow of the body), footnote and endnote references (the note's
  text is lost), comments, embedded objects, nested tables, and the running
  headers and footers (once per distinct text; page numbers alone are not
  reported).

Bad input raises SourceError with what to do: not a .docx (or damaged), an old .doc
or a password-protected .docx (both are OLE compound files, starting D0 CF 11 E0), or
a document without text.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anshin.importing.model import Block, Omission, Paragraph, SourceDocument, SourceError, Table, Where
from anshin.importing.word_numbering import Numbering, W

__all__ = ["read_docx"]

_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_DAMAGED = ("the file is damaged or not a Word .docx", "open it in Word and save it again as .docx")
_HEADING_NAME = re.compile(r"^(?:heading|見出し|标题|標題)\s*([1-9])$", re.IGNORECASE)
_PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFFICE = "{urn:schemas-microsoft-com:office:office}"
_RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_BREAK = "\n"   # a soft line break inside a paragraph's text, joined at the end


def read_docx(path: Path, shown: str) -> SourceDocument:
    """The blocks, title and omissions of the Word file at `path` (`shown` names it in messages)."""
    document = _open(path, shown)
    reader = _Reader(document)
    reader.read_body()
    if not any(isinstance(b, Paragraph) and b.text for b in reader.blocks) and not any(
            isinstance(b, Table) and any(any(row) for row in b.rows) for b in reader.blocks):
        raise SourceError(shown, "the document has no text",
                          "check that this is the right file (text in text boxes or pictures cannot be imported)")
    title = reader.title
    if title is None:
        try:
            title = (document.core_properties.title or "").strip() or None
        except (KeyError, ValueError, SyntaxError):
            title = None   # damaged document properties: the body is what matters
    notes = []
    if reader.computed:
        notes.append(f"{reader.computed} list numbers computed from Word's automatic numbering")
    return SourceDocument(blocks=reader.blocks, kind="docx", title=title,
                          omissions=reader.omissions + _running_heads(document), notes=notes)


def _open(path: Path, shown: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise SourceError(shown, f"the file cannot be read ({error.strerror})", "check the path and the file's permissions") from None
    if head == _OLE_SIGNATURE:
        raise SourceError(shown, *_ole_problem(path))
    try:
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise SourceError(shown, *_DAMAGED)
            if package.testzip() is not None:
                raise SourceError(shown, *_DAMAGED)
        return docx.Document(str(path))
    except SourceError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError, OSError, SyntaxError):
        # lxml's XMLSyntaxError is a SyntaxError: a part that is not well-formed XML.
        raise SourceError(shown, *_DAMAGED) from None


def _ole_problem(path: Path) -> tuple[str, str]:
    # An OLE compound file named .docx: Word's encryption wraps the package in one, with streams
    # named EncryptionInfo and EncryptedPackage; an old .doc has a WordDocument stream.
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("it is password-protected",
                "remove the password in Word (File > Info > Protect Document) and save it again as .docx")
    return ("it is an old Word .doc file or a password-protected .docx, not a .docx",
            "open it in Word, remove any password (File > Info > Protect Document) and save it as .docx")


def _related(document: Any, kind: str) -> Any | None:
    """The root element of the part of relationship type `kind` (numbering, styles), or None."""
    for rel in document.part.rels.values():
        if rel.reltype == _RELATIONSHIP_TYPES + kind and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is None:
                from lxml import etree

                element = etree.fromstring(part.blob)
            return element
    return None


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    kind: str


def _styles(root: Any | None) -> tuple[dict[str, _Style], str | None]:
    styles: dict[str, _Style] = {}
    default: str | None = None
    for style in [] if root is None else root.iter(W + "style"):
        style_id = style.get(W + "styleId", "")
        name = style.find(W + "name")
        based_on = style.find(W + "basedOn")
        p_pr = style.find(W + "pPr")
        outline = None if p_pr is None else p_pr.find(W + "outlineLvl")
        styles[style_id] = _Style(
            name="" if name is None else name.get(W + "val", ""),
            based_on=None if based_on is None else based_on.get(W + "val"),
            outline=None if outline is None else _int(outline.get(W + "val")),
            kind=style.get(W + "type", "paragraph"))
        if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
            default = style_id
    return styles, default


def _int(text: str | None) -> int | None:
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


@dataclass
class _Text:
    """A paragraph's text while it is read, and what it held that the page cannot."""

    parts: list[str] = field(default_factory=list)
    omitted: list[tuple[str, str]] = field(default_factory=list)    # (what, detail)

    def text(self) -> str:
        return _join_lines("".join(self.parts))


def _join_lines(text: str) -> str:
    lines = [line.strip() for line in text.split(_BREAK)]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and not (_wide(out[-1]) and _wide(line[0])):
            out += " "
        out += line
    return out


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        styles_root = _related(document, "styles")
        self.styles, self.default_style = _styles(styles_root)
        self.numbering = Numbering(_related(document, "numbering"), styles_root)
        self.blocks: list[Block] = []
        self.omissions: list[Omission] = []
        self.title: str | None = None
        self.computed = 0
        self.paragraphs = 0
        self.tables = 0

    # -- the body ------------------------------------------------------------------

    def read_body(self) -> None:
        for element in _content(self.document.element.body):
            if element.tag == W + "p":
                self.paragraphs += 1
                self._body_paragraph(element, Where(paragraph=self.paragraphs))
            elif element.tag == W + "tbl":
                self.tables += 1
                self._table(element, Where(table=self.tables))

    def _body_paragraph(self, element: Any, where: Where) -> None:
        paragraph = self._paragraph(element, where)
        if paragraph is None:
            return
        style_id = self._style_id(element)
        if self.title is None and self._is_title(style_id):
            self.title = paragraph.text
            return
        self.blocks.append(paragraph)

    def _paragraph(self, element: Any, where: Where) -> Paragraph | None:
        """The paragraph as the reader sees it, or None when it shows no text."""
        p_pr = element.find(W + "pPr")
        style_id = self._style_id(element)
        cited = self.numbering.paragraph_numbering(p_pr, style_id)
        label: str | None = None
        bullet = False
        level = 0
        if cited is not None:
            num_id, level = cited
            # Counted even when the paragraph is empty: Word numbers empty paragraphs too.
            label = self.numbering.marker(num_id, level)
            bullet = self.numbering.kind(num_id, level) == "bullet"
        read = _Text()
        self._runs(element, read)
        for what, detail in read.omitted:
            self.omissions.append(Omission(what, where, detail))
        text = read.text()
        if not text:
            return None
        numbered = label is not None
        if cited is not None and label is not None:
            text = label + self.numbering.suffix(*cited) + text
            self.computed += 1
        return Paragraph(text=text, where=where, heading=self._heading(element, style_id), bullet=bullet,
                         numbered=numbered, level=level if cited is not None else 0)

    def _style_id(self, element: Any) -> str | None:
        p_pr = element.find(W + "pPr")
        style = None if p_pr is None else p_pr.find(W + "pStyle")
        return self.default_style if style is None else style.get(W + "val")

    def _style_chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _is_title(self, style_id: str | None) -> bool:
        return any(name.lower() == "title" or sid == "Title" for sid, name in
                   ((sid, style.name) for sid, style in self._style_chain(style_id)))

    def _heading(self, element: Any, style_id: str | None) -> int:
        p_pr = element.find(W + "pPr")
        own = None if p_pr is None else p_pr.find(W + "outlineLvl")
        if own is not None:
            outline = _int(own.get(W + "val"))
            return outline + 1 if outline is not None and 0 <= outline <= 5 else 0
        for sid, style in self._style_chain(style_id):
            named = _HEADING_NAME.match(style.name.strip()) or re.fullmatch(r"Heading([1-9])", sid)
            if named:
                number = int(named.group(1))
                return number if number <= 6 else 0
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 5 else 0
        return 0

    # -- runs ----------------------------------------------------------------------

    def _runs(self, element: Any, read: _Text) -> None:
        fields: list[list[Any]] = []   # open complex fields: [instruction, showing result?]
        self._walk(element, read, fields)

    def _walk(self, element: Any, read: _Text, fields: list[list[Any]]) -> None:
        for child in element:
            tag = child.tag
            if tag in (W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr"):
                continue
            if tag == W + "r":
                self._run(child, read, fields)
            elif tag == W + "del":
                deleted = "".join(t.text or "" for t in child.iter(W + "delText"))
                if deleted.strip():
                    read.omitted.append(("tracked deletion, dropped", deleted.strip()))
            elif tag == W + "ins":
                inserted = "".join(t.text or "" for t in child.iter(W + "t"))
                if inserted.strip():
                    read.omitted.append(("tracked insertion, kept", inserted.strip()))
                self._walk(child, read, fields)
            elif tag == _MC + "AlternateContent":
                self._object(child, read)
            elif tag in (W + "commentRangeStart", W + "commentRangeEnd", W + "bookmarkStart", W + "bookmarkEnd",
                         W + "proofErr", W + "permStart", W + "permEnd"):
                continue
            else:
                # hyperlink, smartTag, sdt/sdtContent, fldSimple, customXml, moveTo …: their runs are text.
                if tag == W + "moveFrom":
                    continue
                if tag == W + "fldSimple" and _field_name(child.get(W + "instr", "")) in _PAGE_FIELDS:
                    continue
                self._walk(child, read, fields)

    def _run(self, run: Any, read: _Text, fields: list[list[Any]]) -> None:
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == W + "instrText":
                if fields:
                    fields[-1][0] += child.text or ""
            elif any(_field_name(f[0]) in _PAGE_FIELDS for f in fields):
                continue   # a page number: not text of the body
            elif tag == W + "t":
                read.parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                read.parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") in (None, "textWrapping"):
                    read.parts.append(_BREAK)
            elif tag == W + "noBreakHyphen":
                read.parts.append("-")
            elif tag == W + "footnoteReference":
                read.omitted.append(("footnote", "the footnote's text is not carried over"))
            elif tag == W + "endnoteReference":
                read.omitted.append(("endnote", "the endnote's text is not carried over"))
            elif tag == W + "commentReference":
                read.omitted.append(("comment", ""))
            elif tag in (W + "drawing", W + "pict", W + "object", _MC + "AlternateContent"):
                self._object(child, read)

    def _object(self, element: Any, read: _Text) -> None:
        # mc:AlternateContent carries the same object twice (a modern Choice, a VML Fallback): read it once.
        boxes = list(element.iter(W + "txbxContent"))
        if boxes:
            first = boxes[0]
            text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in first.iter(W + "p")).strip()
            read.omitted.append(("text box", text[:60]))
        elif element.tag == W + "object" or any(True for _ in element.iter(_OFFICE + "OLEObject")):
            read.omitted.append(("embedded object", ""))
        else:
            read.omitted.append(("picture", _picture_name(element)))

    # -- tables --------------------------------------------------------------------

    def _table(self, element: Any, where: Where) -> None:
        grid: list[list[str]] = []
        spans: dict[tuple[int, int], list[int]] = {}   # (top row, first column) → [rows, columns]
        open_vertical: dict[int, tuple[int, int]] = {}  # column → the (row, column) key of the merge it continues
        for row_index, row in enumerate(_rows(element)):
            cells: list[str] = [""] * (_int(_val(row.find(W + "trPr"), "gridBefore")) or 0)
            extended: set[int] = set()
            for cell in _cells(row):
                tc_pr = cell.find(W + "tcPr")
                span = max(1, _int(_val(tc_pr, "gridSpan")) or 1)
                merge = None if tc_pr is None else tc_pr.find(W + "vMerge")
                column = len(cells)
                place = Where(table=where.table, row=row_index + 1)
                if merge is not None and merge.get(W + "val", "continue") == "continue" and column in open_vertical:
                    key = open_vertical[column]
                    spans[key][0] = row_index - key[0] + 1
                    extended.add(column)
                    self._cell_text(cell, place)   # read all the same: its numbered paragraphs count
                    cells += [""] * span
                    continue
                cells += [self._cell_text(cell, place)] + [""] * (span - 1)
                if span > 1 or merge is not None:
                    spans[(row_index, column)] = [1, span]
                if merge is not None:
                    open_vertical[column] = (row_index, column)
                    extended.add(column)
            # A vertical merge ends at the first row that does not continue it.
            open_vertical = {column: key for column, key in open_vertical.items() if column in extended}
            grid.append(cells)
        width = max((len(r) for r in grid), default=0)
        rows = [r + [""] * (width - len(r)) for r in grid]
        if not any(any(c for c in r) for r in rows):
            self.omissions.append(Omission("empty table", where))
            return
        merged = [_describe(top, column, height, breadth) for (top, column), (height, breadth) in sorted(spans.items())
                  if height > 1 or breadth > 1]
        self.blocks.append(Table(rows=rows, where=where, merged=merged))

    def _cell_text(self, cell: Any, where: Where) -> str:
        texts: list[str] = []
        for element in _content(cell):
            if element.tag == W + "p":
                paragraph = self._paragraph(element, where)
                if paragraph is not None:
                    texts.append(("・" if paragraph.bullet else "") + paragraph.text)
            elif element.tag == W + "tbl":
                inner = [self._cell_text(inner_cell, where) for row in _rows(element) for inner_cell in _cells(row)]
                flattened = " ".join(t for t in inner if t)
                self.omissions.append(Omission("nested table", where, f"flattened into its cell: {flattened[:60]}"))
                if flattened:
                    texts.append(flattened)
        return " ".join(texts)


def _content(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell in order, looking into content controls."""
    return _within_controls(container, (W + "p", W + "tbl"))


def _rows(table: Any) -> Iterator[Any]:
    return _within_controls(table, (W + "tr",))


def _cells(row: Any) -> Iterator[Any]:
    return _within_controls(row, (W + "tc",))


def _within_controls(container: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The children of `container` with one of `tags`, in order, those inside content
    controls (w:sdt) and custom XML included: Word wraps paragraphs, rows and cells alike."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _within_controls(content, tags)


def _val(element: Any | None, tag: str) -> str | None:
    child = None if element is None else element.find(W + tag)
    return None if child is None else child.get(W + "val")


def _describe(top: int, column: int, height: int, breadth: int) -> str:
    rows = f"rows {top + 1}–{top + height}" if height > 1 else f"row {top + 1}"
    columns = f"columns {column + 1}–{column + breadth}" if breadth > 1 else f"column {column + 1}"
    return f"{rows}, {columns}"


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _picture_name(element: Any) -> str:
    for doc_pr in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        return (doc_pr.get("descr") or doc_pr.get("title") or "").strip()[:60]
    return ""


def _running_heads(document: Any) -> list[Omission]:
    """One omission per distinct header or footer text (a page number alone is not text)."""
    found: list[Omission] = []
    seen: set[tuple[str, str]] = set()
    for section in document.sections:
        for what, parts in (("running header", (section.header, section.first_page_header, section.even_page_header)),
                            ("running footer", (section.footer, section.first_page_footer, section.even_page_footer))):
            for part in parts:
                try:
                    if part.is_linked_to_previous:
                        continue
                    text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                except (KeyError, ValueError):
                    continue
                if not re.search(r"[^\d\s\-–—/()（）.．ー]", text) or (what, text) in seen:
                    continue
                seen.add((what, text))
                found.append(Omission(what, Where(), text[:60]))
    return found
