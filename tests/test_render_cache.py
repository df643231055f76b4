"""Pages' HTML kept between builds (hooks/render_cache.py, anshin/analysis_cache.py
EntryFiles): a kept conversion is used, an edit is not hidden by it, and what MkDocs
checks after converting (links, anchors) is checked on a kept page as on a new one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anshin.analysis_cache import EntryFiles
from tests.conftest import copy_project, run_build

PAGE = "docs/agreements/pickup.zh.md"
PARAGRAPH = "二、送孩子入校时，必须将孩子亲自送进校门"
# the pages that show the paragraph: the page, and the side-by-side page in each language
SHOWN_ON = ("agreements/pickup/index.html", "agreements/pickup-bilingual/index.html",
            "ja/agreements/pickup-bilingual/index.html")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _build(project: Path, site: Path):
    return run_build(project, site, extra_env={"ANSHIN_BUILD_CACHE": str(project / "cache")})


def _entries(project: Path) -> list[Path]:
    return sorted((project / "cache" / "pages").glob("*/*.json"))


def test_a_kept_conversion_is_used_and_an_edit_replaces_it(project: Path, tmp_path: Path) -> None:
    assert _build(project, tmp_path / "first").returncode == 0
    # Mark the kept HTML of the pages that show the paragraph: the next build must show the
    # mark, which only the cache can have put there.
    kept = [path for path in _entries(project) if PARAGRAPH in path.read_text(encoding="utf-8")]
    for path in kept:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["value"]["content"] = document["value"]["content"].replace(PARAGRAPH, "KEPT-MARK" + PARAGRAPH)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert _build(project, tmp_path / "second").returncode == 0
    for page in SHOWN_ON:
        assert "KEPT-MARK" in (tmp_path / "second" / page).read_text(encoding="utf-8"), page
    assert len(kept) == len(SHOWN_ON)

    # An edit of the Chinese page reaches the pages written from it too (both languages'
    # bilingual pages), none of them from the cache.
    source = project / PAGE
    source.write_text(source.read_text(encoding="utf-8").replace(PARAGRAPH, PARAGRAPH + "（已编辑）", 1), encoding="utf-8")
    third = _build(project, tmp_path / "third")
    assert third.returncode == 0, third.stderr
    for page in SHOWN_ON:
        html = (tmp_path / "third" / page).read_text(encoding="utf-8")
        assert "KEPT-MARK" not in html and "（已编辑）" in html, page
    # The entries the edit left unused are gone: the cache holds one build's worth.
    assert not any(path.exists() for path in kept)


def test_a_link_to_a_missing_page_fails_every_strict_build(project: Path, tmp_path: Path) -> None:
    source = project / PAGE
    source.write_text(source.read_text(encoding="utf-8") + "\n见[说明](no-such-page.md)。\n", encoding="utf-8")
    for build in ("first", "second"):
        result = _build(project, tmp_path / build)
        assert result.returncode != 0
        assert "no-such-page.md" in result.stderr, build


def test_a_file_removed_from_docs_is_missed_by_a_kept_page(project: Path, tmp_path: Path) -> None:
    attachment = project / "docs" / "sample-form.txt"
    attachment.write_text("回执\n", encoding="utf-8")
    source = project / "docs" / "contacts.zh.md"   # a page that no other page is written from
    source.write_text(source.read_text(encoding="utf-8") + "\n[回执](sample-form.txt)\n", encoding="utf-8")
    first = _build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    attachment.unlink()
    second = _build(project, tmp_path / "second")
    assert second.returncode != 0
    assert "docs/contacts.zh.md" in second.stderr and "sample-form.txt" in second.stderr


def test_an_anchor_gone_from_its_page_is_reported_from_a_kept_page(project: Path, tmp_path: Path) -> None:
    target = project / "docs" / "contacts.zh.md"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n## 测试小节 {#test-section}\n\n正文。\n", encoding="utf-8")
    source = project / "docs" / "glossary.zh.md"   # a page that no other page is written from
    source.write_text(source.read_text(encoding="utf-8") + "\n见[联系方式](contacts.md#test-section)。\n",
                      encoding="utf-8")
    first = _build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    kept = [path for path in _entries(project) if "contacts/#test-section" in path.read_text(encoding="utf-8")]
    assert len(kept) == 1
    document = json.loads(kept[0].read_text(encoding="utf-8"))
    document["value"]["content"] += "<p>KEPT-MARK</p>"
    kept[0].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    # The glossary is as it was, so its HTML comes from the cache; the anchor it links to
    # is gone from the other page, and MkDocs must still say so.
    target.write_text(original, encoding="utf-8")
    second = _build(project, tmp_path / "second")
    assert second.returncode != 0
    assert "docs/glossary.zh.md" in second.stderr and "test-section" in second.stderr
    assert "KEPT-MARK" in (tmp_path / "second" / "glossary" / "index.html").read_text(encoding="utf-8")


def test_no_cache_folder_keeps_nothing(project: Path, tmp_path: Path) -> None:
    result = run_build(project, tmp_path / "site", extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert result.returncode == 0, result.stderr
    assert not (project / "cache").exists() and not (project / ".build-cache").exists()


# EntryFiles on its own.

def test_an_entry_file_is_found_in_the_next_build_and_unused_ones_go(tmp_path: Path) -> None:
    first = EntryFiles.open(tmp_path, "pages", "env-1")
    first.put("a" * 64, {"content": "<p>一</p>"})
    first.put("b" * 64, {"content": "<p>二</p>"})
    first.save()
    second = EntryFiles.open(tmp_path, "pages", "env-1")
    assert second.get("a" * 64) == {"content": "<p>一</p>"} and second.hits == 1
    second.save()
    third = EntryFiles.open(tmp_path, "pages", "env-1")
    assert third.get("a" * 64) is not None
    assert third.get("b" * 64) is None and third.misses == 1


def test_entry_files_of_another_environment_are_stale_and_removed(tmp_path: Path) -> None:
    old = EntryFiles.open(tmp_path, "pages", "env-1")
    old.put("a" * 64, "x")
    old.save()
    new = EntryFiles.open(tmp_path, "pages", "env-2")
    assert new.get("a" * 64) is None
    new.put("c" * 64, "y")
    new.save()
    assert [path.name for path in (tmp_path / "pages").iterdir()] == ["env-2"]


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b'{"environment": "env-1"}', b"[]"])
def test_an_entry_file_that_cannot_be_read_counts_as_absent(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "pages" / "env-1"
    folder.mkdir(parents=True)
    (folder / ("a" * 64 + ".json")).write_bytes(content)
    assert EntryFiles.open(tmp_path, "pages", "env-1").get("a" * 64) is None


def test_no_folder_is_no_entry_files(tmp_path: Path) -> None:
    cache = EntryFiles.open(None, "pages", "env-1")
    cache.put("a" * 64, "x")
    cache.save()
    assert cache.get("b" * 64) is None and list(tmp_path.iterdir()) == []


def test_entry_files_not_consulted_by_a_build_are_kept(tmp_path: Path) -> None:
    first = EntryFiles.open(tmp_path, "pages", "env-1")
    first.put("a" * 64, "x")
    first.save()
    EntryFiles.open(tmp_path, "pages", "env-1").save()   # a build that never asked (mkdocs build -v)
    assert EntryFiles.open(tmp_path, "pages", "env-1").get("a" * 64) == "x"
