"""Clause markers: reading `一、` `第3条` `(1)` `ア.` `4.1` … at the start of a line, and
writing a number back in the style it was read in (pure, no MkDocs).

A marker has a *family* (what counts as one numbered sequence: `cn` for 一、, `arabic`
for 1、 1. 1␣, `paren-arabic` for (1) ⑴ …) and a *style* within the family (delimiter,
width, brackets). Two items of one family at one place in a document belong to one
sequence; a different style inside a sequence is a fault of its own, not a new level.

Recognised, at the start of a paragraph, list item or heading:

| family          | examples                                        |
| --------------- | ----------------------------------------------- |
| chapter         | 第一章 第1章 (also 節/节 as `section`)            |
| article         | 第一条 第12条 第１２条                              |
| dai             | 第1␣ 第一␣ (Japanese policies: 第1　基本的な考え方) |
| roman           | Ⅰ Ⅱ Ⅲ                                           |
| latin           | A、 B、 A． (a level between 一、 and 1、)           |
| cn              | 一、 十一． 二十.                                  |
| cn-space        | 一␣ (the items, 号, of a Japanese article)        |
| paren-cn        | (一) （三）                                       |
| arabic          | 1、 2. 2\\. ３． 1␣ １　 (half or full width)       |
| decimal-2/-3    | 4.1␣ 4.1.2␣ (numbering of the section it is in)  |
| arabic-close    | 1) 1）                                          |
| paren-arabic    | (1) （12） ⑴                                     |
| circled         | ① … ⑳                                           |
| katakana        | ア␣ ア. ア． ア、 (aiueo or iroha order; ァ ｱ read as ア) |
| paren-katakana  | (ア) （イ）                                       |

Not markers: dates and times, also written with spaces (`4月12日`, `10 月`, `4 月 12 日`,
`2026 年度`, `8:00`), numbers with a unit (`3.5倍`), and references: a marker that runs
straight into a range, another marker or a particle (`(1)～(3)は`, `①②については`,
`第3条に定める`, `1、2の場合`, `第三条规定的`) cites clauses; it does not start one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["AIUEO", "IROHA", "RANKS", "Marker", "chinese_numeral", "read_marker", "read_unit_marker",
           "to_chinese_numeral"]

_NUMERAL_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERALS = "一二三四五六七八九十百"
_DIGITS = "0-9０-９"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
# Small ァ ィ ゥ ェ ォ and half-width ｱ ｲ ｳ … are the same markers mistyped or pasted from a
# PDF (ァ イ ゥ in a real 学校安全計画): read as ア イ ウ, not as the end of the list.
_KANA_VARIANTS = "ァィゥェォ" + "".join(chr(code) for code in range(0xFF71, 0xFF9E))
_KANA = "".join(sorted(set(AIUEO + IROHA + _KANA_VARIANTS)))
_KANA_FOLD = str.maketrans("ァィゥェォ", "アイウエオ")

# The conventional order of levels, outermost first: what a document uses when it gives
# no evidence of its own (anshin/clause_numbering.py reads the evidence).
RANKS = {family: rank for rank, family in enumerate((
    "chapter", "section", "dai", "article", "step", "roman", "lenticular", "label", "sono", "cn", "paren-cn", "latin", "arabic",
    "cn-space", "decimal-2",
    "decimal-3", "arabic-close", "paren-arabic", "circled", "cn-shi", "katakana", "paren-katakana"))}

# What may follow a marker that cites clauses instead of starting one: a range, another
# marker, or (written straight after it, with no space) a particle or a verb of citing.
_RANGE = "~～〜∼－\\-―—–ー至"
_NUMBER_TOKEN = rf"(?:[（(][{_DIGITS}{_NUMERALS}{_KANA}]+[）)]|[\u2460-\u2487]|[{_DIGITS}]+)"
# After (1), ①, 1) …: a range or another marker ("(1)～(3)は", "①②については",
# "(1)、(2)の"), or a particle ("(1)のとおり", "①は").
_JOINED = r"(?:及び|並びに|又は|若しくは|または|もしくは|[、・,，及と和や或])"
_CITING_AFTER_PAREN = re.compile(
    rf"^(?:[{_RANGE}]|{_JOINED}?(?:[（(][{_DIGITS}{_NUMERALS}{_KANA}]+[）)]|[\u2460-\u2487]|[{_DIGITS}]+[)）])"
    rf"|[{_DIGITS}]+[{_RANGE}]|[のはをにでがとへも]|について|より|から|まで|的|至|和|或"
    # "（2）中所述的重点关注名单…": what item (2) says, cited.
    rf"|中?(?:所述|所列|所称|所指|规定))")
# After 第3条 (written straight after it): a particle, a verb of citing, or another article.
# "第十五条之一" is an article put in later between 第十五条 and 第十六条, as "第9条の2" is:
# neither a second 第十五条 nor a gap.
_CITING_AFTER_ARTICLE = re.compile(
    rf"^(?:[{_RANGE}ぁ-ゖ及又並和或各、・,，之]|规定|所称|所列|所述"
    rf"|第[ 　]*[（(]?[ 　]*[{_DIGITS}{_NUMERALS}]+[ 　]*[）)]?[ 　]*[条項项款号號]"
    # "第3条（2）の通学路を…": an item of the article, cited.
    rf"|[（(][{_DIGITS}{_NUMERALS}]+[）)](?:の|に|を|で|は|が|から|まで|について|により)"
    # "第4条関係" alone on its line: the heading of a note on article 4 (運用上の留意事項).
    rf"|(?:関係|関連)\s*$)")
# "1 至 20 条为…", "1～5 項は": a range of clauses, cited, after a number and a space.
_RANGE_OF_CLAUSES = re.compile(rf"^[ 　]*(?:[{_RANGE}至到])[ 　]*[{_DIGITS}{_NUMERALS}]+[ 　]*[条項项款号號]")
# After 1、 or 一、: another number and a particle or a list ("1、2の場合は", "一、二を除き").
_CITING_AFTER_NUMBER = re.compile(
    rf"^[{_DIGITS}{_NUMERALS}]+(?:[、・．.][{_DIGITS}{_NUMERALS}]+)*[．.]?"
    rf"(?:[{_RANGE}]|[のはをにでがと]|\s*[两兩](?:[项項条條款]|部分)|(?:[项項条條款]|部分))"
    rf"|^[（(][{_DIGITS}{_NUMERALS}]+[）)](?:[のはをにでがと]|[{_RANGE}])"
    # "4 の(2)に定める…", "2 の規定により": the number is item 4 (or 2), cited; a clause
    # that begins with の begins with a word (1 のびのびと…), never with another number.
    rf"|^の[ 　]*(?:[（(][{_DIGITS}{_NUMERALS}{_KANA}]+[）)]|[{_DIGITS}]|[\u2460-\u2487]|規定|定め|とおり|通り)")
# 一、二年级学生… / 1、2年生は…: the grades a sentence is about, not clause 一 (the number
# after the marker must be written as the marker's is: "3、一、二年级学生…" is clause 3).
# So are the floors, class periods, classes and months of a sentence listed after 、:
# "二、三楼为借阅区", "3、4階は男子", "三、四节连排的班级", "3、4組の保健委員は",
# "六、七、八三个月为主汛期"; floors, periods and classes only in a row
# ("一、三楼学生从东楼梯疏散" is clause 一, about the third floor).
_GRADES_AFTER_NUMBER = re.compile(
    rf"^([{_DIGITS}{_NUMERALS}])[{_DIGITS}{_NUMERALS}]*(?:[、・][{_DIGITS}{_NUMERALS}]+)*"
    # with the space some writers put between a number and its unit ("3、4 月和 10、11 月")
    rf"[ 　]?(?:年级|年級|年生|学年|月份|个月|月|楼|层|节课|节|節|階|組)")
_IN_A_ROW = ("楼", "层", "节课", "节", "節", "階", "組")
# A line of a table of contents: 第1章 総則(第1条―第4条), 第一章　総則（第一条・第二条）,
# 第五章 雑則（第十三条）
_CONTENTS_ENTRY = re.compile(
    rf"[（(]第[{_DIGITS}{_NUMERALS}]+条(?:\s*[{_RANGE}・、,，]\s*第[{_DIGITS}{_NUMERALS}]+条)*[）)]\s*$")
_CITING_AFTER_KANA = re.compile(rf"^(?:[{_RANGE}]|[{_KANA}](?:[、・]|[のはを]|について))")
# A unit after a number and a space makes it a quantity or a date, not a clause: "10 月
# 天候", "4 月 12 日", "3 名で", "36 伏以下". The unit must end a word there: "1 日常の観察",
# "1 名称", "二 日曜日" and "1 人権教育" are clauses.
_UNITS = ("年月日時时点點分秒歳岁号號円元％%倍万億亿名人回個个台件伏米天度届"
          "颗辆栋斤瓶杯袋盒楼层张支位组队页份块克升间泊"
          # Temperatures and metric units written as one sign ("22 ℃未満", "30 ㎝").
          "℃℉°㎝㎜㎞㎏㎎㎡㎥ℓ")
# Chinese measure words count too ("5 颗星", "3 楼以上", "4 人一组"), and metric units in
# Latin letters ("10 mL 以上", "50 m 走").
# These also begin words ("1 日常", "1 名称", "1 人権", "1 点検", "1 分担", "1 時期", "1 组织",
# "1 楼道", "1 升旗", "1 组长"): a unit only when the word ends there.
_WORD_STARTS = "日名人回台件分度点點時万個楼层张支位组队页份块克升间泊"
_AFTER_UNIT = (rf"(?:[ 　]|$|[{_DIGITS}{_UNITS}、，,。．.・（(）)～〜\-－:：]|[ぁ-ゖ]"
               rf"|[生度目間以未前後頃半末初上中下旬到钟整左右起之后内外多余及或和基制满的一两为每続連]"
               # "2 人世帯　1,980,000 円": a household of two, in a table of amounts.
               rf"|世帯)")
# 月 begins a few words too ("3 月別の重点", "1 月曜日は休館", "2 月例会"); not "9 月开学",
# a date, so only before these.
_UNIT = (rf"(?:(?!月[別别曜例])[{''.join(sorted(set(_UNITS) - set(_WORD_STARTS)))}]|[{_WORD_STARTS}](?={_AFTER_UNIT})"
         rf"|小时|周岁|公里|千克|以上|以下|未満|未满|以内|程度|前後|から|まで|[～〜~:：]"
         rf"|(?:m[lLgm]?|c[mc]|k[mg]|L)(?![A-Za-z])"
         # Japanese counters of more than one character ("2 週間", "3 丁目", "1 食分", "6 か月").
         rf"|週間|丁目|食分|[かヵヶカケ]月|[かヵヶカケ]所|[かヵヶカケ]国"
         # "3 次以上违反…": a count of times (次 alone begins words: 次の, 次第).
         rf"|次(?=以[上下内]|及以上))")


@dataclass(frozen=True)
class Marker:
    """A clause marker as written.

    `value` is 1-based; for katakana the character decides, in the order its sequence
    uses, so `value` is 0 here and the sequence reads `character`. `start`/`end` are the
    offsets of the number inside `text` (what a renumbering replaces). `column` is
    1-based, in the source line."""

    family: str
    style: str
    value: int
    text: str
    column: int
    start: int = 0
    end: int = 0

    @property
    def character(self) -> str:
        """The number as written; a kana marker's small or half-width form read as its full one."""
        written = self.text[self.start:self.end]
        if self.family in ("katakana", "paren-katakana"):
            return unicodedata.normalize("NFKC", written).translate(_KANA_FOLD)
        return written

    def with_value(self, value: int, order: str = AIUEO) -> str:
        """This marker as it would be written with another number."""
        return self.text[:self.start] + _number_text(self, value, order) + self.text[self.end:]


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


