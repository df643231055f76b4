"""Who to call: the consultation lines and agencies, data/contacts.yml (pure, no MkDocs).

Every number the site shows for help is written once, in data/contacts.yml, and every
language renders it from there: the policy's tables of agencies and consultation lines,
and the "who to call" page (相談窓口 / 咨询与求助). A translation can no longer disagree
with its original about a number, because neither types it.

An entry:

    - id: childline                     # kebab-case ASCII, unique
      group: consultation               # agency | consultation | emergency
      name: {zh: 儿童热线, ja: チャイルドライン}
      official: ja                      # the language of the official name (optional)
      body: {zh: …, ja: …}              # who runs it, shown in parentheses (optional)
      number: 0120-99-7777              # as the document writes it; shown as written
      hours: mon-sat 16:00-21:00        # see below; leave empty if not published
      on_holidays: closed               # closed (the default) or open
      for: {zh: 18岁以下的儿童, ja: 18歳までの子ども}   # who it is for (optional)

- `number` is shown exactly as written. Its link is `tel:` with the number in E.164 form
  (+81935822369), worked out with libphonenumber (the `phonenumbers` package) from the
  country in data/school.yml (`country: JP`); a local number written without its area
  code (582-2369, as Japanese documents print them) gets `area_code` from data/school.yml.
  Service numbers such as 110 or 189 have no E.164 form and are dialled as they are
  (`tel:110`). Anything else is an error at its line.
- `hours`: `24h`, or one or more `days hh:mm-hh:mm` separated by commas, where days are
  `mon` … `sun`, a range `mon-fri`, or a list `sat+sun`: `mon-fri 09:00-17:45, sat
  09:00-12:00`. The times are the school's (`time_zone` in data/school.yml). A national
  holiday counts as closed unless `on_holidays: open` (most offices close on 祝日).
- `official: ja` shows the official name beside the translated one on pages in other
  languages, with its own `lang` (儿童热线（<span lang="ja">チャイルドライン</span>）).

The school itself is the first entry of the "who to call" page when data/school.yml has
its `phone`; it is not repeated here.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo

from anshin.data_files import DataError, check_unique_ids, load_entries
from anshin.schema import Field, Invalid, Schema

__all__ = ["DAYS", "GROUPS", "Contact", "Dialling", "Hours", "PhoneNumber", "Rule", "contact_schema",
           "find_phone_numbers", "hours_text", "link_numbers", "load_contacts", "parse_hours", "parse_number", "time_zone",
           "zone_offset"]

GROUPS = ("emergency", "consultation", "agency")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")   # Python's weekday() order
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_RULE = re.compile(r"(?P<days>[a-z+\-]+)\s+(?P<start>\d{1,2}:\d\d)\s*-\s*(?P<end>\d{1,2}:\d\d)")
_HOURS_FIX = "write '24h', or days and times such as 'mon-fri 09:00-17:45' (several joined by ', '), or leave it empty"
# A phone number as Japanese and Chinese documents print them: hyphens (any dash), or
# spaces, between the groups; an optional +country. Dates (2019-04-01), years (2019-2020)
# and postal codes (〒806-0021) also look like this; libphonenumber decides what is a number.
_WRITTEN_NUMBER = re.compile(
    r"(?<![\w+\-‐－〒.])"
    r"(?:\+\d{1,3}[\s\-‐－]?)?(?:\(?0\d{1,4}\)?[\s\-‐－]?)?\d{2,4}[\-‐－]\d{3,4}"
    r"(?![\w\-‐－])")
# The part every written number has (digits, a dash, digits): found about 3× faster than the
# whole pattern, whose look-behind runs at every character of a page.
_NUMBER_CORE = re.compile(r"\d{2,4}[\-‐－]\d{3,4}")
# Elements whose text is never linked: code is quoted, links are links already.
_SKIPPED = frozenset({"a", "code", "pre", "script", "style", "kbd", "samp", "textarea", "button", "title", "svg"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Dialling:
    """How the school's numbers are dialled: its country (ISO 3166, JP) and the area code
    of numbers written without one ("093", or "" when every number carries its own)."""

    country: str
    area_code: str = ""


@dataclass(frozen=True)
class PhoneNumber:
    written: str        # as the document writes it, shown as is
    dial: str           # what tel: dials: E.164 (+81935822369), or a service number (110)

    @property
    def href(self) -> str:
        return "tel:" + self.dial

    @property
    def is_service_number(self) -> bool:
        return not self.dial.startswith("+")


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]   # 0 = Monday
    start: int              # minutes after midnight
    end: int                # minutes after midnight, after start


@dataclass(frozen=True)
class Hours:
    """When a line answers. `always`: 24 hours, every day; otherwise its rules."""

    always: bool
    rules: tuple[Rule, ...] = ()
    on_holidays: bool = False

    def is_open(self, moment: datetime.datetime, holidays: frozenset[datetime.date]) -> bool:
        """Whether the line answers at `moment` (a time in the school's time zone). The
        browser works it out itself (overrides/assets/contacts.js); tests/test_contacts.py
        holds the page to this across a week."""
        if self.always:
            return True
        if moment.date() in holidays and not self.on_holidays:
            return False
        minute = moment.hour * 60 + moment.minute
        return any(moment.weekday() in rule.days and rule.start <= minute < rule.end for rule in self.rules)

    def as_json(self) -> dict[str, object]:
        """What the browser needs to say "open now" (overrides/assets/contacts.js)."""
        return {"always": self.always, "holidays": self.on_holidays,
                "rules": [[list(rule.days), rule.start, rule.end] for rule in self.rules]}


@dataclass(frozen=True)
class Contact:
    id: str
    group: str
    names: dict[str, str]
    official: str               # the language of the official name, or ""
    body: dict[str, str]        # who runs it; empty texts when not given
    number: PhoneNumber
    hours: Hours | None         # None: not published
    audience: dict[str, str]    # who it is for; empty texts when not given
    line: int                   # of the entry in data/contacts.yml


def parse_number(written: str, dialling: Dialling) -> PhoneNumber:
    """A number as written, with what its tel: link dials; Invalid if it is not a number
    that can be dialled in `dialling.country`."""
    text = written.strip()
    digits = re.sub(r"[\s\-‐－()（）]", "", text)
    problem = Invalid(f"'{written}' is not a phone number that can be dialled in {dialling.country}",
                      "write the number as it is printed, e.g. 093-582-2369, 582-2369 (with area_code in "
                      "data/school.yml), 0120-99-7777 or 110")
    if not re.fullmatch(r"\+?\d{3,15}", digits):
        raise problem
    try:
        parsed = phonenumbers.parse(digits, dialling.country)
    except phonenumbers.NumberParseException:
        raise problem from None
    if not digits.startswith("+") and len(digits) <= 6 and shortnumberinfo.is_valid_short_number_for_region(
            parsed, dialling.country):
        return PhoneNumber(text, digits)
    if not phonenumbers.is_valid_number(parsed) and dialling.area_code and not digits.startswith(("0", "+")):
        parsed = phonenumbers.parse(dialling.area_code + digits, dialling.country)
    if not phonenumbers.is_valid_number(parsed):
        raise problem
    return PhoneNumber(text, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def parse_hours(text: str, on_holidays: bool = False) -> Hours | None:
    """`24h`, `mon-fri 09:00-17:45, sat 09:00-12:00`, or "" (None: not published)."""
    written = text.strip().lower()
    if not written:
        return None
    if written == "24h":
        return Hours(always=True, on_holidays=True)
    rules = []
    for part in (p.strip() for p in written.split(",")):
        match = _RULE.fullmatch(part)
        if match is None:
            raise Invalid(f"the hours '{text}' are not 'days hh:mm-hh:mm' (at '{part}')", _HOURS_FIX)
        start, end = _minutes(match["start"], text), _minutes(match["end"], text)
        if end <= start:
            raise Invalid(f"in the hours '{text}', {match['end']} is not after {match['start']}",
                          "write the closing time after the opening time (a line open past midnight: "
                          "write it as two rules, e.g. 'fri 20:00-24:00, sat 00:00-06:00')")
        rules.append(Rule(_days(match["days"], text), start, end))
    return Hours(always=False, rules=tuple(rules), on_holidays=on_holidays)


def _minutes(clock: str, text: str) -> int:
    hour, minute = (int(part) for part in clock.split(":"))
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise Invalid(f"in the hours '{text}', {clock} is not a time of day", "write times from 00:00 to 24:00")
    return hour * 60 + minute


def _days(written: str, text: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in written.split("+"):
        ends = part.split("-")
        if len(ends) > 2 or any(end not in DAYS for end in ends):
            raise Invalid(f"in the hours '{text}', '{part}' is not a day or a range of days",
                          f"write days as {', '.join(DAYS)}, a range such as mon-fri, or a list such as sat+sun")
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        if last < first:
            raise Invalid(f"in the hours '{text}', the range '{part}' runs backwards",
                          "write the range from its first day, e.g. mon-fri")
        days.extend(day for day in range(first, last + 1) if day not in days)
    return tuple(days)


def contact_schema(dialling: Dialling) -> Schema:
    return Schema("contact", (
        Field("id", pattern=_ID, rule="kebab-case ASCII (lower-case letters, digits and '-')", example="childline"),
        Field("group", choices=GROUPS),
        Field("name", per_language=True, label="the name", hint="the name as each language's readers know it"),
        Field("official", required=False, empty=True, label="the language of the official name",
              hint="a site language's code, e.g. ja: the official name is shown beside the translated one"),
        Field("body", per_language=True, required=False, empty=True, label="who runs it",
              hint="shown in parentheses after the name, or leave it out"),
        Field("number", label="the phone number", example="0120-99-7777", hint="as the document prints it",
              convert=lambda value: parse_number(value, dialling)),
        Field("hours", required=False, empty=True, example="mon-fri 09:00-17:45",
              hint="24h, days and times, or leave it empty if they are not published"),
        Field("on_holidays", required=False, choices=("closed", "open"), default="closed"),
        Field("for", per_language=True, required=False, empty=True, label="who it is for",
              hint="a short phrase in each language, or leave it out"),
    ), described_in="the comments at the top of data/contacts.yml")


def load_contacts(path: Path, languages: tuple[str, ...], dialling: Dialling | None) -> list[Contact]:
    """Read and check data/contacts.yml. A missing file is no contacts (a site without a
    contacts page); an empty one is an error, as a file emptied by mistake would publish
    an empty "who to call" page. `dialling` is None when data/school.yml lacks `country`."""
    if not path.exists():
        return []
    entries = load_entries(path, "contact")
    if not entries:
        raise DataError(path, 1, "the contacts file has no entries (it is empty or holds only comments)",
                        "restore it from the repository (git checkout data/contacts.yml), or write its entries "
                        "as '- id: …'; to drop the contacts, remove the file and its pages")
    if dialling is None:
        raise DataError(path, 1, "data/school.yml does not say which country the numbers are dialled in",
                        "add 'country: JP' (the ISO 3166 code) to data/school.yml")
    check_unique_ids(entries)
    schema = contact_schema(dialling)
    contacts = []
    for entry in entries:
        values = schema.validate(entry, languages)
        official = values["official"]
        if official and official not in languages:
            raise entry.error("official", f"'{official}' is not one of the site's languages ({', '.join(languages)})",
                              f"write one of {', '.join(languages)}, or leave 'official' out")
        try:
            hours = parse_hours(values["hours"], on_holidays=values["on_holidays"] == "open")
        except Invalid as error:
            raise entry.error("hours", error.problem, error.fix) from None
        contacts.append(Contact(
            id=values["id"], group=values["group"], names=values["name"], official=official,
            body=values["body"] or {code: "" for code in languages}, number=values["number"], hours=hours,
            audience=values["for"] or {code: "" for code in languages}, line=entry.line))
    return contacts


def time_zone(name: str) -> zoneinfo.ZoneInfo:
    """The school's time zone; Invalid if the name is not an IANA zone (Asia/Tokyo)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"'{name}' is not a time zone", "write an IANA time zone name such as Asia/Tokyo or "
                                                      "Asia/Shanghai") from None


