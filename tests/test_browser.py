"""The site in a real browser (Chromium through Playwright): pages render on desktop and
phone, the language switch works, text is drawn with the right CJK fonts, the console
stays clean and no request leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "test-results" / "screenshots"

PAGES = [
    ("", "zh-Hans", "安心"),
    ("ja/", "ja", "安心"),
    ("agreements/pickup/", "zh-Hans", "安全接送协议书"),
    ("ja/policy/anti-bullying/", "ja", "いじめ防止基本方針"),
]


class Visit:
    """A page opened in a fresh context, with its console errors and requests recorded."""

    def __init__(self, browser, url: str, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport, device_scale_factor=1)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        response = self.page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"]

    def close(self) -> None:
        self.context.close()


def _rendered_fonts(page, selector: str) -> dict[str, int]:
    """Fonts Chromium actually used to draw the text of the first element matching selector."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no element {selector}"
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(("path", "lang", "heading"), PAGES, ids=[p[0] or "root" for p in PAGES])
def test_page_renders_cleanly(browser, site_url: str, path: str, lang: str, heading: str,
                              viewport: dict[str, int]) -> None:
    visit = Visit(browser, site_url + path, viewport)
    try:
        page = visit.page
        assert page.evaluate("document.documentElement.lang") == lang
        h1 = page.locator("article h1").first
        assert h1.is_visible() and heading in h1.inner_text()
        assert not visit.errors, visit.errors
        assert not visit.foreign_requests(), visit.foreign_requests()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page scrolls sideways by {overflow}px"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = (path.strip("/").replace("/", "_") or "root") + ("_phone" if viewport == PHONE else "_desktop")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
    finally:
        visit.close()


@pytest.mark.parametrize(("path", "family"), [
    ("agreements/pickup/", "Noto Sans CJK SC"),
    ("ja/policy/anti-bullying/", "Noto Sans CJK JP"),
])
def test_han_text_is_drawn_with_the_page_languages_font(browser, site_url: str, path: str, family: str) -> None:
    # With fonts-noto-cjk installed, SC and JP differ only by the lang the page declares.
    visit = Visit(browser, site_url + path, DESKTOP)
    try:
        fonts = _rendered_fonts(visit.page, "article h1")
        assert family in fonts, fonts
    finally:
        visit.close()


def test_quoted_japanese_on_a_chinese_page_uses_japanese_font(browser, site_url: str) -> None:
    visit = Visit(browser, site_url, DESKTOP)
    try:
        fonts = _rendered_fonts(visit.page, 'article [lang="ja"] a')
        assert "Noto Sans CJK JP" in fonts, fonts
    finally:
        visit.close()


def _switch_language(page, name: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_language_switch_goes_both_ways(browser, site_url: str) -> None:
    visit = Visit(browser, site_url, DESKTOP)
    try:
        page = visit.page
        _switch_language(page, "日本語")
        assert page.url == site_url + "ja/"
        assert page.evaluate("document.documentElement.lang") == "ja"
        _switch_language(page, "中文")
        assert page.url == site_url
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert not visit.errors, visit.errors
    finally:
        visit.close()


def test_language_doors_on_the_landing_page_work_on_a_phone(browser, site_url: str) -> None:
    visit = Visit(browser, site_url, PHONE)
    try:
        page = visit.page
        page.get_by_role("link", name="日本語で読む").click()
        page.wait_for_load_state("networkidle")
        assert page.url == site_url + "ja/"
        page.get_by_role("link", name="2019（平成31）年度 学校いじめ防止基本方針").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == site_url + "ja/policy/anti-bullying/"
        assert not visit.errors, visit.errors
    finally:
        visit.close()


def test_anchor_links_to_cjk_headings_scroll_to_them(browser, site_url: str) -> None:
    visit = Visit(browser, site_url + "ja/policy/anti-bullying/#いじめの防止", DESKTOP)
    try:
        top = visit.page.evaluate(
            "document.getElementById('いじめの防止').getBoundingClientRect().top")
        assert 0 <= top < 200, f"heading is {top}px from the top"
    finally:
        visit.close()


def test_switching_language_keeps_the_clause_in_the_address(browser, site_url: str) -> None:
    visit = Visit(browser, site_url + "agreements/duties/#c-2-7", PHONE)
    try:
        page = visit.page
        assert page.locator("#c-2-7").inner_text().startswith("7、")
        page.locator(".md-header__option .md-select").first.click()
        page.get_by_role("link", name="日本語", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url == site_url + "ja/agreements/duties/#c-2-7"
        clause = page.locator("#c-2-7")
        assert clause.inner_text().startswith("7、")
        top = clause.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 200, f"clause is {top}px from the top"
        assert not visit.errors, visit.errors
    finally:
        visit.close()


def test_switching_language_keeps_the_clause_on_screen(browser, site_url: str) -> None:
    visit = Visit(browser, site_url + "ja/policy/anti-bullying/", DESKTOP)
    try:
        page = visit.page
        # Read down to section 4 (3), then switch: the Chinese page opens at the same heading.
        page.locator('[data-clause="c-5-3"]').evaluate("e => e.scrollIntoView()")
        page.wait_for_timeout(100)
        _switch_language(page, "中文")
        assert page.url == site_url + "policy/anti-bullying/#c-5-3"
        page.wait_for_timeout(200)
        heading = page.locator('[data-clause="c-5-3"]')
        assert heading.inner_text().startswith("(3)")
        top = heading.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 200, f"heading is {top}px from the top"
    finally:
        visit.close()


def test_clause_permalink_appears_on_focus(browser, site_url: str) -> None:
    visit = Visit(browser, site_url + "agreements/pickup/", DESKTOP)
    try:
        link = visit.page.locator("#c-3 .anshin-clauselink")
        assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
        link.focus()
        visit.page.wait_for_timeout(300)
        assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
        assert link.get_attribute("href") == "#c-3"
    finally:
        visit.close()