def _numeral_value(character: str) -> int:
    return chinese_numeral(character) if character in _NUMERALS else _arabic(character)


def _arabic(text: str) -> int:
    return int("".join(str(unicodedata.digit(c)) for c in text))


def _width(text: str) -> str:
    """How a number is written: half- or full-width digits, or Chinese numerals."""
    if text[0] in _NUMERALS:
        return "cn"
    return "full" if unicodedata.east_asian_width(text[0]) == "F" else "half"


_N = rf"(?P<n>[{_DIGITS}]+|[{_NUMERALS}]+)"
_LABELS = "基本目標|基本方針|重点目標|重点施策|施策|目標|重点|取組|方策|視点|柱"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(rf"第[ 　]?{_N}[ 　]?(?P<d>[条章節节步])")),   # 第 2 条 too; 第一步 … (steps)
    ("dai", re.compile(rf"第{_N}(?P<d>[ 　]|$)")),
    # A decimal is no count of grades or school years: "6.2 年级组结合…", "1.2 年度计划" are
    # sections, "1.5 年内" is a quantity.
    ("decimal", re.compile(rf"(?P<n>[{_DIGITS}]+(?:[.．][{_DIGITS}]+){{1,2}})"
                           rf"(?P<d>[.．]?(?:[ 　]+(?!(?!年[级級度]){_UNIT})|$))")),
    # Kanji numerals are not written with a space before their unit, except in a date
    # spelt out with spaces ("四 月 一 日").
    ("cn", re.compile(rf"(?P<n>[{_NUMERALS}]+)(?P<d>[、．.，,]|\\\.|[ 　]+(?=\S)(?![年月日時](?:[ 　]|$|[{_NUMERALS}{_DIGITS}])))")),
    # A number then a space is a marker ("1 学校…"), unless a unit follows: "2019 年起",
    # "10 月", "4 月 12 日" are dates written with spaces, not clauses.
    ("arabic", re.compile(rf"(?P<n>[{_DIGITS}]+)(?P<d>[、．，]|\\?\.(?![0-9])"
                          rf"|(?<![{_DIGITS}]{{3}})[ 　]+(?=\S)(?!{_UNIT}|[{_DIGITS}]+[ 　\-][{_DIGITS}]))")),
    # "l、" typed (or read from a scan) for "1、" in front of Chinese text: the list's first item.
    ("arabic", re.compile(r"(?P<n>[lｌ])(?P<d>、)(?=[^\x00-\x7f])")),
    ("arabic-close", re.compile(rf"(?P<n>[{_DIGITS}]+)(?P<d>[)）])")),
    ("paren-arabic", re.compile(rf"(?P<o>[（(])(?P<n>[{_DIGITS}]+)(?P<c>[）)])")),
    # 【1】, 〔1〕: a level of their own (Japanese documents' sections), not (1).
    ("lenticular", re.compile(rf"(?P<o>[【〔])(?P<n>[{_DIGITS}]+)(?P<c>[】〕])")),
    ("paren-cn", re.compile(rf"(?P<o>[（(])(?P<n>[{_NUMERALS}]+)(?P<c>[）)])")),
    ("paren-katakana", re.compile(rf"(?P<o>[（(])(?P<n>[{_KANA}])(?P<c>[）)])")),
    ("paren-arabic", re.compile(r"(?P<n>[\u2474-\u2487])")),       # ⑴ … ⒇
    ("circled", re.compile(r"(?P<n>[\u2460-\u2473])")),            # ① … ⑳
    ("roman", re.compile(r"(?P<n>[\u2160-\u216b])(?P<d>\\\.|[ 　、．.]?)")),
    # A、 B、 C、 (a level some Chinese documents use between 一、 and 1、), A． B．
    ("latin", re.compile(r"(?P<n>[A-Z])(?P<d>[、．]|\\?\.(?=[ 　]|[^\x00-\x7f]))")),
    # `ア\.`, `A\.`, `Ⅰ\.`, `一\.`: a stop escaped as CONTENT_CONVENTIONS.md asks of `1\.`, by an
    # editor who escapes every one (Markdown shows it as `ア.`).
    ("katakana", re.compile(rf"(?P<n>[{_KANA}])(?P<d>[ 　]|\\\.|[.．、](?![{_DIGITS}]))")),
    # 施策1　… 施策2　…, 基本目標1 …: the measures and goals of a plan, numbered after their
    # name (each name a list of its own); followed by a space, not 施策1の…
    ("label", re.compile(rf"(?P<w>{_LABELS})(?P<n>[{_DIGITS}]+)(?P<d>[ 　]+)(?=\S)")),
    # その１　… その２　…: the parts of a Japanese list of places or cases, each on its line.
    ("sono", re.compile(rf"その(?P<n>[{_DIGITS}]+)(?P<d>[ 　]+)(?=\S)")),
    # 一是定责任。二是定措施。…: points of a Chinese list, each a paragraph of its own.
    ("cn-shi", re.compile(rf"(?P<n>[{_NUMERALS}]+)(?P<d>是)(?![是的否不])")),
]


