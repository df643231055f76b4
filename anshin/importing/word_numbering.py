"""Word's automatic numbering, computed as Word displays it (pure logic, lxml only).

A Word list item does not contain its number: the paragraph says "list 3, level 1"
(`w:numPr`: `w:numId`, `w:ilvl`, directly or through its paragraph style) and Word
counts, at display time, from the definitions in word/numbering.xml. This module does
that counting, so that an imported page reads `一、` `（二）` `③` `ア` `第3条` where the
Word document showed them.

How Word numbers (ECMA-376 Part 1 §17.9, with Word's own deviations from
[MS-OI29500], the notes Microsoft publishes on how Office implements the standard):

- `w:abstractNum` defines up to nine levels (`w:lvl`): `w:start`, `w:numFmt`,
  `w:lvlText` (`%1、`, `（%2）`, `%1.%2`: `%n` is the current number of level n),
  `w:lvlRestart`, `w:isLgl`, `w:suff`. `w:num` (what paragraphs cite by `numId`) points
  to an abstractNum and may override levels: `w:lvlOverride/w:startOverride` (start
  again at this number) or `w:lvlOverride/w:lvl` (a whole new level definition).
- **Counters belong to the abstractNum, not to the num.** Two nums citing one
  abstractNum continue one sequence; a num with a `w:startOverride` restarts it, once,
  at the first paragraph of that num at that level (§17.9.27; as the UK National
  Archives' judgment parser, tested against Word's output, does:
  nationalarchives/tna-judgments-parser src/docx/Numbering3.cs). LibreOffice 7.4
  agrees on fixtures here; see tests/test_import_word.py.
- A paragraph at level n restarts the levels below it, except a level whose
  `w:lvlRestart` says otherwise: `0` never restarts; `r` restarts only when a level
  of 1-based index ≤ r is used (§17.9.10).
- A level that restarts starts again at its `w:start` (default 0, §17.9.25).
- A level used before its higher levels (a list that begins at level 2) shows those
  higher levels at their start values and counts them as used: `1.1`, then `2.`
  (LibreOffice 7.4 and docx4j's Emulator, after Microsoft's OpenXmlViewer, agree).
- `w:isLgl` (legal numbering): the higher levels a label cites are shown in decimal;
  the level's own number keeps its format (Word's built-in "Section 1.01";
  docx4j measured this against Word: plutext/docx4j ListNumberingDefinition.java).
- `%n` citing a level *deeper* than the paragraph's own: Word ignores the whole
  `w:lvlText` (MS-OI29500 2.1.283 c), so the label is empty.
- `w:numFmt="bullet"`: the level text is shown literally, `%n` not replaced
  (MS-OI29500 2.1.286 a). `none`: `%n` of that level is replaced by nothing.
- `numId` 0 means "not numbered" (it cancels numbering a style would give).
- `w:abstractNum/w:numStyleLink` points to a numbering style whose own `w:numPr`
  names the num whose abstractNum (marked `w:styleLink`) holds the real levels; the
  counters are that real abstractNum's.
- `w:suff`: what stands between label and text — `tab` (the default), `space`,
  `nothing`. A tab has no meaning in Markdown: `suffix()` gives one ASCII space for
  `tab` and `space`, and nothing for `nothing`.

The number formats (`format_number`), as Word writes them:

| numFmt | 1, 10, 11, 20, 21, 100 | beyond its set |
| --- | --- | --- |
| decimal, decimalHalfWidth | 1 10 11 20 21 100 | |
| decimalZero | 01 10 … | |
| decimalFullWidth, decimalFullWidth2 | １ １０ … | |
| decimalEnclosedCircle (…Chinese) | ① ⑩ ⑪ ⑳ | 21 and above: decimal (§17.18.59) |
| decimalEnclosedParen / Fullstop | ⑴ ⑽ / ⒈ ⒑ | 21 and above: decimal |
| chineseCounting | 一 十 十一 二十 二十一 一〇〇 | from 100 digit by digit (MS-DOCX 2.4: 一〇〇) |
| chineseCountingThousand | 一 十 十一 二十 二十一 一百 | 101 一百零一, 110 一百一十 |
| chineseLegalSimplified | 壹 壹拾 壹拾壹 贰拾 贰拾壹 壹佰 | |
| japaneseCounting | 一 十 十一 二十 二十一 百 | 一 left out before 十 百 千 |
| japaneseLegal | 壱 壱拾 壱拾壱 弐拾 弐拾壱 壱百 | |
| ideographDigital, japaneseDigitalTenThousand | 一 一〇 一一 二〇 | digit by digit |
| ideographTraditional | 甲 … 癸 (10) | 11 and above: decimal |
| ideographZodiac | 子 … 亥 (12) | 13 and above: decimal |
| aiueo, aiueoFullWidth | ｱ / ア … ン (46) | 47 starts again at ア (MS-OI29500 2.1.540 c) |
| iroha, irohaFullWidth | ｲ / イ … ス (47) | the character repeated: イイ (§17.18.59) |
| upperLetter, lowerLetter | A … Z, AA, BB | letter repeated (§17.18.59) |
| upperRoman, lowerRoman, ordinal, cardinalText, ordinalText, hex, chicago, numberInDash | | English words |

Any other format is shown in decimal, as Word shows formats it does not know. The
decimal fallbacks are also LibreOffice's (i18npool defaultnumberingprovider.cxx:
a table too short for the number gives the decimal number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["W", "Numbering", "format_number"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

Kind = Literal["number", "bullet", "none"]

_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# The 46 katakana of a-i-u-e-o order, without the archaic ヰ ヱ (Word's set: MS-OI29500 2.1.540 c).
_AIUEO_FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
# The 47 of the iroha poem; half-width katakana has no ヰ ヱ, so those stay full-width.
_IROHA_FULL = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽ"
_CHICAGO = "*†‡§"


@dataclass(frozen=True)
class _Numerals:
    """The characters of one East Asian counting system."""

    digits: str                 # 0–9
    units: tuple[str, str, str]  # 10, 100, 1000
    myriad: str                 # 10 000
    zero_between: bool          # writes 零 for a gap (一百零一), as Chinese does
    bare_ten: bool              # 10–19 start with 十, not 一十 (Chinese and Japanese informal)
    bare_units: bool            # 一 left out before every unit: 百, 千 (Japanese informal)


_CHINESE = _Numerals("零一二三四五六七八九", ("十", "百", "千"), "万", True, True, False)
_CHINESE_LEGAL = _Numerals("零壹贰叁肆伍陆柒捌玖", ("拾", "佰", "仟"), "万", True, False, False)
_JAPANESE = _Numerals("〇一二三四五六七八九", ("十", "百", "千"), "万", False, True, True)
_JAPANESE_LEGAL = _Numerals("〇壱弐参四伍六七八九", ("拾", "百", "阡"), "萬", False, False, False)


def _counted(value: int, numerals: _Numerals) -> str:
    """`value` in a counting system with units: 二十一, 一百零一, 壱拾."""
    if value == 0:
        return numerals.digits[0]
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        head = _counted(high, numerals) + numerals.myriad
        if not low:
            return head
        gap = numerals.digits[0] if numerals.zero_between and low < 1000 else ""
        return head + gap + _counted_group(low, numerals, leading=False)
    return _counted_group(value, numerals, leading=True)


def _counted_group(value: int, numerals: _Numerals, *, leading: bool) -> str:
    # One group of four digits, thousands first.
    places = [(value // 1000 % 10, numerals.units[2]), (value // 100 % 10, numerals.units[1]),
              (value // 10 % 10, numerals.units[0]), (value % 10, "")]
    out: list[str] = []
    gap = False
    for digit, unit in places:
        if digit == 0:
            gap = bool(out)
            continue
        if gap and numerals.zero_between:
            out.append(numerals.digits[0])
        gap = False
        bare = digit == 1 and unit and (numerals.bare_units or (
            numerals.bare_ten and unit == numerals.units[0] and leading and not out))
        out.append(unit if bare else numerals.digits[digit] + unit)
    return "".join(out)


def _chinese_counting(value: int) -> str:
    # 1–99 counted (十一, 二十一); from 100 digit by digit, as MS-DOCX 2.4 shows 100: 一〇〇.
    if value < 100:
        return _counted(value, _CHINESE).replace("零", "〇")
    return str(value).translate(_IDEOGRAPH_DIGITS)


def _from_set(value: int, characters: str) -> str:
    """A character of a fixed set, decimal beyond it (甲 … 癸, then 11)."""
    return characters[value - 1] if 1 <= value <= len(characters) else str(value)


def _repeated(value: int, characters: str) -> str:
    """§17.18.59's repeat rule: A … Z, then AA, BB: the character once per round."""
    rounds, index = divmod(value - 1, len(characters))
    return characters[index] * (rounds + 1)


