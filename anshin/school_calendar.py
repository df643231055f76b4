"""The school calendar (pure, no MkDocs): data/calendar/<school year>.yml, checked,
laid out by term and by month, and written as iCalendar (RFC 5545).

A Japanese school year runs from 1 April to 31 March: in `data/calendar/2019.yml`,
4月12日 is 2019-04-12 and 1月17日 is 2020-01-17. Dates are written as the school writes
them (4月12日, 4月23日～5月7日, 6月12日～18日, 11月中旬, 毎月), so the data reads like the
original tables and the page shows the same words in every language.

Every event has its title (and notes) in each of the site's languages, as the data's
keys: the languages are passed in (the build's `languages.codes`), never assumed. An
event's keys are the field table EVENT (anshin/schema.py; `event_schema(year)` gives its
`when` the school year's parser); the rules across keys (a term for every event but the
monthly ones, notes of the same shape in every language) are checked after it. Every
word the views and the feed add (labels, weekday names, how a date, a school year or a
month heading is written) comes from the `calendar:` section of the language's catalogue
(locales/<code>.yml), so another language needs a catalogue, not code. The national
holidays are a calendar of their own (`Holidays`: whose, and the language their names are
written in, from mkdocs.yml's `extra.holidays`).

Pages place the rendered tables with markers (hooks/school_calendar.py):
`<!-- anshin:calendar 2019 plan 1 -->` (a table by term), `<!-- anshin:calendar 2019 months -->`
(the month-by-month view of the whole year).
"""

from __future__ import annotations

import calendar as gregorian
import contextlib
import datetime
import gc
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import babel
import icalendar
import jpholiday
from markupsafe import Markup, escape

from anshin.analysis_cache import AnalysisCache
from anshin.catalogue import Catalogue
from anshin.data_files import DataEntry, DataError, UnreadableValue, check_unique_ids, describe, load_entries
from anshin.schema import Field, Invalid, Schema
from anshin.writing_systems import WritingSystems

__all__ = [
    "AUDIENCES", "EVENT", "HOLIDAY_CALENDARS", "HOLIDAY_ENTRIES", "TABLES", "TERMS", "CalendarBlock", "Calendar",
    "DataError", "Event",
    "Holidays", "Presentation", "When", "block_context", "calendar_name", "event_schema", "find_markers",
    "holiday_warnings", "ics_path", "load_calendar", "load_calendars", "mark_other_language", "month_heading", "months",
    "parse_marker", "parse_when", "school_year_label", "template_for", "to_ics", "wareki_year", "weekday",
]

TABLES = ("plan", "committee")
TERMS = (1, 2, 3)
AUDIENCES = ("students", "parents", "staff")
PARTS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}  # 下旬 ends with its month
ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# Whose national holidays the calendar can show (mkdocs.yml `extra.holidays.calendar`).
HOLIDAY_CALENDARS = ("jp",)

_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1873, 1, 1), "明治"),
)


# ---------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class When:
    """When an event takes place: one day, a range of days, part of a month (上旬 中旬 下旬:
    the exact day is not known yet) or every month (no fixed day)."""

    text: str                          # as written in the data
    kind: str                          # "day" | "range" | "part" | "monthly"
    start: datetime.date | None = None
    end: datetime.date | None = None   # inclusive; None for "monthly"
    part: str | None = None            # 上旬 | 中旬 | 下旬 for kind "part"

    @property
    def end_exclusive(self) -> datetime.date | None:
        """The day after the last, as iCalendar's DTEND of an all-day event wants it."""
        return self.end + datetime.timedelta(days=1) if self.end else None

    @property
    def first_day(self) -> datetime.date:
        """The first day of a dated event: every kind but "monthly" has one."""
        assert self.start is not None, f"'{self.text}' ({self.kind}) has no first day"
        return self.start

    @property
    def last_day(self) -> datetime.date:
        """The last day (inclusive) of a dated event: every kind but "monthly" has one."""
        assert self.end is not None, f"'{self.text}' ({self.kind}) has no last day"
        return self.end

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return self.kind == "monthly" or (self.first_day <= last and self.last_day >= first)


