"""Whether a translation still says what its original says, clause by clause (pure, no MkDocs).

A translation is checked against its original as it was on one day (`translation_checked`).
When the original changes after that, the translation is *stale*: not an error (a school
must be able to publish an urgent change to the original today), but every reader of the
translation must be told, clause by clause. This module works out which clauses:

- **Units.** Both documents are cut into the units a translation keeps one for one
  (CONTENT_CONVENTIONS.md): each paragraph, heading, table, signature or closing block,
  and each item of a list (anshin/printing.py's blocks, lists split into their items).
- **What was checked.** The check command (`make check-translation PAGE=…`) records, with
  the date, a *fingerprint* of the original: for each unit, a short hash of its text
  without the clause marker and one of the marker (`translation_fingerprint`). Without
  one, git history stands in: the original as it was in the commit that last set the
  translation's `translation_checked`.
- **What changed.** The units of the original then and now are compared in order
  (difflib): a unit whose text changed is *changed*, one that is not there any more is
  *removed*, one that was not there is *new*. The translation's units line up one for one
  with the original's as checked, so each change falls on a unit of the translation, or
  (new ones) between two of them.
- **Facts.** In every unit whose original has not changed since the check, the facts
  (anshin/facts.py: phone numbers, dates, times, amounts, ages, grades, blanks) must be
  the same multiset on both sides; a difference is an error of the translation.

`status(...)` gives all of that for one pair; hooks/translations.py shows it on the page
and `python -m hooks.translations` reports it and records checks.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from anshin.clause_numbering import analyse
from anshin.facts import facts
from anshin.git_history import History, last_changed, original_when_checked
from anshin.printing import read_blocks

__all__ = ["Change", "FactMismatch", "Pair", "Status", "Unit", "pair_status", "compare", "side_by_side", "fingerprint", "read_fingerprint",
           "status", "units", "with_check_recorded"]

# Blocks a translation does not keep one for one with its original: the title (the page
# has its own in its language), HTML comments and the collapsible source notes.
_NOT_UNITS = ("title", "comment", "note")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s")
_HASH_LENGTH = 8


@dataclass(frozen=True)
class Unit:
    """One paragraph, heading, block or list item, as written."""

    line: int
    end: int
    kind: str
    text: str
    id: str | None = None      # the position id of the clause or heading it holds (c-2-7)
    marker: str = ""           # its clause marker as written (三、), if it starts with one

    @property
    def key(self) -> str:
        """A short hash of the text without its clause marker, spacing aside: a clause that
        was only renumbered (a clause added above it) keeps its key."""
        body = self.text[self.text.index(self.marker) + len(self.marker):] if self.marker else self.text
        normal = " ".join(body.split())
        return hashlib.blake2s(normal.encode("utf-8"), digest_size=_HASH_LENGTH // 2).hexdigest()

    @property
    def marker_key(self) -> str:
        """A short hash of the clause marker (0000 for none): what tells a renumbering."""
        if not self.marker:
            return "0000"
        return hashlib.blake2s(self.marker.encode("utf-8"), digest_size=2).hexdigest()

    @property
    def checked(self) -> tuple[str, str]:
        return self.key, self.marker_key


@dataclass(frozen=True)
class Change:
    """What happened to one unit of the original since the translation was checked.

    `kind` is "changed" (the translation's unit `translation` is out of date; `original` is
    its text now), "renumbered" (the same text, under another number now), "removed" (the
    translation's unit is no longer in the original) or "new" (`original` is new; it
    belongs after the translation's unit `after`, or first when `after` is None)."""

    kind: str
    original: Unit | None = None
    translation: Unit | None = None
    after: Unit | None = None


@dataclass(frozen=True)
class FactMismatch:
    """A fact that differs between a unit and its translation, neither changed since the check."""

    original: Unit
    translation: Unit
    only_in_original: tuple[str, ...]
    only_in_translation: tuple[str, ...]
    original_line: int = 0       # the line of the unit where a differing fact stands (a table
    translation_line: int = 0    # is one unit: the row is what the editor looks for)


@dataclass
class Status:
    """A translation compared with its original."""

    checked: datetime.date | None
    basis: str                         # "fingerprint", "git" or "unknown"
    changes: list[Change] = field(default_factory=list)
    mismatches: list[FactMismatch] = field(default_factory=list)
    aligned: bool = True               # the translation's units line up with the original as checked
    original_units: int = 0
    translation_units: int = 0
    # the original's units beside the translation's (see side_by_side), for the bilingual page
    rows: list[tuple[Unit | None, Unit | None, str | None]] = field(default_factory=list)
    # where a translation that does not line up first differs: (its line, the original's line)
    first_difference: tuple[int, int] | None = None

    @property
    def stale(self) -> bool:
        return bool(self.changes)

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for change in self.changes)


