"""An editor's mistakes (issue 18), each on a fresh copy of the site, built as
`make build` builds (`mkdocs build --strict`). For every input:

- the build fails (exit ≠ 0), or, where the input is valid, builds correctly;
- no Python traceback reaches the editor;
- the message names the broken file, project-relative, and the line where there is one;
- nothing in docs/ or data/ is changed by the build.

README.md ("What each mistake produces") summarises the classes.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SEEDS, copy_project, run_build

pytestmark = pytest.mark.slow


def _edit(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        target.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def _append(path: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _set(path: str, key: str, value: str) -> Callable[[Path], None]:
    """Front matter: `key: value` in place of the line that sets `key`."""
    def edit(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        changed, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, f"no '{key}:' in {path}"
        target.write_text(changed, encoding="utf-8")
    return edit


def _write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return edit


def _encode(path: str, encoding: str) -> Callable[[Path], None]:
    """The file as an editor's Windows program saves it: same text, another encoding."""
    def edit(project: Path) -> None:
        target = project / path
        # Characters the legacy encoding lacks (— ～) become "?", as Windows programs save them.
        target.write_bytes(target.read_text(encoding="utf-8").encode(encoding, errors="replace"))
    return edit


def _bom(path: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes())
    return edit


def _link_loop(project: Path) -> None:
    os.symlink("..", project / "docs" / "agreements" / "loop")


@dataclass(frozen=True)
class Case:
    id: str
    edit: Callable[[Path], None]
    expected: tuple[str, ...]          # each must be in the output (file:line first)
    fails: bool = True                 # False: valid input, the build must succeed
    absent: tuple[str, ...] = ()       # must be in no built page (injection)
    env: tuple[tuple[str, str], ...] = ()  # for the build


ZH_PAGE = "docs/agreements/pickup.zh.md"
JA_PAGE = "docs/policy/anti-bullying.ja.md"
ZH_TRANSLATION = "docs/policy/anti-bullying.zh.md"
JA_TRANSLATION = "docs/agreements/pickup.ja.md"
SCRIPT = "<script>alert('anshin')</script>"
IMG = '<img src=x onerror="alert(1)">'