def read_unit_marker(text: str, column: int = 1) -> Marker | None:
    """A number and a space at the start of a heading, even when a unit follows
    (`## 6 年間計画`, `## 4 時間帯ごとの対応`): a marker only where its sibling headings say so.
    So is a number and 、 before grades or months listed (`3、4 月和 10、11 月为检查月`, the
    months three and four; `3、4 月 12 日前交回执`, clause 3 of a list 1、 2、 3、 4、)."""
    match = re.match(rf"(?P<n>[{_DIGITS}]{{1,2}})(?P<d>[ 　]+)(?=\S)", text)
    if match is None:
        listed = re.match(rf"(?P<n>[{_DIGITS}]{{1,2}})(?P<d>、)", text)
        match = listed if listed and _GRADES_AFTER_NUMBER.match(text[listed.end():]) else None
    return _marker("arabic", match, column) if match else None


def read_marker(text: str, column: int = 1, *, heading: bool = False) -> Marker | None:
    """The clause marker at the start of `text`, if there is one (None for references,
    dates and quantities). In a `heading`, a decimal number needs no space after it."""
    for family, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match and family == "decimal" and heading:
            match = re.match(rf"(?P<n>[{_DIGITS}]+(?:[.．][{_DIGITS}]+){{1,2}})(?P<d>)(?![{_DIGITS}{_UNITS}.．])", text)
        if not match and family == "decimal" and heading:
            # "### 3-1　わかる授業づくり": sections numbered with a hyphen, in headings only
            # (in a paragraph, 3-1 is as often a class, 3年1組), and not a span of dates
            # or grades (1-2 月, 2-3 年生).
            match = re.match(rf"(?P<n>[{_DIGITS}]+(?:[-－][{_DIGITS}]+){{1,2}})(?P<d>[ 　]+)"
                             rf"(?![{_DIGITS}])(?![年月日時]{_AFTER_UNIT})", text)
        if not match:
            continue
        marker = _marker(family, match, column)
        if marker is None or _cites(marker, text[match.end():], text[len(marker.text):]):
            return None
        return marker
    return None


