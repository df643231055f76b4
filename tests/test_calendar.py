"""The school calendar: data/calendar/2019.yml read and checked (anshin/school_calendar.py),
rendered on both policy pages with the words of each language's catalogue, and written as
.ics feeds that an independent parser reads back event by event. A third language's
catalogue is enough for its labels, dates and feed."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from anshin import build_context as bridge
from anshin.build_context import BuildContext, LanguageBuild, render
from anshin.catalogue import Catalogue, load_catalogue, missing_keys
from anshin.languages import Language, Languages
from anshin.school import load_school
from anshin.school_calendar import (
    PARTS,
    Calendar,
    CalendarBlock,
    DataError,
    Holidays,
    Presentation,
    WhenError,
    block_context,
    holiday_warnings,
    load_calendar,
    mark_other_language,
    month_heading,
    months,
    parse_marker,
    parse_when,
    school_year_label,
    template_for,
    to_ics,
    wareki_year,
    weekday,
)
from anshin.writing_systems import WritingSystems
from hooks.school_calendar import _holidays
from tests.conftest import ROOT, copy_project, run_build
from tests.project import LANGUAGES, catalogue, writing_systems

DATA = ROOT / "data" / "calendar" / "2019.yml"
FIRST, LAST = datetime.date(2019, 4, 1), datetime.date(2020, 3, 31)
CODES = LANGUAGES.codes
TAGS = LANGUAGES.tags
CATALOGUES = {code: catalogue(code) for code in CODES}
WRITING = writing_systems()
HOLIDAYS = Holidays("jp", "ja")  # mkdocs.yml's extra.holidays (test_the_holiday_settings_are_read_from_mkdocs_yml)
PAGES = {code: ROOT / "docs" / "policy" / f"anti-bullying.{code}.md" for code in CODES}


def where(language: str) -> Presentation:
    return Presentation(CATALOGUES[language], TAGS, WRITING, HOLIDAYS)


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar(DATA, CODES)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    ("4月12日", (2019, 4, 12), (2019, 4, 12), "day"),
    ("1月17日", (2020, 1, 17), (2020, 1, 17), "day"),          # January–March are next calendar year
    ("4月23日～5月7日", (2019, 4, 23), (2019, 5, 7), "range"),
    ("6月12日～18日", (2019, 6, 12), (2019, 6, 18), "range"),   # the end in the start's month
    ("12月28日～1月6日", (2019, 12, 28), (2020, 1, 6), "range"),
    ("４月２３日〜５月７日", (2019, 4, 23), (2019, 5, 7), "range"),  # full-width digits, wave dash
    ("7月1日~5日", (2019, 7, 1), (2019, 7, 5), "range"),
    ("11月上旬", (2019, 11, 1), (2019, 11, 10), "part"),
    ("11月中旬", (2019, 11, 11), (2019, 11, 20), "part"),
    ("11月下旬", (2019, 11, 21), (2019, 11, 30), "part"),
    ("2月下旬", (2020, 2, 21), (2020, 2, 29), "part"),         # 2020 is a leap year
    ("2020年3月31日", (2020, 3, 31), (2020, 3, 31), "day"),
])
def test_dates_are_read_as_the_school_writes_them(text, start, end, kind) -> None:
    when = parse_when(text, 2019)
    assert (when.start, when.end, when.kind) == (datetime.date(*start), datetime.date(*end), kind)
    assert when.end_exclusive == datetime.date(*end) + datetime.timedelta(days=1)


def test_monthly_has_no_day() -> None:
    when = parse_when("毎月", 2019)
    assert when.kind == "monthly" and when.start is None and when.end_exclusive is None


@pytest.mark.parametrize(("text", "problem", "fix"), [
    ("2月30日", "2月30日 does not exist: 2月 of 2020 has 29 days", "correct the day (1–29)"),
    ("2月29日～3月1日", None, None),
    ("4月31日", "4月31日 does not exist", "correct the day (1–30)"),
    ("5月7日～4月23日", "ends (2019-04-23) before it starts (2019-05-07)", "swap the two dates"),
    ("3月30日～4月2日", "before it starts", "cannot run past 3月31日"),
    ("6月18日～12日", "ends (2019-06-12) before it starts (2019-06-18)", "swap"),
    ("2020年4月3日", "outside the school year 2019", "data/calendar/2020.yml"),
    ("2019年3月31日", "outside the school year 2019", "data/calendar/2018.yml"),
    ("13月1日", "there is no month 13", "give a month from 1 to 12"),
    ("来週", "is not a date in the school's notation", "4月23日～5月7日"),
    ("4月12日～12日", "starts and ends on the same day", "write the single date 4月12日"),
])
def test_impossible_dates_say_what_is_wrong_and_how_to_fix_it(text, problem, fix) -> None:
    if problem is None:
        assert parse_when(text, 2019).end == datetime.date(2020, 3, 1)
        return
    with pytest.raises(WhenError) as caught:
        parse_when(text, 2019)
    assert problem in caught.value.problem and fix in caught.value.fix


school_days = st.dates(min_value=FIRST, max_value=LAST)


def _written(day: datetime.date, year: int | None = None) -> str:
    return f"{day.month}月{day.day}日"


@given(school_days)
def test_any_day_of_the_school_year_reads_back(day: datetime.date) -> None:
    when = parse_when(_written(day), 2019)
    assert when.start == when.end == day
    assert when.end_exclusive - when.end == datetime.timedelta(days=1)


@given(school_days, school_days)
def test_ranges_end_after_they_start_and_export_an_exclusive_end(a: datetime.date, b: datetime.date) -> None:
    start, end = min(a, b), max(a, b)
    short = start.month == end.month and start.year == end.year
    text = _written(start) + "～" + (f"{end.day}日" if short else _written(end))
    if start == end:
        with pytest.raises(WhenError):
            parse_when(text, 2019)
        return
    when = parse_when(text, 2019)
    assert (when.start, when.end) == (start, end)
    assert when.start < when.end
    assert when.end_exclusive == end + datetime.timedelta(days=1)
    # Written the wrong way round, the same range is refused, never silently swapped.
    backwards = _written(end) + "～" + (f"{start.day}日" if short else _written(start))
    with pytest.raises(WhenError, match="before it starts"):
        parse_when(backwards, 2019)


@given(st.integers(min_value=1, max_value=12), st.sampled_from(sorted(PARTS)))
def test_every_fuzzy_span_lies_inside_its_month(month: int, part: str) -> None:
    when = parse_when(f"{month}月{part}", 2019)
    year = 2019 if month >= 4 else 2020
    assert when.kind == "part" and when.part == part
    assert when.start.month == when.end.month == month and when.start.year == when.end.year == year
    assert when.start <= when.end
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    assert (when.start.day, when.end.day) == {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, last_day)}[part]
    assert when.end_exclusive == when.end + datetime.timedelta(days=1)


@pytest.mark.parametrize(("day", "era"), [
    ((2019, 4, 30), "平成31年"),
    ((2019, 5, 1), "令和元年"),
    ((2020, 1, 1), "令和2年"),
    ((1989, 1, 7), "昭和64年"),
    ((1989, 1, 8), "平成元年"),
])
def test_japanese_era_years_across_the_change(day, era) -> None:
    assert wareki_year(datetime.date(*day)) == era


def test_month_headings_and_weekdays_per_language() -> None:
    ja, zh = CATALOGUES["ja"], CATALOGUES["zh"]
    assert month_heading(2019, 4, ja) == "2019年（平成31年）4月"
    assert month_heading(2019, 5, ja) == "2019年（令和元年）5月"
    assert month_heading(2020, 2, ja) == "2020年（令和2年）2月"
    assert month_heading(2019, 5, zh) == "2019年5月"
    assert weekday(datetime.date(2019, 4, 12), ja) == "(金)"
    assert weekday(datetime.date(2019, 4, 12), zh) == "（周五）"
    assert weekday(datetime.date(2019, 4, 14), zh) == "（周日）"
    assert school_year_label(2019, ja) == "2019（平成31）年度"
    assert school_year_label(2019, zh) == "2019（平成31）学年度"


def test_a_month_that_spans_an_era_change_shows_both_eras() -> None:
    # The only one since 1989: January 1989 ran from 昭和64年 into 平成元年.
    assert month_heading(1989, 1, CATALOGUES["ja"]) == "1989年（昭和64年・平成元年）1月"


# --------------------------------------------------------------------------- the data


def test_the_data_holds_both_tables_in_the_original_order(calendar: Calendar) -> None:
    plan = [(e.term, e.when.text) for e in calendar.events if e.table == "plan"]
    assert len(plan) == 23 and plan[0] == (1, "4月12日") and plan[-1] == (3, "3月24日")
    first_term = [e.when.text for e in calendar.by_term("plan", 1)]
    assert first_term.index("6月8日") < first_term.index("6月7日")        # as the original lists them
    assert first_term.index("8月28日") < first_term.index("8月19日～23日")
    committee = [e.when.text for e in calendar.events if e.table == "committee"]
    assert committee == ["4月2日", "7月8日", "8月26日", "12月9日", "2月17日", "毎月"]
    assert [len(calendar.by_term("committee", t)) for t in (1, 2, 3)] == [2, 2, 1]


def test_the_month_view_sorts_by_date(calendar: Calendar) -> None:
    june = months(calendar, where("ja"))[2]
    isos = [row.start.iso for kind, row in june.rows if kind == "event" and row.start]
    assert isos == sorted(isos) and isos.index("2019-06-07") < isos.index("2019-06-08")
    for month in months(calendar, where("zh")):
        kinds = [(kind, getattr(row, "kind", None)) for kind, row in month.rows]
        assert kinds[-1] == ("event", "monthly"), f"{month.heading}: the monthly meeting comes last"


def test_the_month_view_covers_the_school_year_with_its_holidays(calendar: Calendar) -> None:
    view = months(calendar, where("ja"))
    assert [(m.year, m.month) for m in view] == [(2019, m) for m in range(4, 13)] + [(2020, m) for m in (1, 2, 3)]
    assert view[0].heading == "2019年（平成31年）4月" and view[1].heading == "2019年（令和元年）5月"
    may_holidays = [row for kind, row in view[1].rows if kind == "holiday"]
    assert [[d.iso for d in run] for run in may_holidays] == [[f"2019-05-0{d}" for d in range(1, 7)]]
    assert may_holidays[0][0].holiday == "天皇の即位の日"
    # A range that spans months is in each of them, at the head of the later one.
    assert view[1].rows[0][1].event.id == "plan-home-visits-years-1-2"


def test_real_data_has_no_event_on_a_holiday(calendar: Calendar) -> None:
    assert holiday_warnings(calendar, HOLIDAYS, CATALOGUES["ja"]) == []


GOOD = """\
- id: one
  table: plan
  term: 1
  when: 4月12日
  title: {ja: 研修, zh: 研修}
  audience: [staff]
