"""The outline of a Markdown document: its headings and numbered clauses, in order
(pure, no MkDocs). Used to prove that a translation has the same sections and the same
numbered clauses as its original.

Recognised clause markers, at the start of a paragraph, list item or heading:
一、 十一．  第一条 第1条 第一章  1、 2. ３． 1␣  (1) （1） ⑴  (一) （一）  ① … ⑳  Ⅰ Ⅱ  ア␣ (ア).
Dates (4月12日), times (8:00), years (2019（平成31）年度) and law citations (法第二条) are
not markers: a marker must be followed by its delimiter and must start the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "一二三四五六七八九十百"
_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノ"
_MARKER = re.compile(
    "|".join([
        rf"第[{_NUMERALS}\d０-９]+[条章]",
        rf"[{_NUMERALS}]+[、．]",
        r"[0-9０-９]+(?:[、．]|\.(?!\d)|[ 　](?=\S))",
        r"[（(][0-9０-９]+[）)]",
        rf"[（(][{_NUMERALS}]+[）)]",
        rf"[（(][{_KATAKANA}][）)]",
        r"[\u2474-\u2487]",          # ⑴ … ⒇
        r"[\u2460-\u2473]",          # ① … ⑳
        r"[\u2160-\u216b]",          # Ⅰ … Ⅻ
        rf"[{_KATAKANA}](?=[ 　])",
    ])
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class OutlineItem:
    line: int       # 1-based line in the file
    kind: str       # "h1" … "h6" for headings, "clause" for numbered paragraphs/items
    marker: str     # the clause marker as written ("" for a heading without one)

    def key(self) -> tuple[str, str]:
        return (self.kind, self.marker)


def outline(text: str) -> list[OutlineItem]:
    """Headings and numbered clauses of a Markdown file, skipping front matter, code,
    tables, raw HTML and indented blocks (admonition bodies such as version notes)."""
    lines = text.splitlines()
    start = _after_front_matter(lines)
    items: list[OutlineItem] = []
    in_fence = False
    for number, raw in enumerate(lines[start:], start=start + 1):
        if _FENCE.match(raw.strip()):
            in_fence = not in_fence
            continue
        if in_fence or not raw.strip() or raw.startswith(("    ", "\t")):
            continue
        line = raw.strip()
        if line.startswith(("|", "<", "!!!", "???")):
            continue
        heading = _HEADING.match(line)
        if heading:
            items.append(OutlineItem(number, f"h{len(heading.group(1))}", _marker(heading.group(2))))
            continue
        body = re.sub(r"^(?:[-*+] |> )+", "", line)
        marker = _marker(body)
        if marker:
            items.append(OutlineItem(number, "clause", marker))
    return items


def _marker(text: str) -> str:
    match = _MARKER.match(text)
    return match.group(0).strip() if match else ""


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


@dataclass(frozen=True)
class Mismatch:
    original_line: int | None
    translation_line: int | None
    expected: str
    found: str


def first_mismatch(original: list[OutlineItem], translation: list[OutlineItem]) -> Mismatch | None:
    """The first place where two outlines differ, or None when they match."""
    for index in range(max(len(original), len(translation))):
        left = original[index] if index < len(original) else None
        right = translation[index] if index < len(translation) else None
        if left and right and left.key() == right.key():
            continue
        return Mismatch(left.line if left else None, right.line if right else None,
                        _describe(left), _describe(right))
    return None


def _describe(item: OutlineItem | None) -> str:
    if item is None:
        return "nothing (the document ends)"
    if item.kind == "clause":
        return f"clause {item.marker}"
    return f"heading {item.kind}" + (f" {item.marker}" if item.marker else "")
