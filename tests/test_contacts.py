"""Who to call (data/contacts.yml, anshin/contacts.py, hooks/contacts.py): numbers that
are numbers, hours that are hours, the policy's tables rendered from the data exactly as
the policy printed them, a `tel:` link on every number of the site, the "who to call"
page one tap from every page on a phone, and "open now" right for fixed clock times."""

from __future__ import annotations

import datetime
import html
import json
import re
import subprocess
import zoneinfo
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from anshin.contacts import (
    Dialling,
    find_phone_numbers,
    hours_text,
    link_numbers,
    load_contacts,
    parse_hours,
    parse_number,
)
from anshin.data_files import DataError
from anshin.schema import Invalid
from tests.conftest import ROOT, site_pages
from tests.html_tools import parse
from tests.project import LANGUAGES, catalogue

KITAKYUSHU = Dialling("JP", "093")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
PHONE = {"width": 390, "height": 844}

# The policy's two tables as they were typed into the pages (from the seed document and
# its translation) before they were rendered from data/contacts.yml: the data must give
# back these very cells, in both languages.
POLICY_TABLES = {
    "ja": [
        [["機関名", "連絡先"],
         ["教育委員会指導部 指導第二課", "582-2369"], ["特別支援教育相談センター", "921-2230"],
         ["子ども総合センター", "881-4556"], ["精神保健福祉センター", "522-8729"],
         ["八幡西区 子ども家庭相談コーナー", "642-0115"]],
        [["機関名", "連絡先", "受付時間"],
         ["24時間子ども相談ホットライン", "881-4152", "—"],
         ["ハートケア北九州 (北九州少年サポートセンター)", "881-7830", "月～金 9時～17時45分"],
         ["子ども人権110番 (法務局・地方法務局)", "0120-007-110", "月～金 8時30分～17時15分"],
         ["いのちの電話", "671-4343", "24時間"],
         ["チャイルドライン", "0120-99-7777", "月～土 16時～21時"]],
    ],
    "zh": [
        [["机构名称", "联系电话"],
         ["教育委员会指导部 指导第二科（教育委員会指導部 指導第二課）", "582-2369"],
         ["特别支援教育咨询中心（特別支援教育相談センター）", "921-2230"],
         ["儿童综合中心（子ども総合センター）", "881-4556"],
         ["精神保健福祉中心（精神保健福祉センター）", "522-8729"],
         ["八幡西区 儿童家庭咨询窗口（八幡西区 子ども家庭相談コーナー）", "642-0115"]],
        [["机构名称", "联系电话", "受理时间"],
         ["24小时儿童咨询热线（24時間子ども相談ホットライン）", "881-4152", "—"],
         ["心灵关怀北九州（ハートケア北九州） (北九州少年支援中心〔北九州少年サポートセンター〕)", "881-7830",
          "周一～周五 9时～17时45分"],
         ["儿童人权110热线（子ども人権110番） (法务局、地方法务局〔法務局・地方法務局〕)", "0120-007-110",
          "周一～周五 8时30分～17时15分"],
         ["生命热线（いのちの電話）", "671-4343", "24小时"],
         ["儿童热线（チャイルドライン）", "0120-99-7777", "周一～周六 16时～21时"]],
    ],
}


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(("written", "dial"), [
    ("582-2369", "+81935822369"),          # local, as Japanese documents print them
    ("093-582-2369", "+81935822369"),
    ("0120-99-7777", "+81120997777"),      # free dial
    ("0120- 007-110", "+81120007110"),     # as the seed's PDF text broke it
    ("+81-93-582-2369", "+81935822369"),
    ("03-1234-5678", "+81312345678"),
    ("090-1234-5678", "+819012345678"),    # a mobile
    ("110", "110"),                        # service numbers have no E.164 form
    ("189", "189"),
])
def test_numbers_dial_in_e164_and_show_as_written(written: str, dial: str) -> None:
    number = parse_number(written, KITAKYUSHU)
    assert (number.written, number.dial, number.href) == (written.strip(), dial, "tel:" + dial)