class WhenError(ValueError):
    """A date that cannot be read; `fix` says how to write it."""

    def __init__(self, problem: str, fix: str) -> None:
        self.problem, self.fix = problem, fix
        super().__init__(f"{problem} — fix: {fix}")


_DAY = r"(?:(?P<{p}year>\d{{4}})年)?(?P<{p}month>\d{{1,2}})月(?P<{p}day>\d{{1,2}})日"
_SINGLE = re.compile(_DAY.format(p="s") + r"$")
_RANGE = re.compile(_DAY.format(p="s") + r"～(?:(?:(?P<eyear>\d{4})年)?(?P<emonth>\d{1,2})月)?(?P<eday>\d{1,2})日$")
_PART = re.compile(r"(?:(?P<syear>\d{4})年)?(?P<smonth>\d{1,2})月(?P<part>上旬|中旬|下旬)$")
_FORMAT_HELP = "write it as the school does: 4月12日, 4月23日～5月7日, 6月12日～18日, 11月中旬 or 毎月"


def school_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def _normalised(text: str) -> str:
    # Full-width digits and the several tildes editors type (～ 〜 ~) all mean the same.
    text = unicodedata.normalize("NFKC", text).replace("〜", "～").replace("~", "～")
    return re.sub(r"\s+", "", text)


def _resolve(year: str | None, month: str, day: str | None, school_year: int) -> datetime.date:
    number = int(month)
    if not 1 <= number <= 12:
        raise WhenError(f"there is no month {number}", "give a month from 1 to 12")
    # Without a year, April–December belong to the school year's first calendar year.
    actual = int(year) if year else (school_year if number >= 4 else school_year + 1)
    if day is None:
        return datetime.date(actual, number, 1)
    last = gregorian.monthrange(actual, number)[1]
    if not 1 <= int(day) <= last:
        raise WhenError(f"{number}月{int(day)}日 does not exist: {number}月 of {actual} has {last} days",
                        f"correct the day (1–{last})")
    return datetime.date(actual, number, int(day))


def parse_when(text: object, school_year: int) -> When:
    """Read a date as the school writes it, within the school year starting in April of
    `school_year`; raise WhenError saying what is wrong and how to write it."""
    if isinstance(text, (datetime.date, int)) or not isinstance(text, str) or not text.strip():
        raise WhenError(f"'{text}' is not a date in the school's notation", _FORMAT_HELP)
    written = text.strip()
    clean = _normalised(written)
    first, last = school_year_bounds(school_year)
    if clean in ("毎月", "月1回", "毎月1回"):
        return When(written, "monthly")
    if match := _PART.match(clean):
        start = _resolve(match["syear"], match["smonth"], None, school_year)
        low, high = PARTS[match["part"]]
        end = start.replace(day=min(high, gregorian.monthrange(start.year, start.month)[1]))
        when = When(written, "part", start.replace(day=low), end, match["part"])
    elif match := _SINGLE.match(clean):
        day = _resolve(match["syear"], match["smonth"], match["sday"], school_year)
        when = When(written, "day", day, day)
    elif match := _RANGE.match(clean):
        start = _resolve(match["syear"], match["smonth"], match["sday"], school_year)
        if match["emonth"]:
            end = _resolve(match["eyear"], match["emonth"], match["eday"], school_year)
        else:  # 6月12日～18日: the end is in the start's month
            end = _resolve(str(start.year), str(start.month), match["eday"], school_year)
        if end < start:
            raise WhenError(f"'{written}' ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                            "swap the two dates or correct one of them; a range cannot run past 3月31日, "
                            "the end of the school year")
        if end == start:
            raise WhenError(f"'{written}' starts and ends on the same day", f"write the single date {start.month}月{start.day}日")
        when = When(written, "range", start, end)
    else:
        raise WhenError(f"'{written}' is not a date in the school's notation", _FORMAT_HELP)
    if when.first_day < first or when.last_day > last:
        its_year = when.first_day.year if when.first_day.month >= 4 else when.first_day.year - 1
        raise WhenError(
            f"'{written}' ({when.first_day.isoformat()}) is outside the school year {school_year} "
            f"({first.isoformat()} … {last.isoformat()})",
            f"correct the year, or move the event to data/calendar/{its_year}.yml")
    return when