"""


def _calendar_file(tmp_path: Path, text: str, name: str = "2019.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "line", "problem", "fix"), [
    ("when: 4月12日", "when: 2月30日", 4, "2月30日 does not exist", "correct the day (1–29)"),
    ("when: 4月12日", "when: 5月7日～4月23日", 4, "before it starts", "swap the two dates"),
    ("when: 4月12日", "when: 2020年4月3日", 4, "outside the school year 2019", "data/calendar/2020.yml"),
    # An unquoted ISO date that does not exist: anshin.data_files finds its line, the fix says how to write it.
    ("when: 4月12日", "when: 2019-02-30", 4, "'2019-02-30' is not a date that exists", "4月12日, 4月23日～5月7日"),
    ("when: 4月12日", "when: 2019-04-12", 4, "'2019-04-12' is not a date in the school's notation", "4月12日"),
    ("when: 4月12日", "when:", 4, "'when' is empty", "write e.g. 'when: 4月12日'"),
    ("  when: 4月12日\n", "", 1, "the event 'one' has no 'when'", "add 'when: 4月12日' (see the comments at the top "
     "of data/calendar/2019.yml)"),
    ("term: 1", "term: 4", 3, "unknown term '4'", "use one of: 1, 2, 3 (1学期, 2学期, 3学期)"),
    ("term: 1", "term: first", 3, "'term' must be 1, 2 or 3, not the text 'first'", "write e.g. 'term: 1' (1学期, 2学期, 3学期)"),
    ("{ja: 研修, zh: 研修}", "{ja: 研修}", 5, "the title has no 'zh' text",
     "write the 'zh' text under 'title:' (with the wording of docs/policy/anti-bullying.<code>.md)"),
    ("{ja: 研修, zh: 研修}", "{ja: '', zh: 研修}", 5, "the title has no 'ja' text", "write the 'ja' text under 'title:'"),
    ("{ja: 研修, zh: 研修}", "{ja: [研修], zh: 研修}", 5, "the title in 'ja' must be one line of text, not a list",
     "write it after 'title:'"),
    ("{ja: 研修, zh: 研修}", "研修", 5, "the title must give a text in each language", "one line per language under it"),
    ("{ja: 研修, zh: 研修}", "{jp: 研修, zh: 研修}", 5, "the title has a text in 'jp', which is not a language of the site",
     "did you mean 'ja'?"),
    ("audience: [staff]", "audience: [staff]\n  colour: red", 7, "unknown key 'colour'",
     "remove it or correct its spelling; an event has: id, table, term, when, title, notes, audience, on_holiday"),
    ("audience: [staff]", "audience: [staff]\n  note: {ja: a, zh: b}", 7, "unknown key 'note'", "did you mean 'notes'?"),
    ("audience: [staff]", "audience: [teachers]", 6, "unknown audience 'teachers'", "use one of: students, parents, staff"),
    ("audience: [staff]", "audience: staff", 6, "'audience' must be a list of who takes part (students, parents, staff)",
     "write e.g. 'audience: [students, parents]'"),
    ("audience: [staff]", "audience: [staff, staff]", 6, "'audience' lists a value twice", "list each value once"),
    ("audience: [staff]", "audience: []", 6, "'audience' lists nothing", "audience: [students, parents]"),
    ("audience: [staff]", "audience: [staff]\n  notes: {ja: a}", 7, "'notes' has no 'zh' text",
     "write the 'zh' text under 'notes:'"),
    ("audience: [staff]", "audience: [staff]\n  notes: {ja: [a, ''], zh: [a, b]}", 7,
     "the notes have a line that is empty or not text", "remove the empty one"),
    ("audience: [staff]", "audience: [staff]\n  on_holiday: 1", 7, "'on_holiday' must be true or false, not the number 1",
     "write e.g. 'on_holiday: true'"),
    ("id: one", "id: One_1", 1, "'id' must be kebab-case ASCII (lower-case letters, digits and '-'), not the text 'One_1'",
     "write e.g. 'id: plan-staff-training-1'"),
    ("table: plan", "table: meetings", 2, "unknown table 'meetings'", "plan, committee"),
    ("  term: 1\n", "", 1, "event 'one' has no 'term'", "add 'term: 1'"),
    ("term: 1\n  when: 4月12日", "term: 1\n  when: 毎月", 3, "an event held every month belongs to no single term",
     "remove 'term:'"),
])
def test_bad_data_names_file_line_and_fix(tmp_path: Path, old, new, line, problem, fix) -> None:
    assert old in GOOD
    path = _calendar_file(tmp_path, GOOD.replace(old, new))
    with pytest.raises(DataError) as caught:
        load_calendar(path, CODES)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    stated, remedy = message.split(" — fix: ", 1)
    assert problem in stated and fix in remedy, message


def test_an_impossible_iso_date_is_reported_at_its_own_line(tmp_path: Path) -> None:
    path = _calendar_file(tmp_path, GOOD + GOOD.replace("one", "two").replace("4月12日", "2019-02-30"))
    with pytest.raises(DataError) as caught:
        load_calendar(path, CODES)
    assert str(caught.value).startswith(f"{path}:10: '2019-02-30' is not a date that exists — fix: "), caught.value


def test_optional_keys_left_empty_are_as_if_not_written(tmp_path: Path) -> None:
    event = load_calendar(_calendar_file(tmp_path, GOOD + "  notes:\n  on_holiday:\n"), CODES).events[0]
    assert (event.notes, event.notes_inline, event.on_holiday, event.term) == ({}, True, False, 1)


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    path = _calendar_file(tmp_path, GOOD + GOOD.replace("4月12日", "5月15日"))
    with pytest.raises(DataError) as caught:
        load_calendar(path, CODES)
    assert str(caught.value).startswith(f"{path}:7: duplicate id 'one' — fix: rename it")
    assert f"already used at {path}:1" in str(caught.value)


def test_notes_must_have_the_same_lines_in_both_languages(tmp_path: Path) -> None:
    path = _calendar_file(tmp_path, GOOD + "  notes: {ja: [a, b], zh: [a]}\n")
    with pytest.raises(DataError, match=r":7: the notes have a different number of lines"):
        load_calendar(path, CODES)


def test_the_file_name_is_the_school_year(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"events\.yml:1: .* — fix: name the file after the year"):
        load_calendar(_calendar_file(tmp_path, GOOD, "events.yml"), CODES)
    assert load_calendar(_calendar_file(tmp_path, GOOD.replace("4月12日", "1月17日"), "2020.yml"), CODES
                         ).events[0].when.start == datetime.date(2021, 1, 17)


def test_single_days_on_national_holidays_are_reported(tmp_path: Path) -> None:
    text = (GOOD.replace("4月12日", "11月4日")                                   # 文化の日 振替休日
            + GOOD.replace("one", "two").replace("4月12日", "4月23日～5月7日")    # spans Golden Week: fine
            + GOOD.replace("one", "three").replace("4月12日", "2月11日") + "  on_holiday: true\n")
    path = _calendar_file(tmp_path, text)
    warnings = [str(w) for w in holiday_warnings(load_calendar(path, CODES), HOLIDAYS, CATALOGUES["ja"])]
    assert warnings == [
        f"{path}:4: 'one' is on 11月4日(月), a national holiday in Japan (文化の日 振替休日) — fix: check the "
        "date against the school's plan; if the event really is on the holiday, add 'on_holiday: true'"]


@pytest.mark.parametrize(("args", "expected"), [
    ("2019 plan 1", CalendarBlock(2019, "term", "plan", 1)),
    (" 2019 committee 3 ", CalendarBlock(2019, "term", "committee", 3)),
    ("2019 months", CalendarBlock(2019, "months")),
])
def test_markers(args: str, expected: CalendarBlock) -> None:
    assert parse_marker(args, {2019}) == expected


@pytest.mark.parametrize(("args", "problem", "fix"), [
    ("plan 1", "names no school year", "<!-- anshin:calendar 2019 plan 1 -->"),
    ("2018 plan 1", "school year 2018, which has no data file", "write data/calendar/2018.yml or use a year"),
    ("2019 plan 4", "is not understood", "<!-- anshin:calendar 2019 months -->"),
    ("2019 calendar", "is not understood", "<!-- anshin:calendar 2019 plan 1 -->"),
])
def test_bad_markers(args: str, problem: str, fix: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_marker(args, {2019})
    assert problem in caught.value.problem and fix in caught.value.fix


# --------------------------------------------------------------------------- rendering

SCHOOL = load_school(ROOT / "data" / "school.yml", CODES)


def _config(language: str, languages: Languages = LANGUAGES, catalogues: dict[str, Catalogue] = CATALOGUES):
    """What `render` needs of a build: the templates, and a context in `language`'s build."""
    build_context = BuildContext(root=ROOT, docs=ROOT / "docs", languages=languages, catalogues=catalogues,
                                 school=SCHOOL, holidays=HOLIDAYS)
    build_context.builds.append(LanguageBuild(languages[language], catalogues[language]))
    config = SimpleNamespace(theme=SimpleNamespace(dirs=[str(ROOT / "overrides")]))
    setattr(config, bridge._ATTRIBUTE, build_context)  # as hooks/build_context.py does, on_config
    return config