def _cycled(value: int, characters: str) -> str:
    """Word's aiueo: after ン it starts again at ア (MS-OI29500 2.1.540 c)."""
    return characters[(value - 1) % len(characters)]


def _enclosed(value: int, first: int, size: int = 20) -> str:
    return chr(first + value - 1) if 1 <= value <= size else str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def _english(value: int) -> str:
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_english(rest)}" if rest else "")
    thousands, rest = divmod(value, 1000)
    return f"{_english(thousands)} thousand" + (f" {_english(rest)}" if rest else "")


def _english_ordinal(value: int) -> str:
    words = _english(value)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


def _ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, num_fmt: str) -> str:
    """`value` written in the Word number format `num_fmt` (an ST_NumberFormat value).

    `bullet` and `none` give "" (a bullet's character is its level text, not a
    number). Formats Word does not define, or values a format cannot write (0 and
    below in a letter or kana format), give the decimal number."""
    if num_fmt in ("none", "bullet"):
        return ""
    if value <= 0 and num_fmt not in ("decimalZero", "decimalFullWidth", "decimalFullWidth2", "ideographDigital",
                                      "japaneseDigitalTenThousand", "chineseCounting", "chineseCountingThousand",
                                      "japaneseCounting"):
        return str(value)
    formatter = _FORMATTERS.get(num_fmt)
    return formatter(value) if formatter else str(value)


