"""Clause numbering in Chinese and Japanese documents (pure, no MkDocs).

Reads the numbered clauses of a Markdown document, infers their nesting from the styles
the document uses, gives every clause and heading a position id that is the same in
every language (`c-2-7`: 2nd section, 7th item), and reports numbering faults:

    docs/agreements/x.zh.md:12:1: gap — expected 2 (二、), found 3 (三、)

Recognised markers, at the start of a paragraph, list item or heading:
一、 十一． (Chinese numerals), 第一条 第1条 第一章, 1、 2. ３． 1␣ (Arabic, half or full
width), (1) （1） ⑴, (一) （一）, ① … ⑳, Ⅰ Ⅱ Ⅲ, ア イ ウ (aiueo or iroha order), (ア).
Not markers: dates (4月12日), times (8:00、), years (2019（平成31）年度), numbers in
tables or mid-sentence, law citations (法第二条): a marker must start its line and be
followed by its delimiter.

Opting out: `clause_numbering: false` in front matter stops the checks for a page;
lines between `<!-- clause-numbering: off -->` and `<!-- clause-numbering: on -->` are
not read at all (quoted text whose numbers are not the document's own).

Command line: `python -m hooks.clause_numbering PATH...` (the stable interface; it takes
the project's languages from mkdocs.yml) prints the findings for the
Markdown files under PATH (and parity problems between translations) and exits 1 when
there are any, 0 when the documents are clean.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from anshin.errors import DataError
from anshin.source_files import read_text

_NUMERAL_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERALS = "一二三四五六七八九十百"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_KANA_CLASS = "".join(sorted(set(AIUEO + IROHA)))


@dataclass(frozen=True)
class Marker:
    """A clause marker as written: its family (what counts as one sequence), its
    variant (delimiter, width, bracket form) and its value (1-based; for katakana the
    character itself decides, in the order its sequence uses)."""

    family: str
    variant: str
    value: int
    text: str
    column: int


def chinese_numeral(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十一 → 21, 一百 → 100."""
    total, current = 0, 0
    for char in text:
        if char in _NUMERAL_DIGITS:
            current = _NUMERAL_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def to_chinese_numeral(value: int) -> str:
    digits = "零一二三四五六七八九"
    if value >= 100:
        rest = value % 100
        return (digits[value // 100] if value // 100 > 1 else "一") + "百" + (
            ("零" if rest < 10 else "") + to_chinese_numeral(rest) if rest else "")
    tens, ones = divmod(value, 10)
    return ((digits[tens] if tens > 1 else "") + "十" if tens else "") + (digits[ones] if ones else "")


def _arabic(text: str) -> int:
    return int("".join(str(unicodedata.digit(c)) for c in text))


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(rf"第(?P<n>[{_NUMERALS}0-9０-９]+)(?P<d>[条章])")),
    ("cn", re.compile(rf"(?P<n>[{_NUMERALS}]+)(?P<d>[、．])")),
    # A number then a space is a marker ("1 学校…"), unless a unit follows: "2019 年起",
    # "10 月", "4 月 12 日" are dates written with spaces, not clauses.
    ("arabic", re.compile(r"(?P<n>[0-9０-９]+)(?P<d>[、．]|\.(?![0-9])|[ 　](?=\S)(?![年月日時时点分秒歳岁号円元％%]))")),
    ("paren-arabic", re.compile(r"(?P<o>[（(])(?P<n>[0-9０-９]+)(?P<c>[）)])")),
    ("paren-cn", re.compile(rf"(?P<o>[（(])(?P<n>[{_NUMERALS}]+)(?P<c>[）)])")),
    ("paren-katakana", re.compile(rf"(?P<o>[（(])(?P<n>[{_KANA_CLASS}])(?P<c>[）)])")),
    ("paren-arabic", re.compile(r"(?P<n>[\u2474-\u2487])")),       # ⑴ … ⒇
    ("circled", re.compile(r"(?P<n>[\u2460-\u2473])")),            # ① … ⑳
    ("roman", re.compile(r"(?P<n>[\u2160-\u216b])(?P<d>[ 　、．.]?)")),
    ("katakana", re.compile(rf"(?P<n>[{_KANA_CLASS}])(?=[ 　])")),
]