def wareki_year(day: datetime.date) -> str:
    """The Japanese era year of a date: 2019-04-30 → 平成31年, 2019-05-01 → 令和元年."""
    for start, name in _ERAS:
        if day >= start:
            number = day.year - start.year + 1
            return f"{name}{'元' if number == 1 else number}年"
    raise ValueError(f"{day.isoformat()} is before the eras this site knows (明治6年)")


# ---------------------------------------------------------------------------------------
# Dates as a language writes them (the catalogue's `calendar.*` formats)


def school_year_label(year: int, catalogue: Catalogue) -> str:
    """`calendar.school_year` with {year} and {era}: 2019（平成31）年度, 2019（平成31）学年度,
    as the policy's title writes it."""
    era = wareki_year(datetime.date(year, 4, 1)).removesuffix("年")
    return catalogue.text("calendar.school_year", year=year, era=era)


def month_heading(year: int, month: int, catalogue: Catalogue) -> str:
    """`calendar.month_heading` with {year}, {month} and {eras}, the era years of the month
    (both when a month spans a change): 2019年（令和元年）5月; Chinese leaves {eras} out."""
    first = datetime.date(year, month, 1)
    last = first.replace(day=gregorian.monthrange(year, month)[1])
    eras = catalogue.text("calendar.separator").join(dict.fromkeys((wareki_year(first), wareki_year(last))))
    return catalogue.text("calendar.month_heading", year=year, month=month, eras=eras)


def weekday(day: datetime.date, catalogue: Catalogue) -> str:
    """`calendar.weekday` with the day's name from `calendar.weekdays`: (金), （周五）."""
    return catalogue.text("calendar.weekday", name=_weekday_names(catalogue)[day.weekday()])


def _weekday_names(catalogue: Catalogue) -> Sequence[str]:
    names = catalogue.value("calendar.weekdays")
    if not isinstance(names, list) or len(names) != 7:
        raise DataError(catalogue.path, 1, "'calendar.weekdays' must list the seven weekday names",
                        "write them as a list, Monday first, e.g. [月, 火, 水, 木, 金, 土, 日]")
    return names


def month_day(day: datetime.date, catalogue: Catalogue) -> str:
    """4月12日 (`calendar.month_day`), without the weekday."""
    return catalogue.text("calendar.month_day", month=day.month, day=day.day)


def part_of_month(when: When, catalogue: Catalogue) -> str:
    """11月中旬 (`calendar.part_of_month`), for an event without its day yet."""
    return catalogue.text("calendar.part_of_month", month=when.first_day.month, part=when.part)


# ---------------------------------------------------------------------------------------
# National holidays


# calendar -> the library that knows its holidays, and the country as messages name it
_HOLIDAY_SOURCES = {"jp": (jpholiday, "Japan")}


# What a month's entry in the holidays cache holds ([[ISO day, name], …], from
# `_holidays_of_month`); change it when that changes, and the kept months are worked out again.
HOLIDAY_ENTRIES = "jpholiday between, [[day, name]] 1"


@lru_cache(maxsize=256)
def _holidays_of_month(calendar: str, year: int, month: int) -> tuple[tuple[datetime.date, str], ...]:
    # Worked out once per process and month: jpholiday checks every day of a range against
    # every rule (some 3 ms a month), and every calendar table and contact card of every
    # language asks. A month, not a year: the calendar and "open now" need school years
    # (April to March), so whole calendar years would check half as many days again.
    source = _HOLIDAY_SOURCES[calendar][0]
    last = gregorian.monthrange(year, month)[1]
    return tuple(source.between(datetime.date(year, month, 1), datetime.date(year, month, last)))