CASES = [
    # 1. Files not saved as UTF-8
    Case("page-shift-jis-ja", _encode(JA_PAGE, "cp932"),
         (f"{JA_PAGE}:", "not saved as UTF-8", "Shift_JIS", "iconv")),
    Case("page-gbk-zh", _encode(ZH_PAGE, "gb18030"), (f"{ZH_PAGE}:", "not saved as UTF-8", "GBK", "iconv")),
    Case("page-utf16-zh", _encode(ZH_PAGE, "utf-16"), (f"{ZH_PAGE}:1:", "not saved as UTF-8", "UTF-16")),
    Case("translation-shift-jis-ja", _encode(JA_TRANSLATION, "cp932"), (f"{JA_TRANSLATION}:", "not saved as UTF-8")),
    Case("translation-gbk-zh", _encode(ZH_TRANSLATION, "gb18030"), (f"{ZH_TRANSLATION}:", "not saved as UTF-8")),
    Case("school-shift-jis", _encode("data/school.yml", "cp932"), ("data/school.yml:", "not saved as UTF-8")),
    Case("calendar-gbk", _encode("data/calendar/2019.yml", "gb18030"), ("data/calendar/2019.yml:", "not saved as UTF-8")),
    Case("glossary-utf16", _encode("data/glossary.yml", "utf-16"), ("data/glossary.yml:1:", "not saved as UTF-8", "UTF-16")),
    Case("corrections-shift-jis", _encode("data/corrections/policy.yml", "cp932"),
         ("data/corrections/policy.yml:", "not saved as UTF-8")),
    Case("catalogue-shift-jis", _encode("locales/ja.yml", "cp932"), ("locales/ja.yml:", "not saved as UTF-8")),
    Case("page-with-bom-zh", _bom(ZH_PAGE), (), fails=False),
    Case("original-with-bom-ja", _bom(JA_PAGE), (), fails=False),
    Case("data-with-bom", _bom("data/school.yml"), (), fails=False),
    # 2. Dates that do not exist
    Case("effective-april-31-ja", _edit(JA_PAGE, "effective: 2019-04-01", "effective: 2019-04-31"),
         (f"{JA_PAGE}:", "2019-04-31", "not a date that exists", "fix:")),
    Case("translation-checked-feb-30-ja", _set(JA_TRANSLATION, "translation_checked", "2026-02-30"),
         (f"{JA_TRANSLATION}:", "2026-02-30", "not a date that exists")),
    Case("translation-checked-feb-30-zh", _set(ZH_TRANSLATION, "translation_checked", "2026-02-30"),
         (f"{ZH_TRANSLATION}:", "2026-02-30", "not a date that exists")),
    Case("updated-month-13-zh", _edit(ZH_PAGE, "effective: signing", "effective: signing\nupdated: 2026-13-01"),
         (f"{ZH_PAGE}:", "2026-13-01", "not a date that exists")),
    # 3. Empty or comment-only data files, wrong shapes
    Case("corrections-comment-only", _write("data/corrections/extra.yml", "# nothing corrected yet\n"), (), fails=False),
    Case("calendar-empty-file", _write("data/calendar/2019.yml", ""), ("data/calendar/2019.yml",)),
    Case("calendar-no-events", _write("data/calendar/2019.yml", "[]\n"), ("data/calendar/2019.yml", "no events")),
    Case("glossary-empty", _write("data/glossary.yml", ""), ("data/glossary.yml",)),
    Case("school-empty", _write("data/school.yml", ""), ("data/school.yml",)),
    Case("school-as-list", _write("data/school.yml", "- name: x\n- school_year: 2019\n"), ("data/school.yml:1:",)),
    Case("school-colours-teal", _edit("data/school.yml", 'colours:              # #rrggbb; each must reach 4.5:1 contrast with white (WCAG AA)\n  primary: "#00695c"\n  accent: "#00564b"\n', "colours: teal\n"),
         ("data/school.yml:", "colours")),
    Case("calendar-as-mapping", _write("data/calendar/2019.yml", "plan: []\n"), ("data/calendar/2019.yml:1:",)),
    Case("glossary-entry-not-mapping", _write("data/glossary.yml", "- homeroom-teacher\n"), ("data/glossary.yml:1:",)),
    Case("catalogue-empty", _write("locales/ja.yml", ""), ("locales/ja.yml:1:",)),
    Case("catalogue-missing-key", _edit("locales/ja.yml", "  title: 参考訳です\n", ""),
         ("locales/ja.yml:1:", "translation.title")),
    # 4. Markup injection: data is text, wherever it lands
    Case("school-name-script", _edit("data/school.yml", 'name:                 # the school\'s name in each language; fills the blank ==xx小学==\n  zh: ""\n  ja: ""',
                                     f'name:\n  zh: "{SCRIPT}"\n  ja: "{SCRIPT}"'), (), fails=False, absent=(SCRIPT, "<script>alert")),
    Case("responsible-person-img", _edit("data/school.yml", 'responsible_person:   # the person responsible for the agreements; fills ==xxx==\n  zh: ""\n  ja: ""',
                                         f"responsible_person:\n  zh: '{IMG}'\n  ja: '{IMG}'"), (), fails=False,
         absent=("<img src=x", "onerror=\"alert")),
    Case("calendar-title-script", _edit("data/calendar/2019.yml", "title: {ja: 家庭訪問, zh: 家访}",
                                        f'title: {{ja: "家庭訪問{SCRIPT}", zh: "家访{SCRIPT}"}}'), (), fails=False,
         absent=(SCRIPT,)),
    Case("glossary-explain-html", _edit("data/glossary.yml", "    zh: 日本学校里负责一个班级的老师", f"    zh: {IMG}日本学校里负责一个班级的老师"),
         (), fails=False, absent=("<img src=x",)),
    Case("front-matter-title-script-zh", _edit(ZH_PAGE, "title: 安全接送协议书", f'title: "安全接送协议书{SCRIPT}"'), (), fails=False,
         absent=(SCRIPT,)),
    Case("front-matter-description-quote-ja", _set(JA_PAGE, "description", "'\"><script>alert(2)</script>'"),
         (), fails=False, absent=("<script>alert(2)",)),
    Case("calendar-notes-html", _edit("data/calendar/2019.yml", "notes: {ja: 生徒理解, zh: 理解学生}",
                                      f"notes: {{ja: '生徒理解{IMG}', zh: '理解学生{IMG}'}}"), (), fails=False, absent=("<img src=x",)),
    Case("glossary-term-script", _edit("data/glossary.yml", "  zh: 班主任\n", f'  zh: "班主任{SCRIPT}"\n'), (), fails=False,
         absent=(SCRIPT,)),
    Case("correction-note-script", _edit("data/corrections/policy.yml", "    zh: ", f'    zh: {SCRIPT}', 1), (), fails=False,
         absent=(SCRIPT,)),
    # 5. Silent damage
    Case("misspelt-effective-ja", _edit(JA_PAGE, "effective: 2019-04-01", "efective: 2019-04-01"),
         (f"{JA_PAGE}:", "unknown front matter key 'efective'", "did you mean 'effective'")),
    Case("misspelt-description-zh", _edit(ZH_PAGE, "description: ", "descripton: "),
         (f"{ZH_PAGE}:", "descripton", "did you mean 'description'")),
    Case("duplicate-title-zh", _edit(ZH_PAGE, "title: 安全接送协议书", "title: 安全接送协议书\ntitle: 接送"),
         (f"{ZH_PAGE}:3:", "'title' is written twice")),
    Case("duplicate-title-ja", _edit(JA_TRANSLATION, "title: ", "title: 二重\ntitle: "), (f"{JA_TRANSLATION}:3:", "written twice")),
    Case("cross-language-missing-anchor-zh", _append("docs/agreements/index.zh.md", "\n参见[方针](../policy/anti-bullying.ja.md#存在しない)。\n"),
         ("docs/agreements/index.zh.md:", "#存在しない", "no such anchor")),
    Case("cross-language-missing-anchor-ja", _append("docs/policy/anti-bullying.ja.md", "\n[原文](../agreements/pickup.zh.md#不存在)\n"),
         (f"{JA_PAGE}:", "#不存在", "no such anchor")),
    Case("cross-language-good-anchor", _append("docs/agreements/index.zh.md", "\n参见[方针](../policy/anti-bullying.ja.md#いじめの防止)。\n"),
         (), fails=False),
    Case("correction-before-not-in-seed", _edit("data/corrections/policy.yml", "before: ", "before: 未見の", 1),
         ("data/corrections/policy.yml:", "is not on line"), env=(("ANSHIN_SEEDS", str(SEEDS)),)),
    Case("correction-without-seeds-at-hand", _edit("data/corrections/policy.yml", "before: ", "before: 未見の", 1),
         (), fails=False, env=(("ANSHIN_SEEDS", "/nonexistent"),)),
    # 6. MkDocs' own messages get the line
    Case("missing-page-zh", _append("docs/agreements/duties.zh.md", "\n见[附件](attachment.md)。\n"),
         ("docs/agreements/duties.zh.md:", "attachment.md")),
    Case("missing-page-ja", _append(JA_PAGE, "\n[別紙](attachment.md)\n"), (f"{JA_PAGE}:", "attachment.md")),
    Case("missing-anchor-zh", _append("docs/agreements/duties.zh.md", "\n见[上文](#不存在的标题)。\n"),
         ("docs/agreements/duties.zh.md:", "不存在的标题")),
    # 7. False positives are not findings
    Case("translation-paragraph-added-zh", _append(ZH_TRANSLATION, "\n本译文由学校翻译。\n"),
         (f"{ZH_TRANSLATION}:", "no longer has one paragraph, clause or list item for each of",
          "docs/policy/anti-bullying.ja.md:", "then run 'make check-translation PAGE=policy/anti-bullying.zh.md'")),
    # (In an original: a paragraph added to a translation alone no longer lines up with its original.)
    Case("year-with-space-zh", _append(ZH_PAGE, "\n2019 年起，本协议每年更新。\n"), (), fails=False),
    Case("month-with-space-ja", _append(JA_PAGE, "\n10 月 天候の状況により変更することがあります。\n"), (), fails=False),
    # clause numbering faults, as before
    Case("clause-gap-zh", _edit(ZH_PAGE, "三、孩子不得", "四、孩子不得"), (f"{ZH_PAGE}:", "wrong number — expected 3 (三、), found 4 (四、)")),
    Case("front-matter-unclosed-ja", _edit(JA_TRANSLATION, "\n---\n\n#", "\n\n#"), (f"{JA_TRANSLATION}:1:", "not closed")),
    Case("front-matter-bad-yaml-zh", _edit(ZH_PAGE, "title: ", "title: [", 1), (f"{ZH_PAGE}:2:", "not valid YAML")),
    Case("no-description-ja", _edit(JA_TRANSLATION, "description: ", "x_description: "), (f"{JA_TRANSLATION}:1:", "no 'description'")),
    Case("calendar-feb-30", _edit("data/calendar/2019.yml", "when: 4月12日", "when: 2月30日"), ("data/calendar/2019.yml:", "2月30日")),
    Case("calendar-missing-zh-title", _edit("data/calendar/2019.yml", "title: {ja: 家庭訪問, zh: 家访}", "title: {ja: 家庭訪問}"),
         ("data/calendar/2019.yml:", "zh")),
    Case("calendar-unquoted-iso-date", _edit("data/calendar/2019.yml", "when: 4月12日", "when: 2019-02-30"),
         ("data/calendar/2019.yml:", "2019-02-30")),
    Case("glossary-unknown-key", _edit("data/glossary.yml", "  origin: both\n", "  orign: both\n"),
         ("data/glossary.yml:", "orign", "origin")),
    Case("glossary-duplicate-term", _append("data/glossary.yml", "\n- id: homeroom-teacher-2\n  zh: 班主任\n  ja: 担任\n  origin: both\n  explain: {zh: 重复, ja: 重複}\n"),
         ("data/glossary.yml:", "班主任", "homeroom-teacher")),
    Case("corrections-unknown-kind", _edit("data/corrections/policy.yml", "kind: ocr", "kind: typpo"),
         ("data/corrections/policy.yml:", "typpo")),
    Case("school-year-text", _edit("data/school.yml", "school_year: 2019", "school_year: 今年"), ("data/school.yml:", "school_year")),
    Case("school-colour-low-contrast", _edit("data/school.yml", 'primary: "#00695c"', 'primary: "#ffff00"'),
         ("data/school.yml:", "contrast")),
    Case("school-unknown-key", _append("data/school.yml", "adress: x\n"), ("data/school.yml:", "adress", "address")),
    Case("calendar-marker-unknown-year-ja", _edit("docs/calendar.ja.md", "anshin:calendar school-year months", "anshin:calendar 2031 months"),
         ("docs/calendar.ja.md:", "2031")),
    Case("bilingual-of-missing", _edit("docs/agreements/pickup-bilingual.zh.md", "bilingual_of: agreements/pickup", "bilingual_of: agreements/pickupp"),
         ("docs/agreements/pickup-bilingual.zh.md:", "pickupp")),
    Case("one-language-page", _write("docs/notes/lonely.ja.md", "---\ntitle: ひとり\ndescription: 一つの言語だけ\n---\n\n# ひとり\n"),
         ("docs/notes/lonely.ja.md:1:", "one language only")),
    # 8. Contacts (data/contacts.yml, hooks/contacts.py)
    Case("contacts-number-not-a-number", _edit("data/contacts.yml", "number: 582-2369", "number: 582-23x9"),
         ("data/contacts.yml:23:", "'582-23x9' is not a phone number", "write the number as it is printed")),
    Case("contacts-number-too-short", _edit("data/contacts.yml", "number: 582-2369", "number: 58-236"),
         ("data/contacts.yml:23:", "'58-236' is not a phone number")),
    Case("contacts-hours-in-words", _edit("data/contacts.yml", "hours: mon-fri 09:00-17:45", "hours: 月～金 9時～17時45分"),
         ("data/contacts.yml:85:", "are not 'days hh:mm-hh:mm'", "mon-fri 09:00-17:45")),
    Case("contacts-hours-backwards", _edit("data/contacts.yml", "hours: mon-fri 09:00-17:45", "hours: mon-fri 17:45-09:00"),
         ("data/contacts.yml:85:", "17:45-09:00", "is not after")),
    Case("contacts-name-without-ja", _edit("data/contacts.yml", "    ja: チャイルドライン\n", ""),
         ("data/contacts.yml:", "'ja'")),
    Case("contacts-empty", _write("data/contacts.yml", ""), ("data/contacts.yml:1:", "no entries")),
    Case("contacts-gbk", _encode("data/contacts.yml", "gbk"), ("data/contacts.yml:", "not saved as UTF-8")),
    Case("contacts-script-in-name", _edit("data/contacts.yml", "    ja: チャイルドライン", f"    ja: チャイルドライン{SCRIPT}"),
         (), fails=False, absent=(SCRIPT,)),
    Case("contacts-marker-unknown-group", _edit(JA_PAGE, "<!-- anshin:contacts agency -->", "<!-- anshin:contacts agencies -->"),
         (f"{JA_PAGE}:340:", "'agencies' is not a group of contacts")),
    Case("school-time-zone-not-a-zone", _edit("data/school.yml", "time_zone: Asia/Tokyo", "time_zone: Tokyo"),
         ("data/school.yml:15:", "'Tokyo' is not a time zone")),
    # 9. Limits
    Case("folder-link-loop", _link_loop, ("docs/agreements/loop", "leads back")),
]


