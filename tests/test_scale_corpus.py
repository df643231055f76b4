"""The synthetic corpus of benchmarks/scale.py (`make_corpus`): the documents multiplied in
pairs with distinct titles, the calendars of further school years valid, and the corpus
a site that builds with --strict. No timing: benchmarks/scale.py measures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anshin.school_calendar import Holidays, holiday_warnings, load_calendars
from anshin.translation_status import fingerprint, units
from benchmarks.scale import SECTIONS, _shifted_when, make_corpus
from tests.conftest import ROOT, run_build
from tests.link_check import broken_links
from tests.project import LANGUAGES, catalogue

HOLIDAYS = Holidays("jp", "ja")  # mkdocs.yml's extra.holidays, as tests/test_calendar.py has it


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(ROOT, tmp_path_factory.mktemp("scale") / "project", 2)


def _documents(docs: Path) -> list[Path]:
    return sorted(p for section in SECTIONS for folder in docs.glob(f"{section}*") for p in folder.glob("*.md"))


def _title_and_heading(text: str) -> tuple[str | None, str | None]:
    title = re.search(r"^title:[ \t]*(.+?)[ \t]*$", text.split("\n---\n", 1)[0], re.MULTILINE)
    heading = re.search(r"^# (.+?)[ \t]*$", text.split("\n---\n", 1)[-1], re.MULTILINE)
    return (title[1] if title else None), (heading[1] if heading else None)


def test_factor_2_has_twice_the_documents_each_with_its_twin(corpus: Path) -> None:
    originals = _documents(ROOT / "docs")
    copies = _documents(corpus / "docs")
    assert len(copies) == 2 * len(originals)
    for section in SECTIONS:
        names = sorted(p.name for p in (ROOT / "docs" / section).glob("*.md"))
        assert sorted(p.name for p in (corpus / "docs" / f"{section}-2").glob("*.md")) == names
    stems = {p.with_name(p.name.split(".")[0]) for p in copies}
    assert {(stem, code) for stem in stems for code in LANGUAGES.codes} == {
        (p.with_name(p.name.split(".")[0]), p.name.split(".")[1]) for p in copies}


def test_every_copy_has_its_own_title_and_heading(corpus: Path) -> None:
    for code in LANGUAGES.codes:
        pages = [p for p in _documents(corpus / "docs") if p.name.endswith(f".{code}.md")]
        found = [_title_and_heading(p.read_text(encoding="utf-8")) for p in pages]
        titles = [title for title, _ in found if title]
        headings = [heading for _, heading in found if heading]
        assert len(titles) == len(pages) and len(set(titles)) == len(titles)
        assert len(set(headings)) == len(headings) and len(headings) >= len(pages) // 2


def test_a_copy_refers_to_its_own_copy_and_its_translation_stays_as_checked(corpus: Path) -> None:
    for page in _documents(corpus / "docs"):
        folder = page.parent.name
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"^bilingual_of:[ \t]*(\S+)", text, re.MULTILINE):
            assert target.split("/")[0] == folder, f"{page}: bilingual_of {target}"
        if folder.endswith("-2"):
            original = ROOT / "docs" / folder.removesuffix("-2") / page.name
            assert fingerprint(units(text)) == fingerprint(units(original.read_text(encoding="utf-8"))), page


def test_the_copies_are_in_every_languages_nav(corpus: Path) -> None:
    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    for section in SECTIONS:
        listed = re.findall(rf"^\s+- (?:[^:\n]+: )?({section}-2/\S+\.md)\s*$", config, re.MULTILINE)
        pages = {p.name.split(".")[0] + ".md" for p in (corpus / "docs" / f"{section}-2").glob("*.md")}
        assert sorted(listed) == sorted(f"{section}-2/{name}" for name in pages for _ in LANGUAGES.codes)


def test_the_further_school_years_load_without_errors_or_events_on_holidays(tmp_path: Path) -> None:
    project = make_corpus(ROOT, tmp_path / "project", 10)
    calendars = load_calendars(project / "data" / "calendar", list(LANGUAGES.codes))
    assert [c.year for c in calendars] == list(range(2019, 2029))
    first = calendars[0]
    for calendar in calendars[1:]:
        assert [e.id for e in calendar.events] == [e.id for e in first.events]
        assert holiday_warnings(calendar, HOLIDAYS, catalogue(HOLIDAYS.language)) == []
        start, end = calendar.bounds
        assert all(start <= e.when.first_day and e.when.last_day <= end for e in calendar.exported())
    # Each copy of the policy shows one of the years.
    policy = (project / "docs" / "policy-3" / "anti-bullying.zh.md").read_text(encoding="utf-8")
    assert set(re.findall(r"<!-- anshin:calendar (\d{4}) ", policy)) == {"2021"}


@pytest.mark.parametrize(("written", "years", "school_year", "shifted"), [
    ("2月29日", 1, 2020, "2月28日"),                 # 2020-02-29 exists, 2021-02-29 does not
    ("2月26日～29日", 1, 2020, "2月26日～28日"),
    ("2019年8月8日", 2, 2021, "2021年8月7日"),       # 山の日 of 2021 (and 8月9日, its 振替休日)
    ("8月8日", 2, 2021, "8月7日"),
    ("4月23日～5月7日", 1, 2020, "4月23日～5月7日"),  # a range may span holidays (Golden Week)
    ("11月中旬", 1, 2020, "11月中旬"),
    ("毎月", 1, 2020, "毎月"),
])
def test_a_date_is_written_for_the_later_school_year(written: str, years: int, school_year: int, shifted: str) -> None:
    assert _shifted_when(written, years, school_year) == shifted


@pytest.mark.slow
def test_the_corpus_at_factor_2_builds_strictly_with_no_broken_link(corpus: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_build(corpus, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert sum(1 for _ in site.rglob("index.html")) == sum(1 for _ in (corpus / "docs").rglob("*.md"))
    # Served anywhere but at the address the editing guide names (make serve's 127.0.0.1:8000).
    assert broken_links(site, "http://h/") == []
    for language in LANGUAGES:
        page = (site / language.root / "policy-2" / "anti-bullying" / "index.html").read_text(encoding="utf-8")
        assert 'id="anshin-cal-2020-04"' in page
        assert (site / language.root / "calendar" / "anshin-2020.ics").is_file()
