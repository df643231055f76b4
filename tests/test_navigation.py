"""Material's navigation pruned on a large site (hooks/navigation.py): a site with fewer
pages than `extra.navigation_prune_from` keeps its whole navigation in every page; from that
many on, a page carries its own section's links and one link for each other section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_build

_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link')


def _with_setting(tmp_path: Path, line: str) -> Path:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  {line}\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, line in (("whole", "navigation_prune_from: 1000"), ("pruned", "navigation_prune_from: 5")):
        folder = tmp_path_factory.mktemp(name)
        finished = run_build(_with_setting(folder, line), folder / "site", extra_env={"ANSHIN_BUILD_CACHE": ""})
        assert finished.returncode == 0, finished.stderr
        built[name] = folder / "site"
    return built


def test_a_site_smaller_than_the_setting_keeps_its_whole_navigation(sites: dict[str, Path]) -> None:
    whole = (sites["whole"] / "index.html").read_text(encoding="utf-8")
    # the home page links every document, however deep: the pickup agreement among them
    assert "agreements/pickup/" in " ".join(_NAV_LINK.findall(whole))


@pytest.mark.parametrize("page", ["index.html", "ja/index.html", "policy/anti-bullying/index.html"])
def test_a_site_as_large_as_the_setting_carries_less_navigation_in_every_page(sites: dict[str, Path], page: str) -> None:
    whole = _NAV_LINK.findall((sites["whole"] / page).read_text(encoding="utf-8"))
    pruned = _NAV_LINK.findall((sites["pruned"] / page).read_text(encoding="utf-8"))
    assert 0 < len(pruned) < len(whole)
    assert set(pruned) <= set(whole)          # the links it keeps go where they went


def test_a_pruned_page_keeps_its_own_sections_links(sites: dict[str, Path]) -> None:
    links = " ".join(_NAV_LINK.findall((sites["pruned"] / "agreements/pickup/index.html").read_text(encoding="utf-8")))
    assert "../duties/" in links or "duties/" in links       # a sibling in its own section
    home = " ".join(_NAV_LINK.findall((sites["pruned"] / "index.html").read_text(encoding="utf-8")))
    assert "agreements/pickup/" not in home                  # another section's page: not on the home page


@pytest.mark.parametrize("value", ["many", "0", "-3", "true", "2.5"])
def test_a_setting_that_is_no_number_of_pages_stops_the_build_with_the_line(tmp_path: Path, value: str) -> None:
    project = _with_setting(tmp_path, f"navigation_prune_from: {value}")
    finished = run_build(project, tmp_path / "site", extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert finished.returncode != 0
    line = next(number for number, text in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("navigation_prune_from:"))
    assert f"mkdocs.yml:{line}: extra.navigation_prune_from is" in finished.stderr
    assert "fix: write a whole number" in finished.stderr
    assert "Traceback" not in finished.stderr