@pytest.mark.parametrize("written", ["582-23x9", "58-236", "12-34", "2019-2020", "0120", "", "1234567890123456789"])
def test_what_is_not_a_phone_number_is_refused(written: str) -> None:
    with pytest.raises(Invalid, match="is not a phone number"):
        parse_number(written, KITAKYUSHU)


def test_a_local_number_needs_the_area_code() -> None:
    with pytest.raises(Invalid):
        parse_number("582-2369", Dialling("JP", ""))


def test_numbers_are_found_in_text_but_dates_years_and_postal_codes_are_not() -> None:
    text = "电话 582-2369，2019-2020年度，〒806-0021，第1-2条，8:30-17:15，2019-04-01，0120-99-7777。"
    found = [(text[start:end], number.dial) for start, end, number in find_phone_numbers(text, KITAKYUSHU)]
    assert found == [("582-2369", "+81935822369"), ("0120-99-7777", "+81120997777")]


def test_numbers_in_html_text_become_links_but_not_in_code_links_or_tags() -> None:
    page = ('<p>窓口 582-2369、<code>093-111-1111</code>、<a href="x">093-222-2222</a>、'
            '<span title="093-333-3333">チャイルドライン 0120-99-7777</span></p><pre><code>0120-99-7777</code></pre>')
    linked = link_numbers(page, KITAKYUSHU, {"+81120997777": "0120-99-7777に電話する（チャイルドライン）"})
    assert linked == ('<p>窓口 <a class="anshin-tel" href="tel:+81935822369">582-2369</a>、<code>093-111-1111</code>、'
                      '<a href="x">093-222-2222</a>、<span title="093-333-3333">チャイルドライン '
                      '<a class="anshin-tel" href="tel:+81120997777" aria-label="0120-99-7777に電話する（チャイルドライン）">'
                      '0120-99-7777</a></span></p><pre><code>0120-99-7777</code></pre>')


# ------------------------------------------------------------------ hours


def _at(day: str, clock: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TOKYO)


HOLIDAYS = frozenset({datetime.date(2019, 11, 4)})   # 振替休日, a Monday


@pytest.mark.parametrize(("hours", "moment", "expected"), [
    ("mon-fri 09:00-17:45", _at("2019-11-05", "10:00"), True),     # a Tuesday morning
    ("mon-fri 09:00-17:45", _at("2019-11-05", "17:45"), False),    # the end is exclusive
    ("mon-fri 09:00-17:45", _at("2019-11-05", "08:59"), False),
    ("mon-fri 09:00-17:45", _at("2019-11-10", "22:00"), False),    # a Sunday night
    ("mon-fri 09:00-17:45", _at("2019-11-04", "10:00"), False),    # a public holiday
    ("mon-sat 16:00-21:00", _at("2019-11-09", "16:30"), True),     # a Saturday
    ("mon-fri 09:00-12:00, sat+sun 10:00-11:00", _at("2019-11-10", "10:30"), True),
    ("24h", _at("2019-11-10", "03:00"), True),
    ("24h", _at("2019-11-04", "03:00"), True),
])
def test_open_now(hours: str, moment: datetime.datetime, expected: bool) -> None:
    parsed = parse_hours(hours)
    assert parsed is not None and parsed.is_open(moment, HOLIDAYS) is expected


def test_a_line_open_on_holidays_answers_on_one() -> None:
    parsed = parse_hours("mon-fri 09:00-17:00", on_holidays=True)
    assert parsed is not None and parsed.is_open(_at("2019-11-04", "10:00"), HOLIDAYS)


@pytest.mark.parametrize(("hours", "problem"), [
    ("月～金 9時～17時", "are not 'days hh:mm-hh:mm'"),
    ("mon-fri 9-17", "are not 'days hh:mm-hh:mm'"),
    ("fri-mon 09:00-12:00", "runs backwards"),
    ("mon-fri 17:00-09:00", "is not after"),
    ("mon-fri 09:00-25:00", "not a time of day"),
    ("monday 09:00-12:00", "not a day"),
])
def test_hours_that_do_not_parse_say_how_to_write_them(hours: str, problem: str) -> None:
    with pytest.raises(Invalid, match=re.escape(problem)) as raised:
        parse_hours(hours)
    assert raised.value.fix


