"""The calendar in Chromium: visible with its weekdays on desktop and phone, no sideways
scrolling, the .ics link serves a calendar, and the month view prints on one A4
landscape sheet."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROOT
from tests.project import LANGUAGES

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-results" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# What each language's policy page shows: its first date, May's heading, the feed link and the feed's name.
SHOWN = {
    "ja": ("4月12日(金)", "2019年（令和元年）5月", "カレンダーに追加", "2019（平成31）年度 いじめ防止の年間計画"),
    "zh": ("4月12日（周五）", "2019年5月", "添加到我的日历", "2019（平成31）学年度 防欺凌年度计划"),
}
PAGES = {code: (LANGUAGES.page_url("policy/anti-bullying.md", code), *SHOWN[code]) for code in LANGUAGES.codes}


def _open(browser, url: str, viewport: dict[str, int]):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: urlsplit(r.url).hostname not in (None, "127.0.0.1")
            and urlsplit(r.url).scheme in ("http", "https") and problems.append(r.url))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return context, page, problems


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("language", sorted(PAGES))
def test_calendar_is_visible_with_weekdays_and_fits_the_screen(browser, site_url: str, language: str,
                                                                viewport: str) -> None:
    path, first_day, may, add, _ = PAGES[language]
    context, page, problems = _open(browser, site_url + path, VIEWPORTS[viewport])
    try:
        term = page.locator(".anshin-cal--term").first
        term.scroll_into_view_if_needed()
        assert term.is_visible()
        assert page.locator(".anshin-cal--term time").first.inner_text() == first_day
        months = page.locator(".anshin-cal__month")
        assert months.count() == 12
        months.nth(1).scroll_into_view_if_needed()
        assert months.nth(1).is_visible() and months.nth(1).locator("h4").inner_text() == may
        assert page.locator(".anshin-cal__add").inner_text().strip() == add
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
        wider = page.evaluate("""() => [...document.querySelectorAll('.anshin-cal, .anshin-cal *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.className || e.tagName).slice(0, 5)""")
        assert not wider, f"calendar parts reach past the screen's edge: {wider}"
        if viewport == "phone":
            # One month per row, the date column beside the text, nothing squeezed to a sliver.
            widths = page.evaluate("""() => [...document.querySelectorAll('.anshin-cal__what')]
                .map(e => e.getBoundingClientRect().width)""")
            assert min(widths) > 150, widths
        assert not problems, problems
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".anshin-cal--term").first.screenshot(
            path=str(SCREENSHOTS / f"calendar_{language}_term_{viewport}.png"))
        page.locator(".anshin-cal--months").screenshot(
            path=str(SCREENSHOTS / f"calendar_{language}_months_{viewport}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_calendar_link_serves_the_language_feed(browser, site_url: str, language: str) -> None:
    path, *_, name = PAGES[language]
    context, page, problems = _open(browser, site_url + path, VIEWPORTS["phone"])
    try:
        link = page.locator("a.anshin-cal__add")
        link.focus()
        assert page.evaluate("document.activeElement.classList.contains('anshin-cal__add')")
        response = page.request.get(urljoin(page.url, link.get_attribute("href")))
        assert response.ok
        assert response.headers["content-type"].split(";")[0] == "text/calendar"
        body = response.body().decode("utf-8")
        assert body.startswith("BEGIN:VCALENDAR\r\n") and f"X-WR-CALNAME:{name}\r\n" in body
        assert body.count("BEGIN:VEVENT") == 28
    finally:
        context.close()


def _page_orientations(pdf: bytes) -> str:
    return "".join("L" if float(w) > float(h) else "P"
                   for w, h in re.findall(rb"/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]", pdf))


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_month_view_prints_on_one_a4_landscape_sheet(browser, site_url: str, language: str) -> None:
    path, *_ = PAGES[language]
    context, page, _ = _open(browser, site_url + path, VIEWPORTS["desktop"])
    try:
        page.emulate_media(media="print")
        assert page.locator(".anshin-cal__sheet-title").is_visible()
        orientations = _page_orientations(page.pdf(prefer_css_page_size=True))
        assert orientations.count("L") == 1 and "P" in orientations, orientations
        landscape = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+(8[34]\d\.?\d*)\s+(59\d\.?\d*)", page.pdf(prefer_css_page_size=True))
        assert landscape, "the landscape sheet is not A4 (842 × 595 pt)"
        # The check can fail: a month view too big for the sheet runs onto a second one.
        page.add_style_tag(content="@media print { .md-typeset ul.anshin-cal__agenda { font-size: 16pt } }")
        assert _page_orientations(page.pdf(prefer_css_page_size=True)).count("L") > 1
    finally:
        context.close()
