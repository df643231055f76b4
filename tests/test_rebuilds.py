"""What a process that builds again and again (`make serve`, once per save) keeps from
one build to the next (issue 15): each kept answer is keyed by what it was worked out
from, so an edited page, data file or translation is read again, and a rebuild writes
the site a fresh build writes.

The memos (anshin/memos.py): the analysis files (anshin/analysis_cache.py), data files
(anshin/data_files.py), front matter (anshin/front_matter.py), translation status
(anshin/translation_status.py), search words (anshin/search/words.py), phone links
(anshin/contacts.py) and the offline worker's page assets (anshin/offline.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anshin import analysis_cache, contacts
from anshin.analysis_cache import AnalysisCache, key_of
from anshin.contacts import Dialling, link_numbers
from anshin.data_files import DataError, load_entries
from anshin.front_matter import read_front_matter
from anshin.offline import page_assets
from anshin.search import words
from anshin.search.words import Tokenizer, fold, vocabulary
from anshin.translation_status import status
from tests.conftest import copy_project, different_files, run_build

# ------------------------------------------------------------------ the analysis files


def test_a_file_this_process_wrote_is_not_parsed_again_until_something_else_changes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = key_of(["学校"])
    cache = AnalysisCache.open(tmp_path, "words", "env")
    cache.put(key, ["学校"])
    cache.save()
    parsed: list[str] = []
    real_loads = json.loads
    monkeypatch.setattr(analysis_cache.json, "loads", lambda text: parsed.append(text) or real_loads(text))

    assert AnalysisCache.open(tmp_path, "words", "env").get(key) == ["学校"]
    assert parsed == []                                  # as written, not read back

    # Another build (another process) replaces it.
    other = {"format": 1, "environment": "env", "entries": {key: ["另一所学校"]}}
    (tmp_path / "words.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    assert AnalysisCache.open(tmp_path, "words", "env").get(key) == ["另一所学校"]
    assert len(parsed) == 1
    assert AnalysisCache.open(tmp_path, "words", "env").get(key) == ["另一所学校"]
    assert len(parsed) == 1                              # read once, then known

    (tmp_path / "words.json").unlink()                   # make clean
    assert AnalysisCache.open(tmp_path, "words", "env").get(key) is None


def test_a_kept_file_is_not_changed_by_the_build_that_wrote_it(tmp_path: Path) -> None:
    first = AnalysisCache.open(tmp_path, "words", "env")
    first.put(key_of(["一"]), ["一"])
    first.save()
    first.put(key_of(["二"]), ["二"])                    # after its save: not in the file
    later = AnalysisCache.open(tmp_path, "words", "env")
    assert later.get(key_of(["二"])) is None
    assert later.get(key_of(["一"])) == ["一"]


# ------------------------------------------------------------------ data files and front matter


def test_an_edited_data_file_is_read_again_and_a_broken_one_fails_every_time(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("- id: principal\n  zh: 校长\n", encoding="utf-8")
    assert [entry.data for entry in load_entries(path, "term")] == [{"id": "principal", "zh": "校长"}]
    path.write_text("- id: principal\n  zh: 校长\n- id: nurse\n  zh: 校医\n", encoding="utf-8")
    assert [entry.data["id"] for entry in load_entries(path, "term")] == ["principal", "nurse"]
    path.write_text("- id: principal\n  zh: [校长\n", encoding="utf-8")
    for _ in range(2):   # not the last good entries, and not only once
        with pytest.raises(DataError) as raised:
            load_entries(path, "term")
        assert raised.value.line == 2
    path.write_text("- id: principal\n  zh: 校长\n", encoding="utf-8")
    assert len(load_entries(path, "term")) == 1


def test_each_reader_of_a_front_matter_gets_its_own_copy_and_the_warnings_again() -> None:
    text = "---\ntitle: 接送\ndescription: 接送协议\ntags: [安全]\nefective: 2019-04-01\n---\n# 接送\n"
    first = read_front_matter(text, "docs/pickup.zh.md")
    first.data["tags"].append("changed")
    first.data["title"] = "changed"
    first.warnings.clear()
    again = read_front_matter(text, "docs/pickup.zh.md")
    assert again.data["title"] == "接送"
    assert again.data["tags"] == ["安全"]
    assert [warning.line for warning in again.warnings] == [5]
    assert "effective" in str(again.warnings[0])
    # The same text under another name is reported under that name.
    assert read_front_matter(text, "docs/other.zh.md").warnings[0].path == "docs/other.zh.md"


ORIGINAL = "---\ntitle: 原文\n---\n# 原文\n\n一、电话 582-2369。\n\n二、下午 3:30 接。\n"
TRANSLATION = "---\ntitle: 訳\n---\n# 訳\n\n一、電話 582-2369。\n\n二、午後 4:30 迎え。\n"


def test_each_reader_of_a_translation_status_gets_lists_of_its_own() -> None:
    first = status(ORIGINAL, TRANSLATION, None, None, None)
    assert [(m.only_in_original, m.only_in_translation) for m in first.mismatches] == [(("3:30",), ("4:30",))]
    rows = len(first.rows)
    first.mismatches.clear()
    first.rows.clear()
    again = status(ORIGINAL, TRANSLATION, None, None, None)
    assert len(again.mismatches) == 1 and len(again.rows) == rows > 0
    # The original corrected: read again, and the times agree.
    assert status(ORIGINAL.replace("3:30", "4:30"), TRANSLATION, None, None, None).mismatches == []


# ------------------------------------------------------------------ search words


TEXTS = ["school safety rules", "call the office", "the rules of the office"]
FUNCTION_WORDS = Tokenizer("whitespace", frozenset({"the", "of"}))


def test_words_known_from_an_earlier_build_are_still_kept_in_a_new_cache(tmp_path: Path) -> None:
    first = vocabulary(TEXTS, FUNCTION_WORDS, AnalysisCache.open(tmp_path / "a", "words", "env"))
    emptied = AnalysisCache.open(tmp_path / "b", "words", "env")   # make clean, in the middle of serve
    assert vocabulary(TEXTS, FUNCTION_WORDS, emptied) == first
    emptied.save()
    kept = json.loads((tmp_path / "b" / "words.json").read_text(encoding="utf-8"))["entries"]
    assert set(kept) == {key_of((fold(text),)) for text in TEXTS}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["the", "of", "Rules", "office", "ＣＡＬＬ", "call", "-", "2019"]),
                         max_size=6).map(" ".join), max_size=8),
       st.lists(st.integers(min_value=0, max_value=7), max_size=8))
def test_the_words_of_a_site_do_not_depend_on_what_the_process_read_before(texts: list[str],
                                                                           earlier: list[int]) -> None:
    words._text_words.clear()
    fresh = vocabulary(texts, FUNCTION_WORDS)
    words._text_words.clear()
    vocabulary([texts[i] for i in earlier if i < len(texts)], FUNCTION_WORDS)   # an earlier build's texts
    assert vocabulary(texts, FUNCTION_WORDS) == fresh
    # The tokenizer is part of what is kept: without the function words, none are.
    assert vocabulary(texts, Tokenizer("whitespace")).function_words == ()


# ------------------------------------------------------------------ phone links and page assets


KITAKYUSHU = Dialling("JP", "093")
_PIECES = ["<p>", "</p>", "<code>", "</code>", '<a href="tel:+81935822369">', "</a>", "<br>",
           '<span title="093-333-3333">', "</span>", "<!-- 582-2369 -->", "582-2369", "093-921-2230",
           "0120-99-7777", "2019-2020", "〒806-0021", "電話 ", "、", "-", "12", "&lt;"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_numbers_are_linked_as_when_every_text_is_read_closely(html: str) -> None:
    labels = {"+81935822369": "教育委員会に電話する"}
    everywhere = contacts._linked_page.__wrapped__   # type: ignore[attr-defined]
    real_core = contacts._NUMBER_CORE
    try:
        contacts._NUMBER_CORE = re.compile("")   # a candidate at every character
        closely = everywhere(html, KITAKYUSHU, tuple(sorted(labels.items())))
    finally:
        contacts._NUMBER_CORE = real_core
    assert link_numbers(html, KITAKYUSHU, labels) == closely
    assert link_numbers(html, KITAKYUSHU, labels) == closely       # and again, as kept


def test_a_page_linked_before_is_linked_again_with_the_labels_of_this_build() -> None:
    html = "<p>電話 582-2369</p>"
    assert 'aria-label="A"' in link_numbers(html, KITAKYUSHU, {"+81935822369": "A"})
    assert 'aria-label="B"' in link_numbers(html, KITAKYUSHU, {"+81935822369": "B"})
    assert "aria-label" not in link_numbers(html, KITAKYUSHU, {})


def test_each_reader_of_a_pages_assets_gets_a_list_of_its_own() -> None:
    html = '<link rel="stylesheet" href="../assets/anshin.css"><script src="../assets/anshin.js"></script>'
    first = page_assets(html, "agreements/")
    assert first == ["assets/anshin.css", "assets/anshin.js"]
    first.append("changed")
    assert page_assets(html, "agreements/") == ["assets/anshin.css", "assets/anshin.js"]
    assert page_assets(html, "agreements/pickup/") == ["agreements/assets/anshin.css", "agreements/assets/anshin.js"]


# ------------------------------------------------------------------ a rebuild, as make serve runs it


_SERVE_LIKE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def one(site):
        config = load_config("mkdocs.yml", site_dir=site)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)

    one(sys.argv[1])
    for name, (old, new) in json.loads(sys.argv[3]).items():
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    one(sys.argv[2])
""")