def _render(calendar: Calendar, block: CalendarBlock, language: str, presentation: Presentation | None = None,
            config=None) -> str:
    values = block_context(calendar, block, presentation or where(language), "x.ics")
    return render(config or _config(language), template_for(block), **values)


def test_every_date_shows_its_weekday(calendar: Calendar) -> None:
    ja = _render(calendar, CalendarBlock(2019, "term", "plan", 1), "ja")
    zh = _render(calendar, CalendarBlock(2019, "term", "plan", 1), "zh")
    text = lambda html: re.sub(r"<[^>]+>", "", html)  # noqa: E731
    assert "4月12日(金)" in text(ja) and "4月23日(火)～5月7日(火)" in text(ja) and "6月12日(水)～18日(火)" in text(ja)
    assert "4月12日（周五）" in text(zh) and "4月23日（周二）～5月7日（周二）" in text(zh)
    for html in (ja, zh):
        times = re.findall(r"<time datetime=\"([\d-]+)\">([^<]+)<span class=\"anshin-cal__weekday\">([^<]+)</span>", html)
        assert len(times) == 12 + 5  # one per day, two per range
        for iso, written, shown in times:
            day = datetime.date.fromisoformat(iso)
            assert written.endswith(f"{day.day}日") and shown == weekday(day, CATALOGUES["ja" if html is ja else "zh"])


