"""Printing: which pages are documents, what their PDFs are called, what the running
header says, and the bilingual agreement pages (pure, no MkDocs).

A bilingual page sets an original and its translation side by side, block by block: a
block is a paragraph, heading, list, table or `<div>` of the Markdown as written. The
conventions already require a translation to keep the original's paragraphs, clauses
and blocks in the same order (CONTENT_CONVENTIONS.md), and every clause carries the
same position id in both languages (hooks/clause_numbering.py), so the two sources are
aligned on those ids and any drift is reported at its line, never printed crooked.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from anshin.clause_numbering import analyse, front_matter_end
from anshin.errors import DataError

# Front matter that makes a page a document to print (see is_document).
DOCUMENT_KEYS = ("source", "translation_checked", "bilingual_of")

# Blocks the bilingual page leaves out: the title (the page makes its own, in both
# languages), the collapsible source notes, and HTML comments.
_LEFT_OUT = ("title", "note", "comment")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s")
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_DIV_CLASS = re.compile(r"""^\s*<div\b[^>]*\bclass=["']([^"']*)["']""", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*[-*+]\s+(.*?)\s*$")
# A date to fill in: a blank before or after a date unit (==20xx==年, ==20xx==.2.12,
# 年==xx==月); a labelled date field is recognised by the catalogues' `print.date_labels`.
_DATE_BLANK = r"==[^=\n]*==\s*[年月日.．/-]|[年月]\s*==[^=\n]*=="
# The placeholders of a page counter (`print.page_numbers`) and the CSS counters they stand for.
_COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}


class AlignmentError(DataError):
    """A translation whose blocks do not line up with its original's."""


@dataclass(frozen=True)
class MarkdownBlock:
    """One top-level block of a Markdown document, as written."""

    line: int                 # 1-based, in the source file
    end: int                  # last line, inclusive
    kind: str                 # title, heading, text, signature, closing, html, note, comment, code
    text: str
    ids: tuple[str, ...] = ()      # position ids of the clauses and headings it holds
    markers: tuple[str, ...] = ()  # their clause markers as written (一、, (1), …)

    @property
    def id(self) -> str | None:
        return self.ids[0] if self.ids else None


@dataclass(frozen=True)
class Row:
    """A block of the original and the same block of its translation."""

    kind: str
    id: str | None
    original: MarkdownBlock
    translation: MarkdownBlock
    stale: str | None = None   # what changed in the original since the translation was checked
    marker: str = ""           # the original's clause marker now (for a renumbered clause)


def read_blocks(text: str) -> list[MarkdownBlock]:
    """The top-level blocks of a Markdown document, with the clause ids each one holds."""
    lines = text.splitlines()
    blocks: list[MarkdownBlock] = []
    index = front_matter_end(lines)
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        kind, last = _block_at(lines, index)
        blocks.append(MarkdownBlock(index + 1, last + 1, kind, "\n".join(lines[index:last + 1])))
        index = last + 1
    items, _ = analyse(text, "", check=False)
    # Blocks and items are both in line order: hand each block its own run of items
    # (looking through all the items for every block grew with the square of the page).
    starts = [item.line for item in items]
    return [_with_ids(block, items[bisect.bisect_left(starts, block.line):bisect.bisect_right(starts, block.end)])
            for block in blocks]


def _block_at(lines: list[str], start: int) -> tuple[str, int]:
    """The kind of the block that starts at `start`, and its last line."""
    line = lines[start]
    stripped = line.lstrip()
    if stripped.startswith(("???", "!!!")):
        return "note", _indented_end(lines, start)
    if stripped.startswith("<!--"):
        end = start
        while "-->" not in lines[end] and end + 1 < len(lines):
            end += 1
        return "comment", end
    if _FENCE.match(line):
        end = start + 1
        while end < len(lines) and not _FENCE.match(lines[end]):
            end += 1
        return "code", min(end, len(lines) - 1)
    heading = _HEADING.match(line)
    if heading:
        return ("title" if len(heading.group(1)) == 1 else "heading"), start
    if _DIV_OPEN.match(stripped):
        div_class = _DIV_CLASS.match(line)
        classes = div_class.group(1).split() if div_class else []
        kind = next((c for c in ("signature", "closing") if c in classes), "html")
        return kind, _div_end(lines, start)
    end = start
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    # An indented continuation after a blank line belongs to the list item above it.
    end = max(end, _indented_end(lines, end) if _LIST_ITEM.match(lines[start]) else end)
    return "text", end


def _indented_end(lines: list[str], start: int) -> int:
    end = start
    for index in range(start + 1, len(lines)):
        if lines[index].startswith(("    ", "\t")):
            end = index
        elif lines[index].strip():
            break
    return end


def _div_end(lines: list[str], start: int) -> int:
    depth = 0
    for index in range(start, len(lines)):
        depth += len(_DIV_OPEN.findall(lines[index])) - len(_DIV_CLOSE.findall(lines[index]))
        if depth <= 0:
            return index
    return len(lines) - 1


def _with_ids(block: MarkdownBlock, items: list) -> MarkdownBlock:
    inside = [item for item in items if block.line <= item.line <= block.end]
    if not inside:
        return block
    return MarkdownBlock(block.line, block.end, block.kind, block.text, tuple(item.id for item in inside),
                 tuple(item.marker.text if item.marker else "" for item in inside))