def units(text: str) -> list[Unit]:
    """The units of a Markdown document, in order, each with the position id of the first
    clause or heading it holds."""
    items = {item.line: item for item in analyse(text, "", check=False)[0]}
    found: list[Unit] = []
    for block in read_blocks(text):
        if block.kind in _NOT_UNITS:
            continue
        lines = block.text.split("\n")
        spans = ([(block.line + start, block.line + end) for start, end in _list_items(lines)]
                 if block.kind == "text" and _LIST_ITEM.match(lines[0]) else [(block.line, block.end)])
        for first, last in spans:
            text_of = "\n".join(lines[first - block.line:last - block.line + 1])
            kind = "item" if len(spans) > 1 or block.kind == "text" and _LIST_ITEM.match(lines[0]) else block.kind
            item = next((items[n] for n in range(first, last + 1) if n in items), None)
            marker = item.marker.text if item and item.marker and item.line == first else ""
            found.append(Unit(first, last, kind, text_of, item.id if item else None, marker))
    return found


def _list_items(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line offsets of each item of a list block."""
    starts = [index for index, line in enumerate(lines) if _LIST_ITEM.match(line)]
    spans = []
    for number, start in enumerate(starts):
        end = (starts[number + 1] if number + 1 < len(starts) else len(lines)) - 1
        while end > start and not lines[end].strip():
            end -= 1
        spans.append((start, end))
    return spans


def fingerprint(original: list[Unit]) -> str:
    """The fingerprint recorded when a translation is checked: for each unit of the
    original, in order, the hash of its text and of its clause marker."""
    keys = [unit.key + unit.marker_key for unit in original]
    return "\n".join(" ".join(keys[start:start + 6]) for start in range(0, len(keys), 6))


def read_fingerprint(value: object) -> list[tuple[str, str]] | None:
    """The (text, marker) hashes of a recorded fingerprint; None when there is none or it
    is not one."""
    if not isinstance(value, str):
        return None
    keys = value.split()
    if not keys or any(not re.fullmatch(rf"[0-9a-f]{{{_HASH_LENGTH + 4}}}", key) for key in keys):
        return None
    return [(key[:_HASH_LENGTH], key[_HASH_LENGTH:]) for key in keys]


def side_by_side(checked: list[tuple[str, str]], original: list[Unit],
                 translation: list[Unit]) -> list[tuple[Unit | None, Unit | None, str | None]]:
    """The units of the original now beside the translation's, in order: (original unit or
    None, translation unit or None, what changed: None, "changed", "renumbered", "new" or
    "removed"). `checked` are the hashes of the original's units when the translation was
    checked, which line up one for one with the translation's units."""
    matcher = difflib.SequenceMatcher(a=[key for key, _ in checked], b=[unit.key for unit in original],
                                      autojunk=False)

    def at(index: int) -> Unit | None:
        return translation[index] if 0 <= index < len(translation) else None

    rows: list[tuple[Unit | None, Unit | None, str | None]] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            for k in range(old_end - old_start):
                now = original[new_start + k]
                rows.append((now, at(old_start + k),
                             "renumbered" if now.marker_key != checked[old_start + k][1] else None))
            continue
        paired = min(old_end - old_start, new_end - new_start) if operation == "replace" else 0
        rows.extend((original[new_start + k], at(old_start + k), "changed") for k in range(paired))
        rows.extend((None, at(k), "removed") for k in range(old_start + paired, old_end))
        rows.extend((original[k], None, "new") for k in range(new_start + paired, new_end))
    return rows


def compare(rows: list[tuple[Unit | None, Unit | None, str | None]]) -> tuple[list[Change], list[tuple[Unit, Unit]]]:
    """The changes to the original since the translation was checked (from `side_by_side`),
    placed on the translation; and the (original, translation) units whose text did not
    change."""
    changes: list[Change] = []
    unchanged: list[tuple[Unit, Unit]] = []
    last: Unit | None = None      # the translation's unit the next new one follows
    for now, translated, what in rows:
        if what == "new":
            changes.append(Change("new", now, None, after=last))
            continue
        if translated is not None:
            last = translated
        if what is None or what == "renumbered":
            if now is not None and translated is not None:
                unchanged.append((now, translated))
            if what == "renumbered":
                changes.append(Change("renumbered", now, translated))
        else:
            changes.append(Change(what, now, translated))
    return changes, unchanged


def status(original_text: str, translation_text: str, checked: datetime.date | None,
           recorded: list[tuple[str, str]] | None, checked_original_text: str | None) -> Status:
    """How a translation stands against its original.

    `recorded` is the translation's fingerprint, if it has one; otherwise
    `checked_original_text` is the original as it was when the translation was checked
    (from git), if that is known."""
    found = _status(original_text, translation_text, checked,
                    None if recorded is None else tuple(recorded), checked_original_text)
    # The kept result is shared: each caller has lists of its own.
    return dataclasses.replace(found, changes=list(found.changes), mismatches=list(found.mismatches),
                               rows=list(found.rows))