def test_the_month_view_has_era_headings_holidays_and_the_feed_link(calendar: Calendar) -> None:
    ja = _render(calendar, CalendarBlock(2019, "months"), "ja")
    zh = _render(calendar, CalendarBlock(2019, "months"), "zh")
    assert ">2019年（平成31年）4月</h4>" in ja and ">2019年（令和元年）5月</h4>" in ja and ">2020年（令和2年）1月</h4>" in ja
    assert ">2019年4月</h4>" in zh and "令和" not in zh.split("anshin-cal__sheet")[1].split("</h4>")[0]
    assert 'href="x.ics"' in ja and "カレンダーに追加" in ja and "添加到我的日历" in zh
    assert "祝日：" in ja and "天皇の即位の日" in ja
    # Holiday names stay Japanese on the Chinese page, marked as such.
    assert '日本法定假日：<span lang="ja">天皇の即位の日' in zh
    assert "「定例会」（毎月）は日が決まっていないため、カレンダーファイルには入れていません。" in ja
    assert "“例会”（每月）没有固定日期，日历文件中未收录。" in zh
    assert "「ソーシャルスキルトレーニングを取り入れた指導」（11月中旬）" in ja


def test_quoted_japanese_on_the_chinese_page_carries_its_lang(calendar: Calendar) -> None:
    zh = _render(calendar, CalendarBlock(2019, "term", "plan", 1), "zh")
    assert '“致明天的留言板”（<span lang="ja">明日への伝言版</span>）活动' in zh
    assert '〔<span lang="ja">NPO法人子どもとメディア</span>〕' in zh
    ja = _render(calendar, CalendarBlock(2019, "term", "plan", 1), "ja")
    assert "lang=" not in ja