def align(original: str, original_path: str, translation: str, translation_path: str) -> list[Row]:
    """The rows of a bilingual page: each printed block of the original beside its translation.

    Raises AlignmentError at the first block that does not line up, naming both lines."""
    left = [b for b in read_blocks(original) if b.kind not in _LEFT_OUT]
    right = [b for b in read_blocks(translation) if b.kind not in _LEFT_OUT]
    fix = ("give the translation the same paragraphs, numbered clauses, headings and signature "
           "and closing blocks as the original, in the same order (CONTENT_CONVENTIONS.md)")
    rows = []
    for index in range(max(len(left), len(right))):
        a = left[index] if index < len(left) else None
        b = right[index] if index < len(right) else None
        if a is None:
            assert b is not None, "one side has a block at every index below the longer length"
            raise AlignmentError(translation_path, b.line, f"{_describe(b)} has no counterpart: "
                                 f"{original_path} ends after line {left[-1].end if left else 1}", fix)
        if b is None:
            raise AlignmentError(translation_path, right[-1].end if right else 1,
                                 f"the translation ends here, but {original_path}:{a.line} "
                                 f"still has {_describe(a)}", fix)
        if a.kind != b.kind or a.ids != b.ids or a.markers != b.markers:
            raise AlignmentError(translation_path, b.line, f"{_describe(b)} stands where "
                                 f"{original_path}:{a.line} has {_describe(a)}", fix)
        if a.kind == "signature" and len(signature_labels(a)) != len(signature_labels(b)):
            raise AlignmentError(translation_path, b.line,
                                 f"the signature block has {len(signature_labels(b))} fields, "
                                 f"{original_path}:{a.line} has {len(signature_labels(a))}",
                                 "give every field of the original its translated label, one per line")
        rows.append(Row(a.kind, a.id, a, b))
    return rows


def _describe(block: MarkdownBlock) -> str:
    if block.ids:
        clauses = ", ".join(f"{marker} ({clause})" if marker else clause
                            for clause, marker in zip(block.ids, block.markers, strict=True))
        return f"a {block.kind} block with {clauses}"
    first = block.text.strip().splitlines()[0] if block.text.strip() else ""
    return f"a {block.kind} block ('{first[:24]}…')"


def signature_labels(block: MarkdownBlock) -> list[str]:
    """The field labels of a signature block, one per list item."""
    return [match.group(1) for line in block.text.splitlines() if (match := _LIST_ITEM.match(line))]


def has_date_field(blocks: list[MarkdownBlock], labels: Iterable[str]) -> bool:
    """Whether the signature or closing blocks leave a date to fill in: a blank beside a
    date unit, or one of the date `labels` (日期, 日付: every language's, since a block may
    quote another language's form)."""
    field = re.compile("|".join([_DATE_BLANK, *(re.escape(label) for label in labels if label)]))
    return any(field.search(b.text) for b in blocks if b.kind in ("signature", "closing"))


def issuer(meta: Mapping[str, object], blocks: list[MarkdownBlock]) -> str | None:
    """Who issues the document, for the running header: `issuer:` in the front matter,
    else a closing line that names it outright (no blank, no date, no label)."""
    named = str(meta.get("issuer") or "").strip()
    if named:
        return named
    for block in blocks:
        if block.kind != "closing":
            continue
        for line in block.text.splitlines()[1:-1]:
            text = line.strip()
            if text and not re.search(r"==|[0-9０-９]|[:：]|<|&", text):
                return text
    return None


def is_document(meta: Mapping[str, object], twin_meta: Mapping[str, object] | None) -> bool:
    """A page to print: a document or a translation of one (either side of the pair), or a
    bilingual page. Landing, glossary and notes pages have none of these keys."""
    return any(key in m for m in (meta, twin_meta or {}) for key in DOCUMENT_KEYS)


def pdf_filename(norm_src_uri: str, locale: str) -> str:
    """`agreements/pickup.md`, `zh` -> `anshin-pickup-zh.pdf` (saved beside the page's index.html)."""
    path = PurePosixPath(norm_src_uri)
    name = path.parent.name if path.stem in ("index", "README") else path.stem
    return f"anshin-{name or 'home'}-{locale}.pdf"


def bilingual_columns(own: str, original: str, versions: Sequence[str], partner: str | None = None) -> tuple[str, str]:
    """The two languages of a bilingual page in `own`: its own language on the left and the
    document's original on the right. On the original's own page, the original and
    `partner` (the stub's `bilingual_with:`), else its first translation in `versions`
    (the languages the document exists in, in configuration order).

    Raises ValueError, saying why, when there is no second language to show."""
    if own != original:
        if partner is not None and partner != original:
            raise ValueError(f"'bilingual_with: {partner}' is only for the original's bilingual page "
                             f"(here the columns are this page's language and the original, {original})")
        return own, original
    if partner is not None:
        if partner == own or partner not in versions:
            raise ValueError(f"'bilingual_with: {partner}' names no translation of the document "
                             f"(it exists in {', '.join(versions)})")
        return own, partner
    translations = [code for code in versions if code != original]
    if not translations:
        raise ValueError("the document has no translation to set beside its original")
    return own, translations[0]


def page_counter(template: str) -> str:
    """A page counter as written in a catalogue (`第 {page} 页，共 {pages} 页`) as the CSS
    `content` of a margin box: its text quoted, the placeholders as counter() calls.

    Raises ValueError naming a placeholder other than {page} and {pages}."""
    parts = []
    for text, name, _, _ in string.Formatter().parse(template):
        if text:
            parts.append(css_string(text))
        if name is None:
            continue
        if name not in _COUNTERS:
            raise ValueError(name)
        parts.append(_COUNTERS[name])
    return " ".join(parts)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside an HTML <style> element."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"\'<>&' or ord(c) < 0x20 or ord(c) == 0x7f else c
                      for c in text)
    return f'"{escaped}"'