# A paragraph of an original (its translation goes stale), a phone number (the contacts
# page, every page's links), a glossary term and a calendar event.
EDITS = {
    "docs/agreements/pickup.zh.md": ["二、送孩子入校时", "二、（修改）送孩子入校时"],
    "data/contacts.yml": ["number: 921-2230", "number: 921-2231"],
    "data/glossary.yml": ["- id: principal\n", "- id: principal\n  # 注释\n"],
    "data/calendar/2019.yml": ["title: {ja: 家庭訪問, zh: 家访}", "title: {ja: 家庭訪問（変更）, zh: 家访（变更）}"],
}


@pytest.mark.slow
def test_a_rebuild_in_the_same_process_writes_what_a_fresh_build_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANSHIN_BUILD_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _SERVE_LIKE, str(tmp_path / "before"), str(tmp_path / "rebuilt"),
                           json.dumps(EDITS, ensure_ascii=False)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    fresh = run_build(project, tmp_path / "fresh", extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert fresh.returncode == 0, fresh.stderr[-3000:]

    assert different_files(tmp_path / "rebuilt", tmp_path / "fresh") == []
    rebuilt = tmp_path / "rebuilt"
    assert "（修改）" in (rebuilt / "agreements/pickup/index.html").read_text(encoding="utf-8")
    assert "（修改）" in (rebuilt / "ja/agreements/pickup-bilingual/index.html").read_text(encoding="utf-8")
    assert "tel:+81939212231" in (rebuilt / "contacts/index.html").read_text(encoding="utf-8")
    assert "家访（变更）" in (rebuilt / "calendar/anshin-2019.ics").read_text(encoding="utf-8")
    assert different_files(tmp_path / "before", tmp_path / "rebuilt") != []
