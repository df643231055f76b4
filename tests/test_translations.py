"""Translations cannot drift from their originals: same outline, same numbers, a notice
that the original prevails, nothing left untranslated, nothing left in one language."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from anshin.clause_numbering import analyse, parity
from anshin.glossary import load_glossary
from tests.conftest import ROOT, copy_project, run_build
from tests.html_tools import parse
from tests.project import LANGUAGES, only_characters

DOCS = ROOT / "docs"


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def _pairs() -> list[tuple[Path, Path]]:
    """(original, translation) for every translated page."""
    pairs = []
    for translation in sorted(DOCS.rglob("*.md")):
        if "translation_checked" not in _front_matter(translation):
            continue
        norm, locale = LANGUAGES.split(translation.relative_to(DOCS).as_posix())
        other = "zh" if locale == "ja" else "ja"
        pairs.append((DOCS / norm.replace(".md", f".{other}.md"), translation))
    return pairs


PAIRS = _pairs()
IDS = [t.relative_to(DOCS).as_posix() for _, t in PAIRS]


def test_every_document_is_translated() -> None:
    translated = {t.relative_to(DOCS).as_posix() for _, t in PAIRS}
    assert {"policy/anti-bullying.zh.md", "agreements/pickup.ja.md", "agreements/campus-rules.ja.md",
            "agreements/duties.ja.md", "agreements/duties-brief.ja.md", "agreements/homeroom.ja.md",
            "agreements/middle-school.ja.md", "agreements/index.ja.md"} <= translated


@pytest.mark.parametrize(("original", "translation"), PAIRS, ids=IDS)
def test_translation_has_the_same_outline_as_its_original(original: Path, translation: Path) -> None:
    assert original.is_file(), f"{translation} has no original {original}"
    left, _ = analyse(original.read_text(encoding="utf-8"), str(original))
    right, _ = analyse(translation.read_text(encoding="utf-8"), str(translation))
    mismatch = parity(left, right, original.relative_to(ROOT).as_posix(), translation.relative_to(ROOT).as_posix())
    assert mismatch is None, str(mismatch)
    if "index" not in original.name:
        assert len(left) >= 5, "the clause parser found (almost) nothing"


def test_parity_check_names_the_first_difference_on_both_sides() -> None:
    original = "---\ntitle: x\n---\n# 题\n\n一、甲\n\n二、乙\n\n三、丙\n"
    translation = "---\ntitle: x\n---\n# 題\n\n一、甲\n\n三、丙\n"
    left, _ = analyse(original, "a.zh.md")
    right, _ = analyse(translation, "a.ja.md")
    mismatch = parity(left, right, "a.zh.md", "a.ja.md")
    assert str(mismatch) == ("a.ja.md:8:1: differs from its original — a.zh.md:8 has clause 二、 (c-2), "
                             "this file has clause 三、 (c-2)")


_FACTS = re.compile(r"0120-\d+-\d+|\d{3}-\d{4}|\d+月\d+日|\d{1,2}[:：]\d{2}|20xx[.年]\S{0,6}")
# Clock times: 4時10分 / 4时10分 / 4点10分 / 7点前 — but not 24時間 (a duration) or 3点 (three points).
_CLOCK = re.compile(r"(\d+)(?:[時时](?!間)|点(?=\d+分|前|后|以前|钟))(\d+分)?")


def _facts(path: Path) -> Counter[str]:
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    facts = Counter(m.replace("：", ":") for m in _FACTS.findall(body))
    facts.update(f"{hour}時{minutes}" for hour, minutes in _CLOCK.findall(body))
    return facts


@pytest.mark.parametrize(("original", "translation"), PAIRS, ids=IDS)
def test_phone_numbers_dates_and_times_are_copied_not_retyped(original: Path, translation: Path) -> None:
    missing = _facts(original) - _facts(translation)
    extra = _facts(translation) - _facts(original)
    assert not missing and not extra, f"only in the original: {dict(missing)}; only in the translation: {dict(extra)}"


@pytest.mark.parametrize(("original", "translation"), PAIRS, ids=IDS)
def test_placeholders_stay_placeholders(original: Path, translation: Path) -> None:
    def blanks(path: Path) -> Counter[str]:
        return Counter(re.findall(r"==([^=\n]+)==", path.read_text(encoding="utf-8").split("---", 2)[2]))
    assert blanks(original) == blanks(translation)


def _html(built_site: Path, src: Path) -> Path:
    norm, locale = LANGUAGES.split(src.relative_to(DOCS).as_posix())
    return built_site / LANGUAGES.page_url(norm, locale) / "index.html"


@pytest.mark.parametrize(("original", "translation"), PAIRS, ids=IDS)
def test_translated_page_says_the_original_prevails_and_links_it(
        built_site: Path, original: Path, translation: Path) -> None:
    page = _html(built_site, translation)
    document = parse(page.read_text(encoding="utf-8"))
    notices = [d for d in document.find_all("div") if "anshin-translation" in d.attrs.get("class", "")]
    assert len(notices) == 1, f"{page}: expected one translation notice"
    text = notices[0].text
    checked = _front_matter(translation)["translation_checked"]
    assert f"{checked.year}年{checked.month}月{checked.day}日" in text
    assert ("原文が優先" in text) or ("以原文为准" in text)
    links = [a for a in document.find_all("a") if a.attrs.get("hreflang") and a.text.strip() == _front_matter(original)["title"]]
    assert links, f"{page}: no link to the original titled {_front_matter(original)['title']!r}"
    target = (page.parent / links[0].attrs["href"]).resolve() / "index.html"
    assert target == _html(built_site, original).resolve(), links[0].attrs["href"]
    # The notice comes first: right after the page title.
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article"):]
    assert article.index("anshin-translation") < article.index("</h1>") + 400


def test_originals_carry_no_notice(built_site: Path) -> None:
    for original, _ in PAIRS:
        assert "anshin-translation" not in _html(built_site, original).read_text(encoding="utf-8")


_KATAKANA_MARKER = re.compile(r"(?:^|\n)\s*[アイウエオカキクケコ][ 　]")


def _own_language_text(html: str, foreign: str) -> str:
    """Text of the article, without elements marked as the other language (quotes, names)."""
    from html.parser import HTMLParser

    class Walker(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, bool]] = []
            self.parts: list[str] = []
            self.inside = False

        def handle_starttag(self, tag, attrs):
            if tag in ("br", "img", "meta", "link", "input", "hr", "wbr", "source"):
                return
            attrs = dict(attrs)
            if tag == "article":
                self.inside = True
            # Foreign-language quotes, and deleted text (a quoted OCR error), are not ours.
            foreign_here = (attrs.get("lang") or "").startswith(foreign) or tag == "del"
            self.stack.append((tag, foreign_here or (self.stack[-1][1] if self.stack else False)))
            if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "div"):
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag == "article":
                self.inside = False
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            if self.inside and not (self.stack and self.stack[-1][1]):
                self.parts.append(data)

    walker = Walker()
    walker.feed(html)
    return "".join(walker.parts)


def _site_pages(built_site: Path, japanese: bool) -> list[Path]:
    return [p for p in built_site.rglob("index.html")
            if (p.relative_to(built_site).parts[0] == "ja") == japanese]


def test_no_simplified_chinese_leaks_into_japanese_pages(built_site: Path) -> None:
    leaks = {}
    for page in _site_pages(built_site, japanese=True):
        text = _own_language_text(page.read_text(encoding="utf-8"), foreign="zh")
        found = sorted(set(text) & only_characters("zh"))
        if found:
            leaks[page.relative_to(built_site).as_posix()] = "".join(found)
    assert not leaks, leaks


def test_no_japanese_leaks_into_chinese_pages(built_site: Path) -> None:
    leaks = {}
    for page in _site_pages(built_site, japanese=False):
        text = _KATAKANA_MARKER.sub("\n", _own_language_text(page.read_text(encoding="utf-8"), foreign="ja"))
        found = sorted(set(text) & only_characters("ja"))
        if found:
            leaks[page.relative_to(built_site).as_posix()] = "".join(found)
    assert not leaks, leaks


def test_leak_detector_sees_an_untranslated_fragment() -> None:
    html = '<article><p>保護者の皆さまへ。我们这里说明。</p><p lang="zh-Hans">我们</p></article>'
    assert set(_own_language_text(html, "zh")) & only_characters("zh") == set("们这说")


def test_page_in_one_language_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lonely = project / "docs" / "notes" / "lonely.zh.md"
    lonely.write_text("---\ntitle: 孤\ndescription: 只有中文\n---\n# 孤\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/notes/lonely.zh.md:1: this page exists in one language only" in output
    assert "docs/notes/lonely.ja.md" in output and "Traceback" not in output

    lonely.write_text("---\ntitle: 孤\ndescription: 只有中文\nsingle_language: true\n---\n# 孤\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site2")
    assert "exists in one language only" not in result.stdout + result.stderr


def test_glossary_has_forty_terms_on_both_language_pages(built_site: Path) -> None:
    terms = load_glossary(ROOT / "data" / "glossary.yml", LANGUAGES.codes)
    assert len(terms) >= 40
    for required in ("班主任", "监护人", "家访", "一式二份", "接送"):
        assert required in {t.term("zh") for t in terms}, required
    for required in ("担任", "保護者", "家庭訪問", "スクールカウンセラー", "送迎"):
        assert required in {t.term("ja") for t in terms}, required
    for page in (built_site / "glossary" / "index.html", built_site / "ja" / "glossary" / "index.html"):
        cards = {d.attrs["id"] for d in parse(page.read_text(encoding="utf-8")).find_all("div")
                 if "anshin-term" in d.attrs.get("class", "").split()}
        assert cards == {t.id for t in terms}, page


@pytest.mark.parametrize(("original", "translation"), PAIRS, ids=IDS)
def test_glossary_is_one_click_from_every_translation(built_site: Path, original: Path, translation: Path) -> None:
    page = _html(built_site, translation)
    hrefs = [a.attrs.get("href", "") for a in parse(page.read_text(encoding="utf-8")).find_all("a")]
    glossary = [h for h in hrefs if h.rstrip("/").endswith("glossary")]
    assert glossary and (page.parent / glossary[0] / "index.html").resolve().is_file()