def test_titles_are_escaped(tmp_path: Path) -> None:
    hostile = GOOD.replace("{ja: 研修, zh: 研修}", "{ja: '<script>alert(1)</script>', zh: '<b>粗</b> & 「<i>ア</i>」'}")
    calendar = load_calendar(_calendar_file(tmp_path, hostile), CODES)
    for block in (CalendarBlock(2019, "term", "plan", 1), CalendarBlock(2019, "months")):
        ja, zh = _render(calendar, block, "ja"), _render(calendar, block, "zh")
        assert "<script>" not in ja and "&lt;script&gt;alert(1)&lt;/script&gt;" in ja
        assert "<b>" not in zh and "&lt;b&gt;粗&lt;/b&gt; &amp; 「<span lang=\"ja\">&lt;i&gt;ア&lt;/i&gt;</span>」" in zh
    assert str(mark_other_language("a<b>（ア）", "zh", TAGS, WRITING)) == 'a&lt;b&gt;（<span lang="ja">ア</span>）'


def test_pages_place_every_table_with_a_marker_and_keep_no_hand_typed_dates() -> None:
    for page in PAGES.values():
        text = page.read_text(encoding="utf-8")
        markers = re.findall(r"<!-- anshin:calendar (.+?) -->", text)
        assert markers == ["2019 plan 1", "2019 plan 2", "2019 plan 3", "2019 months",
                           "2019 committee 1", "2019 committee 2", "2019 committee 3"], page
        section_5 = text[text.index("{#年間計画}"):text.index("{#組織}")]
        assert not re.search(r"^\|", section_5, re.MULTILINE), f"{page}: a hand-typed table is left in section 5"
        committee = text[text.index("③ 校内"):text.index("### (2)", text.index("③ 校内"))]
        assert "|" not in committee and "※" in committee


# --------------------------------------------------------------------------- iCalendar


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_ics(data: bytes) -> tuple[dict, list[dict]]:
    """A small RFC 5545 reader, independent of the icalendar library: CRLF lines of at most
    75 octets, unfolded, split into name, parameters and value, nested in components."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "lines must end in CRLF"
    physical = text.split("\r\n")[:-1]
    too_long = [line for line in physical if len(line.encode("utf-8")) > 75]
    assert not too_long, f"lines over 75 octets: {too_long[:3]}"
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    calendar: dict = {}
    events: list[dict] = []
    stack: list[str] = []
    current: dict = calendar
    for line in logical:
        match = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$', line)
        assert match, f"not a content line: {line!r}"
        name, raw_params, value = match.group(1).upper(), match.group(2), match.group(3)
        params = dict(p.split("=", 1) for p in raw_params.split(";")[1:])
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
                events.append(current)
            continue
        if name == "END":
            assert stack and stack.pop() == value, f"END:{value} without BEGIN"
            current = calendar
            continue
        assert name not in current, f"{name} twice in one component"
        current[name] = (params, value)
    assert not stack and logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    return calendar, events


@pytest.mark.parametrize("language", CODES)
def test_the_feed_reads_back_event_by_event(calendar: Calendar, language: str) -> None:
    head, events = parse_ics(to_ics(calendar, CATALOGUES[language], TAGS[language], url="https://school.example/policy/"))
    assert head["VERSION"][1] == "2.0" and head["PRODID"][1].startswith("-//Anshin//")
    assert head["X-WR-CALNAME"][1] == {"ja": "2019（平成31）年度 いじめ防止の年間計画",
                                        "zh": "2019（平成31）学年度 防欺凌年度计划"}[language]
    exported = [e for e in calendar.events if e.when.kind != "monthly"]
    assert len(events) == len(exported) == len(calendar.events) - 1
    by_uid = {event["UID"][1]: event for event in events}
    for source in exported:
        event = by_uid.pop(f"2019-{source.id}-{language}@anshin")
        assert event["DTSTART"] == ({"VALUE": "DATE"}, source.when.start.strftime("%Y%m%d"))
        assert event["DTEND"] == ({"VALUE": "DATE"}, source.when.end_exclusive.strftime("%Y%m%d"))
        assert event["DTSTAMP"][1] == "20190401T000000Z"
        summary = _unescape(event["SUMMARY"][1])
        assert event["SUMMARY"][0] == {"LANGUAGE": TAGS[language]}
        assert source.title[language] in summary
        description = _unescape(event["DESCRIPTION"][1])
        notes = source.notes.get(language, ())
        assert all(note in summary + description for note in notes)
        if source.when.kind == "part":
            assert event["STATUS"][1] == "TENTATIVE" and ("日程未定" in summary or "日期未定" in summary)
        else:
            assert event["STATUS"][1] == "CONFIRMED"
        assert event["URL"][1] == "https://school.example/policy/"
    assert not by_uid


def test_the_examples_of_the_brief() -> None:
    calendar = load_calendar(DATA, CODES)
    _, events = parse_ics(to_ics(calendar, CATALOGUES["ja"], "ja"))
    dates = {_unescape(e["SUMMARY"][1]): (e["DTSTART"][1], e["DTEND"][1]) for e in events}
    assert dates["家庭訪問(1・2年)"] == ("20190423", "20190508")
    assert dates["ソーシャルスキルトレーニングを取り入れた指導（日程未定）"] == ("20191111", "20191121")
    assert dates["教育相談、いじめに関するアンケート③"] == ("20200117", "20200118")
    assert not [s for s in dates if "定例会" in s]


def test_the_feed_is_reproducible() -> None:
    first = to_ics(load_calendar(DATA, CODES), CATALOGUES["zh"], "zh-Hans")
    second = to_ics(load_calendar(DATA, CODES), CATALOGUES["zh"], "zh-Hans")
    assert first == second
    assert re.findall(rb"DTSTAMP:(\S+)", first) == [b"20190401T000000Z"] * 28


def test_the_feed_parser_catches_broken_files() -> None:
    good = to_ics(load_calendar(DATA, CODES), CATALOGUES["ja"], "ja")
    with pytest.raises(AssertionError, match="CRLF"):
        parse_ics(good.replace(b"\r\n", b"\n"))
    with pytest.raises(AssertionError, match="75 octets"):
        parse_ics(good.replace(b"\r\n ", b""))
    with pytest.raises(AssertionError, match="without BEGIN"):
        parse_ics(good.replace(b"BEGIN:VEVENT\r\n", b"", 1))


# --------------------------------------------------------------------------- a third language

ENGLISH = """\
writing_system:
  only: ""