def read_marker(text: str, column: int = 1) -> Marker | None:
    """The clause marker at the start of `text`, if there is one."""
    for family, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        n = groups["n"]
        if family == "article":
            value = _arabic(n) if n[0] in "0123456789０１２３４５６７８９" else chinese_numeral(n)
            variant = groups["d"]
            family = "article" if groups["d"] == "条" else "chapter"
        elif family in ("cn", "paren-cn"):
            value, variant = chinese_numeral(n), groups.get("d") or (groups["o"] + groups["c"])
        elif family == "arabic":
            width = "full" if unicodedata.east_asian_width(n[0]) == "F" else "half"
            value, variant = _arabic(n), f"{width}{groups['d'].replace('　', ' ')}"
        elif family == "paren-arabic" and "o" in groups and groups.get("o"):
            width = "full" if unicodedata.east_asian_width(n[0]) == "F" else "half"
            value, variant = _arabic(n), f"{groups['o']}{groups['c']}{width}"
        elif family == "paren-arabic":
            value, variant = ord(n) - 0x2474 + 1, "⑴"
        elif family == "circled":
            value, variant = ord(n) - 0x2460 + 1, "①"
        elif family == "roman":
            value, variant = ord(n) - 0x2160 + 1, "Ⅰ" + (groups.get("d") or "")
        else:  # katakana, paren-katakana: the value depends on the sequence's order
            value, variant = 0, groups.get("o", "") + groups.get("c", "")
        return Marker(family, variant, value, match.group(0).strip(), column)
    return None