def test_hours_read_as_the_policy_prints_them() -> None:
    shown = {code: [hours_text(parse_hours(hours), catalogue(code).text)
                    for hours in ("", "mon-fri 09:00-17:45", "mon-fri 08:30-17:15", "24h", "mon-sat 16:00-21:00")]
             for code in ("ja", "zh")}
    assert shown["ja"] == [row[2] for row in POLICY_TABLES["ja"][1][1:]]
    assert shown["zh"] == [row[2] for row in POLICY_TABLES["zh"][1][1:]]
    assert hours_text(parse_hours("sat+sun 10:00-11:00"), catalogue("ja").text) == "土・日 10時～11時"


# ------------------------------------------------------------------ the data file


def _contacts_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """- id: childline
  group: consultation
  name:
    zh: 儿童热线
    ja: チャイルドライン
  number: 0120-99-7777
  hours: mon-sat 16:00-21:00
"""


def test_the_sites_contacts_load() -> None:
    contacts = load_contacts(ROOT / "data" / "contacts.yml", LANGUAGES.codes, KITAKYUSHU)
    assert {contact.group for contact in contacts} == {"agency", "consultation", "emergency"}
    assert len({contact.number.dial for contact in contacts}) == len(contacts)


@pytest.mark.parametrize(("old", "new", "line", "problem"), [
    ("number: 0120-99-7777", "number: 0120-99-777x", 6, "is not a phone number"),
    ("hours: mon-sat 16:00-21:00", "hours: 16時～21時", 7, "are not 'days hh:mm-hh:mm'"),
    ("    ja: チャイルドライン\n", "", 3, "'ja'"),
    ("group: consultation", "group: hotline", 2, "group"),
])
def test_bad_contacts_name_the_line_and_the_fix(tmp_path: Path, old: str, new: str, line: int, problem: str) -> None:
    path = _contacts_file(tmp_path, ENTRY.replace(old, new))
    with pytest.raises(DataError) as raised:
        load_contacts(path, LANGUAGES.codes, KITAKYUSHU)
    assert raised.value.line == line and problem in raised.value.problem and raised.value.fix, str(raised.value)