# Both languages' builds ask for each pair, and `make serve` asks again on every save, mostly
# of texts that did not change: reading their facts again was about 0.03 s of each rebuild.
@functools.lru_cache(maxsize=512)
def _status(original_text: str, translation_text: str, checked: datetime.date | None,
            recorded: tuple[tuple[str, str], ...] | None, checked_original_text: str | None) -> Status:
    original, translation = units(original_text), units(translation_text)
    if recorded is not None:
        basis, then = "fingerprint", list(recorded)
    elif checked_original_text is not None:
        basis, then = "git", [unit.checked for unit in units(checked_original_text)]
    else:
        basis, then = "unknown", [unit.checked for unit in original]
    result = Status(checked, basis, original_units=len(original), translation_units=len(translation))
    if len(then) != len(translation):
        # The translation no longer has one unit per unit of what it was checked against
        # (edited since, without a check): its units cannot be placed.
        result.aligned = False
        result.first_difference = _first_difference(original, translation)
        if then == [unit.checked for unit in original]:
            return result
        result.changes, _ = compare(side_by_side(then, original, translation))
        return result
    result.rows = side_by_side(then, original, translation)
    result.changes, unchanged = compare(result.rows)
    result.mismatches = [m for pair in unchanged if (m := _mismatch(*pair))]
    return result


def _first_difference(original: list[Unit], translation: list[Unit]) -> tuple[int, int]:
    """The first unit of the translation that is not the same kind of unit (paragraph,
    clause with the same id, heading, list item, block) as the original's at its place."""
    for index in range(max(len(original), len(translation))):
        a = original[index] if index < len(original) else None
        b = translation[index] if index < len(translation) else None
        if a is None or b is None or (a.kind, a.id) != (b.kind, b.id):
            return (b.line if b else translation[-1].end if translation else 1,
                    a.line if a else original[-1].end if original else 1)
    return (1, 1)


def _mismatch(original: Unit, translation: Unit) -> FactMismatch | None:
    left, right = facts(original.text), facts(translation.text)
    if left == right:
        return None
    only_left, only_right = tuple(sorted((left - right).elements())), tuple(sorted((right - left).elements()))
    return FactMismatch(original, translation, only_left, only_right,
                        _line_with(original, set(only_left) or set(left)),
                        _line_with(translation, set(only_right) or set(right)))


def _line_with(unit: Unit, values: set[str]) -> int:
    """The first line of `unit` that holds one of the facts `values` (its first line if none)."""
    for offset, line in enumerate(unit.text.split("\n")):
        if values & set(facts(line)):
            return unit.line + offset
    return unit.line


_CHECKED_LINE = re.compile(r"^translation_checked:.*$", re.MULTILINE)
_FINGERPRINT_BLOCK = re.compile(r"^translation_fingerprint:.*\n(?:[ \t]+.*\n)*", re.MULTILINE)


def with_check_recorded(translation_text: str, today: datetime.date, original: list[Unit]) -> str:
    """The translation's text with the check recorded in its front matter: the date and the
    fingerprint, and nothing else changed."""
    end = translation_text.find("\n---", 3)
    head, rest = translation_text[:end + 1], translation_text[end + 1:]
    block = "translation_fingerprint: >-\n" + "".join(f"  {line}\n" for line in fingerprint(original).split("\n"))
    head = _FINGERPRINT_BLOCK.sub("", head)
    if _CHECKED_LINE.search(head):
        head = _CHECKED_LINE.sub(f"translation_checked: {today.isoformat()}", head, count=1)
        position = _CHECKED_LINE.search(head)
        assert position is not None
        head = head[:position.end() + 1] + block + head[position.end() + 1:]
    else:
        head = head + f"translation_checked: {today.isoformat()}\n" + block
    return head + rest



@dataclass(frozen=True)
class Pair:
    """A translation, its original, and how the one stands against the other."""

    translation: Path
    original: Path
    original_code: str
    status: Status
    original_changed: datetime.date | None   # when the original last changed, if known


def pair_status(translation: Path, original: Path, original_code: str, translation_text: str,
                original_text: str, meta: dict, original_meta: dict, history: History | None = None) -> Pair:
    """The status of a translation (whose front matter is `meta`) against its original
    (`original_meta`), from its fingerprint, else from git history."""
    checked = meta.get("translation_checked")
    checked = checked if isinstance(checked, datetime.date) else None
    recorded = read_fingerprint(meta.get("translation_fingerprint"))
    then = None
    if recorded is None:
        line = _CHECKED_LINE.search(translation_text)
        then = original_when_checked(translation, original, line.group(0)) if line else None
    result = status(original_text, translation_text, checked, recorded, then)
    # As hooks/document_dates.py: git's last change, else the front matter's `updated:`.
    updated = original_meta.get("updated")
    changed = last_changed(original, history) or (updated if isinstance(updated, datetime.date) else None)
    if result.stale and checked is not None and changed is not None and changed < checked:
        # The change is not committed yet (git's last change predates the check): say
        # "changed since the check", never a date before it.
        changed = None
    return Pair(translation, original, original_code, result, changed)