calendar:
  weekdays: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
  weekday: " ({name})"
  month_day: "{month}/{day}"
  day: "{day}"
  part_of_month: "{part} of {month}"
  monthly: Every month
  month_heading: "{month}/{year}"
  school_year: "School year {year}"
  bracketed: " ({text})"
  colon: ": "
  separator: ", "
  holiday: Holiday in Japan
  tba: date to be announced
  audience: For
  tables: {plan: Annual plan, committee: Anti-bullying committee}
  audiences: {students: Students, parents: Parents, staff: Staff}
  term: {when: Date, what: Activity}
  months:
    heading: Month by month
    add: Add to my calendar
    add_help: An iCalendar (.ics) file for the calendar app of a phone or computer.
    committee: Committee
    legend: "Holiday in Japan: a national holiday. Committee: the anti-bullying committee's plan."
    tentative: "{title} ({label}) has no day yet: the calendar file has it from {start} to {end}, marked tentative."
    left_out: "{title} ({label}) has no fixed day and is not in the calendar file."
  ics:
    name: "{year_label}: anti-bullying plan"
    tentative: " (date to be announced)"
    tentative_note: "Planned for {label}; the school will announce the day."
    audience: "For: {names}"
    source: "From: {table}"
"""


@pytest.fixture
def english(tmp_path: Path) -> tuple[Languages, dict[str, Catalogue], Presentation]:
    """The site's languages and catalogues with English added: a catalogue file, no code."""
    path = tmp_path / "locales" / "en.yml"
    path.parent.mkdir()
    path.write_text(ENGLISH, encoding="utf-8")
    catalogues = {**CATALOGUES, "en": load_catalogue(path, "en", "locales/en.yml")}
    languages = Languages(LANGUAGES.all + (Language(code="en", tag="en", name="English", default=False),))
    systems = WritingSystems.from_catalogues({code: c.text("writing_system.only") for code, c in catalogues.items()})
    return languages, catalogues, Presentation(catalogues["en"], languages.tags, systems, HOLIDAYS)


TRILINGUAL = GOOD.replace("{ja: 研修, zh: 研修}", "{ja: 研修, zh: 研修, en: Staff training}").replace(
    "4月12日", "11月中旬") + """\
- id: two
  table: committee
  term: 1
  when: 4月29日～5月7日
  title: {ja: 家庭訪問, zh: 家访, en: Home visits}
  notes: {ja: 全学年, zh: 全年级, en: all years}
  audience: [students, parents]
"""


def test_the_english_test_catalogue_has_every_calendar_string(english) -> None:
    _, catalogues, _ = english
    assert [key for key in missing_keys(CATALOGUES["zh"], catalogues["en"]) if key.startswith("calendar.")] == []


