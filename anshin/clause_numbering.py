"""Clause numbering in Chinese and Japanese documents (pure, no MkDocs).

Reads the numbered clauses of a Markdown document (the markers are
anshin/clause_markers.py's), infers their nesting from the document itself, gives every
clause and heading a position id that is the same in every language (`c-2-7`: 2nd
section, 7th item), and reports the numbering faults a careful reader would point at:

    docs/agreements/x.zh.md:12:1: gap — expected 2 (二、), found 3 (三、)

How a document is read, so that a school's own documents pass unless they are wrong:

- **Levels come from the document.** Which style nests in which (`一、` > `1、` > `(1)`, or
  `①` > `(1)`) is read off where each list restarts at 1; the usual order decides only
  where the document gives no evidence. A stray marker (a lone `1、` before the `一、`
  sections) stays where it is and does not re-parent what follows.
- **One fault, one finding, at the odd line.** After a fault the checker takes the
  reading that makes the following items agree: a gap (1 2 4 5), a repeated number
  (1 2 2 3), a wrong number (1 2 7 4 5), an item out of place (… 6 12 7 8 …) or two items
  swapped (1 3 2 4) is one finding, and the items after it are not reported again. A
  style change (`1.` among `2、 3、 …`) is reported at the items in the minority style.
  So is one item whose brackets differ from its neighbours' while its number goes on
  between them (`(1)` `(2)` `3)` `(4)`): a slip in their list, not a level of its own.
  Whatever the reading, a finding on the item right after another finding's item is a
  note (`note: gap … — right after the fault at line 7`): the first fails the build, and
  the second is checked again once the first is mended.
- **Sections may restart or continue.** Articles that run on across chapters (第2章
  starts at 第5条) and items 1–24 running across 一、二、三 are consistent, as is starting
  each section at 1; a document must do one of them throughout.
- **References are not clauses**: `(1)～(3)は`, `第3条に定める`, `1、2の場合`, and the articles
  of a law quoted in a document that does not number its own articles from 第1条.
- **Lost numbers are found**: a paragraph that starts with a bare `、` or `．`, and a
  heading without a number between numbered sibling headings (`一、` `二、` ? `四、`).
- A second `# ` heading starts a new part: the numbering under it restarts.
- **Notes, not faults**: numbers that start again lower down in what reads as one list
  (1 2 3 4, then 2 3) are far more often a second list whose start the checker did not
  see than a fault. They are shown as `note:` lines, with where the list would go on, and
  do not fail the strict build or the command line. A repeated number right after
  itself (1 2 2 3) is a fault. So is a number and a space (`8 学时中…`) that does not fit
  among items numbered `1、` or `1.`: a note that it reads as a quantity, and the items
  around it are checked without it.
- Markdown ordered lists (`1.` `2.` `4.`) are clauses like any other; the build shows
  them with the numbers as written (anshin/ordered_lists.py).

Opting out: `clause_numbering: false` in front matter stops the checks for a page;
lines between `<!-- clause-numbering: off -->` and `<!-- clause-numbering: on -->` are
not read at all (quoted text whose numbers are not the document's own).

Command line (the stable interface; it takes the project's languages from mkdocs.yml):

    python -m hooks.clause_numbering PATH...           # findings, exit 1 if any, 0 if clean or notes only
    python -m hooks.clause_numbering --fix PATH...     # also the renumbering, as a diff
    python -m hooks.clause_numbering --fix --write PATH...   # and make it

`--fix` renumbers only where the fix is not in doubt (a gap or a repeated number inside a
run, a single wrong number); it writes nothing without `--write`. The build never
rewrites a source.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import difflib
import itertools
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from anshin.clause_markers import AIUEO, IROHA, RANKS, Marker, read_marker, read_unit_marker
from anshin.errors import DataError
from anshin.source_files import read_text

__all__ = ["Edit", "Finding", "Item", "analyse", "check_paths", "fixed_text", "front_matter_end",
           "is_permalink_attribute", "main", "marker_of", "opted_out", "parity", "permalink_attribute", "read_items"]


@dataclass
class Item:
    """A heading or numbered clause, with its place in the document's tree. A clause whose
    number was lost (`、…`) has no marker and is `lost`."""

    line: int
    kind: str            # "h1" … "h6", or "clause"
    marker: Marker | None
    depth: int = 0
    id: str = ""
    lost: str = ""       # the delimiter left of a lost number ("、"), or "heading"
    text: str = field(default="", repr=False)   # the line as written (for headings)
    before: str = field(default="", repr=False)  # the line before it (a list begun inline: "附件：1.…")
    # a number and a space before a unit ("5　年間指導計画"): a clause only if its neighbours say so
    weak: Marker | None = field(default=None, repr=False)
    marker_column: int = field(default=1, repr=False)
    # the one plain paragraph between the item read before this one and this one, and that
    # item's line (0, 0 when there is none, or more than one): a clause that lost its
    # number with its delimiter reads as a paragraph (1. 2. "…" 4.)
    paragraph: int = field(default=0, repr=False)
    since: int = field(default=0, repr=False)

    @property
    def level(self) -> int:
        return int(self.kind[1]) if self.kind != "clause" else 7


@dataclass(frozen=True)
class Edit:
    """One marker to rewrite: `old` at `line`:`column` becomes `new`."""

    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    kind: str = ""       # gap, duplicate, wrong-number, out-of-place, out-of-order, style, first, lost-number,
    #                      and for notes: restart, quantity
    edits: tuple[Edit, ...] = ()   # the renumbering that fixes it, when it is not in doubt
    # False for a note: what may be a fault but is as likely a reading the checker got
    # wrong (a list that starts again at a lower number). Notes are shown, and do not
    # fail the strict build or the command line.
    certain: bool = True

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {'note: ' if not self.certain else ''}{self.message}"


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_OFF = re.compile(r"<!--\s*clause-numbering:\s*off\s*-->")
_ON = re.compile(r"<!--\s*clause-numbering:\s*on\s*-->")
_BULLET = re.compile(r"^(?:[-*+] +)")
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)]) +")
_NESTED_LIST_ITEM = re.compile(r"^((?: {4}|\t)+)(?=\d+\. |[-*+] +\S)")
_LOST_NUMBER = re.compile(r"^[、．.]\s*\S")
# "（）封存剩余食品…": the number inside was lost. Not a form's blank to write in, which has
# room inside and a word after it ("（　　　）名", "（　出席　・　欠席　）").
_LOST_IN_BRACKETS = re.compile(r"^[（(][ 　]?[）)]\s*[^\s（(]\S{4,}")
_BRACKETS = "（）"
# Questions and answers: "Q1．…" (or "Q．…") and, on the line after one, "A．…".
_QUESTION = re.compile(r"^[QＱ][0-9０-９]*\s*[．.:：、]")
_QUESTION_OR_ANSWER = re.compile(r"^[QＱAＡ]\s*[．.:：、]")
_ITEM_P = re.compile(r"^[PＰ]\s*[．.:：、]")   # … P． Q． R．: Q is an item after all
# A paragraph that could be a clause whose number and delimiter were lost: not a note
# (※, 注, *), not a bracket or quotation, and not one that introduces what follows (…：).
_CLAUSE_LIKE = re.compile(r"^(?![※＊*注(（「『【〔\[])(?!備考|说明|説明).*[^:：\s]\s*$")


def front_matter_end(lines: list[str]) -> int:
    """Index of the first line after the YAML front matter (0 if there is none)."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def read_items(text: str) -> list[Item]:
    """Headings (below the title) and numbered clauses, in order, with their lines.

    Skipped: front matter, code, tables, raw HTML, block quotes, indented blocks (such as
    admonition bodies; list items nested in a list are read), and lines between
    clause-numbering off/on comments."""
    lines = text.splitlines()
    items: list[Item] = []
    in_fence = switched_off = in_list = seen_title = False
    previous = ""
    paragraphs: list[int] = []   # lines of the plain paragraphs since the last item read (-1: not one)

    def add(item: Item) -> None:
        if len(paragraphs) == 1 and items:
            item.paragraph, item.since = paragraphs[0], items[-1].line
        paragraphs.clear()
        items.append(item)

    for index in range(front_matter_end(lines), len(lines)):
        raw = lines[index]
        if raw.strip():
            before, previous = previous, raw
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if _OFF.search(raw):
            switched_off = True
            continue
        if _ON.search(raw):
            switched_off = False
            continue
        if in_fence or switched_off or not raw.strip():
            continue
        nested = _NESTED_LIST_ITEM.match(raw) if in_list else None
        if raw.startswith(("    ", "\t")) and not nested:
            continue
        in_list = bool(_LIST_LINE.match(raw))
        line = raw.rstrip()
        offset = nested.end() if nested else 0
        body = line[offset:]
        if body.lstrip().startswith(("|", "<", ">", "!!!", "???", "{:")):
            paragraphs.append(-1)   # not a paragraph, but something between the items
            continue
        heading = _HEADING.match(body) if not nested else None
        if heading:
            level = len(heading.group(1))
            if level == 1 and not seen_title:
                seen_title = True  # the page's title, not one of its sections
                continue
            title = heading.group(2)
            column = line.index(title) + 1 if title else len(heading.group(1)) + 1
            add(Item(index + 1, f"h{level}", read_marker(title, column, heading=True) if title else None,
                     text=body, marker_column=column))
            continue
        bullet = _BULLET.match(body)
        start = offset + (bullet.end() if bullet else 0)
        marker = read_marker(line[start:], start + 1)
        if marker and _is_question_or_answer(marker, line[start:], before):
            marker = None
        if marker:
            add(Item(index + 1, "clause", marker, before=before))
        elif _LOST_NUMBER.match(line[start:]):
            add(Item(index + 1, "clause", None, lost=line[start]))
        elif _LOST_IN_BRACKETS.match(line[start:]):
            add(Item(index + 1, "clause", None, lost=_BRACKETS))
        elif (weak := read_unit_marker(line[start:], start + 1)) is not None:
            add(Item(index + 1, "clause", None, weak=weak, before=before))
        else:
            # After an item that ends with a colon ("2、…分类评估："), a paragraph is what it
            # introduces, not the next item without its number.
            may_be_lost = not bullet and _CLAUSE_LIKE.match(line) and not before.rstrip().endswith(("：", ":"))
            paragraphs.append(index + 1 if may_be_lost else -1)
    return items


