"""The build cache of word analyses (anshin/analysis_cache.py): what it keeps, when it
forgets, and that a build with it writes the site a build without it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from anshin.analysis_cache import AnalysisCache, environment_of, key_of, machine_folder, source_digest
from tests.conftest import ROOT, different_files, run_build


def _saved(folder: Path, name: str, environment: str, entries: dict[str, object]) -> AnalysisCache:
    cache = AnalysisCache.open(folder, name, environment)
    for key, value in entries.items():
        cache.put(key, value)
    cache.save()
    return AnalysisCache.open(folder, name, environment)


def test_an_entry_put_in_one_build_is_found_in_the_next(tmp_path: Path) -> None:
    key = key_of(["学校の安全"])
    cache = _saved(tmp_path, "words", "env-1", {key: [["学校", False], ["の", True]]})
    assert cache.get(key) == [["学校", False], ["の", True]]
    assert cache.get(key_of(["別の文"])) is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_entries_made_in_another_environment_are_stale(tmp_path: Path) -> None:
    key = key_of(["学校"])
    _saved(tmp_path, "words", "env-1", {key: ["学校"]})
    assert AnalysisCache.open(tmp_path, "words", "env-2").get(key) is None


@pytest.mark.parametrize("content", [b"", b"{not json", b"{\"format\": 1}", b"\xff\xfe\x00garbage",
                                     b'{"format": 1, "environment": "env-1", "entries": []}'])
def test_a_file_that_cannot_be_read_counts_as_empty(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "words.json").write_bytes(content)
    cache = AnalysisCache.open(tmp_path, "words", "env-1")
    assert cache.get(key_of(["学校"])) is None
    cache.put(key_of(["学校"]), ["学校"])
    cache.save()                                   # and is replaced by a good one
    assert AnalysisCache.open(tmp_path, "words", "env-1").get(key_of(["学校"])) == ["学校"]


def test_a_build_keeps_only_the_entries_it_used(tmp_path: Path) -> None:
    used, unused = key_of(["残る"]), key_of(["消える"])
    cache = _saved(tmp_path, "words", "env", {used: ["残る"], unused: ["消える"]})
    assert cache.get(used) == ["残る"]
    cache.save()
    document = json.loads((tmp_path / "words.json").read_text(encoding="utf-8"))
    assert document["entries"] == {used: ["残る"]}


def test_a_machine_cache_keeps_what_other_sites_used_too(tmp_path: Path) -> None:
    this_site, other_site = key_of(["jp 2026-04"]), key_of(["jp 2031-04"])
    _saved(tmp_path, "holidays", "env", {this_site: [], other_site: [["2031-04-29", "昭和の日"]]})
    cache = AnalysisCache.open(tmp_path, "holidays", "env", keep_unused=True)
    assert cache.get(this_site) == []
    cache.save()                                    # found everything: nothing to write
    added = key_of(["jp 2026-05"])
    cache.put(added, [["2026-05-03", "憲法記念日"]])
    cache.save()
    document = json.loads((tmp_path / "holidays.json").read_text(encoding="utf-8"))
    assert document["entries"] == {this_site: [], other_site: [["2031-04-29", "昭和の日"]],
                                   added: [["2026-05-03", "憲法記念日"]]}


def test_the_machine_folder_is_named_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANSHIN_MACHINE_CACHE", str(tmp_path / "named"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert machine_folder() == tmp_path / "named"
    monkeypatch.delenv("ANSHIN_MACHINE_CACHE")
    assert machine_folder() == tmp_path / "xdg" / "anshin"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert machine_folder() == tmp_path / "home" / ".cache" / "anshin"


def test_a_build_that_found_everything_writes_nothing(tmp_path: Path) -> None:
    key = key_of(["学校"])
    cache = _saved(tmp_path, "words", "env", {key: ["学校"]})
    path = tmp_path / "words.json"
    path.write_text(path.read_text(encoding="utf-8").replace("学校", "学校"), encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert cache.get(key) == ["学校"]
    cache.save()
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["words.json"]   # no temporary file left


def test_no_folder_is_no_cache(tmp_path: Path) -> None:
    cache = AnalysisCache.open(None, "words", "env")
    cache.put(key_of(["学校"]), ["学校"])
    assert cache.get(key_of(["学校"])) is None
    cache.save()
    assert not list(tmp_path.iterdir())


def test_keys_tell_a_page_of_texts_from_the_same_text_cut_otherwise() -> None:
    assert key_of(["ab", "c"]) != key_of(["a", "bc"])
    assert key_of(["学校"]) == key_of(["学校"])


def test_the_environment_changes_with_the_code_the_libraries_and_the_data(tmp_path: Path) -> None:
    (tmp_path / "words.py").write_text("CUT = 1\n", encoding="utf-8")
    code = source_digest(tmp_path)
    base = environment_of(code, ("jieba",), ("参考訳\tさんこうやく",))
    assert environment_of(code, ("jieba",), ("参考訳\tさんこうやく",)) == base
    assert environment_of(code, ("jieba",), ("参考訳\tさんこうわけ",)) != base
    assert environment_of(code, ("sudachipy",), ("参考訳\tさんこうやく",)) != base
    (tmp_path / "words.py").write_text("CUT = 2\n", encoding="utf-8")
    assert environment_of(source_digest(tmp_path), ("jieba",), ("参考訳\tさんこうやく",)) != base


# A strict build, then whether it loaded jieba's dictionary (our tokenizer over it, made on
# first use: anshin/search/words.py) and Sudachi; Material's search plugin imports jieba
# whatever happens, so jieba being imported tells nothing.
_TELL = """
import runpy, sys
sys.argv = ["mkdocs", "build", "--strict", "--quiet", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    if exit.code:
        raise
from anshin.search import words
print(words._jieba.cache_info().currsize, int("sudachipy" in sys.modules))
"""


def _build_telling_what_was_loaded(site: Path, cache: Path, machine: Path | None = None) -> dict[str, bool]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANSHIN_BUILD_CACHE": str(cache)}
    if machine is not None:
        env["ANSHIN_MACHINE_CACHE"] = str(machine)
    finished = subprocess.run([sys.executable, "-c", _TELL, str(site)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    jieba, sudachi = finished.stdout.split()[-2:]
    return {"jieba dictionary": jieba == "1", "sudachi": sudachi == "1"}


def test_a_build_from_a_warm_cache_writes_the_same_site_without_loading_a_dictionary(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without = run_build(ROOT, tmp_path / "without", extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert without.returncode == 0, without.stderr
    assert not cache.exists()
    machine = tmp_path / "machine"
    cold = _build_telling_what_was_loaded(tmp_path / "cold", cache, machine)
    assert {"furigana.json", "search-entries.json", "search-words-jieba.json", "search-words-sudachi.json",
            "pages"} <= {path.name for path in cache.iterdir()}
    # What depends on nothing but the installed libraries and the templates is the
    # machine's, not the site's.
    assert not {"holidays.json", "templates"} & {path.name for path in cache.iterdir()}
    assert {"holidays.json", "templates"} <= {path.name for path in machine.iterdir()}
    warm = _build_telling_what_was_loaded(tmp_path / "warm", cache, machine)

    # The cold build cut and read the pages; the warm one had every text in the cache.
    assert cold == {"jieba dictionary": True, "sudachi": True}
    assert warm == {"jieba dictionary": False, "sudachi": False}
    assert different_files(tmp_path / "without", tmp_path / "cold") == []
    assert different_files(tmp_path / "without", tmp_path / "warm") == []


def test_an_edited_reading_is_not_served_from_the_cache(tmp_path: Path) -> None:
    """data/readings.yml is part of the furigana cache's environment."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert run_build(project, tmp_path / "first", extra_env={"ANSHIN_BUILD_CACHE": str(cache)}).returncode == 0
    readings = project / "data" / "readings.yml"
    text = readings.read_text(encoding="utf-8")
    assert "reading: さんこうやく" in text
    readings.write_text(text.replace("reading: さんこうやく", "reading: さんこうわけ", 1), encoding="utf-8")
    second = run_build(project, tmp_path / "second", extra_env={"ANSHIN_BUILD_CACHE": str(cache)})
    assert second.returncode == 0, second.stderr
    files = sorted((tmp_path / "second").rglob("furigana.json"))
    shown = [json.loads(path.read_text(encoding="utf-8")).get("参考訳") for path in files]
    assert "さんこうわけ" in shown and "さんこうやく" not in shown


def test_a_machine_folder_that_cannot_be_written_costs_time_not_the_build(tmp_path: Path) -> None:
    # The compiled dictionary, the holiday months and the compiled templates are worked out
    # again in memory; the build neither fails nor warns, and writes the same site.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the machine's cache folder would be", encoding="utf-8")
    usual = run_build(ROOT, tmp_path / "usual", extra_env={"ANSHIN_BUILD_CACHE": "",
                                                            "ANSHIN_MACHINE_CACHE": str(tmp_path / "machine")})
    assert usual.returncode == 0, usual.stderr
    assert {"holidays.json", "templates"} <= {path.name for path in (tmp_path / "machine").iterdir()}
    without = run_build(ROOT, tmp_path / "without", extra_env={"ANSHIN_BUILD_CACHE": "",
                                                                "ANSHIN_MACHINE_CACHE": str(blocked)})
    assert without.returncode == 0, without.stderr
    assert "WARNING" not in without.stderr and "Traceback" not in without.stderr
    assert blocked.read_text(encoding="utf-8") == "a file where the machine's cache folder would be"
    assert different_files(tmp_path / "usual", tmp_path / "without") == []