def link_numbers(html: str, dialling: Dialling, labels: Mapping[str, str]) -> str:
    """`html` with every phone number of its text (outside tags, code and links) a `tel:`
    link: E.164 in the href, the number kept as written, and `labels[dial]` as its
    accessible name where there is one (the numbers of data/contacts.yml)."""
    return _linked_page(html, dialling, tuple(sorted(labels.items())))


# `make serve` builds every page again on every save, and all but the edited ones are the
# same HTML as last time: a page linked before is linked as it was (0.02 s of a rebuild).
@functools.lru_cache(maxsize=128)
def _linked_page(html: str, dialling: Dialling, label_items: tuple[tuple[str, str], ...]) -> str:
    labels = dict(label_items)
    # Where a number could be, in the whole page at once (in tags too): a page without
    # one is returned as it is, and only the texts with one are read closely. A number's
    # core holds no '<' or '>', so each text with a number has a core that starts in it.
    candidates = [match.start() for match in _NUMBER_CORE.finditer(html)]
    if not candidates:
        return html
    out: list[str] = []
    position, skipped = 0, list[str]()   # the open skipped elements, innermost last
    next_candidate = 0
    for tag in _TAG.finditer(html):
        while next_candidate < len(candidates) and candidates[next_candidate] < position:
            next_candidate += 1
        text = html[position:tag.start()]
        if next_candidate < len(candidates) and candidates[next_candidate] < tag.start():
            text = _linked(text, dialling, labels, skipped)
        out.append(text)
        out.append(tag.group(0))
        position = tag.end()
        closing, name, self_closing = tag.group(1), (tag.group(2) or "").lower(), tag.group(3)
        if name not in _SKIPPED or self_closing:
            continue
        if closing:
            if skipped and skipped[-1] == name:
                skipped.pop()
        else:
            skipped.append(name)
    out.append(_linked(html[position:], dialling, labels, skipped))
    return "".join(out)


