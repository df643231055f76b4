"""Every internal link and anchor resolves, at the site root and under a sub-path, and the
school's configuration reaches every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, run_build
from tests.link_check import broken_links


def test_no_broken_internal_links_or_anchors(built_site: Path, site_url: str) -> None:
    problems = broken_links(built_site, site_url)
    assert not problems, "\n".join(problems[:30])


def test_link_checker_sees_a_broken_anchor_and_a_missing_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">x</a><a href="b/">y</a><p id="top"></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<a href="../#top">z</a>', encoding="utf-8")
    assert broken_links(tmp_path, "http://h/") == ["index.html: a/#here (no such anchor)", "index.html: b/"]


@pytest.mark.slow
def test_sub_path_build_has_no_broken_links(sub_path_site) -> None:
    site, url = sub_path_site.dir, sub_path_site.url
    problems = broken_links(site, url)
    assert not problems, "\n".join(problems[:30])
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}</loc>" in sitemap and f'href="{url}ja/"' in sitemap


@pytest.mark.browser
def test_sub_path_language_switch_and_assets(browser, sub_path_site) -> None:
    url = sub_path_site.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(url + "agreements/duties/#c-2-7", wait_until="networkidle")
    # dispatch_event, not click(): Playwright scrolls before a real click, which would move
    # the clause the reader is on.
    with page.expect_navigation():
        page.locator('.md-select__link[hreflang="ja"]').dispatch_event("click")
    page.wait_for_load_state("networkidle")
    assert page.url == url + "ja/agreements/duties/#c-2-7"
    page.get_by_role("link", name="用語集").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == url + "ja/glossary/"
    assert not failed, failed
    context.close()


SECOND_SCHOOL = {
    "name": {"zh": "樱丘实验小学", "ja": "桜丘実験小学校"},
    "address": {"zh": "", "ja": ""},
    "phone": "",
    # Where its numbers are dialled (data/contacts.yml's tel: links need it).
    "country": "JP",
    "area_code": "093",
    "time_zone": "Asia/Tokyo",
    "responsible_person": {"zh": "王老师", "ja": "王先生"},
    "year": "2027",
    "school_year": 2019,
    "logo": "",
    "colours": {"primary": "#1a4f8b", "accent": "#8b1a4f"},
}


@pytest.mark.slow
def test_a_second_school_configuration_reaches_every_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data" / "school.yml").write_text(yaml.safe_dump(SECOND_SCHOOL, allow_unicode=True), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for name in ("pickup", "duties", "campus-rules", "middle-school"):
        for language_root, school, person in (("", "樱丘实验小学", "王老师"), ("ja/", "桜丘実験小学校", "王先生")):
            html = (site / language_root / "agreements" / name / "index.html").read_text(encoding="utf-8")
            assert "<mark>xx小学</mark>" not in html and "<mark>20xx</mark>" not in html, name
            if name in ("pickup", "duties"):
                assert school in html, (language_root, name)
            if name == "campus-rules":
                assert person in html and "2027" in html, (language_root, name)
    for page in site.rglob("index.html"):
        assert "--md-primary-fg-color:#1a4f8b" in page.read_text(encoding="utf-8"), page
    # Blanks shown as examples on the editorial notes stay blanks.
    assert "<mark>xx小学</mark>" in (site / "notes" / "editorial" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    ({"colours": {"primary": "#8fd3c7", "accent": "#00564b"}}, "contrast with white text"),
    ({"school_year": "twenty"}, "'school_year' must be a year"),
    ({"name": {"zh": "樱丘小学", "ja": ""}}, "'name' is set in one language only"),
    ({"motto": "x"}, "unknown key 'motto'"),
])
def test_bad_school_configuration_fails_with_the_line(tmp_path: Path, change: dict, message: str) -> None:
    project = copy_project(tmp_path / "project")
    data = {**SECOND_SCHOOL, **change}
    (project / "data" / "school.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"data/school\.yml:\d+: ", output) and message in output and "fix:" in output, output


def test_documents_show_effective_and_last_changed_dates(built_site: Path) -> None:
    policy = (built_site / "ja" / "policy" / "anti-bullying" / "index.html").read_text(encoding="utf-8")
    assert '効力発生：<time datetime="2019-04-01">2019年4月1日</time>' in policy
    assert re.search(r'最終更新：<time datetime="\d{4}-\d\d-\d\d">', policy)
    translation = (built_site / "policy" / "anti-bullying" / "index.html").read_text(encoding="utf-8")
    assert '生效：<time datetime="2019-04-01">' in translation  # the original's fact, not retyped
    pickup = (built_site / "ja" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")
    assert "効力発生：署名の日から" in pickup


def test_without_git_history_no_date_is_invented(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")  # a copy outside any git repository
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0
    html = (tmp_path / "site" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")
    assert "anshin-dates" in html and "最近修改" not in html


def test_github_pages_workflow_builds_for_the_published_address() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(s for s in steps if s.get("name") == "Build")
    assert build["run"].startswith("make build")
    assert build["env"]["ANSHIN_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert steps[0]["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    # The caches of the last run come back before the build (and are saved after it).
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert steps.index(cache) < steps.index(build)
    assert set(cache["with"]["path"].split()) == {".build-cache", ".pdf-cache"}
    assert cache["with"]["restore-keys"] == "anshin-build-"


@pytest.mark.slow
def test_changing_the_school_year_changes_the_calendar_and_its_feed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "calendar"
    (data / "2020.yml").write_text((data / "2019.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "data" / "school.yml").write_text(
        yaml.safe_dump({**SECOND_SCHOOL, "school_year": 2020}, allow_unicode=True), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for root in ("", "ja/"):
        calendar = (site / root / "calendar" / "index.html").read_text(encoding="utf-8")
        assert 'datetime="2020-04-' in calendar and 'datetime="2019-04-' not in calendar, root
        assert "anshin-2020.ics" in calendar
        feed = (site / root / "calendar" / "anshin-2020.ics").read_text(encoding="utf-8")
        assert "DTSTART;VALUE=DATE:20200" in feed
    # The 2019 policy keeps its own year's tables.
    policy = (site / "ja" / "policy" / "anti-bullying" / "index.html").read_text(encoding="utf-8")
    assert 'datetime="2019-04-12"' in policy
