"""The facts of a text that a translation must copy, never retype (pure, no MkDocs).

A parent acts on these: a phone number, a date, a time, an amount, an age, a grade, a
blank to fill in. `facts(text)` gives them as a multiset of normalised values, so that
the same fact written the way each language writes it compares equal:

| written                                   | value        |
| ----------------------------------------- | ------------ |
| 093-582-3000, 0120-0-78310                | 093-582-3000 |
| 4月12日                                   | 4月12日      |
| 20xx年, 2026年, 20xx.2.12                 | 20xx年 …     |
| 8:00, 8：00, 8時, 8时, 8点, 8時30分, 8点30分 | 8:00, 8:30   |
| 100元, 100円, 1,000円                     | ¥100, ¥1000  |
| 6岁, 6歳, 6周岁                           | 6歳          |
| 3年级, 3年生, 3学年, 三年级              | 3年生        |
| ==xx小学==                                | ==xx小学==   |

Not facts: durations (24時間, 30分钟), counts, clause numbers, numbers in words
("两份", "二部") — they are translated, and may be written differently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from anshin.clause_markers import chinese_numeral

__all__ = ["facts"]

_PHONE = re.compile(r"(?<![\d-])(?:0120-\d+-\d+|\d{2,5}-\d{2,4}-\d{3,4}|\d{3}-\d{4})(?![\d-])")
_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"((?:\d{4}|20xx))年(?!级|生|級)")
_DOTTED_DATE = re.compile(r"(?:\d{4}|20xx)\.\d{1,2}\.\d{1,2}")
_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})[:：](\d{2})(?!\d)")
# 8時 / 8时 / 8点 (a time of day: not 24時間, a duration, nor 3点, three points), with minutes.
_HOUR = re.compile(r"(?<![\d.])(\d{1,2})(?:[時时](?!間)|点(?=\d+分|半|前|后|以前|以后|钟|到|起|至))(?:(\d{1,2})分|(半))?")
_AMOUNT = re.compile(r"(\d[\d,]*)\s*(?:元|円|块)")
_AGE = re.compile(r"(\d+|[一二三四五六七八九十]+)\s*(?:周岁|岁|歳|才)")
_GRADE = re.compile(r"(\d+|[一二三四五六七八九十]+)\s*(?:年级|年級|年生|学年)")
_BLANK = re.compile(r"==([^=\n]+)==")
_CODE = re.compile(r"`[^`]*`")


def facts(text: str) -> Counter[str]:
    """The facts in `text` (Markdown), normalised."""
    text = unicodedata.normalize("NFKC", _CODE.sub("", text))
    found: Counter[str] = Counter()
    found.update(f"=={blank}==" for blank in _BLANK.findall(text))
    text = _BLANK.sub("□", text)  # a blank is one fact; what it holds is not read again
    found.update(_PHONE.findall(text))
    found.update(f"{int(month)}月{int(day)}日" for month, day in _DAY.findall(text))
    found.update(f"{year}年" for year in _YEAR.findall(text))
    found.update(_DOTTED_DATE.findall(text))
    found.update(f"{int(hour)}:{minutes}" for hour, minutes in _CLOCK.findall(_PHONE.sub(" ", text)))
    for hour, minutes, half in _HOUR.findall(text):
        found[f"{int(hour)}:{'30' if half else f'{int(minutes):02d}' if minutes else '00'}"] += 1
    found.update(f"¥{amount.replace(',', '')}" for amount in _AMOUNT.findall(text))
    found.update(f"{_number(age)}歳" for age in _AGE.findall(text))
    found.update(f"{_number(grade)}年生" for grade in _GRADE.findall(text))
    return found


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_numeral(text)
