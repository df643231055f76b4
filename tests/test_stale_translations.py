"""Translations that cannot silently go out of date (issue 13): the facts a translation
must copy, clause by clause; which clauses of an original changed since its translation
was checked, from git history and from the recorded fingerprint; what the build, the
page, the bilingual page, the print and the editorial notes then show; and the
`make translations` / `make check-translation` commands."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from anshin.facts import facts
from anshin.translation_status import fingerprint, read_fingerprint, side_by_side, status, units, with_check_recorded
from tests.conftest import copy_project, run_build
from tests.html_tools import parse
from tests.test_browser import PHONE
from tools import audit
from tools.site_server import serve

ORIGINAL = "docs/agreements/pickup.zh.md"
TRANSLATION = "docs/agreements/pickup.ja.md"
TIME_BEFORE, TIME_AFTER = "\n一、早上8:00、", "\n一、早上8:30、"


# --- facts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("chinese", "japanese"), [
    ("早上8:00到校", "朝8：00に登校"),
    ("下午4点10分离校", "午後4時10分に下校"),
    ("电话093-582-3000", "電話093-582-3000"),
    ("6岁以下", "6歳未満"),
    ("三年级学生", "3年生"),
    ("1年级学生指导", "1学年生徒指導"),
    ("费用100元", "費用100元"),
    ("4月12日", "4月12日"),
    ("==xx小学==", "==xx小学=="),
])
def test_a_fact_written_as_each_language_writes_it_is_the_same_fact(chinese: str, japanese: str) -> None:
    assert facts(chinese) and facts(chinese) == facts(japanese)


@pytest.mark.parametrize(("chinese", "japanese"), [
    ("早上8:00到校", "朝9:00に登校"), ("电话093-582-3000", "電話093-582-3001"), ("6岁", "7歳"),
    ("==xx小学==", "==xx中学=="),
])
def test_a_retyped_fact_differs(chinese: str, japanese: str) -> None:
    assert facts(chinese) != facts(japanese)


def test_durations_counts_and_clause_numbers_are_not_facts() -> None:
    assert facts("24時間対応。3点を守る。第3条のとおり。两份，二部。") == {}


# --- units and changes ---------------------------------------------------------------------

ZH = ("---\ntitle: 甲\n---\n# 甲\n\n家长：\n\n一、早上8:00到校。\n\n二、下午5:00离校。\n\n"
      "三、请假须告知班主任。\n\n- 家长签名：\n- 电话：\n")
JA = ("---\ntitle: 甲\ntranslation_checked: 2026-11-21\n---\n# 甲\n\n保護者の皆様\n\n一、朝8:00に登校。\n\n"
      "二、午後5:00に下校。\n\n三、欠席は担任に連絡。\n\n- 保護者署名：\n- 電話：\n")


def test_units_are_paragraphs_clauses_and_list_items_with_their_ids() -> None:
    found = units(ZH)
    assert [(u.line, u.kind, u.id, u.marker) for u in found] == [
        (6, "text", None, ""), (8, "text", "c-1", "一、"), (10, "text", "c-2", "二、"), (12, "text", "c-3", "三、"),
        (14, "item", None, ""), (15, "item", None, "")]


def test_fingerprint_round_trips_and_rejects_what_is_not_one() -> None:
    written = fingerprint(units(ZH))
    assert read_fingerprint(written) == [u.checked for u in units(ZH)]
    assert read_fingerprint("not a fingerprint") is None and read_fingerprint(None) is None


def _kinds(original: str, translation: str = JA, checked_against: str = ZH) -> list[tuple[str, int | None]]:
    result = status(original, translation, datetime.date(2026, 11, 21), None, checked_against)
    return [(c.kind, c.translation.line if c.translation else c.after.line if c.after else None)
            for c in result.changes]


def test_an_unchanged_original_leaves_the_translation_up_to_date() -> None:
    result = status(ZH, JA, datetime.date(2026, 11, 21), None, ZH)
    assert not result.stale and result.aligned and result.mismatches == []


def test_a_changed_clause_falls_on_its_translation() -> None:
    assert _kinds(ZH.replace("8:00", "8:30")) == [("changed", 9)]  # the translation's own line


def test_a_new_clause_is_placed_after_its_predecessor_and_those_after_it_are_renumbered() -> None:
    added = ZH.replace("二、下午5:00离校。\n\n三、请假", "二、午饭在学校吃。\n\n三、下午5:00离校。\n\n四、请假")
    assert _kinds(added) == [("new", 9), ("renumbered", 11), ("renumbered", 13)]


def test_a_removed_clause_is_marked_on_its_translation() -> None:
    removed = ZH.replace("二、下午5:00离校。\n\n三、请假", "二、请假")
    assert _kinds(removed) == [("removed", 11), ("renumbered", 13)]


def test_side_by_side_keeps_every_unit_of_both() -> None:
    added = ZH.replace("三、请假须告知班主任。", "三、请假须告知班主任。\n\n四、新条款。")
    rows = side_by_side([u.checked for u in units(ZH)], units(added), units(JA))
    assert [(a.line if a else None, b.line if b else None, what) for a, b, what in rows] == [
        (6, 7, None), (8, 9, None), (10, 11, None), (12, 13, None), (14, None, "new"), (16, 15, None), (17, 16, None)]


def test_facts_are_compared_clause_by_clause_only_where_the_original_did_not_change() -> None:
    retyped = JA.replace("午後5:00", "午後6:00")
    result = status(ZH, retyped, datetime.date(2026, 11, 21), None, ZH)
    assert [(m.original.line, m.translation.line, m.only_in_original, m.only_in_translation)
            for m in result.mismatches] == [(10, 11, ("5:00",), ("6:00",))]
    # Where the original changed, the translation is stale there, not wrong.
    changed = status(ZH.replace("下午5:00", "下午6:00"), JA, datetime.date(2026, 11, 21), None, ZH)
    assert changed.mismatches == [] and [c.kind for c in changed.changes] == ["changed"]


def test_recording_a_check_changes_the_date_and_the_fingerprint_only() -> None:
    recorded = with_check_recorded(JA, datetime.date(2026, 12, 2), units(ZH))
    assert recorded.replace("translation_checked: 2026-12-02", "translation_checked: 2026-11-21") \
        .replace(re.search(r"translation_fingerprint: >-\n(?:  .*\n)+", recorded).group(0), "") == JA
    again = with_check_recorded(recorded, datetime.date(2026, 12, 3), units(ZH.replace("8:00", "8:30")))
    assert again.count("translation_fingerprint") == 1 and "translation_checked: 2026-12-03" in again


# --- the build -----------------------------------------------------------------------------

def _git(project: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=Anshin", "-c", "user.email=anshin@example.invalid", *arguments],
                   cwd=project, check=True, capture_output=True, timeout=60)


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _without_fingerprint(project: Path) -> None:
    file = project / TRANSLATION
    file.write_text(re.sub(r"translation_fingerprint: >-\n(?:  .*\n)+", "", file.read_text(encoding="utf-8")),
                    encoding="utf-8")


def _checked_on(project: Path) -> str:
    return re.search(r"^translation_checked: (\S+)$", (project / TRANSLATION).read_text(encoding="utf-8"),
                     re.MULTILINE).group(1)


def _marks(site: Path) -> list[tuple[str, str]]:
    """(kind, the clause id the mark links to) of every stale mark on the Japanese page."""
    html = (site / "ja" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'anshin-stale--(\w+)".*?href="[^"#]*#?([^"]*)" hreflang', html, re.DOTALL)


def _page(site: Path) -> str:
    return (site / "ja" / "agreements" / "pickup" / "index.html").read_text(encoding="utf-8")


def _checked_command(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.translations", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)})


@pytest.fixture(scope="module")
def git_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site in a git repository of its own, its Japanese pickup page without a
    fingerprint (as a school's existing translation would be): git history tells."""
    project = copy_project(tmp_path_factory.mktemp("git") / "project")
    _without_fingerprint(project)
    _edit(project, TRANSLATION, f"translation_checked: {_checked_on(project)}", "translation_checked: 2026-11-21")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "the school's site")
    return project