def _digest(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for part in ("docs", "data", "locales") for p in sorted((project / part).rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_an_editors_mistake(tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path / "project")
    case.edit(project)
    before = _digest(project)
    site = tmp_path / "site"
    result = run_build(project, site, extra_env=dict(case.env))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if case.fails:
        assert result.returncode != 0, f"the build passed:\n{output}"
    else:
        assert result.returncode == 0, output
        assert "WARNING" not in output, output
    for text in case.expected:
        assert text in output, f"expected {text!r} in:\n{output}"
    if case.expected and case.fails and case.expected[0].endswith(":") and not re.search(r":\d+:$", case.expected[0]):
        # `file:` in the table stands for `file:LINE:`: the message must give the line.
        assert re.search(re.escape(case.expected[0]) + r"\d+", output), f"no line after {case.expected[0]}:\n{output}"
    assert _digest(project) == before, "the build changed a source file"
    if case.absent and site.is_dir():
        # Every HTML page, the search indexes and the sitemaps. (An .ics feed is plain text
        # by definition, RFC 5545 escapes its own syntax, and a calendar app shows it as
        # text: there the value stands as written; tests/test_calendar.py reads it back.)
        for page in site.rglob("*"):
            if page.suffix in (".html", ".json", ".xml", ".js", ".css") and page.is_file():
                text = page.read_text(encoding="utf-8", errors="replace")
                for fragment in case.absent:
                    assert fragment not in text, f"{fragment!r} in {page.relative_to(site)}"


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60 and len({case.id for case in CASES}) == len(CASES)


def test_make_build_cleans_up_a_build_that_was_killed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        (project / name).write_bytes((Path(__file__).resolve().parents[1] / name).read_bytes())
    leftover = project / ".site-new"
    (leftover / "half").mkdir(parents=True)
    (leftover / "half" / "index.html").write_text("half a site", encoding="utf-8")
    venv = Path(__file__).resolve().parents[1] / ".venv"
    # The project's own venv, taken as it is (-o: never reinstalled from the copy), and no
    # Chromium (CHROMIUM=): the PDFs are not what this test is about.
    result = subprocess.run(["make", "--no-print-directory", f"VENV={venv}", "CHROMIUM=",
                             "-o", f"{venv}/.site-deps", "-o", f"{venv}/bin/python", "build"], cwd=project,
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not leftover.exists()
    assert not (project / "site" / "half").exists() and (project / "site" / "index.html").is_file()


def test_an_original_saved_with_a_bom_keeps_its_front_matter_for_its_translation(tmp_path: Path) -> None:
    # A BOM before the Japanese original's '---' once hid its front matter from the Chinese
    # translation, which then lost 生效：2019年4月1日 and named a raw path for the original.
    project = copy_project(tmp_path / "project")
    _bom(JA_PAGE)(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "policy" / "anti-bullying" / "index.html").read_text(encoding="utf-8")
    assert '生效：<time datetime="2019-04-01">2019年4月1日</time>' in page
    assert 'lang="ja">2019（平成31）年度 学校いじめ防止基本方針</a>' in page
