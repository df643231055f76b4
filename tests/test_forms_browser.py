"""Fill in on screen, then print (issue 17), in Chromium on a phone-sized page: what is
typed prints on the lines, nothing typed leaves the browser, and "remember on this
device" keeps the values, shares them between the document's pages and clears them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "test-results" / "screenshots"
# Values no page contains: a request or a stored value that carries them is found by them.
NAME, CLASS_NAME, NUMBER = "鈴木<b>ひな</b>&amp;", "三年二班", "090-1234-5678"


class Session:
    """A phone-sized context with every request it makes recorded."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
        self.requests: list[tuple[str, str]] = []
        self.context.on("request", lambda r: self.requests.append((r.url, r.post_data or "")))

    def open(self, url: str):
        page = self.context.new_page()
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        return page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser):
    opened = Session(browser)
    yield opened
    opened.close()


def _type(page) -> None:
    page.get_by_label("学生姓名：").fill(NAME)
    page.get_by_label("班级：", exact=True).fill(CLASS_NAME)
    page.get_by_label("电话：", exact=True).fill(NUMBER)


def _printed_field(page, label: str) -> dict:
    """How a field looks under print emulation: shown or not, and what it holds."""
    return page.get_by_label(label, exact=True).evaluate(
        """(input) => ({shown: getComputedStyle(input).display !== 'none' && input.getBoundingClientRect().width > 40,
                        value: input.value,
                        line: getComputedStyle(input).borderBottomStyle})""")


def test_typed_values_print_on_the_lines_and_empty_fields_print_blank(session, site_url: str) -> None:
    page = session.open(site_url + "agreements/pickup/")
    box = page.locator(".anshin-fill")
    assert box.is_visible()  # the script revealed it
    _type(page)
    page.emulate_media(media="print")
    assert not box.is_visible()
    assert _printed_field(page, "学生姓名：") == {"shown": True, "value": NAME, "line": "solid"}
    assert _printed_field(page, "电话：") == {"shown": True, "value": NUMBER, "line": "solid"}
    # An empty field is the blank line it always was; a signature line has no input at all.
    assert _printed_field(page, "班主任电话：") == {"shown": True, "value": "", "line": "solid"}
    signature = page.locator(".anshin-field--signature", has_text="家长（签名）")
    assert signature.locator("input").count() == 0
    assert signature.evaluate("(li) => getComputedStyle(li, '::after').borderBottomStyle") == "solid"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".signature").screenshot(path=str(SCREENSHOTS / "forms-print-phone.png"))
    # The typed name is text in an input: its markup was never parsed.
    assert page.locator(".signature b").count() == 0


def test_nothing_typed_is_sent_or_stored_without_asking(session, site_url: str) -> None:
    page = session.open(site_url + "agreements/pickup/")
    before = len(session.requests)
    _type(page)
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    page.wait_for_timeout(300)
    assert session.requests[before:] == []
    assert page.evaluate("() => Object.keys(localStorage)") == []
    page.reload(wait_until="networkidle")
    assert page.get_by_label("学生姓名：").input_value() == ""
    carried = [url for url, body in session.requests for value in (NAME, CLASS_NAME, NUMBER)
               if value in url or value in body or json.dumps(value)[1:-1] in body]
    assert carried == []


def test_remember_keeps_the_values_across_pages_and_clear_removes_them(session, site_url: str) -> None:
    page = session.open(site_url + "agreements/pickup/")
    page.get_by_label("在本设备上记住填写的内容").check()
    _type(page)
    stored = json.loads(page.evaluate("() => localStorage.getItem('anshin.form.agreements/pickup')"))
    assert stored == {"student-name": NAME, "student-class": CLASS_NAME, "f3": NUMBER}
    page.reload(wait_until="networkidle")
    assert page.get_by_label("在本设备上记住填写的内容").is_checked()
    assert page.get_by_label("学生姓名：").input_value() == NAME
    # The Japanese page and the side-by-side page of the same agreement have them too.
    japanese = session.open(site_url + "ja/agreements/pickup/")
    assert japanese.get_by_label("生徒氏名：").input_value() == NAME
    assert japanese.get_by_label("電話：", exact=True).input_value() == NUMBER
    side_by_side = session.open(site_url + "agreements/pickup-bilingual/")
    assert side_by_side.locator("[data-anshin-field='f3'] input").input_value() == NUMBER
    assert side_by_side.locator(".anshin-field__input").count() == 7
    # Clear: the fields empty, the box unticked, nothing stored, and it says so.
    page.bring_to_front()
    page.get_by_role("button", name="清除填写的内容").click()
    assert page.get_by_label("学生姓名：").input_value() == ""
    assert not page.get_by_label("在本设备上记住填写的内容").is_checked()
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert page.get_by_role("status").inner_text() == "已清除填写的内容。"
    page.reload(wait_until="networkidle")
    assert page.get_by_label("学生姓名：").input_value() == ""


def test_unticking_remember_forgets_at_once(session, site_url: str) -> None:
    page = session.open(site_url + "ja/agreements/duties/")
    remember = page.get_by_label("この端末に記入内容を保存する")
    remember.check()
    page.get_by_label("乙（児童）：").fill("山田太郎")
    assert page.evaluate("() => Object.keys(localStorage)") == ["anshin.form.agreements/duties"]
    remember.uncheck()
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert page.get_by_label("乙（児童）：").input_value() == "山田太郎"  # still on screen, until the page closes


def test_the_fields_fit_a_phone_and_are_large_enough_to_tap(session, site_url: str) -> None:
    page = session.open(site_url + "ja/agreements/pickup-bilingual/")
    sizes = page.locator(".anshin-field__input").evaluate_all(
        "(inputs) => inputs.map((i) => { const r = i.getBoundingClientRect(); return [r.left, r.right, r.height]; })")
    assert sizes
    for left, right, height in sizes:
        assert left >= 0 and right <= PHONE["width"] and height >= 24  # WCAG 2.5.8 target size
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    font_size = page.locator(".anshin-field__input").first.evaluate("(i) => parseFloat(getComputedStyle(i).fontSize)")
    assert font_size >= 16  # phones zoom into smaller text on focus