def _is_question_or_answer(marker: Marker, text: str, before: str) -> bool:
    """Q．… A．…: a question and its answer, not items Q and A of a list of letters. A．
    only on the line after a question; Q． unless it follows P．."""
    if marker.family != "latin" or marker.value not in (1, 17) or not _QUESTION_OR_ANSWER.match(text):
        return False
    if marker.value == 1:
        return bool(_QUESTION.match(before.lstrip()))
    return not _ITEM_P.match(before.lstrip())


def _with_weak_markers_resolved(items: list[Item]) -> list[Item]:
    """A paragraph that starts with a number, a space and a unit ("5　年間指導計画", but also
    "7 月　個人面談") is clause 5 only between a 4 and a 6 written the same way (or after
    a 4, at the end), or with more such paragraphs that fill the numbers up to the 6
    (2, "3 年間の予定", "4 月ごとの休養日", 5); and clause 1 only before a 2 written the same
    way. Otherwise it is a date or a quantity, and not a clause."""
    strong: dict[str, list[Item]] = {}   # the arabic clauses of each style, in line order
    weak_ones: dict[str, list[Item]] = {}
    for i in items:
        if i.kind == "clause" and i.marker is not None and i.marker.family == "arabic":
            strong.setdefault(i.marker.style, []).append(i)
        elif i.weak is not None:
            weak_ones.setdefault(i.weak.style, []).append(i)
    lines = {style: [i.line for i in found] for style, found in strong.items()}
    weak_lines = {style: [i.line for i in found] for style, found in weak_ones.items()}
    kept: list[Item] = []
    last_by_style: dict[str, Item] = {}   # the last arabic clause of each style so far (taken weak ones too)
    for index, item in enumerate(items):
        if item.weak is None:
            if item.kind == "clause" and item.marker is not None and item.marker.family == "arabic":
                last_by_style[item.marker.style] = item
            kept.append(item)
            continue
        weak = item.weak
        before = last_by_style.get(weak.style)
        same = strong.get(weak.style, [])
        position = bisect.bisect_left(lines.get(weak.style, []), item.line)
        after = same[position] if position < len(same) else None
        # The weak paragraphs between this one and the next clause in its style.
        others = weak_ones[weak.style]
        first = bisect.bisect_right(weak_lines[weak.style], item.line)
        between = [_weak_of(w).value for w in others[first:] if after is None or w.line < after.line]
        filled = after is not None and between[:1] == [weak.value + 1] and \
            marker_of(after).value == weak.value + 1 + _consecutive(between)
        goes_on = before is not None and marker_of(before).value == weak.value - 1 and \
            (after is None or marker_of(after).value == weak.value + 1 or filled)
        # "1 年間を通じた取組" then "2 各月の取組": the first of a list, where the next item
        # in its style is 2 (and it is not a second 1 after a first).
        opens = weak.value == 1 and after is not None and marker_of(after).value == 2 and \
            (before is None or marker_of(before).value != 1)
        if goes_on or opens or _in_a_slot_of_another_style(items, index, weak):
            item.marker, item.weak = weak, None
            last_by_style[weak.style] = item
            kept.append(item)
    return kept


def _in_a_slot_of_another_style(items: list[Item], position: int, weak: Marker) -> bool:
    """`3)` `4、12月の面談では…` `5)`: between two numbered clauses of one style whose numbers
    leave exactly its number out, the weak one is that clause in a slipped style (reported
    as a style change), not a date."""
    before = items[position - 1] if position else None
    after = items[position + 1] if position + 1 < len(items) else None
    if before is None or after is None or before.marker is None or after.marker is None:
        return False
    return before.marker.family == after.marker.family and before.marker.style == after.marker.style \
        and before.marker.family in _BRACKET_VARIANTS \
        and before.marker.value + 1 == weak.value == after.marker.value - 1


def _without_lone_large_numbers(items: list[Item]) -> list[Item]:
    """A paragraph that starts with a number of 10 or more and a space, where neither of the
    two numbers before it is met earlier in the document, is a number in the text ("22 ℃未満…",
    "302 号室" with a unit the reader does not know), not clause 22: a list is not met
    first at its 22nd item, and reading it as one would re-nest everything after it.
    Unless it sits in the one slot between two clauses of its style (12, 41, 14: a wrong
    number for 13)."""
    spaced = [i for i in items if i.kind == "clause" and i.marker is not None and i.marker.family == "arabic"
              and i.marker.style.endswith(" ")]
    neighbours = {id(item): (spaced[n - 1] if n else None, spaced[n + 1] if n + 1 < len(spaced) else None)
                  for n, item in enumerate(spaced)}
    seen: set[int] = set()
    kept: list[Item] = []
    for item in items:
        marker = item.marker
        if marker is not None and marker.family == "arabic":
            if id(item) in neighbours and marker.value >= 10 and not {marker.value - 1, marker.value - 2} & seen \
                    and not _in_a_slot(*neighbours[id(item)]):
                continue
            seen.add(marker.value)
        kept.append(item)
    return kept


def _in_a_slot(before: Item | None, after: Item | None) -> bool:
    return before is not None and after is not None and before.marker is not None and after.marker is not None \
        and after.marker.style == before.marker.style and after.marker.value == before.marker.value + 2


def _weak_of(item: Item) -> Marker:
    assert item.weak is not None
    return item.weak


def _consecutive(values: list[int]) -> int:
    """How many of `values`, from the first, go up by one each."""
    count = 1 if values else 0
    while count < len(values) and values[count] == values[count - 1] + 1:
        count += 1
    return count


_PERMALINK_ATTRIBUTE = re.compile(r"^\s*\{: #c(?:-\d+)+ \.anshin-clause \}$")


def permalink_attribute(clause_id: str, indent: str = "") -> str:
    """The attribute line that gives a clause's paragraph its id (hooks/clause_numbering.py
    puts it under the clause; hooks/translations.py finds its way past it)."""
    return f"{indent}{{: #{clause_id} .anshin-clause }}"


def is_permalink_attribute(line: str) -> bool:
    return _PERMALINK_ATTRIBUTE.match(line) is not None


def marker_of(item: Item) -> Marker:
    """The marker of a clause, or of a heading placed in a sequence (not of a lost one)."""
    assert item.marker is not None, f"line {item.line}: {item.kind} without a marker"
    return item.marker


def _base(family: str) -> str:
    """The family without the number of the section it is in (`decimal-2:4` → `decimal-2`)."""
    return family.split(":", 1)[0]


# --- the tree ---------------------------------------------------------------------------

@dataclass
class _Node:
    item: Item | None
    level: int
    id: str
    family: str = ""     # the family of the item's marker (or of the number it lost)
    style: str = ""
    children: int = 0
    sequences: dict[str, list[Item]] = field(default_factory=dict)
    parent: _Node | None = None
    part: int = 0        # how many `# ` headings (parts) come before it

    def signature(self) -> str:
        """What kind of section this is, for numbering that runs on across sections."""
        if self.item is None or self.item.kind == "h1":
            return "top"
        return self.item.kind if self.item.kind != "clause" else _base(self.family)


@dataclass
class _Document:
    """One analysis: the items in their tree, and what was learnt of the document."""

    items: list[Item]
    lines: Sequence[str] = ()
    family_of: dict[int, str] = field(default_factory=dict)   # id(item) → family
    style_of: dict[int, str] = field(default_factory=dict)
    sequences: list[tuple[_Node, str, list[Item]]] = field(default_factory=list)

    # The passes that read these run before the tree is built, and none adds or removes
    # an item or a clause's marker, so they are worked out once.
    @cached_property
    def clauses(self) -> list[Item]:
        """The numbered clauses, in order."""
        return [i for i in self.items if i.kind == "clause" and i.marker is not None]

    @cached_property
    def position_of(self) -> dict[int, int]:
        """id(item) → its index in `items`."""
        return {id(item): index for index, item in enumerate(self.items)}


def analyse(text: str, path: str, *, check: bool = True) -> tuple[list[Item], list[Finding]]:
    """Items with their position ids, and the numbering faults (none when `check` is off).

    The items are shared between the callers that analyse the same text (the page, its
    print blocks, its translation's parity check, and in `make serve` the next rebuild of
    an unchanged page): read them, do not change them."""
    items, findings = _analysed(text, path, check)
    return list(items), list(findings)


# A page is analysed several times per build (see analyse) and again on every rebuild.
@lru_cache(maxsize=1024)
def _analysed(text: str, path: str, check: bool) -> tuple[tuple[Item, ...], tuple[Finding, ...]]:
    items, findings = _analyse(text, path, check=check)
    return tuple(items), tuple(findings)