def _linked(text: str, dialling: Dialling, labels: Mapping[str, str], skipped: list[str]) -> str:
    if skipped or not text.strip():
        return text
    out, position = [], 0
    for start, end, number in find_phone_numbers(text, dialling):
        label = f' aria-label="{escape(labels[number.dial])}"' if number.dial in labels else ""
        # The text is the page's HTML already (escaped): kept as it is.
        out.append(f'{text[position:start]}<a class="anshin-tel" href="{escape(number.href)}"{label}>'
                   f'{text[start:end]}</a>')
        position = end
    out.append(text[position:])
    return "".join(out)


def find_phone_numbers(text: str, dialling: Dialling) -> Iterator[tuple[int, int, PhoneNumber]]:
    """The phone numbers written in `text`: (start, end, number). Only what libphonenumber
    accepts as a number of the school's country (or with a + its own) is one, so dates,
    year ranges, postal codes and clause numbers are left alone."""
    for match in _WRITTEN_NUMBER.finditer(text):
        try:
            number = parse_number(match.group(0), dialling)
        except Invalid:
            continue
        if number.is_service_number:
            continue   # 3-digit groups only with hyphens: never a service number
        yield match.start(), match.end(), number


def hours_text(hours: Hours | None, text: Callable[..., str]) -> str:
    """The hours as the policy's tables print them, in the words of `text(key, **values)`
    (a catalogue's `text`): 月～金 8時30分～17時15分, 周一～周五 8时30分～17时15分, 24時間;
    `contacts.hours.none` (—) when not published."""
    if hours is None:
        return text("contacts.hours.none")
    if hours.always:
        return text("contacts.hours.always")
    return text("contacts.hours.join").join(
        text("contacts.hours.rule", days=_days_text(rule.days, text), start=_clock_text(rule.start, text),
             end=_clock_text(rule.end, text)) for rule in hours.rules)


def _days_text(days: tuple[int, ...], text: Callable[..., str]) -> str:
    names = [text(f"contacts.days.{DAYS[day]}") for day in days]
    consecutive = list(days) == list(range(days[0], days[0] + len(days)))
    if len(days) >= 3 and consecutive:
        return text("contacts.hours.days_range", first=names[0], last=names[-1])
    return text("contacts.hours.day_join").join(names)


def _clock_text(minutes: int, text: Callable[..., str]) -> str:
    hour, minute = divmod(minutes, 60)
    if minute:
        return text("contacts.hours.time_minutes", hour=hour, minute=f"{minute:02d}")
    return text("contacts.hours.time", hour=hour)


def zone_offset(zone: zoneinfo.ZoneInfo, on: datetime.date) -> str:
    """UTC+9, UTC+5:30: how the page names the school's time."""
    offset = datetime.datetime.combine(on, datetime.time(12), zone).utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