_FORMATTERS: dict[str, Any] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda v: f"{v:02d}",
    "decimalFullWidth": lambda v: str(v).translate(_FULL_WIDTH_DIGITS),
    "decimalFullWidth2": lambda v: str(v).translate(_FULL_WIDTH_DIGITS),
    "decimalEnclosedCircle": lambda v: _enclosed(v, 0x2460),
    "decimalEnclosedCircleChinese": lambda v: _enclosed(v, 0x2460),
    "decimalEnclosedParen": lambda v: _enclosed(v, 0x2474),
    "decimalEnclosedFullstop": lambda v: _enclosed(v, 0x2488),
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": lambda v: _counted(v, _CHINESE),
    "chineseLegalSimplified": lambda v: _counted(v, _CHINESE_LEGAL),
    "japaneseCounting": lambda v: _counted(v, _JAPANESE),
    "japaneseLegal": lambda v: _counted(v, _JAPANESE_LEGAL),
    "ideographDigital": lambda v: str(v).translate(_IDEOGRAPH_DIGITS),
    "japaneseDigitalTenThousand": lambda v: str(v).translate(_IDEOGRAPH_DIGITS),
    "ideographTraditional": lambda v: _from_set(v, _HEAVENLY_STEMS),
    "ideographZodiac": lambda v: _from_set(v, _EARTHLY_BRANCHES),
    "aiueo": lambda v: _cycled(v, _AIUEO_HALF),
    "aiueoFullWidth": lambda v: _cycled(v, _AIUEO_FULL),
    "iroha": lambda v: _repeated(v, _IROHA_HALF),
    "irohaFullWidth": lambda v: _repeated(v, _IROHA_FULL),
    "upperLetter": lambda v: _repeated(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": lambda v: _repeated(v, "abcdefghijklmnopqrstuvwxyz"),
    "upperRoman": _roman,
    "lowerRoman": lambda v: _roman(v).lower(),
    "ordinal": _ordinal,
    "cardinalText": lambda v: _english(v).capitalize(),
    "ordinalText": lambda v: _english_ordinal(v).capitalize(),
    "hex": lambda v: f"{v:X}",
    "chicago": lambda v: _repeated(v, _CHICAGO),
    "numberInDash": lambda v: f"- {v} -",
}


# ---------------------------------------------------------------------------
# Definitions


