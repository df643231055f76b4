"""Pure logic of the hooks, without a build."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import markdown
import pytest

from anshin.corrections import DataError, load_all, load_corrections
from anshin.languages import relative_url
from anshin.quoted_text import mark_quoted
from anshin.school import contrast, fill_blanks
from tests.project import LANGUAGES, writing_systems

CODES = LANGUAGES.codes


@pytest.mark.parametrize(("src", "expected"), [
    ("agreements/pickup.zh.md", ("agreements/pickup.md", "zh")),
    ("policy/anti-bullying.ja.md", ("policy/anti-bullying.md", "ja")),
    ("index.ja.md", ("index.md", "ja")),
    ("notes/readme.md", ("notes/readme.md", None)),
    ("assets/v1.2.md", ("assets/v1.2.md", None)),
])
def test_split_locale(src: str, expected: tuple[str, str | None]) -> None:
    assert LANGUAGES.split(src) == expected


@pytest.mark.parametrize(("norm", "locale", "url"), [
    ("index.md", "zh", ""),
    ("index.md", "ja", "ja/"),
    ("agreements/index.md", "zh", "agreements/"),
    ("agreements/pickup.md", "zh", "agreements/pickup/"),
    ("policy/anti-bullying.md", "ja", "ja/policy/anti-bullying/"),
])
def test_page_url_matches_static_i18n_layout(norm: str, locale: str, url: str) -> None:
    assert LANGUAGES.page_url(norm, locale) == url


@pytest.mark.parametrize(("target", "origin", "link"), [
    ("ja/policy/anti-bullying/", "", "ja/policy/anti-bullying/"),
    ("agreements/pickup/", "ja/", "../agreements/pickup/"),
    ("", "ja/policy/anti-bullying/", "../../../"),
    ("ja/", "ja/", "./"),
    ("ja/notes/editorial/", "notes/editorial/", "../../ja/notes/editorial/"),
])
def test_relative_url(target: str, origin: str, link: str) -> None:
    assert relative_url(target, origin) == link


GOOD = """\
- id: one
  seed: s.txt
  line: 3
  kind: ocr
  before: "a□b"
  after: "a、b"
  note: {zh: 补标点, ja: 句読点を補いました}
"""


def _write(tmp_path: Path, text: str, name: str = "c.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_good_corrections(tmp_path: Path) -> None:
    [correction] = load_corrections(_write(tmp_path, GOOD), CODES)
    assert (correction.id, correction.line, correction.after, correction.data_line) == ("one", 3, "a、b", 1)


@pytest.mark.parametrize(("text", "line", "problem"), [
    (GOOD.replace("kind: ocr", "kind: guess"), 4, "unknown kind 'guess'"),
    (GOOD.replace("  line: 3\n", ""), 1, "correction 'one' has no 'line'"),
    (GOOD.replace("line: 3", "line: zero"), 3, "'line' must be a positive line number"),
    (GOOD.replace("ja: 句読点を補いました", "ja: ''"), 7, "the note has no 'ja' text"),
    (GOOD + "  colour: red\n", 8, "unknown key 'colour'"),
    (GOOD.replace('before: "a□b"', 'before: [a'), 5, "not valid YAML"),
    ("id: one\n", 1, "expected a list"),
])
def test_bad_corrections_name_the_line(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        load_corrections(path, CODES)
    assert caught.value.line == line and problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}:{line}: ") and "fix:" in str(caught.value)


def test_duplicate_ids_across_files_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, GOOD, "a.yml")
    second = _write(tmp_path, GOOD, "b.yml")
    with pytest.raises(DataError) as caught:
        load_all(tmp_path, CODES)
    assert caught.value.path == str(second) and "duplicate id 'one'" in caught.value.problem


TAGS = LANGUAGES.tags


def test_quotes_of_a_foreign_source_are_all_marked() -> None:
    html = mark_quoted("原文「文档为doc格式」は削除", TAGS["ja"], TAGS["zh"], TAGS, writing_systems())
    assert str(html) == f'原文「<span lang="{TAGS["zh"]}">文档为doc格式</span>」は削除'


def test_quotes_in_the_own_language_are_left_alone_unless_their_characters_betray_another() -> None:
    html = mark_quoted("助詞「を」が漢字「为」に", TAGS["ja"], TAGS["ja"], TAGS, writing_systems())
    assert str(html) == f'助詞「を」が漢字「<span lang="{TAGS["zh"]}">为</span>」に'


def test_quoted_text_is_escaped() -> None:
    html = mark_quoted("“<b>”", TAGS["zh"], TAGS["ja"], TAGS, writing_systems())
    assert str(html) == f'“<span lang="{TAGS["ja"]}">&lt;b&gt;</span>”'


@pytest.mark.parametrize(("text", "language"), [("いじめ", "ja"), ("対策", "ja"), ("我们", "zh"), ("学校", None)])
def test_betrays(text: str, language: str | None) -> None:
    assert writing_systems().betrays(text) == language


def test_fill_blanks_fills_only_configured_values() -> None:
    text = "甲方：==xx小学==，日期：==20xx==年==xx==月"
    assert fill_blanks(text, {"xx小学": "樱丘小学"}) == "甲方：樱丘小学，日期：==20xx==年==xx==月"


def test_filled_blanks_are_text_not_markup() -> None:
    value = "樱丘<script>alert(1)</script> & *x* [a](b) `c` ==m=="
    html = markdown.markdown(fill_blanks("甲方：==xx小学==", {"xx小学": value}), extensions=["pymdownx.mark"])
    assert "<script" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert "<mark>" not in html
    assert unescape(html.removeprefix("<p>").removesuffix("</p>")) == f"甲方：{value}"


@pytest.mark.parametrize(("colour", "ratio"), [("#000000", 21.0), ("#ffffff", 1.0), ("#767676", 4.54)])
def test_contrast_matches_wcag(colour: str, ratio: float) -> None:
    assert contrast(colour, "#ffffff") == pytest.approx(ratio, abs=0.01)