def _marker(family: str, match: re.Match[str], column: int) -> Marker | None:
    groups = match.groupdict()
    if groups.get("d"):
        groups["d"] = groups["d"].replace("\\.", ".")   # an escaped stop is a stop
    number = groups["n"]
    start, end = match.span("n")
    text = match.group(0).rstrip(" 　")
    if family == "article":
        value = _arabic(number) if number[0] in "0123456789０１２３４５６７８９" else chinese_numeral(number)
        family = {"条": "article", "章": "chapter", "步": "step"}.get(groups["d"], "section")
        return Marker(family, groups["d"] + _width(number), value, text, column, start, end)
    if family == "dai":
        value = _arabic(number) if number[0] in "0123456789０１２３４５６７８９" else chinese_numeral(number)
        return Marker("dai", _width(number), value, text, column, start, end)
    if family == "decimal":
        parts = re.split("[.．\\-－]", number)
        if len(parts[0]) == 4:
            return None  # a date: 2026.4.1
        if _arabic(parts[-1]) == 0:
            return None  # a value: 视力 5.0 及以上, 1.0 未満 (no list has an item 0 after a point)
        # A hyphen is a style of its own: 2-3 among 2.1 2.2 2.4 is a style change.
        hyphen = "-" if re.search("[-－]", number) else ""
        # The number of the section this one is in goes into the family: 4.1 and 5.1 are
        # the first items of two sequences.
        return Marker(f"decimal-{len(parts)}:" + ".".join(str(_arabic(p)) for p in parts[:-1]),
                      _width(number) + hyphen + groups["d"].strip(" 　"), _arabic(parts[-1]), text, column,
                      end - len(parts[-1]), end)
    if family == "cn":
        if not groups["d"].strip(" 　"):
            # 一　… : the items (号) of a Japanese article, a level of their own below 1 2 3 (項).
            return Marker("cn-space", " ", chinese_numeral(number), text, column, start, end)
        return Marker("cn", groups["d"], chinese_numeral(number), text, column, start, end)
    if family in ("arabic", "arabic-close"):
        if len(number) > 2:
            return None  # 110、120、119: numbers to call, not item 110 of a list
        delimiter = groups["d"].replace("\\.", ".")
        delimiter = " " if not delimiter.strip(" 　") else delimiter
        value = 1 if number in "lｌ" else _arabic(number)
        return Marker(family, _width(number) + delimiter, value, text, column, start, end)
    if family == "lenticular":
        return Marker(family, groups["o"] + groups["c"] + _width(number), _arabic(number), text, column, start, end)
    if family == "paren-arabic" and groups.get("o"):
        return Marker(family, groups["o"] + groups["c"] + _width(number), _arabic(number), text, column, start, end)
    if family == "paren-arabic":
        return Marker(family, "⑴", ord(number) - 0x2474 + 1, text, column, start, end)
    if family == "paren-cn":
        return Marker(family, groups["o"] + groups["c"], chinese_numeral(number), text, column, start, end)
    if family == "circled":
        return Marker(family, "①", ord(number) - 0x2460 + 1, text, column, start, end)
    if family == "roman":
        return Marker(family, "Ⅰ" + (groups.get("d") or "").strip(" 　"), ord(number) - 0x2160 + 1,
                      text, column, start, end)
    if family == "latin":
        return Marker(family, groups["d"], ord(number) - ord("A") + 1, text, column, start, end)
    if family == "sono":
        return Marker(family, _width(number), _arabic(number), text, column, start, end)
    if family == "label":
        return Marker(f"label:{groups['w']}", _width(number), _arabic(number), text, column, start, end)
    if family == "cn-shi":
        return Marker(family, "是", chinese_numeral(number), text, column, start, end)
    # katakana, paren-katakana: the value depends on the sequence's order
    style = groups.get("o", "") + groups.get("c", "") if family == "paren-katakana" else groups["d"].strip(" 　")
    return Marker(family, style, 0, text, column, start, end)