@pytest.mark.slow
def test_git_history_a_changed_time_marks_exactly_that_clause_and_the_check_clears_it(
        git_project: Path, tmp_path: Path) -> None:
    fresh = run_build(git_project, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert "anshin-translation--stale" not in _page(tmp_path / "fresh")

    _edit(git_project, ORIGINAL, TIME_BEFORE, TIME_AFTER)
    _git(git_project, "commit", "-q", "-am", "pick-up at 8:30")
    stale = run_build(git_project, tmp_path / "stale")
    output = stale.stdout + stale.stderr
    assert stale.returncode == 0, output  # an urgent change to the original publishes today
    assert f"stale translation: {TRANSLATION} — {ORIGINAL} changed on {datetime.date.today()}" in output
    assert _marks(tmp_path / "stale") == [("changed", "c-1")]
    document = parse(_page(tmp_path / "stale"))
    notice = [d for d in document.find_all("div") if "anshin-translation--stale" in d.attrs.get("class", "")]
    assert len(notice) == 1 and "原文が変更されています" in notice[0].text
    quoted = [d for d in document.find_all("div") if "anshin-stale__original" in d.attrs.get("class", "")]
    assert len(quoted) == 1 and quoted[0].attrs["lang"] == "zh-Hans" and "早上8:30" in quoted[0].text
    # The mark stands right before the clause it concerns.
    html = _page(tmp_path / "stale")
    assert html.index("anshin-stale--changed") < html.index('id="c-1"') < html.index('id="c-2"')
    # The editorial notes list it, in both languages.
    notes = (tmp_path / "stale" / "notes" / "editorial" / "index.html").read_text(encoding="utf-8")
    assert "待核对的译文" in notes and "登下校送迎に関する安全協定書" in notes

    # A clause added to the original (and committed) shows as new, where it was added; the
    # clauses after it are marked renumbered; the build still succeeds.
    _add_a_clause(git_project)
    _git(git_project, "commit", "-q", "-am", "a new clause 二、")
    added = run_build(git_project, tmp_path / "added")
    assert added.returncode == 0, added.stdout + added.stderr
    marks = _marks(tmp_path / "added")
    assert marks[:2] == [("changed", "c-1"), ("new", "c-2")] and {k for k, _ in marks[2:]} == {"renumbered"}

    # Until the translation has the new clause too, the check is refused, and nothing is written.
    _edit(git_project, TRANSLATION, "一、朝8:00", "一、朝8:30")
    refused = _checked_command(git_project, "check", "agreements/pickup.ja.md")
    assert refused.returncode == 1 and refused.stdout == "" and "not recorded as checked" in refused.stderr

    # The translator translates it and records the check: the notice is gone.
    _translate_the_new_clause(git_project)
    result = _checked_command(git_project, "check", "agreements/pickup.ja.md")
    assert result.returncode == 0, result.stderr
    assert f"+translation_checked: {datetime.date.today().isoformat()}" in result.stdout
    assert "+translation_fingerprint: >-" in result.stdout
    changed_lines = [line for line in result.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert all(re.match(r"^[-+](translation_checked:|translation_fingerprint:|  [0-9a-f ]+$)", line)
               for line in changed_lines), changed_lines
    _git(git_project, "commit", "-q", "-am", "translation checked")
    checked = run_build(git_project, tmp_path / "checked")
    assert checked.returncode == 0, checked.stderr
    assert "anshin-translation--stale" not in _page(tmp_path / "checked") and _marks(tmp_path / "checked") == []


@pytest.mark.slow
def test_a_clause_added_to_the_original_shows_as_new_and_the_build_still_succeeds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _add_a_clause(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    marks = _marks(tmp_path / "site")
    assert marks[0] == ("new", "c-2") and {kind for kind, _ in marks[1:]} == {"renumbered"}
    html = _page(tmp_path / "site")
    assert html.index('id="c-1"') < html.index("anshin-stale--new") < html.index('id="c-2"')
    assert "放学时请家长在校门外黄线后等候" in html
    # The bilingual page still builds: the new clause has an empty translation cell.
    bilingual = (tmp_path / "site" / "ja" / "agreements" / "pickup-bilingual" / "index.html").read_text(encoding="utf-8")
    assert "anshin-bilingual__stale" in bilingual and "放学时请家长在校门外黄线后等候" in bilingual


def _insert_clause_two(file: Path, clause: str) -> None:
    """`clause` as 二、, and the clauses from 二、 on one number down (三、 四、 …)."""
    lines, numerals = [], "一二三四五六七八九"
    for line in file.read_text(encoding="utf-8").split("\n"):
        if line.startswith("二、"):
            lines += [f"二、{clause}", ""]
        if re.match(r"^[二三四五六七八]、", line):
            line = numerals[numerals.index(line[0]) + 1] + line[1:]
        lines.append(line)
    file.write_text("\n".join(lines), encoding="utf-8")


def _add_a_clause(project: Path) -> None:
    _insert_clause_two(project / ORIGINAL, "放学时请家长在校门外黄线后等候。")


def _translate_the_new_clause(project: Path) -> None:
    _insert_clause_two(project / TRANSLATION, "下校時、保護者は校門の外の黄色い線の後ろでお待ちください。")


@pytest.mark.slow
def test_without_git_history_the_fingerprint_gives_the_same_marks(git_project: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")   # no .git: the fingerprint is all there is
    assert read_fingerprint(re.search(r"translation_fingerprint: >-\n((?:  .*\n)+)",
                                      (project / TRANSLATION).read_text(encoding="utf-8")).group(1))
    _edit(project, ORIGINAL, TIME_BEFORE, TIME_AFTER)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert _marks(tmp_path / "site") == [("changed", "c-1")]
    assert f"stale translation: {TRANSLATION} — {ORIGINAL} changed since" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_retyped_time_fails_the_strict_build_naming_both_lines(tmp_path: Path) -> None:
    # Phone numbers are no longer typed in pages (data/contacts.yml renders them in every
    # language); the times of an agreement still are, in the original and its translation.
    project = copy_project(tmp_path / "project")
    translation = project / TRANSLATION
    original = (project / ORIGINAL).read_text(encoding="utf-8")
    text = translation.read_text(encoding="utf-8")
    assert text.count("昼10:50") == 1 and original.count("\n一、早上8:00、下午2:00在家长的陪送下准时入校，中午10:50") == 1
    line = text[:text.index("昼10:50")].count("\n") + 1
    original_line = original[:original.index("\n一、早上8:00")].count("\n") + 2
    translation.write_text(text.replace("昼10:50", "昼10:15"), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (f"{TRANSLATION}:{line}: a fact differs from the original {ORIGINAL}:{original_line} — only the original "
            f"has 10:50; only the translation has 10:15 — fix: copy the value from the original") in output, output


def test_make_translations_reports_one_row_per_translation(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _edit(project, ORIGINAL, TIME_BEFORE, TIME_AFTER)
    result = _checked_command(project, "report")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:]}
    assert set(rows) >= {"agreements/pickup.ja.md", "policy/anti-bullying.zh.md"}
    assert rows["agreements/pickup.ja.md"][3:5] == ["stale", "1"]
    assert rows["agreements/duties.ja.md"][3:6] == ["up", "to", "date"]


def test_the_check_command_refuses_a_translation_with_a_retyped_fact_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _edit(project, TRANSLATION, "一、朝8:00", "一、朝9:00")
    before = (project / TRANSLATION).read_text(encoding="utf-8")
    result = _checked_command(project, "check", "agreements/pickup.ja.md")
    assert result.returncode == 1 and result.stdout == ""
    assert re.search(r"docs/agreements/pickup\.ja\.md:\d+: a fact differs from docs/agreements/pickup\.zh\.md:\d+ "
                     r"— only the original has 8:00; only the translation has 9:00", result.stderr)
    assert (project / TRANSLATION).read_text(encoding="utf-8") == before


def test_the_check_command_says_what_is_not_a_translation(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = _checked_command(project, "check", "agreements/pickup.zh.md")
    assert result.returncode == 1 and "not a translation" in result.stderr and "Traceback" not in result.stderr


# --- in a browser, on a phone and in print ---------------------------------------------------

@pytest.mark.slow
def test_the_stale_notice_and_marks_are_readable_on_a_phone_and_print(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path / "project")
    _add_a_clause(project)
    _edit(project, ORIGINAL, TIME_BEFORE, TIME_AFTER)
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    with serve(site) as base:
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
        tab = context.new_page()
        tab.goto(base + "ja/agreements/pickup/")
        notice = tab.locator(".anshin-translation--stale")
        assert notice.is_visible()
        box = notice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        changed = tab.locator(".anshin-stale--changed")
        assert changed.count() == 1 and changed.is_visible()
        assert changed.locator("[lang=zh-Hans]").inner_text().startswith("一、早上8:30")
        assert tab.locator(".anshin-stale--new").is_visible()
        tab.emulate_media(media="print")
        for selector in (".anshin-translation--stale", ".anshin-stale--changed", ".anshin-stale--new",
                         ".anshin-stale__original"):
            assert tab.locator(selector).first.is_visible(), f"{selector} is not printed"
        assert not tab.locator(".anshin-stale a[hreflang]").first.is_visible()  # a link leads nowhere on paper
        pdf = tmp_path / "pickup.pdf"
        pdf.write_bytes(tab.pdf(format="A4"))
        context.close()
        # Readable means WCAG 2.2 AA too (contrast, lang, roles), on the page and the bilingual page.
        for path in ("ja/agreements/pickup/", "ja/agreements/pickup-bilingual/", "notes/editorial/"):
            assert audit.axe_violations(browser, base + path) == [], path
    # And valid HTML (the Nu Html Checker, as tests/test_quality.py runs it).
    checked = tmp_path / "checked"
    for path in ("ja/agreements/pickup", "ja/agreements/pickup-bilingual", "notes/editorial"):
        shutil.copytree(site / path, checked / path)
    assert audit.vnu_errors(checked)[0] == []
    # On paper too (read back with poppler's pdftotext, as tests/test_print.py does).
    printed = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                                     check=True).stdout.split())
    for words in ("原文が変更されています", "原文のこの条項は変更されました", "一、早上8:30", "原文のこの位置に条項が追加されました"):
        assert words in printed, words