@dataclass
class Item:
    """A heading or numbered clause, with its place in the document's tree."""

    line: int
    kind: str            # "h2" … "h6", or "clause"
    marker: Marker | None
    depth: int = 0
    id: str = ""
    children: int = field(default=0, repr=False)

    @property
    def level(self) -> int:
        return int(self.kind[1]) if self.kind != "clause" else 7


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_OFF = re.compile(r"<!--\s*clause-numbering:\s*off\s*-->")
_ON = re.compile(r"<!--\s*clause-numbering:\s*on\s*-->")
_PREFIX = re.compile(r"^(?:[-*+] +)")


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
    admonition bodies), and lines between clause-numbering off/on comments."""
    lines = text.splitlines()
    items: list[Item] = []
    in_fence = switched_off = False
    for index in range(front_matter_end(lines), len(lines)):
        raw = lines[index]
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if _OFF.search(raw):
            switched_off = True
            continue
        if _ON.search(raw):
            switched_off = False
            continue
        if in_fence or switched_off or not raw.strip() or raw.startswith(("    ", "\t")):
            continue
        line = raw.rstrip()
        if line.lstrip().startswith(("|", "<", ">", "!!!", "???", "{:")):
            continue
        heading = _HEADING.match(line)
        if heading:
            if len(heading.group(1)) > 1:
                column = len(heading.group(1)) + 1 + (len(line) - len(line.lstrip()))
                column = line.index(heading.group(2)) + 1 if heading.group(2) else column
                items.append(Item(index + 1, f"h{len(heading.group(1))}",
                                  read_marker(heading.group(2), column)))
            continue
        prefix = _PREFIX.match(line)
        start = prefix.end() if prefix else 0
        marker = read_marker(line[start:], start + 1)
        if marker:
            items.append(Item(index + 1, "clause", marker))
    return items


@dataclass
class _Sequence:
    family: str
    variant: str
    order: str
    last: int
    seen: dict[int, int]
    example: Marker
    # A katakana sequence that starts with イ is iroha unless ア or ウ follows (then it
    # is aiueo with its ア missing or out of place); until the second item, its first
    # is held here.
    undecided: Item | None = None


@dataclass
class _Node:
    item: Item | None
    level: int
    id: str
    sequences: dict[str, _Sequence] = field(default_factory=dict)
    children: int = 0


def _display(value: int, marker: Marker, order: str) -> str:
    """How `value` is written in the style of `marker` (for messages)."""
    family, variant = marker.family, marker.variant
    if family == "cn":
        return to_chinese_numeral(value) + variant
    if family == "paren-cn":
        return variant[0] + to_chinese_numeral(value) + variant[1]
    if family == "arabic":
        digits = str(value) if variant.startswith("half") else str(value).translate(
            str.maketrans("0123456789", "０１２３４５６７８９"))
        delimiter = variant.removeprefix("half").removeprefix("full")
        return digits + ("" if delimiter == " " else delimiter)
    if family == "paren-arabic":
        if variant == "⑴":
            return chr(0x2474 + value - 1) if 1 <= value <= 20 else f"({value})"
        digits = str(value) if variant.endswith("half") else str(value).translate(
            str.maketrans("0123456789", "０１２３４５６７８９"))
        return variant[0] + digits + variant[1]
    if family == "circled":
        return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    if family == "roman":
        return chr(0x2160 + value - 1) if 1 <= value <= 12 else str(value)
    if family in ("katakana", "paren-katakana"):
        char = order[value - 1] if 1 <= value <= len(order) else "?"
        return variant[:1] + char + variant[1:] if variant else char
    if family in ("article", "chapter"):
        return f"第{to_chinese_numeral(value)}{variant}"
    return str(value)


def marker_of(item: Item) -> Marker:
    """The marker of a clause, or of a heading placed in a sequence: read_items makes a
    clause only from a marker, and only items with one are placed."""
    assert item.marker is not None, f"line {item.line}: {item.kind} without a marker"
    return item.marker


def _value(marker: Marker, order: str) -> int:
    if marker.family in ("katakana", "paren-katakana"):
        char = marker.text.strip("（）()")
        return order.index(char) + 1 if char in order else 0
    return marker.value


def analyse(text: str, path: str, *, check: bool = True) -> tuple[list[Item], list[Finding]]:
    """Items with their position ids, and the numbering faults (none when `check` is off)."""
    items = read_items(text)
    findings: list[Finding] = []
    root = _Node(None, 1, "c")
    stack = [root]
    root_sequences: list[_Sequence] = []

    for item in items:
        if item.kind != "clause":
            while len(stack) > 1 and stack[-1].level >= item.level:
                stack.pop()
            parent = stack[-1]
        else:
            parent = stack[-1]
            for position in range(len(stack) - 1, -1, -1):
                node = stack[position]
                if marker_of(item).family in node.sequences:
                    del stack[position + 1:]
                    parent = node
                    break
                if node.item is not None and node.item.kind != "clause":
                    break  # clause sequences do not reach across headings
                if node.item is None:
                    break
        if item.marker is not None:
            found = _place(parent, item, item.marker, path, root_sequences)
            if check:
                findings.extend(found)
        parent.children += 1
        item.id = f"{parent.id}-{parent.children}"
        item.depth = len(stack)
        stack.append(_Node(item, item.level, item.id))
    if check:
        findings.extend(_lone_iroha_starts(root_sequences, path))
    return items, sorted(findings, key=lambda f: (f.line, f.column))


def _place(parent: _Node, item: Item, marker: Marker, path: str, all_sequences: list[_Sequence]) -> list[Finding]:
    """Record `item` (whose marker is `marker`) in its parent's sequence of that family;
    the fault, if any."""
    sequence = parent.sequences.get(marker.family)
    if sequence is None:
        char = marker.text.strip("（）()")
        order = IROHA if char == "イ" else AIUEO
        value = _value(marker, order)
        sequence = _Sequence(marker.family, marker.variant, order, value, {value: item.line}, marker,
                             undecided=item if char == "イ" else None)
        parent.sequences[marker.family] = sequence
        all_sequences.append(sequence)
        if value != 1:
            return [_finding(path, item, "the first item should be 1", 1, value, marker, order)]
        return []

    found: list[Finding] = []
    if sequence.undecided is not None:
        first, sequence.undecided = sequence.undecided, None
        if marker.text.strip("（）()") in "アウ":
            # Not iroha after all (イ then ア or ウ): an aiueo sequence missing or misplacing its ア.
            sequence.order, sequence.last, sequence.seen = AIUEO, 2, {2: first.line}
            found.append(_finding(path, first, "the first item should be 1", 1, 2, marker_of(first), AIUEO))
    fault = _place_in(sequence, item, marker, path)
    return found + ([fault] if fault else [])


def _lone_iroha_starts(sequences: list[_Sequence], path: str) -> list[Finding]:
    """A lone イ with nothing after it is an aiueo list missing its ア."""
    return [_finding(path, s.undecided, "the first item should be 1", 1, 2, marker_of(s.undecided), AIUEO)
            for s in sequences if s.undecided is not None]


def _place_in(sequence: _Sequence, item: Item, marker: Marker, path: str) -> Finding | None:
    value = _value(marker, sequence.order)
    expected = sequence.last + 1
    problem = None
    if marker.variant != sequence.variant:
        problem = Finding(path, item.line, marker.column,
                          f"style change inside one sequence — expected "
                          f"{_display(expected, sequence.example, sequence.order)} "
                          f"(as at line {min(sequence.seen.values())}), found {marker.text}")
    elif value in sequence.seen and value == expected:
        problem = Finding(path, item.line, marker.column,
                          f"duplicate — {value} ({marker.text}) is already used at line {sequence.seen[value]}")
    elif value in sequence.seen:
        problem = _finding(path, item, f"duplicate of line {sequence.seen[value]}",
                           expected, value, marker, sequence.order)
    elif value > expected:
        problem = _finding(path, item, "gap", expected, value, marker, sequence.order)
    elif value < expected:
        problem = _finding(path, item, "out of order", expected, value, marker, sequence.order)
    sequence.last = value
    sequence.seen.setdefault(value, item.line)
    return problem


def _finding(path: str, item: Item, what: str, expected: int, found: int, marker: Marker,
             order: str) -> Finding:
    return Finding(path, item.line, marker.column,
                   f"{what} — expected {expected} ({_display(expected, marker, order)}), "
                   f"found {found} ({marker.text})")


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
                       f"this file has {_describe(right)}")
    return None


def _text(item: Item) -> str:
    return item.marker.text if item.marker else ""


def _describe(item: Item | None) -> str:
    if item is None:
        return "nothing more"
    if item.kind == "clause":
        return f"clause {marker_of(item).text} ({item.id})"
    marker = f" {item.marker.text}" if item.marker else ""
    return f"heading {item.kind}{marker} ({item.id})"


def opted_out(text: str) -> bool:
    """True when the front matter says `clause_numbering: false`."""
    lines = text.splitlines()
    end = front_matter_end(lines)
    return any(re.match(r"^clause_numbering:\s*(false|no|off)\s*$", line.strip(), re.IGNORECASE)
               for line in lines[1:max(end - 1, 1)])


def check_paths(paths: list[Path], languages: tuple[str, ...] | None = None) -> list[Finding]:
    """Findings for every Markdown file under `paths`, and parity of each translation with
    its original (the version of the page in another of `languages` without
    `translation_checked`; by default the languages are read off the file names)."""
    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.md"))})
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


def main(argv: list[str] | None = None, languages: tuple[str, ...] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        print("usage: python -m hooks.clause_numbering PATH...  (Markdown files or folders)", file=sys.stderr)
        return 2
    missing = [a for a in arguments if not Path(a).exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        findings = check_paths([Path(a) for a in arguments], languages)
    except DataError as error:  # a file not saved as UTF-8
        print(error, file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