def _analyse(text: str, path: str, *, check: bool = True) -> tuple[list[Item], list[Finding]]:
    items = _without_citations(_without_lone_large_numbers(_with_weak_markers_resolved(read_items(text))))
    document = _Document(items, text.splitlines())
    _find_nested_styles(document)
    _find_bracket_slips(document)
    _find_slips_after_sublists(document)   # after the slips between neighbours: it reads their families
    _find_heading_slips(document)
    _find_clause_script_slips(document)
    _find_lost_decimal_points(document)
    _find_lost_headings(document)
    ranks = _ranks(document)
    _build_tree(document, ranks)
    if not check:
        return [i for i in document.items if i.id], []
    findings: list[Finding] = []
    for chain in _chains(document):
        findings.extend(_check_chain(chain, document, path))
    return [i for i in document.items if i.id], _one_per_line(_after_a_fault_nearby(findings, document))


def _without_citations(items: list[Item]) -> list[Item]:
    """Drop the articles of a quoted law: 第N条 paragraphs in a document whose own articles
    do not run from 第1条 (a lone 第2条, or 第13条 第22条 第28条, cite; 第2条 第3条 第4条 is
    the document's own numbering with its first article missing)."""
    articles = [i for i in items if i.kind == "clause" and i.marker and i.marker.family == "article"]
    if not articles:
        return items
    quoted = _without_quoted_articles(items, articles)
    if len(quoted) != len(items):
        items = quoted
        articles = [i for i in items if i.kind == "clause" and i.marker and i.marker.family == "article"]
    values = [marker_of(i).value for i in articles]
    if not articles or 1 in values:
        return items
    consecutive = len(values) > 1 and all(b == a + 1 for a, b in zip(values, values[1:], strict=False))
    if consecutive:
        return items
    cited = {id(i) for i in articles}
    return [i for i in items if id(i) not in cited]


def _family(document: _Document, item: Item) -> str:
    """The family an item's marker belongs to in this document."""
    if id(item) in document.family_of:
        return document.family_of[id(item)]
    return item.marker.family if item.marker else ""


def _find_nested_styles(document: _Document) -> None:
    """Arabic numbers in two styles can be two levels: `3 事故発生時の報告` then `1．` `2．` `3．`
    under it, then `4 その他`. A style is a level of its own when a list of two or more
    items in it starts at 1 right after an item in another style; a lone item in another
    style, or a stretch that goes on with the numbers around it, is a style change."""
    clauses = document.clauses
    position_of = document.position_of
    nested: set[str] = set()
    for position, item in enumerate(clauses):
        marker = marker_of(item)
        if marker.family != "arabic" or marker.value != 1 or position == 0:
            continue
        before = marker_of(clauses[position - 1])
        if before.family != "arabic" or before.style == marker.style:
            continue
        # After a heading, a list starts under the heading, not under the last item of
        # the section before (`6、` … `## 四、…` `1.` `2.`): no evidence of a level.
        between = document.items[position_of[id(clauses[position - 1])] + 1:position_of[id(item)]]
        if any(other.kind != "clause" for other in between):
            continue
        following = clauses[position + 1] if position + 1 < len(clauses) else None
        if following is not None and following.marker is not None and following.marker.family == "arabic" \
                and following.marker.style == marker.style and following.marker.value == 2:
            nested.add(marker.style)
    if not nested:
        return
    top = next(marker_of(i).style for i in clauses if marker_of(i).family == "arabic")
    for item in clauses:
        marker = marker_of(item)
        if marker.family == "arabic" and marker.style in nested and marker.style != top:
            document.family_of[id(item)] = f"arabic-{marker.style}"


# Arabic numbers that differ only by what encloses them: `(3)`, `3)`, `3.`, `③`.
_BRACKET_VARIANTS = frozenset(("arabic", "arabic-close", "paren-arabic", "circled"))
_KANA_FAMILIES = frozenset(("katakana", "paren-katakana"))
# The same brackets round a number in another script: `（二）` `（3）` `（四）`.
_BRACKETED_SCRIPTS = frozenset(("paren-arabic", "paren-cn"))
# Every style of list, for the slip above (not decimals or articles: those are sections).
_ANY_LIST = frozenset(("roman", "lenticular", "sono", "cn", "paren-cn", "latin", "arabic", "cn-space", "arabic-close",
                       "paren-arabic", "circled", "cn-shi", "katakana", "paren-katakana"))


def _find_bracket_slips(document: _Document) -> None:
    """`(1)` `(2)` `3)` `(4)`, `①` `②` `(3)` `④`, `ア．` `イ．` `(ウ)` `エ．`: one item whose brackets differ from its
    neighbours', with the number that goes on between them, is a slip in their list, not a
    level of its own (a level of its own would start again at 1). So is one in any other
    style of list (`（一）` `（二）` `3、` `（四）`, `A．` `B．` `3．` `D．`). It joins their family,
    so that it is reported once, as a style change, and the list goes on. Only between two
    neighbours with no heading between: a lone last item, or one after a heading, is left
    as it is."""
    position_of = document.position_of
    clauses = document.clauses
    # The styles of the clauses of each section (from one heading to the next).
    section_of: dict[int, int] = {}
    section = 0
    for entry in document.items:
        section += entry.kind != "clause"
        section_of[id(entry)] = section
    styles = Counter((section_of[id(i)], _family(document, i), marker_of(i).style) for i in clauses)
    for before, item, after in zip(clauses, clauses[1:], clauses[2:], strict=False):
        # Among ア イ ウ … too: `ウ` `④` `オ` (a number where a kana belongs).
        # And kana in brackets among kana without (`ア．` `イ．` `(ウ)` `エ．`), or the other way:
        # a list of `(ア)` below `イ．` would start at `(ア)`.
        if not (_slips_between(document, before, item, after, _BRACKET_VARIANTS, _BRACKET_VARIANTS | _KANA_FAMILIES)
                or _slips_between(document, before, item, after, _BRACKETED_SCRIPTS, _BRACKETED_SCRIPTS)
                or _slips_between(document, before, item, after, _KANA_FAMILIES, _KANA_FAMILIES)
                # in any other style, only one not numbering other clauses of its section (一、
                # 二、 三、 over 1、 items are a level of their own, as in _find_clause_script_slips)
                or (styles[(section_of[id(item)], _family(document, item), marker_of(item).style)] == 1
                    and _slips_between(document, before, item, after, _ANY_LIST, _ANY_LIST))):
            continue
        between = document.items[position_of[id(before)] + 1:position_of[id(after)]]
        if any(other.kind != "clause" for other in between):
            continue
        document.family_of[id(item)] = _family(document, before)
    _find_last_item_slips(document)


def _find_last_item_slips(document: _Document) -> None:
    """`(1)` `(2)` `(3)` `④`, then a heading or the end: a last item in other brackets, with
    the number after its neighbour's, is a slip in its neighbour's list, not a list of its
    own that starts at 4."""
    items = document.items
    seen: set[tuple[str, int]] = set()   # (family, number) of the clauses since the last heading
    for index, item in enumerate(items):
        if item.kind != "clause":
            seen.clear()
            continue
        if item.marker is None:
            continue
        own = (_family(document, item), _raw_value(marker_of(item)))
        goes_on = (own[0], own[1] - 1) in seen   # `3、` `①` `②` `③` `4、`: its own list goes on
        seen.add(own)
        before = items[index - 1] if index else None
        if goes_on or before is None or before.kind != "clause" or before.marker is None:
            continue
        if index + 1 < len(items) and items[index + 1].kind == "clause":
            continue
        family, theirs = own[0], _family(document, before)
        # Arabic numbers in other brackets only: a roman or kanji numeral there is as often
        # a reference (Ⅳの1の(2)アの結果は…) as a slip.
        if family == theirs or family not in _BRACKET_VARIANTS or theirs not in _BRACKET_VARIANTS:
            continue
        if own[1] == _raw_value(marker_of(before)) + 1 > 2:
            document.family_of[id(item)] = theirs


def _find_slips_after_sublists(document: _Document) -> None:
    """`(2)` `ア` `イ` `ウ` `③` `(4)`: the slip comes after the items of a list below its own,
    so its neighbour before is the last of those; it is still item 3 of `(1)` `(2)` `(4)`,
    not a `①` list under ウ that starts at 3 (and then a gap at `(4)`)."""
    position_of = document.position_of
    clauses = document.clauses
    # The nearest number in brackets before each item, so that looking back over the list
    # below costs nothing (one pass, linear in the document).
    before: Item | None = None
    for index, item in enumerate(clauses[:-1]):
        family, after, last = _family(document, item), clauses[index + 1], before
        if family in _BRACKET_VARIANTS:
            before = item
        if family not in _BRACKET_VARIANTS or index == 0 or last is None or last is clauses[index - 1] \
                or _family(document, last) == family:
            continue
        # The item before it is of a list below (ア イ ウ); `last` is the number it goes on from.
        between = document.items[position_of[id(last)] + 1:position_of[id(after)]]
        if any(other.kind != "clause" for other in between):
            continue
        if _slips_between(document, last, item, after, _BRACKET_VARIANTS, _BRACKET_VARIANTS):
            document.family_of[id(item)] = _family(document, last)


def _slips_between(document: _Document, before: Item, item: Item, after: Item,
                   slipped: frozenset[str], around: frozenset[str]) -> bool:
    """True when `item`, of a family in `slipped`, sits between two items of one other
    family in `around` with the number that goes on between theirs (in their order)."""
    family, theirs = _family(document, item), _family(document, before)
    if family == theirs or family not in slipped or theirs not in around or _family(document, after) != theirs:
        return False
    value = _raw_value(marker_of(item))
    return _raw_value(marker_of(before)) + 1 == value == _raw_value(marker_of(after)) - 1