def test_a_third_language_gets_its_labels_from_its_catalogue_alone(tmp_path: Path, english) -> None:
    languages, catalogues, presentation = english
    calendar = load_calendar(_calendar_file(tmp_path, TRILINGUAL), languages.codes)
    config = _config("en", languages, catalogues)
    term = _render(calendar, CalendarBlock(2019, "term", "committee", 1), "en", presentation, config)
    assert '<th scope="col">Date</th><th scope="col">Activity</th>' in term
    assert '<time datetime="2019-04-29">4/29<span class="anshin-cal__weekday"> (Mon)</span></time>' in term
    assert '<time datetime="2019-05-07">5/7<span class="anshin-cal__weekday"> (Tue)</span></time>' in term
    assert "Home visits</span><span class=\"anshin-cal__notes\"> (all years)</span>" in term
    assert '<span class="anshin-cal__hidden">For: </span> <span class="anshin-cal__chip">Students</span>' in term
    # The holiday it starts on is named in Japanese, marked as Japanese on the English page.
    assert '<span class="anshin-cal__holiday-mark">Holiday in Japan: <span lang="ja">昭和の日</span></span>' in term
    view = _render(calendar, CalendarBlock(2019, "months"), "en", presentation, config)
    assert ">4/2019</h4>" in view and ">5/2019</h4>" in view and "令和" not in view.split("anshin-cal__sheet")[1]
    assert '<p class="anshin-cal__sheet-title">School year 2019: anti-bullying plan</p>' in view
    assert "Staff training (中旬 of 11) has no day yet: the calendar file has it from" in view
    assert 'Add to my calendar</a>' in view and '<span lang="ja">天皇の即位の日・' in view
    assert block_context(calendar, CalendarBlock(2019, "months"), presentation, "x.ics")["year_label"] == "School year 2019"


def test_a_third_language_gets_its_feed_from_its_catalogue_alone(tmp_path: Path, english) -> None:
    languages, catalogues, _ = english
    calendar = load_calendar(_calendar_file(tmp_path, TRILINGUAL), languages.codes)
    head, events = parse_ics(to_ics(calendar, catalogues["en"], languages.tag("en")))
    assert head["X-WR-CALNAME"][1] == "School year 2019: anti-bullying plan"
    assert head["PRODID"][1].endswith("//EN")
    by_uid = {event["UID"][1]: event for event in events}
    survey, visits = by_uid["2019-one-en@anshin"], by_uid["2019-two-en@anshin"]
    assert survey["SUMMARY"] == ({"LANGUAGE": "en"}, "Staff training (date to be announced)")
    assert _unescape(survey["DESCRIPTION"][1]) == ("Planned for 中旬 of 11; the school will announce the day.\n"
                                                  "For: Staff\nFrom: Annual plan")
    assert _unescape(visits["SUMMARY"][1]) == "Anti-bullying committee: Home visits (all years)"
    assert _unescape(visits["CATEGORIES"][1]) == "Anti-bullying committee"


def test_a_third_language_needs_every_title_in_it(tmp_path: Path) -> None:
    path = _calendar_file(tmp_path, GOOD)
    with pytest.raises(DataError) as caught:
        load_calendar(path, (*CODES, "en"))
    assert str(caught.value) == (
        f"{path}:5: the title has no 'en' text — fix: write the 'en' text under 'title:' "
        "(with the wording of docs/policy/anti-bullying.<code>.md)")