def _cites(marker: Marker, after: str, after_marker: str) -> bool:
    """True when the text after a marker shows that it cites clauses."""
    family = marker.family
    if family in ("article", "chapter", "section", "step"):
        return bool(_CITING_AFTER_ARTICLE.match(after) or _CONTENTS_ENTRY.search(after))
    if family in ("paren-arabic", "paren-cn", "paren-katakana", "circled", "arabic-close"):
        if not _CITING_AFTER_PAREN.match(after_marker):
            return False
        # "(1)(2)は", "(1)、(3)の": markers listed go up. "(2)(1)により…" is item (2),
        # whose text begins by citing item (1).
        listed = re.match(rf"^[（(]([{_DIGITS}]+)[）)]", after_marker)
        return listed is None or _arabic(listed.group(1)) > marker.value
    if family == "roman" and after.startswith("の"):
        return True   # "Ⅱの３に示した方針に基づき…": section Ⅱ-3, cited
    if family in ("arabic", "cn", "cn-space"):
        grades = _GRADES_AFTER_NUMBER.match(after)
        # Months, floors, periods and classes only after 、 ("三、四月份雨天较多"): "1 6月の行事予定"
        # is section 1. The last three only in a row: "一、三楼学生…" is clause 一.
        after_comma_only = grades is not None and grades.group(0).endswith(("月", "月份", *_IN_A_ROW))
        in_a_row = grades is not None and grades.group(0).endswith(_IN_A_ROW)
        if grades and (grades.group(1) in _NUMERALS) == (marker.character[:1] in _NUMERALS) \
                and (not after_comma_only or marker.style.endswith("、")) \
                and (not in_a_row or _numeral_value(grades.group(1)) == marker.value + 1):
            return True
        if _RANGE_OF_CLAUSES.match(after):
            return True
        # Sibling clauses are cited in the marker's own script ("1、2的场合", "一、二を除き");
        # "2、三至六年级学生…" is clause 2, about grades three to six.
        if not _CITING_AFTER_NUMBER.match(after):
            return False
        if re.match(rf"[{_DIGITS}{_NUMERALS}]", after):
            return (after[:1] in _NUMERALS) == (marker.character[:1] in _NUMERALS)
        return True
    if family == "katakana":
        return bool(_CITING_AFTER_KANA.match(after))
    if family == "roman":
        # "Ⅰ、Ⅱ类学生…": the classes a sentence is about, not clause Ⅰ.
        # "Ⅰ级（特别重大）…": a grade of events, not clause Ⅰ.
        return bool(re.match(r"^(?:[·・,，和及与或]?[\u2160-\u216f]|[级級类類等期])", after))
    if family == "latin":
        return bool(re.match(r"^[A-Z](?:[、・,，]|[两兩]|[和及或与]|类|级)", after))
    return False


def _number_text(marker: Marker, value: int, order: str) -> str:
    """`value` written as the number of `marker` is written (for messages and fixes)."""
    family, original = marker.family, marker.character
    if family in ("katakana", "paren-katakana"):
        return order[value - 1] if 1 <= value <= len(order) else "?"
    if family == "circled":
        return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    if family == "paren-arabic" and marker.style == "⑴":
        return chr(0x2474 + value - 1) if 1 <= value <= 20 else str(value)
    if family == "roman":
        return chr(0x2160 + value - 1) if 1 <= value <= 12 else str(value)
    if family == "latin":
        return chr(ord("A") + value - 1) if 1 <= value <= 26 else str(value)
    if original and original[0] in _NUMERALS:
        return to_chinese_numeral(value)
    digits = str(value)
    if marker.style.startswith("full") or (original and _width(original) == "full"):
        digits = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return digits