# Numbers written in another script, for the same heading: `## 5、` among `## 四、` `## 六、`.
_NUMERAL_VARIANTS = frozenset(("cn", "arabic", "roman"))


def _find_heading_slips(document: _Document) -> None:
    """`## 四、…` `## 5、…` `## 六、…`: a heading numbered in another script than the headings
    on either side of it at its level, with the number that goes on between them, is a
    slip in their list, reported once as a style change, not a list of its own (which
    would make 六、 a gap)."""
    headings = [i for i in document.items if i.kind != "clause"]
    for index, item in enumerate(headings[1:-1], start=1):
        before, after = headings[index - 1], headings[index + 1]
        if not (item.marker and before.marker and after.marker) or not before.level == item.level == after.level:
            continue
        if _slips_between(document, before, item, after, _NUMERAL_VARIANTS, _NUMERAL_VARIANTS):
            document.family_of[id(item)] = _family(document, before)


def _find_clause_script_slips(document: _Document) -> None:
    """`三、…` (its items `1 …` `2 …`) `4、…` (its items) `五、…`: a clause numbered in another
    script than the nearest clauses of another script on either side of it, with their
    delimiter and the number that goes on between theirs, is a slip in their list, as for
    headings; unless its own style numbers other clauses too (a list of its own)."""
    clauses = document.clauses
    styles = Counter((_family(document, i), marker_of(i).style) for i in clauses)
    for index, item in enumerate(clauses):
        family = _family(document, item)
        if family not in _NUMERAL_VARIANTS or styles[(family, marker_of(item).style)] > 1:
            continue
        before = _nearest_in_another_script(document, reversed(clauses[:index]), family)
        after = _nearest_in_another_script(document, clauses[index + 1:], family)
        if before is None or after is None or not (
                marker_of(before).text[-1:] == marker_of(item).text[-1:] == marker_of(after).text[-1:]):
            continue
        if _slips_between(document, before, item, after, _NUMERAL_VARIANTS, _NUMERAL_VARIANTS):
            document.family_of[id(item)] = _family(document, before)


def _find_lost_decimal_points(document: _Document) -> None:
    """`4.1.1` `4.12` `4.1.3`: a decimal number with the digits of the one that goes between
    its neighbours (4.1.2), with a point fewer or more, is that item with a point lost, not
    item 12 of the list 4.x under the heading `4.1` (and then a gap at 4.1.3). It joins its
    neighbours' list, so that it is reported once, as a wrong number, and the list goes on."""
    position_of = document.position_of
    # Only the decimal clauses: a list below (ア イ ウ) may come between the three.
    decimals = [i for i in document.items if i.kind == "clause" and i.marker is not None
                and _family(document, i).startswith("decimal-")]
    for before, item, after in zip(decimals, decimals[1:], decimals[2:], strict=False):
        family, theirs = _family(document, item), _family(document, before)
        if family == theirs or _family(document, after) != theirs:
            continue
        value = marker_of(before).value + 1
        if marker_of(after).value != value + 1:
            continue
        between = document.items[position_of[id(before)] + 1:position_of[id(after)]]
        if any(other.kind != "clause" for other in between):
            continue
        expected = theirs.partition(":")[2] + f".{value}"
        if _digits(marker_of(item).text) == _digits(expected):
            document.family_of[id(item)] = theirs


def _digits(number: str) -> str:
    return "".join(str(unicodedata.digit(character)) for character in number if character.isdigit())


def _nearest_in_another_script(document: _Document, candidates: Iterable[Item], family: str) -> Item | None:
    return next((c for c in candidates if _family(document, c) in _NUMERAL_VARIANTS and _family(document, c) != family),
                None)


# The line before a law or regulation quoted in a document: （参考）学校教育法施行規則,
# 附：《…条例》相关条款（摘录）, 関係法令（抜粋）.
_QUOTATION_INTRO = re.compile(r"参考|抜粋|抄録|[（(]抄[）)]|摘录|节选|摘要|引用|関係法令|关法规|相关条款|附[：:]"
                               r"|下列条款|下列规定|条文")


def _without_quoted_articles(items: list[Item], articles: list[Item]) -> list[Item]:
    """In a document with articles of its own, the articles of another text quoted after a
    line that says so, up to the document's own next article, are not its clauses."""
    cited: set[int] = set()
    own_last = 0          # the document's own last article
    quoting = False       # in a quotation: after its intro line, until the document's next article
    for item in articles:
        value = marker_of(item).value
        if _QUOTATION_INTRO.search(item.before):
            quoting = True
        if quoting and value != own_last + 1:
            cited.add(id(item))
            continue
        quoting = False
        own_last = value
    return [i for i in items if id(i) not in cited] if cited else items


def _find_lost_headings(document: _Document) -> None:
    """A heading without a number between two numbered sibling headings whose numbers
    leave exactly its number out (`一、` `二、` ? `四、`) lost its number, unless it starts
    with that very number followed by a unit (`## 5 …` `## 6 年間計画` `## 7 …`)."""
    headings = [i for i in document.items if i.kind != "clause"]
    before_of, after_of = _neighbours(headings), _neighbours(headings[::-1])[::-1]
    for position, item in enumerate(headings):
        if item.marker is not None:
            continue
        before, after = before_of[position], after_of[position]
        if not (before and after and before.level == after.level == item.level
                and before.marker and after.marker and before.marker.family == after.marker.family):
            continue
        if _raw_value(after.marker) == _raw_value(before.marker) + 2:
            title = _HEADING.match(item.text)
            unit = read_unit_marker(title.group(2), item.marker_column) if title else None
            if unit is not None and unit.family == before.marker.family and unit.value == before.marker.value + 1:
                item.marker = unit
                continue
            item.lost = "heading"
            document.family_of[id(item)] = before.marker.family
            document.style_of[id(item)] = before.marker.style


def _neighbours(headings: list[Item]) -> list[Item | None]:
    """For each heading, the nearest one before it at its level or above (in one pass: a
    stack of the headings still open)."""
    found: list[Item | None] = []
    open_headings: list[Item] = []
    for heading in headings:
        while open_headings and open_headings[-1].level > heading.level:
            open_headings.pop()
        found.append(open_headings[-1] if open_headings else None)
        if open_headings and open_headings[-1].level == heading.level:
            open_headings.pop()
        open_headings.append(heading)
    return found


def _raw_value(marker: Marker, order: str = AIUEO) -> int:
    if marker.family in ("katakana", "paren-katakana"):
        return order.index(marker.character) + 1 if marker.character in order else 0
    return marker.value


def _ranks(document: _Document) -> dict[str, int]:
    """The nesting order of the families in this document, outermost first.

    Evidence: a list that starts (at 1) right after an item of another family opens under
    it. A family is above another when it opens the other more often than the reverse;
    the conventional order (RANKS) decides the rest."""
    opens: Counter[tuple[str, str]] = Counter()
    previous: Item | None = None
    iroha_starts = _iroha_starts(document.items)
    # A family written once in the whole document is a stray (a lone 1、 before the 一、
    # sections): what follows it is no evidence that it is a level above.
    sizes = Counter(_base(_family(document, i)) for i in document.items if i.marker)
    for item in document.items:
        if item.kind != "clause":
            previous = item if item.marker else None
            continue
        if item.marker is None:
            continue
        if previous is not None and previous.marker is not None:
            a, b = _base(_family(document, previous)), _base(_family(document, item))
            if a != b and sizes[a] > 1 and (_starts_a_list(item.marker) or id(item) in iroha_starts):
                opens[(a, b)] += 1
        previous = item
    first_line: dict[str, int] = {}
    for item in document.items:
        if item.marker:
            first_line.setdefault(_base(_family(document, item)), item.line)
    margin = {(a, b): n - opens[(b, a)] for (a, b), n in opens.items() if n > opens[(b, a)]}

    def weakness(edge: tuple[str, str]) -> tuple[int, bool, int]:
        # The weakest evidence: the least of it; then what goes against the usual order;
        # then what comes from the family that appears later (a stray, or a fault).
        a, b = edge
        return margin[edge], RANKS.get(a, len(RANKS)) <= RANKS.get(b, len(RANKS)), -first_line[a]

    while (cycle := _cycle(margin)) is not None:
        del margin[min(cycle, key=weakness)]
    order: list[str] = []
    remaining = set(first_line)
    while remaining:
        free = [f for f in remaining if not any((g, f) in margin for g in remaining)]
        pick = min(free, key=lambda f: (RANKS.get(f, len(RANKS)), f))
        order.append(pick)
        remaining.remove(pick)
    return {family: rank for rank, family in enumerate(order)}


