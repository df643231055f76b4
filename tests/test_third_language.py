"""A third language by configuration alone (issue 14): tests/fixtures/third-language adds
English to a small site (mkdocs.yml inherits the project's; locales/en.yml; pages and data
in English). The project's own hooks, templates and catalogues are copied beside it
unchanged. The build must give English pages their `lang`, notice, parity check, search
index, calendar labels, .ics feed and print labels, exactly as for Chinese and Japanese."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from anshin.search.corpus import FULL_INDEX
from tests.conftest import ROOT, run_build
from tests.html_tools import Document, Element, parse

FIXTURE = ROOT / "tests" / "fixtures" / "third-language"
pytestmark = pytest.mark.slow


def _project(destination: Path) -> Path:
    shutil.copytree(FIXTURE, destination)
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    for catalogue in ("zh.yml", "ja.yml"):
        shutil.copy2(ROOT / "locales" / catalogue, destination / "locales" / catalogue)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "project-mkdocs.yml")
    (destination / "data" / "corrections").mkdir(exist_ok=True)
    return destination


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("third") / "project")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return site


def _page(site: Path, path: str) -> Document:
    return parse((site / path / "index.html").read_text(encoding="utf-8"))


def _classed(document: Document, name: str) -> list[Element]:
    return [e for e in document.elements if name in e.attrs.get("class", "").split()]


def test_every_language_gets_its_own_lang(three_languages: Path) -> None:
    for root, tag in (("", "zh-Hans"), ("ja/", "ja"), ("en/", "en")):
        for page in ("", "agreements/pickup/", "calendar/", "glossary/"):
            [html] = _page(three_languages, root + page).find_all("html")
            assert html.attrs["lang"] == tag, (root + page, html.attrs["lang"])


def test_the_english_translation_has_an_english_notice_that_links_its_original(three_languages: Path) -> None:
    html = _page(three_languages, "en/agreements/pickup/")
    [notice] = _classed(html, "anshin-translation")
    assert "reference translation" in notice.text and "Chinese" in notice.text and "2026" in notice.text, notice.text
    [original] = [a for a in html.find_all("a") if a.attrs.get("hreflang") == "zh-Hans" and a.text == "安全接送协议书"]
    assert original.attrs["lang"] == "zh-Hans"
    assert original.attrs["href"] == "../../../agreements/pickup/"


def test_the_japanese_notice_names_the_chinese_original_as_before(three_languages: Path) -> None:
    [notice] = _classed(_page(three_languages, "ja/agreements/pickup/"), "anshin-translation")
    assert "中国語の原文を日本語に訳した参考訳" in notice.text


def test_english_clauses_keep_the_original_position_ids(three_languages: Path) -> None:
    ids = {tag: [e.attrs["id"] for e in _classed(_page(three_languages, root + "agreements/pickup/"), "anshin-clause")]
           for root, tag in (("", "zh"), ("ja/", "ja"), ("en/", "en"))}
    assert ids["en"] == ids["zh"] == ids["ja"] == ["c-1", "c-2", "c-3"]


def test_school_facts_fill_the_blanks_in_english(three_languages: Path) -> None:
    page = (three_languages / "en" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")
    assert "Sakura Elementary School" in page and "==xx" not in page


def test_english_search_index_holds_english_pages_only(three_languages: Path) -> None:
    index = json.loads((three_languages / "en" / FULL_INDEX).read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    locations = {doc["location"] for doc in index["docs"]}
    assert "agreements/pickup/" in locations
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "school gate" in texts and "校门" not in texts
    assert {"school", "gate"} <= set(index["config"]["words"])
    chinese = json.loads((three_languages / FULL_INDEX).read_text(encoding="utf-8"))
    assert "school gate" not in " ".join(doc["text"] for doc in chinese["docs"])


def test_calendar_labels_and_feed_are_english(three_languages: Path) -> None:
    html = _page(three_languages, "en/calendar/")
    [article] = html.find_all("article")
    assert "Home visits" in article.text and "家访" not in article.text
    assert "Add to my calendar" in article.text
    feed = (three_languages / "en" / "calendar" / "anshin-2019.ics").read_text(encoding="utf-8")
    assert "SUMMARY;LANGUAGE=en:Home visits" in feed
    assert "LANGUAGE=en" in feed and "家访" not in feed and "家庭訪問" not in feed
    # Japanese public holidays are named in Japanese, marked as such on an English page.
    [golden_week] = [e for e in html.find_all("span", lang="ja") if "みどりの日" in e.text]
    assert golden_week


def test_print_labels_and_bilingual_page_in_english(three_languages: Path) -> None:
    html = _page(three_languages, "en/agreements/pickup/")
    [button] = [e for e in html.find_all("button") if "data-anshin-print" in e.attrs]
    assert button.text.strip() == "Print"
    raw = (three_languages / "en" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")
    assert 'counter(page)' in raw and '"Page "' in raw
    bilingual = _page(three_languages, "en/agreements/pickup-bilingual/")
    cells = [cell.attrs["lang"] for cell in bilingual.find_all("td") if "lang" in cell.attrs][:2]
    assert cells == ["en", "zh-Hans"]


def test_a_translation_that_drifts_from_its_original_fails_the_build(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    page = project / "docs" / "agreements" / "pickup.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("三、If someone", "四、If someone"), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/agreements/pickup.en.md" in output and "differs from its original" in output
    assert "Traceback" not in output


def test_a_missing_catalogue_string_names_the_key(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    catalogue = project / "locales" / "en.yml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("  title: Reference translation\n", ""),
                         encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "locales/en.yml:1: the catalogue has no 'translation.title'" in output
    assert "Traceback" not in output


def test_a_language_without_a_catalogue_is_named(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    (project / "locales" / "en.yml").unlink()
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "locales/en.yml:1: there is no catalogue for the language 'en'" in output
    assert "Traceback" not in output