def test_the_holiday_settings_are_read_from_mkdocs_yml(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    assert _holidays(load_config(config_file=str(ROOT / "mkdocs.yml"))) == HOLIDAYS
    file = tmp_path / "mkdocs.yml"
    file.write_text("site_name: x\nextra:\n  holidays:\n    calendar: jp\n", encoding="utf-8")
    for extra, problem in (
        ({}, "mkdocs.yml:3: extra.holidays is missing or not a mapping — fix: write 'holidays: "),
        ({"holidays": {"calendar": "cn", "language": "ja"}},
         "mkdocs.yml:3: extra.holidays.calendar: Expected one of: ('jp',) but received: 'cn' — fix: "),
        ({"holidays": {"calendar": "jp"}}, "mkdocs.yml:3: extra.holidays.language: Required configuration"),
        ({"holidays": {"calendar": "jp", "language": "ja", "lang": "ja"}},
         "mkdocs.yml:3: extra.holidays.lang: Unrecognised configuration name: lang — fix: "),
    ):
        with pytest.raises(PluginError) as caught:
            _holidays(SimpleNamespace(extra=extra, config_file_path=str(file)))
        assert str(caught.value).startswith(problem), str(caught.value)
    assert _holidays(SimpleNamespace(extra={"holidays": {"calendar": "jp", "language": "vi"}},
                                     config_file_path=str(file))) == Holidays("jp", "vi")


@pytest.mark.parametrize(("first", "last"), [
    ((2019, 4, 1), (2021, 3, 31)),     # two school years: what contacts.js is given
    ((2019, 12, 31), (2020, 1, 13)),   # across a new year, to 成人の日
    ((2020, 2, 24), (2020, 2, 29)),    # a leap day, after the 振替休日 of 天皇誕生日
    ((2019, 5, 3), (2019, 5, 3)),      # one day inside Golden Week
    ((2019, 11, 5), (2019, 11, 22)),   # a range with no holiday in it
])
def test_holidays_between_two_days_are_the_ones_jpholiday_knows(
        tmp_path: Path, first: tuple[int, int, int], last: tuple[int, int, int]) -> None:
    # Holidays works month by month and keeps each month in the machine's cache; whatever the
    # range and whether the months come from jpholiday or from the cache, the days are
    # jpholiday's own answer for the range.
    import jpholiday

    from anshin.analysis_cache import AnalysisCache

    start, end = datetime.date(*first), datetime.date(*last)
    expected = [(day, name) for day, name in jpholiday.between(start, end)]
    cache = AnalysisCache.open(tmp_path, "holidays", "test")
    assert Holidays("jp", "ja").between(start, end) == expected
    assert Holidays("jp", "ja", cache=cache).between(start, end) == expected   # worked out, then kept
    assert Holidays("jp", "ja", cache=cache).between(start, end) == expected   # read from the cache
    assert [Holidays("jp", "ja", cache=cache).name(day) for day, _ in expected] == [name for _, name in expected]


# --------------------------------------------------------------------------- builds


@pytest.mark.slow
def test_strict_build_writes_one_feed_per_language_and_links_it(built_site: Path) -> None:
    for page, feed, language in (("policy/anti-bullying/index.html", "calendar/anshin-2019.ics", "zh"),
                                 ("ja/policy/anti-bullying/index.html", "ja/calendar/anshin-2019.ics", "ja")):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "anshin:calendar" not in html
        assert html.count('class="anshin-cal anshin-cal--term"') == 6 and html.count("anshin-cal--months") == 1
        href = re.search(r'<a class="[^"]*anshin-cal__add[^"]*" href="([^"]+)"', html).group(1)
        assert (built_site / page).parent.joinpath(href).resolve() == (built_site / feed).resolve()
        head, events = parse_ics((built_site / feed).read_bytes())
        assert len(events) == 28 and all(e["UID"][1].endswith(f"-{language}@anshin") for e in events)


@pytest.mark.slow
def test_two_builds_write_identical_feeds(tmp_path: Path) -> None:
    for name in ("one", "two"):
        result = run_build(ROOT, tmp_path / name)
        assert result.returncode == 0, result.stdout + result.stderr
    for feed in ("calendar/anshin-2019.ics", "ja/calendar/anshin-2019.ics"):
        assert (tmp_path / "one" / feed).read_bytes() == (tmp_path / "two" / feed).read_bytes()


def _broken_build(tmp_path: Path, edit) -> str:
    project = copy_project(tmp_path / "project")
    edit(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    return output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_bad_calendar_data_fails_the_build_with_file_line_and_fix(tmp_path: Path) -> None:
    line = DATA.read_text(encoding="utf-8").splitlines().index("  when: 5月15日") + 1
    output = _broken_build(tmp_path, lambda p: _edit(p / "data/calendar/2019.yml", "when: 5月15日", "when: 2月30日"))
    assert f"data/calendar/2019.yml:{line}: 2月30日 does not exist: 2月 of 2020 has 29 days — fix: correct the day" in output


@pytest.mark.slow
def test_an_event_on_a_holiday_fails_the_strict_build(tmp_path: Path) -> None:
    line = DATA.read_text(encoding="utf-8").splitlines().index("  when: 10月16日") + 1
    output = _broken_build(tmp_path, lambda p: _edit(p / "data/calendar/2019.yml", "when: 10月16日", "when: 10月22日"))
    assert (f"data/calendar/2019.yml:{line}: 'plan-staff-training-5' is on 10月22日(火), a national holiday in "
            f"Japan (即位礼正殿の儀) — fix:") in output
    assert "on_holiday: true" in output


@pytest.mark.slow
def test_an_unreadable_marker_names_the_page_line(tmp_path: Path) -> None:
    line = PAGES["zh"].read_text(encoding="utf-8").splitlines().index("<!-- anshin:calendar 2019 plan 2 -->") + 1
    output = _broken_build(tmp_path, lambda p: _edit(p / "docs/policy/anti-bullying.zh.md",
                                                     "anshin:calendar 2019 plan 2", "anshin:calendar 2019 plan 5"))
    assert f"docs/policy/anti-bullying.zh.md:{line}: calendar marker '2019 plan 5' is not understood — fix:" in output


# --------------------------------------------------------------------------- limits
# How much work a calendar costs, counted rather than timed (the times are in
# benchmarks/limits.py): a 10,000-event school year must cost ten times a 1,000-event one.


def test_the_calendars_are_read_once_per_build(monkeypatch: pytest.MonkeyPatch) -> None:
    import anshin.school_calendar as module

    reads: list[Path] = []
    original = module.load_calendar
    monkeypatch.setattr(module, "load_calendar", lambda path, codes: reads.append(path) or original(path, codes))
    context = BuildContext(root=ROOT, docs=ROOT / "docs", languages=LANGUAGES, catalogues=CATALOGUES,
                           school=load_school(ROOT / "data" / "school.yml", CODES), holidays=HOLIDAYS)
    for code in CODES:  # every language's build, and every page in it, asks for them
        context.builds.append(LanguageBuild(LANGUAGES[code], CATALOGUES[code]))
        assert set(context.calendars) == {2019}
        assert set(context.calendars) == {2019}
        context.builds.pop()
    assert reads == [DATA]


def test_reading_a_calendar_pauses_the_cyclic_collector_and_restores_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import anshin.school_calendar as module

    during: list[bool] = []
    original = module.load_entries
    monkeypatch.setattr(module, "load_entries", lambda path, what: during.append(gc.isenabled()) or original(path, what))
    assert gc.isenabled()
    load_calendar(DATA, CODES)
    with pytest.raises(DataError):
        load_calendar(_calendar_file(tmp_path, GOOD.replace("term: 1", "term: 4")), CODES)
    assert during == [False, False]
    assert gc.isenabled()  # after a good file and after a bad one
    gc.disable()
    try:  # a caller that had turned it off keeps it off
        load_calendar(DATA, CODES)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_month_view_shows_each_event_once_per_month_it_spans(
        calendar: Calendar, monkeypatch: pytest.MonkeyPatch) -> None:
    import anshin.school_calendar as module

    calls: list[str] = []
    original = module.shown
    monkeypatch.setattr(module, "shown", lambda event, *a, **k: calls.append(event.id) or original(event, *a, **k))

    def spanned(event) -> int:
        if event.when.kind == "monthly":
            return 12
        start, end = event.when.start, event.when.end
        return (end.year - start.year) * 12 + end.month - start.month + 1

    months(calendar, where(CODES[0]))
    assert len(calls) == sum(spanned(event) for event in calendar.events)