def _months(first: datetime.date, last: datetime.date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class Holidays:
    """Whose national holidays the calendar marks (`calendar`, one of HOLIDAY_CALENDARS)
    and the code of the language their names are written in (`language`): jpholiday's
    names are Japanese on every page, so a page in another language marks them with that
    language's `lang`. From mkdocs.yml's `extra.holidays` (hooks/school_calendar.py)."""

    calendar: str
    language: str
    # Each month's holidays, kept for the machine (anshin/analysis_cache.py, a machine
    # cache: nothing but jpholiday's version changes them): jpholiday works a month out day
    # by day, and the calendar and contacts ask for four school years.
    cache: AnalysisCache | None = field(default=None, compare=False, repr=False)

    def name(self, day: datetime.date) -> str | None:
        """The name of the national holiday on `day`, if it is one."""
        return next((name for holiday, name in self._month(day.year, day.month) if holiday == day), None)

    def between(self, first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
        return [(day, name) for year, month in _months(first, last)
                for day, name in self._month(year, month) if first <= day <= last]

    def _month(self, year: int, month: int) -> tuple[tuple[datetime.date, str], ...]:
        if self.cache is None:
            return _holidays_of_month(self.calendar, year, month)
        key = f"{self.calendar} {year}-{month:02d}"
        found = self.cache.get(key)
        if isinstance(found, list):
            return tuple((datetime.date.fromisoformat(day), name) for day, name in found)
        days = _holidays_of_month(self.calendar, year, month)
        self.cache.put(key, [[day.isoformat(), name] for day, name in days])
        return days

    @property
    def country(self) -> str:
        return _HOLIDAY_SOURCES[self.calendar][1]


# ---------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class Event:
    id: str
    table: str
    term: int | None
    when: When
    title: dict[str, str]
    audience: tuple[str, ...]
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes_inline: bool = True           # text notes go in brackets after the title
    on_holiday: bool = False
    index: int = 0                      # position in the data file (the original row order)
    data_file: str = field(default="", compare=False)
    data_line: int = field(default=0, compare=False)
    when_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Calendar:
    """One school year's events, in the order of the data file."""

    year: int
    path: Path
    events: tuple[Event, ...]

    @property
    def bounds(self) -> tuple[datetime.date, datetime.date]:
        return school_year_bounds(self.year)

    def by_term(self, table: str, term: int) -> list[Event]:
        return [e for e in self.events if e.table == table and e.term == term]

    def exported(self) -> list[Event]:
        """Events with days to put in a calendar app: not the ones without a fixed day."""
        return [e for e in self.events if e.when.kind != "monthly"]


def load_calendar(path: Path, languages: Sequence[str]) -> Calendar:
    """Read and check one school year's data file, whose texts must be in each of
    `languages` (the site's codes); raise DataError at the first problem."""
    if not re.fullmatch(r"\d{4}", path.stem):
        raise DataError(path, 1, f"'{path.name}' does not say which school year it holds",
                        "name the file after the year the school year starts in, e.g. data/calendar/2019.yml")
    year = int(path.stem)
    with _cyclic_gc_paused():
        try:
            entries = load_entries(path, "event")
        except UnreadableValue as error:
            # An unquoted `when: 2019-02-30` is an ISO date that does not exist: data_files
            # knows its line; the calendar knows how its dates are written.
            raise DataError(error.path, error.line, error.problem, f"{error.fix}; in 'when', {_FORMAT_HELP}") from None
        check_unique_ids(entries)
        schema = event_schema(year)
        return Calendar(year, path, tuple(_event(entry, schema, index, languages)
                                          for index, entry in enumerate(entries)))


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Reading a calendar creates millions of objects (YAML nodes, events) that all stay
    alive until it is done, and the cyclic garbage collector, which runs every few hundred
    allocations, walks the growing heap each time: that made reading 10,000 events about
    twice as slow as ten times 1,000 (benchmarks/limits.py). Nothing read here is garbage
    in a cycle (reference counting frees it), so the collector pauses meanwhile, and runs
    again, as before, afterwards (unless something else had turned it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_calendars(directory: Path, languages: Sequence[str]) -> list[Calendar]:
    return [load_calendar(path, languages) for path in sorted(directory.glob("*.yml"))]


def _notes(value: object) -> str | tuple[str, ...]:
    """One language's notes: a text (shown in brackets after the title) or a list of
    lines (shown one per line under it)."""
    if isinstance(value, list):
        if not value:
            raise Invalid("the notes list no lines", "write the lines in the list, or one text instead of the list")
        if not all(isinstance(line, str) and line.strip() for line in value):
            raise Invalid("the notes have a line that is empty or not text",
                          "write every line as text, or remove the empty one")
        return tuple(line.strip() for line in value)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    raise Invalid(f"the notes must be a text or a list of lines, not {describe(value)}",
                  "write the note after the language's code, or its lines as a list: [line one, line two]")


_PAGE = "with the wording of docs/policy/anti-bullying.<code>.md"

EVENT = Schema("event", (
    Field("id", pattern=ID, rule="kebab-case ASCII (lower-case letters, digits and '-')",
          example="plan-staff-training-1", hint="the feeds' UIDs are made from it: never reuse or rename it"),
    Field("table", choices=TABLES),
    Field("term", "integer", required=False, default=None, choices=TERMS, rule="1, 2 or 3", example="1",
          hint="1学期, 2学期, 3学期"),
    # The school year is the file's: event_schema(year) gives `when` its parser.
    Field("when", example="4月12日", hint="as the school writes dates: 4月23日～5月7日, 6月12日～18日, 11月中旬, 毎月"),
    Field("title", per_language=True, label="the title", rule="one line of text", hint=_PAGE),
    Field("notes", "any", per_language=True, required=False, default=None, convert=_notes, hint=_PAGE),
    Field("audience", many=True, unique=True, choices=AUDIENCES,
          rule=f"a list of who takes part ({', '.join(AUDIENCES)})", example="[students, parents]"),
    Field("on_holiday", "boolean", required=False, default=False, example="true",
          hint="only for a single-day event that really is on a national holiday"),
), described_in="the comments at the top of data/calendar/<year>.yml")


def event_schema(year: int) -> Schema:
    """EVENT for the school year starting in April of `year`: its `when` read by
    `parse_when` within that year."""
    def when(text: str) -> When:
        try:
            return parse_when(text, year)
        except WhenError as error:
            raise Invalid(error.problem, error.fix) from None

    fields = tuple(replace(spec, convert=when) if spec.name == "when" else spec for spec in EVENT.fields)
    return replace(EVENT, fields=fields, described_in=f"the comments at the top of data/calendar/{year}.yml")


def _event(entry: DataEntry, schema: Schema, index: int, languages: Sequence[str]) -> Event:
    values = schema.validate(entry, languages)
    when, term = values["when"], values["term"]
    if when.kind == "monthly":
        if term is not None:
            raise entry.error("term", "an event held every month belongs to no single term",
                              "remove 'term:' from this event")
    elif term is None:
        raise entry.error(None, f"event '{values['id']}' has no 'term'", "add 'term: 1', 2 or 3 (1学期, 2学期, 3学期)")
    notes, inline = {}, True
    if values["notes"] is not None:
        shapes = {isinstance(value, tuple) for value in values["notes"].values()}
        if len(shapes) > 1 or len({len(v) for v in values["notes"].values() if isinstance(v, tuple)}) > 1:
            raise entry.error("notes", f"the notes have a different number of lines in {_names(languages, ' and ')}",
                              "give every language the same lines, in the same order")
        inline = shapes == {False}
        notes = {lang: value if isinstance(value, tuple) else (value,) for lang, value in values["notes"].items()}
    return Event(
        id=values["id"], table=values["table"], term=term, when=when, title=values["title"],
        audience=values["audience"], notes=notes, notes_inline=inline, on_holiday=values["on_holiday"], index=index,
        data_file=str(entry.path), data_line=entry.line, when_line=entry.line_of("when"),
    )


def english_name(code: str) -> str:
    """What the editors' messages (in English) call a language: Chinese, Japanese (from
    Babel's locale data, so a new language is named too; else its code)."""
    try:
        return babel.Locale.parse(code).english_name or code
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return code


def _names(items: Sequence[str], last: str, *, english: bool = True) -> str:
    """`Japanese and Chinese`, `Japanese, Chinese and English`."""
    words = [english_name(item) if english else item for item in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + last + words[-1]


def holiday_warnings(calendar: Calendar, holidays: Holidays, catalogue: Catalogue) -> list[DataError]:
    """Each single-day event on a national holiday (ranges that span a holiday are normal:
    home visits around Golden Week). The date is written with `catalogue`'s formats,
    the holidays' own language's: 11月4日(月)."""
    found = []
    for event in calendar.events:
        if event.when.kind != "day" or event.on_holiday:
            continue
        name = holidays.name(event.when.first_day)
        if name:
            day = event.when.first_day
            found.append(DataError(
                event.data_file, event.when_line,
                f"'{event.id}' is on {month_day(day, catalogue)}{weekday(day, catalogue)}, "
                f"a national holiday in {holidays.country} ({name})",
                "check the date against the school's plan; if the event really is on the holiday, add 'on_holiday: true'"))
    return found


# ---------------------------------------------------------------------------------------
# Markers in pages


@dataclass(frozen=True)
class CalendarBlock:
    """What a marker asks for: a table by term, or the month view, of one school year."""

    year: int
    view: str              # "term" | "months"
    table: str | None = None
    term: int | None = None


_MARKER = re.compile(r"^[ \t]*<!--\s*anshin:calendar\b(?P<args>.*?)-->[ \t]*$", re.MULTILINE)
MARKER_HELP = ("write <!-- anshin:calendar 2019 plan 1 --> (a table: plan or committee, term 1–3) "
               "or <!-- anshin:calendar 2019 months --> (the month view)")


def find_markers(markdown: str) -> list[re.Match[str]]:
    return list(_MARKER.finditer(markdown))


def parse_marker(args: str, years: set[int], school_year: int | None = None) -> CalendarBlock:
    """`2019 plan 1` → CalendarBlock(2019, "term", "plan", 1); raise WhenError (problem, fix) if unreadable.

    `school-year` instead of a year means the school year set in data/school.yml, so a page
    such as the calendar follows the configuration from one year to the next."""
    words = args.split()
    if words and words[0] == "school-year" and school_year is not None:
        words[0] = str(school_year)
    if not words or not words[0].isdigit():
        raise WhenError(f"calendar marker '{args.strip()}' names no school year", MARKER_HELP)
    year = int(words[0])
    if year not in years:
        known = ", ".join(f"data/calendar/{y}.yml" for y in sorted(years)) or "none"
        raise WhenError(f"calendar marker names school year {year}, which has no data file",
                        f"write data/calendar/{year}.yml or use a year that has one (found: {known})")
    rest = words[1:]
    if rest == ["months"]:
        return CalendarBlock(year, "months")
    if len(rest) == 2 and rest[0] in TABLES and rest[1] in {str(t) for t in TERMS}:
        return CalendarBlock(year, "term", rest[0], int(rest[1]))
    raise WhenError(f"calendar marker '{args.strip()}' is not understood", MARKER_HELP)




# ---------------------------------------------------------------------------------------
# What the templates show


@dataclass(frozen=True)
class Presentation:
    """The language a view or feed is in, and what showing it needs: that language's
    catalogue (labels, date formats), the site's BCP 47 tags and writing systems (to mark
    words of another language) and the holidays to mark."""

    catalogue: Catalogue
    lang_tags: Mapping[str, str]
    writing_systems: WritingSystems
    holidays: Holidays

    @property
    def language(self) -> str:
        return self.catalogue.language

    @property
    def holiday_lang(self) -> str | None:
        """The `lang` holiday names carry on this language's pages: none when they are in it."""
        if self.holidays.language == self.language:
            return None
        return self.lang_tags.get(self.holidays.language, self.holidays.language)


@dataclass(frozen=True)
class Day:
    """One date as shown: `4月12日(金)`, with its ISO form for <time datetime>."""

    iso: str
    month_day: str      # 4月12日
    day_only: str       # 12日 (the end of a range within one month)
    weekday: str        # (金) / （周五）
    holiday: str | None


def _day(day: datetime.date, where: Presentation) -> Day:
    catalogue = where.catalogue
    return Day(day.isoformat(), month_day(day, catalogue), catalogue.text("calendar.day", day=day.day),
               weekday(day, catalogue), where.holidays.name(day))


@dataclass(frozen=True)
class Shown:
    """An event as a template shows it, in one language."""

    event: Event
    kind: str
    start: Day | None
    end: Day | None
    same_month: bool
    label: str                  # 11月中旬 / 毎月 (for "part" and "monthly")
    title: Markup
    notes: tuple[Markup, ...]
    notes_inline: bool
    audience: tuple[str, ...]
    continued: bool = False     # in a month view: began in an earlier month


def shown(event: Event, where: Presentation, *, continued: bool = False) -> Shown:
    when, language = event.when, where.language
    start = _day(when.start, where) if when.start else None
    end = _day(when.end, where) if when.end and when.kind != "day" else None
    if when.kind == "part":
        label = part_of_month(when, where.catalogue)
    elif when.kind == "monthly":
        label = where.catalogue.text("calendar.monthly")
    else:
        label = ""
    mark = lambda text: mark_other_language(text, language, where.lang_tags, where.writing_systems)  # noqa: E731
    return Shown(
        event=event, kind=when.kind, start=start, end=end,
        same_month=bool(when.end and when.start and when.end.month == when.start.month),
        label=label,
        title=mark(event.title[language]),
        notes=tuple(mark(note) for note in event.notes.get(language, ())),
        notes_inline=event.notes_inline,
        audience=tuple(where.catalogue.text(f"calendar.audiences.{a}") for a in event.audience),
        continued=continued,
    )


_BRACKETED = re.compile(r"([（〔「“《(])([^（）〔〕「」“”《》()]+)([）〕」”》)])")


def mark_other_language(text: str, language: str, lang_tags: Mapping[str, str],
                        writing_systems: WritingSystems) -> Markup:
    """Escape `text`; bracketed words in the other language get their `lang`, so a Japanese
    name quoted on a Chinese page keeps Japanese glyphs and is read in a Japanese voice."""
    parts: list[Markup] = []
    position = 0
    for match in _BRACKETED.finditer(text):
        found = writing_systems.betrays(match.group(2))
        if found and found != language:
            parts.append(escape(text[position:match.start()]))
            parts.append(Markup('{}<span lang="{}">{}</span>{}').format(
                match.group(1), lang_tags.get(found, found), match.group(2), match.group(3)))
            position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    id: str
    heading: str
    rows: tuple[tuple[str, object], ...]   # ("event", Shown) or ("holiday", (Day, …)), by date


def months(calendar: Calendar, where: Presentation) -> list[Month]:
    """The school year month by month: events by date (the original order on the same day),
    the month's national holidays among them, events without a fixed day last. An event
    that spans months appears in each of them."""
    result = []
    first_day, _ = calendar.bounds
    for offset in range(12):
        year = first_day.year + (first_day.month - 1 + offset) // 12
        month = (first_day.month - 1 + offset) % 12 + 1
        first = datetime.date(year, month, 1)
        last = first.replace(day=gregorian.monthrange(year, month)[1])
        rows: list[tuple[tuple, tuple[str, object]]] = []
        for event in calendar.events:
            if not event.when.overlaps(first, last):
                continue
            continued = bool(event.when.start and event.when.start < first)
            item = shown(event, where, continued=continued)
            if event.when.kind == "monthly":
                rows.append(((2, "", 0, event.index), ("event", item)))
            elif continued:  # still running from last month: it heads the month
                rows.append(((0, "", 0, event.index), ("event", item)))
            else:
                rows.append(((1, event.when.first_day.isoformat(), 1, event.index), ("event", item)))
        for run in _holiday_runs(where.holidays.between(first, last), where):
            rows.append(((1, run[0].iso, 0, 0), ("holiday", run)))
        rows.sort(key=lambda pair: pair[0])
        result.append(Month(year, month, f"anshin-cal-{year}-{month:02d}",
                            month_heading(year, month, where.catalogue), tuple(row for _, row in rows)))
    return result


def _holiday_runs(holidays: list[tuple[datetime.date, str]], where: Presentation) -> list[tuple[Day, ...]]:
    """Consecutive holidays as one row each (Golden Week is one row, not six)."""
    runs: list[list[datetime.date]] = []
    for day, _name in holidays:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [tuple(_day(day, where) for day in run) for run in runs]


def ics_path(year: int) -> str:
    """Where a language's feed is written, under that language's root."""
    return f"calendar/anshin-{year}.ics"


def block_context(calendar: Calendar, block: CalendarBlock, where: Presentation, ics_href: str) -> dict[str, object]:
    """Everything the block's template needs (partials/anshin/calendar-<view>.html); its
    words come from the catalogue, through `t()`."""
    common = {"year": calendar.year, "holiday_lang": where.holiday_lang,
              "year_label": school_year_label(calendar.year, where.catalogue)}
    if block.view == "term":
        assert block.table is not None and block.term is not None, "parse_marker gives a term view its table and term"
        return {**common, "table": block.table, "term": block.term,
                "rows": [shown(e, where) for e in calendar.by_term(block.table, block.term)]}
    return {
        **common,
        "months": months(calendar, where),
        "ics_href": ics_href,
        "calendar_name": calendar_name(calendar.year, where.catalogue),
        "tentative": [shown(e, where) for e in calendar.events if e.when.kind == "part"],
        "left_out": [shown(e, where) for e in calendar.events if e.when.kind == "monthly"],
    }


def template_for(block: CalendarBlock) -> str:
    return f"partials/anshin/calendar-{block.view}.html"


def calendar_name(year: int, catalogue: Catalogue) -> str:
    return catalogue.text("calendar.ics.name", year_label=school_year_label(year, catalogue))


# ---------------------------------------------------------------------------------------
# iCalendar


def to_ics(calendar: Calendar, catalogue: Catalogue, lang_tag: str, *, url: str | None = None) -> bytes:
    """The school year as an RFC 5545 calendar of all-day events, in the catalogue's language.

    Reproducible: UIDs come from the event ids and DTSTAMP from the school year, never from
    the clock, so two builds write the same bytes and calendar apps update rather than
    duplicate events. A part of a month (11月中旬) is exported as its whole span, marked
    tentative; an event without a fixed day (毎月) is left out (the page says so)."""
    language = catalogue.language
    words = catalogue.text
    feed = icalendar.Calendar()
    feed.add("prodid", f"-//Anshin//School calendar {calendar.year}//{language.upper()}")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", calendar_name(calendar.year, catalogue))
    # The date the school year begins: fixed for the data, unlike the build's clock.
    stamp = datetime.datetime(calendar.year, 4, 1, tzinfo=datetime.UTC)
    text = {"LANGUAGE": lang_tag}
    for event in calendar.exported():
        when = event.when
        item = icalendar.Event()
        item.add("uid", f"{calendar.year}-{event.id}-{language}@anshin")
        item.add("dtstamp", stamp)
        item.add("dtstart", when.start)
        item.add("dtend", when.end_exclusive)
        summary = event.title[language]
        if event.table == "committee":
            summary = words("calendar.tables.committee") + words("calendar.colon") + summary
        if event.notes_inline and event.notes.get(language):
            summary += words("calendar.bracketed", text=event.notes[language][0])
        description = [] if event.notes_inline else list(event.notes.get(language, ()))
        if when.kind == "part":
            summary += words("calendar.ics.tentative")
            description.append(words("calendar.ics.tentative_note", label=part_of_month(when, catalogue)))
            item.add("status", "TENTATIVE")
        else:
            item.add("status", "CONFIRMED")
        names = words("calendar.separator").join(words(f"calendar.audiences.{a}") for a in event.audience)
        description.append(words("calendar.ics.audience", names=names))
        description.append(words("calendar.ics.source", table=words(f"calendar.tables.{event.table}")))
        item.add("summary", summary, parameters=text)
        item.add("description", "\n".join(description), parameters=text)
        item.add("categories", [words(f"calendar.tables.{event.table}")])
        item.add("transp", "TRANSPARENT")  # all-day school events do not make a parent "busy"
        if url:
            item.add("url", url)
        feed.add_component(item)
    return feed.to_ical()