def _cycle(edges: dict[tuple[str, str], int]) -> list[tuple[str, str]] | None:
    """The edges of one cycle of contradicting evidence (A above B above … above A), if any."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    state: dict[str, int] = {}   # 1: on the path being followed, 2: done
    path: list[str] = []

    def visit(node: str) -> list[tuple[str, str]] | None:
        state[node] = 1
        path.append(node)
        for following in sorted(graph.get(node, ())):
            if state.get(following) == 1:
                loop = path[path.index(following):] + [following]
                return list(zip(loop, loop[1:], strict=False))
            if following not in state and (found := visit(following)) is not None:
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def _starts_a_list(marker: Marker) -> bool:
    if marker.family in ("katakana", "paren-katakana"):
        return marker.character == "ア"
    return marker.value == 1


def _iroha_starts(items: list[Item]) -> set[int]:
    """The イ items that start an iroha list (the next item of their family is ロ)."""
    starts = set()
    next_character: dict[str, str] = {}
    for item in reversed(items):
        if item.marker and item.marker.family in ("katakana", "paren-katakana"):
            if item.marker.character == "イ" and next_character.get(item.marker.family) == "ロ":
                starts.add(id(item))
            next_character[item.marker.family] = item.marker.character
    return starts


def _build_tree(document: _Document, ranks: dict[str, int]) -> None:
    root = _Node(None, 0, "c")
    stack = [root]
    items = document.items
    part = 0
    for position, item in enumerate(items):
        part += item.kind == "h1"
        if item.kind != "clause":
            while len(stack) > 1 and (stack[-1].level >= item.level or stack[-1].level == 7):
                stack.pop()
            family = _family(document, item)
            style = item.marker.style if item.marker else document.style_of.get(id(item), "")
        elif item.marker is not None:
            family, style = _family(document, item), item.marker.style
            if _text_under_its_heading(stack, family, style, item.marker.value):
                continue
            rank = ranks[_base(family)]
            while len(stack) > 1 and _pops(stack[-1], family, style, rank, ranks, item.marker.value):
                stack.pop()
            _out_of_subsections(stack, family, style, item.marker)
            _back_to_its_list(stack, family, style, item.marker)
        else:
            sibling = _lost_sibling(stack, items, position, item.lost)
            if sibling is None:
                continue  # no numbered sibling to tell what was lost: not a clause
            family, style = sibling
            rank = ranks[_base(family)]
            while len(stack) > 1 and _pops(stack[-1], family, style, rank, ranks):
                stack.pop()
            document.family_of[id(item)] = family
            document.style_of[id(item)] = style
        parent = stack[-1]
        if family:
            sequence = parent.sequences.setdefault(family, [])
            if not sequence:
                document.sequences.append((parent, family, sequence))
            sequence.append(item)
        parent.children += 1
        item.id = f"{parent.id}-{parent.children}"
        item.depth = len(stack)
        stack.append(_Node(item, item.level, item.id, family, style, parent=parent, part=part))


def _text_under_its_heading(stack: list[_Node], family: str, style: str, value: int) -> bool:
    """True for a paragraph in a numbered section that starts with a number written as the
    section headings are (`## 4 学年別年間計画` … `2 学期の職場体験の前には…`), when that
    number neither goes on from the heading (the heading after it, left without its `##`)
    nor starts a list of its own under it (1): it is the section's text. A heading that
    lost its `##` and its number both is too rare to outweigh this; before, such a
    paragraph was read as the next heading and found out of place."""
    for node in reversed(stack):
        if node.item is None:
            return False
        if node.family != family:
            continue          # a list or a heading of another family, which the clause leaves
        if node.level == 7 or node.style != style:
            return False      # an item of its own list, or a heading numbered otherwise
        heading = node.item.marker
        return heading is not None and family not in node.sequences and value not in (1, heading.value + 1)
    return False


def _out_of_subsections(stack: list[_Node], family: str, style: str, marker: Marker) -> None:
    """A clause that goes on with a list above the unnumbered headings it follows leaves
    them: `3 日程`, `### 1日目` … `### 3 日目`, then `4 旅行中の心得` is item 4 of the list, not
    the first of a new one under 3 日目. So does one after a list of its family in another
    style under the last heading, which it does not go on with (`3\\. 結果`, `### 学び`
    `1 …` … `12 …`, then `4\\. 成果と課題`)."""
    if stack[-1].item is None or stack[-1].level == 7 or stack[-1].family:
        return
    own = stack[-1].sequences.get(family)
    if own and (own[-1].marker is None or own[-1].marker.style == style or own[-1].marker.value == marker.value - 1):
        return
    for depth in range(len(stack) - 2, -1, -1):
        sequence = stack[depth].sequences.get(family)
        if sequence:
            last = sequence[-1].marker
            if last is not None and last.style == style and last.value == marker.value - 1 and marker.value > 1:
                del stack[depth + 1:]
            return
        if stack[depth].item is not None and stack[depth].level != 7 and stack[depth].family:
            return  # not through a numbered heading


def _back_to_its_list(stack: list[_Node], family: str, style: str, marker: Marker) -> None:
    """A clause that would open a list under the clause before it, but goes on with a list
    further up, rejoins that list: `(1)` `(2)`, then `1.` … `4.` under `(2)`, then `(3)` is
    item 3 of the first list, though elsewhere in the document `1` is the level above `(1)`
    (`## 1 ねらい` over `(1)`); and `1.` `2.` `3、` `4.` is one list with one slip, not a list
    under 3、 that starts at 4. Only up to the nearest heading: a list does not go on across
    one (a new section's list starting at 3 is another matter)."""
    top = stack[-1]
    if marker.value <= 1 or top.item is None or top.item.kind != "clause" or family in top.sequences:
        return
    for depth in range(len(stack) - 2, -1, -1):
        node = stack[depth]
        sequence = node.sequences.get(family)
        if sequence:
            # Its last item is the one before (in this clause's style, or, where that one
            # slipped into another, the list's others are in this style: 1. 2. 3、 4.).
            last = sequence[-1].marker
            styled = any(other.marker is not None and other.marker.style == style for other in sequence)
            # Or the one before that: a gap, found as such, not as a new list; unless the
            # clause before is the missing number in another style (一 二 三、 四: a slip).
            slipped = top.item.marker is not None and top.item.marker.value == marker.value - 1
            step = marker.value - last.value if last is not None else 0
            if styled and (step == 1 or (step == 2 and not slipped)):
                del stack[depth + 1:]
            return
        if node.item is None or node.item.kind != "clause":
            return


def _pops(node: _Node, family: str, style: str, rank: int, ranks: dict[str, int], value: int = 0) -> bool:
    """True when a clause of `family` (numbered `value`) ends `node` (is its sibling or above it)."""
    if not node.family:
        return False  # an unnumbered heading holds what follows it
    node_rank = ranks.get(_base(node.family), len(ranks))
    if node.level == 7:
        # A 1 in another style after an item of the same family opens a list of its own
        # under it (16. … 注： 1、…), not item 1 again among 1. … 16.
        if node.family == family and node.style != style and value == 1 and node.item is not None \
                and node.item.marker is not None and node.item.marker.value > 1:
            return False
        return node_rank >= rank
    # A numbered heading ends at a clause written in its own style (the transcriber made
    # one of two siblings a heading), unless that clause starts a list of its own under it
    # (`## 2. 計画に記載する事項` then `1.` `2.` `3.`); or at one of a higher level.
    if node.family == family and node.style == style:
        return value != 1 and family not in node.sequences
    return node_rank > rank


def _lost_sibling(stack: list[_Node], items: list[Item], position: int, delimiter: str) -> tuple[str, str] | None:
    """The family and style of the numbered clause whose number a `、…` paragraph lost: the
    nearest open clause written with that delimiter, else the next one."""
    def written_so(family: str, style: str) -> bool:
        # A full stop left of 5\. or 5． alike: a lost number takes its width with it.
        return family.startswith("paren") if delimiter == _BRACKETS else \
            unicodedata.normalize("NFKC", style).endswith(unicodedata.normalize("NFKC", delimiter))

    open_clauses = [node for node in reversed(stack) if node.level == 7 and node.family]
    for node in open_clauses:
        if node.level != 7:
            break
        if written_so(node.family, node.style):
            return node.family, node.style
    if open_clauses:  # (イ ロ ．… ニ: the number and its space were lost, a stop was left)
        return open_clauses[0].family, open_clauses[0].style
    for later in items[position + 1:position + 4]:
        if later.kind != "clause":
            break
        if later.marker is not None and written_so(later.marker.family, later.marker.style):
            return later.marker.family, later.marker.style
    return None


# --- checking ---------------------------------------------------------------------------

def _chains(document: _Document) -> list[list[tuple[_Node, str, list[Item]]]]:
    """The sequences of one family in sections of one kind, in document order: numbering
    that restarts or runs on across them is decided per chain. A `# ` heading starts a new
    part, and the numbering starts again in it."""
    chains: dict[tuple[str, str, int], list[tuple[_Node, str, list[Item]]]] = {}
    for parent, family, sequence in document.sequences:
        # Articles run on (or restart) through chapters and sections alike: one chain.
        signature = "any" if family in ("article", "dai") else parent.signature()
        if _NOTE_LABEL.match(sequence[0].before.strip()):
            # The list of a note ("注：" then 1、 2、): its own numbering, whatever the
            # numbering of the clauses around it does.
            signature = f"note {sequence[0].line}"
        key = (family if not family.startswith("decimal") else _base(family), signature, parent.part)
        chains.setdefault(key, []).append((parent, family, sequence))
    return list(chains.values())


# A short paragraph that names what the list after it is about and ends with a colon:
# "10 月份：", "第二学期：", "準備段階：" (not a sentence: no 。 in it).
_LABEL_LINE = re.compile(r"^[^。．.!?！？]{1,16}[：:]$")
# A paragraph that only says that notes follow: 注：, 说明:, 備考, ※.
_NOTE_LABEL = re.compile(r"^(?:注|注意|说明|說明|备注|備注|附注|備考|注記|※)\s*[：:]?$")


@dataclass
class _Run:
    """One sequence being checked: its items, their values in its order, and the style most
    of them are written in."""

    items: list[Item]
    values: list[int | None]
    order: str
    example: Marker
    lines: Sequence[str] = ()   # the document's lines, for what is written between items


def _run_of(sequence: list[Item], family: str, document: _Document) -> _Run | None:
    numbered = [i for i in sequence if i.marker is not None]
    if not numbered:
        return None
    order = _kana_order(numbered) if family in ("katakana", "paren-katakana") else AIUEO
    values: list[int | None] = [_raw_value(i.marker, order) if i.marker else None for i in sequence]
    return _Run(sequence, values, order, marker_of(numbered[0]), document.lines)


def _kana_order(items: list[Item]) -> str:
    """Aiueo or iroha: whichever the characters follow more closely. Iroha needs a character
    that comes earlier in iroha than in aiueo besides its イ (ロ, ハ, ニ …): a lone イ, or
    イ ア, is an aiueo list that lost or misplaced its ア, as a reader takes it."""
    def fit(order: str) -> int:
        values = [_raw_value(marker_of(i), order) for i in items]
        return (values[0] == 1) + sum(b == a + 1 for a, b in zip(values, values[1:], strict=False))
    characters = {marker_of(i).character for i in items} - {"イ"}
    iroha_like = any(c in IROHA and c in AIUEO and IROHA.index(c) < AIUEO.index(c) for c in characters)
    return IROHA if iroha_like and fit(IROHA) > fit(AIUEO) else AIUEO


def _check_chain(chain: list[tuple[_Node, str, list[Item]]], document: _Document, path: str) -> list[Finding]:
    runs = [(parent, run) for parent, family, sequence in chain if (run := _run_of(sequence, family, document))]
    if not runs:
        return []
    continuous = _runs_on(runs)
    findings: list[Finding] = []
    next_values: tuple[int, ...] = (1,)
    previous_last: Item | None = None
    # Every value of the chain in order, and where each run's values end in it: what the
    # sections after a run begin with, read in one pass (not a copy of the rest per run).
    chain_values = [value for _, run in runs for value in run.values]
    ends = list(itertools.accumulate(len(run.values) for _, run in runs))
    for index, (parent, run) in enumerate(runs):
        first = run.values[0]
        start = next_values[0] if continuous else 1
        if continuous and first in next_values:
            # After a section that did not continue, the next may go on from where that
            # section should have ended: one fault, reported once.
            start = first
        if first is not None and first != start and _begun_elsewhere(run, first, parent):
            start = first
        if not continuous and index and first is not None and first > 1 and _goes_on_from(runs[index - 1], parent, first):
            # Where most sections start again, one that goes on with the section before it
            # (a programme's morning 1-11, then the afternoon from 12) does so on its own.
            start = first
        if _lone_quantity(run, start):
            continue
        # Numbering that runs on: the sections after this one tell how to read its last items
        # (第十五条 ending a chapter whose next one opens with 第十二条 is a wrong number, not a gap).
        beyond = chain_values[ends[index]:ends[index] + _LOOKAHEAD] if continuous else []
        found, next_values = _check_run(run, start, path, previous_last if continuous else None, beyond)
        findings.extend(_after_a_fault(found + _style_changes(run, path), run))
        previous_last = run.items[-1]
    if continuous and any(f.edits for f in findings):
        flat = [(item, value, run) for _, run in runs for item, value in zip(run.items, run.values, strict=True)]
        index_of = {item.line: index for index, (item, _, _) in enumerate(flat)}
        findings = [_renumbering_runs_on(f, flat, index_of) for f in findings]
    return findings


def _after_a_fault(findings: list[Finding], run: _Run) -> list[Finding]:
    """A finding on the item right after an item with a finding of its own is a note: one
    fault, one finding. The checker's reading of what follows a fault is where it is most
    often wrong (a gap reported at 五 after the slip `4、` that stands for 四), and two
    faults side by side are rare; the first one fails the build either way, and the
    second is checked again once it is mended."""
    return _notes_after(findings, run.items, {f.line for f in findings if f.certain})


def _after_a_fault_nearby(findings: list[Finding], document: _Document) -> list[Finding]:
    """As `_after_a_fault`, across lists: a finding on the item right after one with a
    finding, whatever list either is in (`(ウ)` read as a list of its own, then a gap at
    `エ．`; `．会計…` that lost its number, then a gap at the next item), is a note. The checker's
    reading of the first made the second; mended, the second is checked again. A note on the
    item before counts too: the checker was unsure of its reading there (a list of one
    `(ウ)` starting at 3), and what follows rests on it."""
    return _notes_after(findings, document.items, {f.line for f in findings})


def _notes_after(findings: list[Finding], items: list[Item], faulty: set[int]) -> list[Finding]:
    """The findings, those on an item right after one of the `faulty` lines made notes."""
    line_before = {after.line: before.line for before, after in itertools.pairwise(items)}
    result = []
    for finding in findings:
        before = line_before.get(finding.line)
        if finding.certain and before in faulty and before != finding.line:
            finding = replace(finding, certain=False, edits=(),
                              message=f"{finding.message} — right after the fault at line {before}, "
                                      f"which may be the cause",
                              hint=f"mend line {before} first; {finding.hint}" if finding.hint else finding.hint)
        result.append(finding)
    return result


def _renumbering_runs_on(finding: Finding, flat: list[tuple[Item, int | None, _Run]],
                         index_of: dict[int, int]) -> Finding:
    """In numbering that runs on across sections, renumbering from a gap or a repeated
    number goes on into the sections after it, as far as they go on from it."""
    if finding.kind not in ("gap", "duplicate", "first") or not finding.edits:
        return finding
    index = index_of[finding.edits[-1].line]
    shift = _shift_of(finding.edits[-1], flat[index])
    edits = list(finding.edits)
    previous = flat[index][1]
    for item, value, run in flat[index + 1:]:
        if value is None or previous is None or value != previous + 1 or item.marker is None:
            break
        edits.append(Edit(item.line, item.marker.column, item.marker.text,
                          item.marker.with_value(value + shift, run.order)))
        previous = value
    return replace(finding, edits=tuple(edits))


def _shift_of(edit: Edit, entry: tuple[Item, int | None, _Run]) -> int:
    item, value, run = entry
    assert value is not None and item.marker is not None
    return next(shift for shift in range(-value, len(run.order) + value + 1)
                if item.marker.with_value(value + shift, run.order) == edit.new)


_ARTICLE_LINE = re.compile(r"第[ 　]?[0-9０-９一二三四五六七八九十百]+[ 　]?条")


def _begun_elsewhere(run: _Run, first: int, parent: _Node) -> bool:
    """A list that legitimately starts after 1: the paragraphs (項) of a Japanese article,
    whose first paragraph has no number (`第5条 …` then `2 …`, `３　…`: a number and a
    space, as laws write them; `2、` under 第五条 is a list that lost its item 1), or a
    list whose item 1 ends the line before ("附件：1.…" then "2.…")."""
    if parent.family == "article" and run.example.family == "arabic" and first == 2 \
            and run.example.style.endswith((" ", "\u3000")):
        return True
    item = run.items[0]
    if item.marker is None:
        return False
    # The same right after an article the checker set aside as quoted (`第29条 学校は…` from a
    # law, then `2 校長は…`): its paragraphs, not a list that lost item 1.
    if first == 2 and run.example.family == "arabic" and run.example.style.endswith((" ", "\u3000")) \
            and _ARTICLE_LINE.match(item.before.lstrip(" 　")):
        return True
    before = item.before.replace("\\.", ".")
    return item.marker.with_value(first - 1, run.order).replace("\\.", ".") in before


def _lone_quantity(run: _Run, start: int) -> bool:
    """A single number and a space, far from where its list would start, is a quantity
    or an amount ("36 伏以下…") rather than a list of one."""
    marker = run.items[0].marker
    return (len(run.items) == 1 and marker is not None and marker.style.endswith(" ")
            and run.values[0] is not None and run.values[0] > start + 1)


def _runs_on(runs: list[tuple[_Node, _Run]]) -> bool:
    """True when most sections continue the previous one's numbering instead of restarting
    (a section continues if it goes on from the one before it, or, when that one was
    misnumbered, from where that one would have ended)."""
    restarts = continues = 0
    ends: list[int] = []      # where each section ended
    lengths: list[int] = []
    for _, run in runs:
        known = [v for v in run.values if v is not None]
        if not known:
            continue
        first = known[0]
        if ends:
            restarts += first == 1
            skipped = ends[-2] + lengths[-1] if len(ends) > 1 else None
            continues += first == ends[-1] + 1 or (skipped is not None and first == skipped + 1)
        ends.append(known[-1])
        lengths.append(len(run.values))
    return continues > restarts


# The readings of a number that is not the one expected; on a tie the first wins.
_READINGS = ("swap", "rebase", "replace", "skip")
_LOOKAHEAD = 3


def _goes_on_from(previous: tuple[_Node, _Run], parent: _Node, first: int) -> bool:
    """True when a list under a heading starts where the list under the sibling heading
    before it ended, and the two headings name parts of one thing (`## プログラム　午前の部`,
    `## プログラム　午後の部`). Not under clauses (`④` after `(3)`'s `①` `②` `③` is a slip),
    nor under headings that name different things (`## 一、日常` 1-3, `## 二、检查` 4-6,
    `## 三、交接` 1-2 numbers inconsistently, and says so)."""
    previous_parent, previous_run = previous
    last = previous_run.values[-1]
    if last is None or first != last + 1 or parent.item is None or previous_parent.item is None:
        return False
    if parent.item.kind == "clause" or previous_parent.item.kind != parent.item.kind:
        return False
    return len(os.path.commonprefix([_title_words(previous_parent.item), _title_words(parent.item)])) >= 2


def _title_words(heading: Item) -> str:
    title = heading.text.lstrip("#").strip()
    return title[len(heading.marker.text):].strip() if heading.marker is not None else title


def _check_run(run: _Run, start: int, path: str, continues_from: Item | None,
               beyond: list[int | None] | None = None) -> tuple[list[Finding], tuple[int, ...]]:
    """Faults in one sequence, one per fault; and the numbers the next section may continue
    with (two when the sequence itself started on a wrong number: where it went on to, and
    where it would have gone on to). `beyond`: the numbers the next sections start with,
    when the numbering runs on into them, read as the items that follow."""
    values, items = run.values, run.items
    extended = values + (beyond or [])
    findings: list[Finding] = []
    if start == 1 and values[:2] == [0, 1]:
        start = 0             # numbered from 0 (the classes of the NDC, 0 総記 … 9 文学)
    last = start - 1          # the number the sequence has reached
    seen: dict[int, int] = {}
    position = offset = 0
    while position < len(values):
        value, item = values[position], items[position]
        expected = last + 1
        if value is None:
            findings.append(_lost(path, item, expected, run))
            last = expected
            position += 1
            continue
        if value == expected:
            seen.setdefault(value, item.line)
            last = value
            position += 1
            continue
        if value == expected + 1 and position and _written_between(run, position, expected):
            # The number that is missing is there, at the start of a line the checker did
            # not read as a clause (6.1, "6.2 年级组结合…", 6.3): a reader sees no gap.
            last = expected
            continue
        if _spaced(marker_of(item)) and not _spaced(run.example):
            # A number and a space among items numbered 1、 or 1. (8 学时中…, 1 名校医…) that
            # does not fit their numbering is a quantity far more often than a clause: a
            # note, and the items around it are read without it.
            findings.append(_quantity_note(path, item, expected, run))
            position += 1
            continue
        label = item.before.strip()
        if value == 1 and position and _LABEL_LINE.match(label) and not _NOTE_LABEL.match(label):
            # "10 月份：" then （１）…: a list of its own under a label that is no heading
            # (9 月份： （１）（２）（３） 10 月份： （１）（２）), not the list before it again.
            # (A list after 注： is _chains' own case.)
            seen = {1: item.line}
            last = 1
            position += 1
            continue
        reading = _best_reading(extended, position, value, expected, len(values))
        findings.append(_fault(path, run, position, reading, expected, seen, continues_from))
        if reading == "swap":
            seen.setdefault(value, item.line)
            seen.setdefault(expected, items[position + 1].line)
            last = value
            position += 2
            continue
        seen.setdefault(value, item.line)
        if position == 0 and reading == "rebase":
            offset = value - expected
        last = {"rebase": value, "replace": expected, "skip": last}[reading]
        position += 1
    return findings, (last + 1, last + 1 - offset) if offset else (last + 1,)


def _written_between(run: _Run, position: int, value: int) -> bool:
    """True when a line between the item at `position` and the one before it begins with
    `value` written as the run's items are."""
    written = run.example.with_value(value, run.order)
    first, last = run.items[position - 1].line, run.items[position].line
    # After a number written with no delimiter of its own (6.2, 5), a space: not 6:50.
    after = r"[ 　]|$" if written[-1:].isalnum() else r"(?![0-9０-９])"
    for text in run.lines[first:last - 1]:
        text = text.lstrip(" 　")
        if text.startswith(written) and re.match(after, text[len(written):]):
            return True
    return False


def _best_reading(values: list[int | None], position: int, value: int, expected: int, own: int) -> str:
    """How to read an unexpected number: whichever reading the next items agree with (the
    first `own` values are the sequence's; a swap stays inside it)."""
    def agreeing(index: int, last: int) -> int:
        count = 0
        while index < len(values) and count < _LOOKAHEAD and (values[index] in (None, last + 1)):
            last, index, count = last + 1, index + 1, count + 1
        return count

    scores = {
        "rebase": agreeing(position + 1, value),
        "replace": agreeing(position + 1, expected),
        "skip": agreeing(position + 1, expected - 1),
    }
    if value == expected + 1 and position + 1 < own and values[position + 1] == expected:
        scores["swap"] = 1 + agreeing(position + 2, value)
    return max(_READINGS, key=lambda r: (scores.get(r, -1), -_READINGS.index(r)))


def _spaced(marker: Marker) -> bool:
    """A number followed by a space only (`8 学时`, `1 総則`), no punctuation of its own."""
    return marker.style.endswith(" ")


def _quantity_note(path: str, item: Item, expected: int, run: _Run) -> Finding:
    marker = marker_of(item)
    return Finding(path, item.line, marker.column,
                   f"reads as a number in the text, not a clause — found {marker.value} ({marker.text}) where the "
                   f"list expects {_written(run.example, expected, run)}",
                   f"if it is a clause, write it as the others are ({run.example.with_value(expected, run.order)})",
                   "quantity", certain=False)


def _written(marker: Marker, value: int, run: _Run) -> str:
    return f"{value} ({marker.with_value(value, run.order)})"


def _fault(path: str, run: _Run, position: int, reading: str, expected: int, seen: dict[int, int],
           continues_from: Item | None) -> Finding:
    item = run.items[position]
    marker = marker_of(item)
    value = run.values[position]
    assert value is not None
    example = run.example
    found, wanted = f"{value} ({marker.text})", _written(example, expected, run)
    line, column = item.line, marker.column
    if reading == "swap":
        partner = run.items[position + 1]
        return Finding(path, line, column,
                       f"out of order — expected {wanted}, found {found}, and line {partner.line} has {expected}",
                       f"swap the numbers of lines {line} and {partner.line}, or the two clauses", "out-of-order")
    if position == 0 and reading == "rebase":
        if continues_from is not None and continues_from.marker is not None:
            return Finding(path, line, column,
                           f"does not continue the numbering — expected {wanted} after "
                           f"{continues_from.marker.text} at line {continues_from.line}, found {found}",
                           f"number this section's items on from {continues_from.marker.text}, as the other "
                           f"sections do", "first",
                           _renumbering(run, position, expected - value))
        if len(run.items) == 1:
            return Finding(path, line, column, f"a list of one item, numbered {found} — expected {wanted} if "
                           f"it is a list", "if it is an item, number it 1; if the number is part of the "
                           "text (a date, a value, a reference), nothing needs doing", "first", certain=False)
        return Finding(path, line, column, f"the first item should be 1 — expected {wanted}, found {found}",
                       "start the list at 1, or restore its first item", "first")
    if reading == "rebase" and value in seen and value < expected - 1:
        # Numbers that start again lower down (1 2 3 4, then 2 3) are a second list far
        # more often than a fault: a list whose first item or heading the checker did not
        # read as one (附件：1． …), or a nesting it could not see. A repeated number is
        # a fault when it repeats the number just before it (1 2 2 3).
        return Finding(path, line, column,
                       f"starts again at {found} after {_written(example, expected - 1, run)} — read as the "
                       f"list going on from line {seen[value]}, which expects {wanted}",
                       "if this is a new list, nothing needs doing; if the list goes on, renumber from here",
                       "restart", certain=False)
    if reading == "rebase" and value in seen:
        return Finding(path, line, column, f"duplicate of line {seen[value]} — expected {wanted}, found {found}",
                       f"renumber from here: {marker.text} → {marker.with_value(expected, run.order)}",
                       "duplicate", _renumbering(run, position, expected - value))
    if reading == "rebase" and value == expected + 1 and position > 0 and item.paragraph > 0 \
            and item.since == run.items[position - 1].line \
            and not any(other.paragraph for other in run.items[1:] if other is not item):
        # 1. 2. "…" 4.: the paragraph in the hole is item 3 without its number, as a reader
        # takes it, more often than a list that skips 3 with a note under item 2; but not
        # where the items have paragraphs of their own (1 授業づくり / its text / 2 …).
        return Finding(path, item.paragraph, 1, f"number missing — expected {expected} ({wanted}), found a "
                       f"paragraph without its number between {_written(example, expected - 1, run)} and {found}",
                       f"write {wanted} at the start of the paragraph; or, if it belongs to the item before, "
                       f"renumber from line {line}: {marker.text} → {marker.with_value(expected, run.order)}",
                       "lost-number")
    if reading == "rebase" and value > expected:
        return Finding(path, line, column, f"gap — expected {wanted}, found {found}",
                       f"renumber from here: {marker.text} → {marker.with_value(expected, run.order)}, "
                       f"or restore the missing item", "gap", _renumbering(run, position, expected - value))
    if reading == "rebase":
        return Finding(path, line, column, f"out of order — expected {wanted}, found {found}",
                       "put the clause in its place, or renumber it", "out-of-order")
    if reading == "replace":
        kind = f"duplicate of line {seen[value]}" if value in seen else "wrong number"
        # A number that lost a point (4.12 among 4.1.1 4.1.3) is written as its list's are.
        right = marker.with_value(expected, run.order) if marker.family == example.family \
            else example.with_value(expected, run.order)
        return Finding(path, line, column, f"{kind} — expected {wanted}, found {found}",
                       f"write {right}: the items around it are numbered so", "wrong-number",
                       (Edit(line, column, marker.text, right),))
    return Finding(path, line, column,
                   f"out of place — expected {wanted}, found {found}; the items after it go on from {expected - 1}",
                   f"move the clause to where {found} belongs, or renumber it", "out-of-place")


def _renumbering(run: _Run, position: int, shift: int) -> tuple[Edit, ...]:
    """Shift the item at `position` and the consecutive items after it by `shift`."""
    edits = []
    first = run.values[position]
    assert first is not None
    for offset, (item, value) in enumerate(zip(run.items[position:], run.values[position:], strict=True)):
        if value != first + offset or item.marker is None:
            break
        edits.append(Edit(item.line, item.marker.column, item.marker.text,
                          item.marker.with_value(value + shift, run.order)))
    return tuple(edits)


def _lost(path: str, item: Item, expected: int, run: _Run) -> Finding:
    wanted = run.example.with_value(expected, run.order)
    where = "heading" if item.lost == "heading" else "clause"
    return Finding(path, item.line, 1, f"number missing — expected {expected} ({wanted}), found a {where} "
                   f"without its number",
                   f"write {wanted} at the start of the {where}", "lost-number")


def _style_changes(run: _Run, path: str) -> list[Finding]:
    """Items written in another style than most of their sequence: one finding for each
    stretch of them, at its first item."""
    styled = [(i, marker_of(i).style, value) for i, value in zip(run.items, run.values, strict=True)
              if i.marker is not None]
    counts = Counter(style for _, style, _ in styled)
    first_of: dict[str, int] = {}
    for index, (_, style, _) in enumerate(styled):
        first_of.setdefault(style, index)
    usual = max(counts, key=lambda s: (counts[s], -first_of[s]))
    example = styled[first_of[usual]][0]
    findings = []
    previous = usual
    for index, (item, style, value) in enumerate(styled):
        if style != usual and style != previous:
            marker = marker_of(item)
            wanted = marker_of(example).with_value(value or 1, run.order)
            more = sum(1 for _ in _stretch(styled, index)) - 1
            findings.append(Finding(path, item.line, marker.column,
                                    f"style change inside one sequence — expected {wanted} "
                                    f"(as at line {example.line}), found {marker.text}",
                                    f"write {wanted}, as the other items of this list"
                                    + (f" (and the {more} after it)" if more else ""), "style"))
        previous = style
    return findings


def _stretch(styled: list[tuple[Item, str, int | None]], index: int) -> Iterator[Item]:
    style = styled[index][1]
    for item, other, _ in styled[index:]:
        if other != style:
            return
        yield item


def _one_per_line(findings: list[Finding]) -> list[Finding]:
    """The findings in line order, one per line (a wrong number in a wrong style is one fault;
    a list that starts again in another style is the note that it starts again)."""
    kept: dict[int, Finding] = {}
    for finding in sorted(findings, key=lambda f: (f.line, f.kind == "style", f.column)):
        kept.setdefault(finding.line, finding)
    return list(kept.values())


# --- translations -------------------------------------------------------------------------

def parity(original: list[Item], translation: list[Item], original_path: str,
           translation_path: str) -> Finding | None:
    """The first place where a translation's clause tree differs from its original's."""
    for index in range(max(len(original), len(translation))):
        left = original[index] if index < len(original) else None
        right = translation[index] if index < len(translation) else None
        if left and right and left.id == right.id and left.kind == right.kind and \
                _text(left) == _text(right):
            continue
        where = f"{original_path}:{left.line}" if left else f"{original_path}:end"
        return Finding(translation_path, right.line if right else 0, 1,
                       f"differs from its original — {where} has {_describe(left)}, "
                       f"this file has {_describe(right)}",
                       "give the translation the same sections and numbered clauses, in the same order, "
                       "as the original", "parity")
    return None


def _text(item: Item) -> str:
    return item.marker.text if item.marker else ""


def _describe(item: Item | None) -> str:
    if item is None:
        return "nothing more"
    if item.kind == "clause":
        return f"clause {item.marker.text if item.marker else item.lost} ({item.id})"
    marker = f" {item.marker.text}" if item.marker else ""
    return f"heading {item.kind}{marker} ({item.id})"


def opted_out(text: str) -> bool:
    """True when the front matter says `clause_numbering: false`."""
    lines = text.splitlines()
    end = front_matter_end(lines)
    return any(re.match(r"^clause_numbering:\s*(false|no|off)\s*$", line.strip(), re.IGNORECASE)
               for line in lines[1:max(end - 1, 1)])


# --- fixing -------------------------------------------------------------------------------

def fixed_text(text: str, path: str) -> tuple[str, list[Finding]]:
    """The text with every fault renumbered whose fix is not in doubt, and the findings
    left. Fixes are made one at a time, reading the document again after each: the
    next fault's numbers are those the previous fix left."""
    fixed = text
    for _ in range(len(text.splitlines()) + 1):
        _, found = analyse(fixed, path)
        fixable = next((f for f in found if f.edits), None)
        if fixable is None:
            return fixed, found
        fixed = _apply(fixed, fixable.edits)
    return fixed, analyse(fixed, path)[1]


def _apply(text: str, edits: tuple[Edit, ...]) -> str:
    lines = text.split("\n")
    for edit in edits:
        line = lines[edit.line - 1]
        start = edit.column - 1
        assert line[start:start + len(edit.old)] == edit.old, (edit, line)
        lines[edit.line - 1] = line[:start] + edit.new + line[start + len(edit.old):]
    return "\n".join(lines)


# --- files and the command line ----------------------------------------------------------

def check_paths(paths: list[Path], languages: tuple[str, ...] | None = None) -> list[Finding]:
    """Findings for every Markdown file under `paths`, and parity of each translation with
    its original (the version of the page in another of `languages` without
    `translation_checked`; by default the languages are read off the file names)."""
    files = _markdown_files(paths)
    findings: list[Finding] = []
    texts: dict[Path, str] = {}

    def text_of(file: Path) -> str:
        if file not in texts:
            texts[file] = read_text(file, _shown(file))
        return texts[file]

    analysed: dict[Path, list[Item]] = {}
    for file in files:
        items, found = analyse(text_of(file), _shown(file), check=not opted_out(text_of(file)))
        analysed[file] = items
        findings.extend(found)
    codes = languages or tuple(sorted({m.group(2) for f in files if (m := _SUFFIX.match(f.name))}))
    for file, items in analysed.items():
        if not _is_translation(text_of(file)):
            continue
        for twin in _twins(file, codes):
            if twin.is_file() and not _is_translation(text_of(twin)):
                original = analysed.get(twin) or analyse(text_of(twin), _shown(twin))[0]
                mismatch = parity(original, items, _shown(twin), _shown(file))
                if mismatch:
                    findings.append(mismatch)
    return findings


def _markdown_files(paths: list[Path]) -> list[Path]:
    return sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.md"))})


# `pickup.zh.md`: a page's name, then its language code (as in mkdocs-static-i18n's suffix layout).
_SUFFIX = re.compile(r"^(.*)\.([a-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\.md$")


def _is_translation(text: str) -> bool:
    return re.search(r"^translation_checked:", text, re.MULTILINE) is not None


def _twins(file: Path, codes: tuple[str, ...]) -> list[Path]:
    match = _SUFFIX.match(file.name)
    if not match or match.group(2) not in codes:
        return []
    return [file.with_name(f"{match.group(1)}.{other}.md") for other in codes if other != match.group(2)]


def _shown(file: Path) -> str:
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _fix_files(paths: list[Path], write: bool) -> int:
    """`--fix`: print the renumbering as a unified diff (and make it with `write`)."""
    remaining: list[Finding] = []
    changed = 0
    for file in _markdown_files(paths):
        raw = file.read_bytes()
        text = read_text(file, _shown(file))
        newline = "\r\n" if "\r\n" in text else "\n"
        if opted_out(text):
            continue
        fixed, left = fixed_text(text.replace("\r\n", "\n"), _shown(file))
        remaining.extend(left)
        fixed = fixed.replace("\n", newline)
        if fixed == text:
            continue
        changed += 1
        sys.stdout.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), fixed.splitlines(keepends=True),
            fromfile=f"a/{_shown(file)}", tofile=f"b/{_shown(file)}"))
        if write:
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            file.write_bytes(bom + fixed.encode("utf-8"))
    verb = "renumbered" if write else "would renumber"
    print(f"{verb} {changed} file{'s' if changed != 1 else ''}"
          + ("" if write or not changed else " (nothing written: add --write to make the change)"), file=sys.stderr)
    for finding in remaining:
        print(f"{finding} — fix: {finding.hint}  (not fixed automatically)", file=sys.stderr)
    return 1 if remaining or (changed and not write) else 0


def main(argv: list[str] | None = None, languages: tuple[str, ...] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.clause_numbering",
        description="Check the clause numbering of Markdown files (and of translations against their originals).")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Markdown files or folders")
    parser.add_argument("--fix", action="store_true",
                        help="print the renumbering that fixes the faults whose fix is not in doubt, as a diff")
    parser.add_argument("--write", action="store_true", help="with --fix: write the renumbered files")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not arguments.paths:
        print("usage: python -m hooks.clause_numbering [--fix [--write]] PATH...  (Markdown files or folders)",
              file=sys.stderr)
        return 2
    if arguments.write and not arguments.fix:
        print("--write only goes with --fix", file=sys.stderr)
        return 2
    missing = [a for a in arguments.paths if not Path(a).exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    paths = [Path(a) for a in arguments.paths]
    try:
        if arguments.fix:
            return _fix_files(paths, arguments.write)
        findings = check_paths(paths, languages)
    except DataError as error:  # a file not saved as UTF-8
        print(error, file=sys.stderr)
        return 2
    for finding in findings:
        print(f"{finding} — fix: {finding.hint}" if finding.hint else str(finding))
    return 1 if any(finding.certain for finding in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
