"""Strict builds: the real site builds without a single warning, and broken input fails
with a message that names the file, the line and the fix — never a Python traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_build

pytestmark = pytest.mark.slow


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_strict_build_is_quiet(tmp_path: Path) -> None:
    result = run_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, _output(result)
    assert "WARNING" not in _output(result) and "ERROR" not in _output(result), _output(result)
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "ja" / "index.html").is_file()


def test_build_needs_nothing_outside_the_repository(tmp_path: Path) -> None:
    # The seeds are for the tests only: a copy of the site sources alone must build.
    project = copy_project(tmp_path / "project")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, _output(result)


def _break_and_build(tmp_path: Path, edit) -> tuple[subprocess.CompletedProcess[str], Path]:
    project = copy_project(tmp_path / "project")
    edit(project)
    return run_build(project, tmp_path / "site"), project


def _assert_clear_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    output = _output(result)
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, f"expected {text!r} in:\n{output}"


def test_invalid_front_matter_names_file_and_line(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        page = project / "docs" / "agreements" / "homeroom.zh.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("title: ", "title: [班主任", 1), encoding="utf-8")

    result, _ = _break_and_build(tmp_path, edit)
    _assert_clear_failure(result, "docs/agreements/homeroom.zh.md:2:", "front matter is not valid YAML", "fix:")


def test_missing_description_is_reported(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        page = project / "docs" / "agreements" / "pickup.zh.md"
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        page.write_text("".join(l for l in lines if not l.startswith("description:")), encoding="utf-8")

    result, _ = _break_and_build(tmp_path, edit)
    _assert_clear_failure(result, "docs/agreements/pickup.zh.md:1: front matter has no 'description'")


def test_link_to_a_missing_page_fails(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        page = project / "docs" / "agreements" / "duties.zh.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n见[附件](attachment.md)。\n", encoding="utf-8")

    result, _ = _break_and_build(tmp_path, edit)
    _assert_clear_failure(result, "agreements/duties.zh.md", "attachment.md", "strict mode")


def test_link_to_a_missing_other_language_page_names_the_line(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        page = project / "docs" / "index.zh.md"
        text = page.read_text(encoding="utf-8").replace("policy/anti-bullying.ja.md", "policy/missing.ja.md")
        page.write_text(text, encoding="utf-8")

    result, project = _break_and_build(tmp_path, edit)
    line = next(n for n, l in enumerate((project / "docs" / "index.zh.md").read_text(encoding="utf-8")
                                           .splitlines(), start=1) if "missing.ja.md" in l)
    _assert_clear_failure(result, f"docs/index.zh.md:{line}: link to 'policy/missing.ja.md'", "fix:")


def test_bad_corrections_data_names_file_and_line(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        data = project / "data" / "corrections" / "policy.yml"
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("kind: typo", "kind: typpo", 1), encoding="utf-8")

    result, project = _break_and_build(tmp_path, edit)
    line = next(n for n, l in enumerate((project / "data" / "corrections" / "policy.yml")
                                           .read_text(encoding="utf-8").splitlines(), start=1) if "typpo" in l)
    _assert_clear_failure(result, f"policy.yml:{line}: unknown kind 'typpo'", "fix: use one of")


def test_hooks_never_rewrite_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert run_build(project, tmp_path / "site").returncode == 0
    # The build cache (anshin/analysis_cache.py) is the build's own scratch, not a source.
    after = {p: p.read_bytes() for p in project.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and ".build-cache" not in p.parts}
    assert after == {p: b for p, b in before.items()}
    assert (project / ".build-cache" / "furigana.json").is_file()


def _make(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    # CHROMIUM= skips the PDF step: this test is about the swap; tests/test_print.py covers PDFs.
    # -o: the shared virtual environment is taken as it is, never reinstalled from this copy
    # (an editable install from here would point the project's venv at a temporary folder).
    return subprocess.run(["make", "--no-print-directory", target, "CHROMIUM=", "-o", ".venv/.site-deps",
                           "-o", ".venv/.test-deps", "-o", ".venv/bin/python"], cwd=project, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_make_build_keeps_the_previous_site_when_a_build_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    first = _make(project, "build")
    assert first.returncode == 0, _output(first)
    snapshot = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert snapshot

    page = project / "docs" / "agreements" / "pickup.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[坏链接](nowhere.md)\n", encoding="utf-8")
    second = _make(project, "build")
    assert second.returncode != 0
    assert "site/ was left as it was" in _output(second)
    now = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert now == snapshot
    assert not (project / ".site-new").exists()


def test_properdocs_builds_the_same_site(tmp_path: Path, built_site: Path) -> None:
    result = run_build(ROOT, tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, _output(result)
    assert "WARNING" not in result.stdout + result.stderr.replace(
        "Support for using this legacy file name", ""), _output(result)

    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}

    assert pages(tmp_path / "site") == pages(built_site)
    for name in ("index.html", "ja/policy/anti-bullying/index.html", "agreements/pickup/index.html"):
        ours = (built_site / name).read_text(encoding="utf-8")
        theirs = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert _article(ours) == _article(theirs), name


def _article(html: str) -> str:
    start = html.index("<article")
    return html[start:html.index("</article>", start)]