def _val(element: Any, tag: str) -> str | None:
    """The w:val of the child `tag` of `element`, or None."""
    if element is None:
        return None
    child = element.find(W + tag)
    return None if child is None else child.get(W + "val")


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _on(element: Any, tag: str) -> bool:
    # An on/off property: present and not val="0"/"false"/"off".
    child = None if element is None else element.find(W + tag)
    return child is not None and child.get(W + "val", "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class _Level:
    start: int
    num_fmt: str
    text: str | None      # w:lvlText; None when the level has none (nothing is shown)
    restart: int | None   # w:lvlRestart; None = after any higher level
    legal: bool
    suffix: str           # "tab", "space", "nothing"
    style: str | None     # w:pStyle: the paragraph style that carries this level

    @classmethod
    def read(cls, lvl: Any) -> _Level:
        text_element = lvl.find(W + "lvlText")
        text = None if text_element is None else text_element.get(W + "val")
        return cls(start=_int(_val(lvl, "start")) or 0, num_fmt=_val(lvl, "numFmt") or "decimal", text=text,
                   restart=_int(_val(lvl, "lvlRestart")), legal=_on(lvl, "isLgl"), suffix=_val(lvl, "suff") or "tab",
                   style=_val(lvl, "pStyle"))


_NO_LEVEL = _Level(start=0, num_fmt="none", text=None, restart=None, legal=False, suffix="nothing", style=None)


@dataclass
class _Num:
    abstract: str                      # the abstractNum whose counters it uses (after numStyleLink)
    levels: dict[int, _Level]          # its nine levels, overrides applied
    start_overrides: dict[int, int]


@dataclass
class _Counters:
    """The running numbers of one abstractNum, shared by every num citing it."""

    values: dict[int, int] = field(default_factory=dict)   # level → last number shown; absent = (re)starts
    started_overrides: set[tuple[str, int]] = field(default_factory=set)


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    """The numbering of one document, counted in document order.

    Build it from the numbering part's root element (`w:numbering`) and, for
    numbering that paragraph styles carry, the styles part's root (`w:styles`). Then
    ask, paragraph by paragraph in document order, `paragraph_numbering()` for the
    (numId, ilvl) a paragraph has, and `marker()` for its label (this advances the
    count: call it once per numbered paragraph, bullets included)."""

    def __init__(self, numbering: Any | None, styles: Any | None = None) -> None:
        self._styles = _read_styles(styles)
        abstracts = {a.get(W + "abstractNumId"): a for a in ([] if numbering is None else numbering.iter(W + "abstractNum"))}
        num_elements = {n.get(W + "numId"): n for n in ([] if numbering is None else numbering.iter(W + "num"))}
        self._nums: dict[str, _Num] = {}
        for num_id, element in num_elements.items():
            num = self._read_num(element, abstracts, num_elements)
            if num is not None:
                self._nums[num_id] = num
        self._counters: dict[str, _Counters] = {}

    def _read_num(self, element: Any, abstracts: dict[str, Any], nums: dict[str, Any]) -> _Num | None:
        abstract_id = _val(element, "abstractNumId")
        abstract = abstracts.get(abstract_id or "")
        # numStyleLink: the levels are those of the abstractNum behind the style's num (one hop is all Word
        # writes; more are followed, with a guard against loops).
        seen: set[str] = set()
        while abstract is not None and _val(abstract, "numStyleLink") and abstract_id not in seen:
            seen.add(abstract_id or "")
            style = self._styles.get(_val(abstract, "numStyleLink") or "")
            linked = nums.get(style.num_id or "") if style else None
            abstract_id = _val(linked, "abstractNumId") if linked is not None else None
            abstract = abstracts.get(abstract_id or "")
        if abstract is None or abstract_id is None:
            return None
        levels = {int(lvl.get(W + "ilvl", "0")): _Level.read(lvl) for lvl in abstract.findall(W + "lvl")}
        start_overrides: dict[int, int] = {}
        for override in element.findall(W + "lvlOverride"):
            ilvl = _int(override.get(W + "ilvl"))
            if ilvl is None:
                continue
            lvl = override.find(W + "lvl")
            if lvl is not None:
                levels[ilvl] = _Level.read(lvl)
            start = _int(_val(override, "startOverride"))
            if start is not None:
                start_overrides[ilvl] = start
        return _Num(abstract=abstract_id, levels=levels, start_overrides=start_overrides)

    # -- what a paragraph cites ------------------------------------------------

    def paragraph_numbering(self, p_pr: Any | None, style_id: str | None) -> tuple[str, int] | None:
        """The (numId, ilvl) of a paragraph, from its own `w:pPr/w:numPr` and its style's
        (with `w:basedOn`); None when it is not numbered (no numPr, numId 0, or a numId
        the numbering part does not define)."""
        num_pr = None if p_pr is None else p_pr.find(W + "numPr")
        own_num = _val(num_pr, "numId")
        own_level = _int(_val(num_pr, "ilvl"))
        style = self._style_numbering(style_id)
        num_id = own_num if own_num is not None else (style[0] if style else None)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if own_level is not None:
            return num_id, own_level
        if style and style[0] == num_id and style[1] is not None:
            return num_id, style[1]
        # A style that names the list but not the level: the level whose w:pStyle is that style.
        for ilvl, level in self._nums[num_id].levels.items():
            if style_id is not None and level.style == style_id:
                return num_id, ilvl
        return num_id, 0

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
            style_id = style.based_on
        return None if num_id is None else (num_id, ilvl)

    # -- counting --------------------------------------------------------------

    def level(self, num_id: str, ilvl: int) -> _Level:
        num = self._nums.get(num_id)
        return num.levels.get(ilvl, _NO_LEVEL) if num else _NO_LEVEL

    def kind(self, num_id: str, ilvl: int) -> Kind:
        """"bullet", "none" (the level shows no number of its own) or "number"."""
        num_fmt = self.level(num_id, ilvl).num_fmt
        return "bullet" if num_fmt == "bullet" else "none" if num_fmt == "none" else "number"

    def suffix(self, num_id: str, ilvl: int) -> str:
        """What stands between the label and the text: " " for a tab or a space, "" for nothing."""
        return "" if self.level(num_id, ilvl).suffix == "nothing" else " "

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Count the next paragraph of list `num_id` at level `ilvl` and return the
        label Word shows for it (`一、`, `（2）`, `1.2`); None when it shows none: a
        bullet, a level of format `none` whose text is empty, or an unknown list."""
        num = self._nums.get(num_id)
        if num is None or not 0 <= ilvl <= 8:
            return None
        values = self._count(num_id, num, ilvl)
        level = num.levels.get(ilvl, _NO_LEVEL)
        if level.num_fmt == "bullet" or level.text is None:
            return None
        label = self._fill(level, ilvl, num, values)
        return label if label.strip() else None

    def _count(self, num_id: str, num: _Num, ilvl: int) -> dict[int, int]:
        counters = self._counters.setdefault(num.abstract, _Counters())
        values = counters.values
        for deeper in [lvl for lvl in values if lvl > ilvl]:
            restart = num.levels.get(deeper, _NO_LEVEL).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del values[deeper]
        for higher in range(ilvl):
            # A list begun below its first level: the higher levels count as used at their start values,
            # so the next higher-level paragraph shows start + 1 (LibreOffice; docx4j's Emulator, after
            # Microsoft's OpenXmlViewer).
            values.setdefault(higher, num.levels.get(higher, _NO_LEVEL).start)
        override = num.start_overrides.get(ilvl)
        if override is not None and (num_id, ilvl) not in counters.started_overrides:
            counters.started_overrides.add((num_id, ilvl))
            values[ilvl] = override
        elif ilvl in values:
            values[ilvl] += 1
        else:
            values[ilvl] = num.levels.get(ilvl, _NO_LEVEL).start
        return values

    def _fill(self, level: _Level, ilvl: int, num: _Num, values: dict[int, int]) -> str:
        text = level.text or ""
        cited = [int(n) - 1 for n in _PLACEHOLDER.findall(text)]
        if any(n > ilvl for n in cited):
            return ""   # Word ignores a level text that cites a deeper level (MS-OI29500 2.1.283 c)

        def number(match: re.Match[str]) -> str:
            cited_level = int(match.group(1)) - 1
            definition = num.levels.get(cited_level, _NO_LEVEL)
            value = values.get(cited_level, definition.start)
            fmt = definition.num_fmt
            if level.legal and cited_level != ilvl and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(number, text)


@dataclass(frozen=True)
class _StyleNumbering:
    num_id: str | None
    ilvl: int | None
    based_on: str | None


def _read_styles(styles: Any | None) -> dict[str, _StyleNumbering]:
    found: dict[str, _StyleNumbering] = {}
    if styles is None:
        return found
    for style in styles.iter(W + "style"):
        p_pr = style.find(W + "pPr")
        num_pr = None if p_pr is None else p_pr.find(W + "numPr")
        found[style.get(W + "styleId", "")] = _StyleNumbering(
            num_id=_val(num_pr, "numId"), ilvl=_int(_val(num_pr, "ilvl")), based_on=_val(style, "basedOn"))
    return found