def test_an_emptied_contacts_file_is_an_error_and_a_missing_one_is_no_contacts(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no entries"):
        load_contacts(_contacts_file(tmp_path, "# nothing\n"), LANGUAGES.codes, KITAKYUSHU)
    assert load_contacts(tmp_path / "absent.yml", LANGUAGES.codes, KITAKYUSHU) == []


def test_contacts_need_the_country_to_dial_in(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="country"):
        load_contacts(_contacts_file(tmp_path, ENTRY), LANGUAGES.codes, None)


# ------------------------------------------------------------------ the built pages


def _html(built_site: Path, url: str) -> str:
    return (built_site / url / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _tables(page: str) -> list[list[list[str]]]:
    return [[[_text(cell) for cell in re.findall(r"<t[hd]>(.*?)</t[hd]>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)]
            for table in re.findall(r'<table class="anshin-contacts-table">(.*?)</table>', page, re.DOTALL)]


def _links(page: str, prefix: str) -> list[tuple[dict[str, str], str]]:
    return [(a.attrs, a.text) for a in parse(page).find_all("a") if a.attrs.get("href", "").startswith(prefix)]


@pytest.mark.parametrize("code", ["ja", "zh"])
def test_the_policys_tables_are_the_data_exactly_as_the_policy_printed_them(built_site: Path, code: str) -> None:
    page = _html(built_site, LANGUAGES.page_url("policy/anti-bullying.md", code))
    assert _tables(page) == POLICY_TABLES[code]
    if code == "zh":
        # The official Japanese names carry their language.
        tables = "".join(re.findall(r'<table class="anshin-contacts-table">.*?</table>', page, re.DOTALL))
        assert set(re.findall(r'<span lang="([^"]+)">', tables)) == {"ja"}


def test_no_page_types_a_number_of_the_contacts_file() -> None:
    numbers = [contact.number.written for contact in load_contacts(ROOT / "data" / "contacts.yml", LANGUAGES.codes,
                                                                     KITAKYUSHU) if not contact.number.is_service_number]
    def prose(path: Path) -> str:   # the editor's guide quotes data/contacts.yml in code: not typed numbers
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
        return re.sub(r"`[^`\n]*`", "", text)

    typed = {path.relative_to(ROOT).as_posix(): number for path in (ROOT / "docs").rglob("*.md")
             for number in numbers if number in prose(path)}
    assert not typed, typed


def test_every_tel_link_of_the_site_dials_a_valid_number_and_is_named(built_site: Path) -> None:
    links = 0
    for path in site_pages(built_site):
        for attrs, text in _links(path.read_text(encoding="utf-8"), "tel:"):
            dial = attrs["href"].removeprefix("tel:")
            parsed = phonenumbers.parse(dial, "JP")
            if dial.startswith("+"):
                assert re.fullmatch(r"\+[1-9]\d{6,14}", dial) and phonenumbers.is_valid_number(parsed), (path, dial)
            else:
                assert shortnumberinfo.is_valid_short_number_for_region(parsed, "JP"), (path, dial)
            # The accessible name says whom it calls, and contains what is seen (WCAG 2.5.3).
            assert text and text in attrs.get("aria-label", ""), (path, attrs, text)
            links += 1
    # 10 numbers in each language's policy tables, 12 on each "who to call" page
    assert links >= 2 * (10 + 12), links


def test_a_number_typed_in_a_page_becomes_a_tel_link(tmp_path: Path) -> None:
    from tests.conftest import copy_project, run_build

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "glossary.ja.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n学校への連絡は 093-000-0000 まで。チャイルドライン 0120-99-7777、"
                    "2019-2020年度、〒806-0021。\n\n    コード 093-111-1111\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "ja" / "glossary" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    links = {attrs["href"]: (text, attrs.get("aria-label")) for attrs, text in _links(article, "tel:")}
    assert links == {"tel:+81930000000": ("093-000-0000", None),
                     "tel:+81120997777": ("0120-99-7777", "0120-99-7777に電話する（チャイルドライン）")}


@pytest.mark.parametrize("code", ["ja", "zh"])
def test_every_page_has_the_help_button_to_its_languages_contacts_page(built_site: Path, code: str) -> None:
    root = built_site / LANGUAGES[code].root
    pages = [p for p in site_pages(root) if code != LANGUAGES.default.code or not p.is_relative_to(built_site / "ja")]
    assert len(pages) >= 19
    for path in pages:
        buttons = [a for a in parse(path.read_text(encoding="utf-8")).find_all("a")
                   if "anshin-help-button" in a.attrs.get("class", "").split()]
        assert len(buttons) == 1, path
        href = buttons[0].attrs["href"]
        expected = "/" + LANGUAGES.page_url("contacts.md", code)
        target = href if href.startswith("/") else \
            "/" + (path.parent / href).resolve().relative_to(built_site.resolve()).as_posix() + "/"
        assert target.replace("//", "/") == expected, (path, href)
        assert buttons[0].text.strip() == catalogue(code).text("contacts.header")


# ------------------------------------------------------------------ in the browser, on a phone


def _phone(browser, **options):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)
    return context, context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["ja", "zh"])
@pytest.mark.parametrize("start", ["", "policy/anti-bullying.md", "calendar.md"], ids=["landing", "policy", "calendar"])
def test_the_contacts_are_one_tap_away(browser, site_url: str, code: str, start: str) -> None:
    context, page = _phone(browser)
    try:
        page.goto(site_url + LANGUAGES.page_url(start or "index.md", code))
        button = page.get_by_role("link", name=catalogue(code).text("contacts.header_label"))
        assert button.is_visible()
        box = button.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24   # WCAG 2.5.8 target size
        button.tap()
        page.wait_for_url("**/" + LANGUAGES.page_url("contacts.md", code))
        assert page.locator("article h1").inner_text().rstrip("¶") == catalogue(code).text("contacts.page_title")
        assert page.locator("a.anshin-contact__number").count() >= 12
    finally:
        context.close()


def _statuses(browser, site_url: str, moment: str, code: str = "ja") -> dict[str, str]:
    context, page = _phone(browser)
    try:
        page.clock.set_fixed_time(datetime.datetime.fromisoformat(moment))
        page.goto(site_url + LANGUAGES.page_url("contacts.md", code))
        return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.anshin-contact')]
            .map(li => [li.id.replace('contact-', ''), (li.querySelector('[data-status]:not([hidden])') || {}).textContent || '']))""")
    finally:
        context.close()


@pytest.mark.browser
def test_open_now_on_a_weekday_morning(browser, site_url: str) -> None:
    # Tuesday 5 November 2019, 10:00 in Japan, seen from a phone set to any time zone
    shown = _statuses(browser, site_url, "2019-11-05T10:00:00+09:00")
    assert (shown["heart-care"], shown["childrens-rights-110"], shown["childline"], shown["lifeline"], shown["police"]) \
        == ("受付中", "受付中", "受付時間外", "受付中", "受付中")
    assert shown["children-24h-hotline"] == ""   # no published hours: no claim either way


@pytest.mark.browser
def test_open_now_on_a_sunday_night(browser, site_url: str) -> None:
    shown = _statuses(browser, site_url, "2019-11-10T22:00:00+09:00", code="zh")
    assert (shown["heart-care"], shown["childline"], shown["lifeline"]) == ("现在不在受理时间", "现在不在受理时间", "现在可以拨打")


@pytest.mark.browser
def test_open_now_on_a_public_holiday(browser, site_url: str) -> None:
    # Monday 4 November 2019 is 振替休日 (jpholiday): offices open on weekdays are closed.
    shown = _statuses(browser, site_url, "2019-11-04T01:30:00Z")   # 10:30 in Japan
    assert (shown["heart-care"], shown["childrens-rights-110"], shown["lifeline"]) \
        == ("本日は祝日のため休み", "本日は祝日のため休み", "受付中")
    # The next day, an ordinary Tuesday, at the same hour
    assert _statuses(browser, site_url, "2019-11-05T01:30:00Z")["heart-care"] == "受付中"


@pytest.mark.browser
def test_the_page_says_open_exactly_when_the_hours_say_so_across_a_week(browser, site_url: str) -> None:
    # contacts.js works "open now" out in the browser; anshin.contacts.Hours.is_open is the
    # rule it is held to, for every line of data/contacts.yml, at moments around the
    # openings and closings of a week with the 振替休日 of 4 November 2019 in it.
    from anshin.school_calendar import Holidays

    contacts = {c.id: c for c in load_contacts(ROOT / "data" / "contacts.yml", LANGUAGES.codes, KITAKYUSHU)}
    holidays = frozenset(day for day, _ in Holidays(calendar="jp", language="ja").between(datetime.date(2019, 11, 1),
                                                                        datetime.date(2019, 11, 30)))
    assert datetime.date(2019, 11, 4) in holidays
    moments = [_at(day, clock) for day in ("2019-11-04", "2019-11-05", "2019-11-09", "2019-11-10")
               for clock in ("08:29", "08:30", "09:00", "16:00", "17:14", "17:15", "17:45", "20:59", "21:00", "23:59")]
    words = {"open": "受付中", "closed": "受付時間外", "holiday": "本日は祝日のため休み"}
    for moment in moments:
        shown = _statuses(browser, site_url, moment.isoformat())
        for id_, contact in contacts.items():
            if contact.hours is None:
                assert shown[id_] == "", (moment, id_)
                continue
            expected = "open" if contact.hours.is_open(moment, holidays) else \
                "holiday" if moment.date() in holidays and not contact.hours.on_holidays else "closed"
            assert shown[id_] == words[expected], (moment, id_, shown[id_])


@pytest.mark.browser
def test_without_javascript_the_hours_are_text_and_nothing_claims_open(browser, site_url: str) -> None:
    context, page = _phone(browser, java_script_enabled=False)
    try:
        page.goto(site_url + LANGUAGES.page_url("contacts.md", "ja"))
        hours = page.locator("#contact-childline .anshin-contact__hours").inner_text()
        assert hours.startswith("月～土 16時～21時")
        assert page.locator("[data-status]:visible").count() == 0
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["ja", "zh"])
def test_the_contacts_page_prints_on_one_sheet(browser, site_url: str, code: str, tmp_path: Path) -> None:
    context, page = _phone(browser)
    try:
        page.goto(site_url + LANGUAGES.page_url("contacts.md", code))
        page.emulate_media(media="print")
        pdf = tmp_path / f"contacts.{code}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert pages == 1, f"{pages} pages"
    assert "0120-99-7777" in text and "671-4343" in text


@pytest.mark.browser
def test_the_contacts_page_passes_axe_on_a_phone(browser, site_url: str) -> None:
    from tools.audit import AXE, WCAG_TAGS

    for code in ("ja", "zh"):
        context, page = _phone(browser)
        try:
            page.clock.set_fixed_time(datetime.datetime.fromisoformat("2019-11-05T10:00:00+09:00"))  # statuses shown
            page.goto(site_url + LANGUAGES.page_url("contacts.md", code), wait_until="networkidle")
            assert page.locator("[data-status]:visible").count() >= 6
            page.add_script_tag(path=str(AXE))
            results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        finally:
            context.close()
        assert results["violations"] == [], json.dumps(results["violations"], ensure_ascii=False)[:2000]


@pytest.mark.browser
def test_from_a_sub_path_the_help_button_and_open_now_work(browser, sub_path_site) -> None:
    context, page = _phone(browser)
    try:
        page.clock.set_fixed_time(datetime.datetime.fromisoformat("2019-11-05T10:00:00+09:00"))
        page.goto(sub_path_site.url + LANGUAGES.page_url("policy/anti-bullying.md", "ja"))
        page.get_by_role("link", name=catalogue("ja").text("contacts.header_label")).tap()
        page.wait_for_url(sub_path_site.url + LANGUAGES.page_url("contacts.md", "ja"))
        assert page.locator("#contact-heart-care [data-status]").inner_text() == "受付中"
    finally:
        context.close()


def test_the_schools_own_number_heads_the_contacts_page_once_it_is_set(tmp_path: Path) -> None:
    from tests.conftest import copy_project, run_build

    project = copy_project(tmp_path / "project")
    school = project / "data" / "school.yml"
    text = school.read_text(encoding="utf-8")
    text = text.replace('phone: ""', 'phone: "093-641-1234"').replace('name:                 # the school\'s name in each '
                                                                      'language; fills the blank ==xx小学==\n  zh: ""\n'
                                                                      '  ja: ""', 'name:\n  zh: 黑崎中学\n  ja: 黒崎中学校')
    school.write_text(text, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for code, name, label in (("ja", "黒崎中学校", "093-641-1234に電話する（黒崎中学校）"),
                              ("zh", "黑崎中学", "拨打 093-641-1234（黑崎中学）")):
        page = (tmp_path / "site" / LANGUAGES.page_url("contacts.md", code) / "index.html").read_text(encoding="utf-8")
        first = page.index('<li class="anshin-contact"')
        assert page.index('id="contact-school"') == first + len('<li class="anshin-contact" ')
        assert f'<p class="anshin-contact__name">{name}</p>' in page
        assert (f'<a class="anshin-tel anshin-contact__number" href="tel:+81936411234" aria-label="{label}">'
                f'093-641-1234</a>') in page


def test_a_school_number_that_is_not_one_fails_at_its_line(tmp_path: Path) -> None:
    from tests.conftest import copy_project, run_build

    project = copy_project(tmp_path / "project")
    school = project / "data" / "school.yml"
    text = school.read_text(encoding="utf-8")
    school.write_text(text.replace('phone: ""', 'phone: "093-641-12"'), encoding="utf-8")
    line = text[:text.index('phone: ""')].count("\n") + 1
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"data/school.yml:{line}: '093-641-12' is not a phone number that can be dialled in JP — fix:" in output, output
