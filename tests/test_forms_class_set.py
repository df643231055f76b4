"""Class sets (issue 17): `make forms ROSTER=… DOC=… [DUPLEX=1]` prints one copy of an
agreement per student of a class list, each in the family's language, into one PDF.

The PDFs are read back with poppler's pdftotext, as tests/test_print.py does, and cut into
copies by their footers ("第 1 页，共 2 页" / "1 / 2 ページ"), so that what is checked is
what a teacher takes from the printer: how many copies, in which language, whose name on
which pages, blank backs with DUPLEX. The expected students are the ones the fixtures'
README lists (tests/fixtures/forms/), not what the tool reports.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from anshin.build_context import project_languages
from anshin.catalogue import load_catalogue
from anshin.errors import DataError
from anshin.forms.class_set import DocumentError, blank_pages_after, find_document, footer, plan
from anshin.forms.roster import RosterWords, read_roster
from tests.conftest import ROOT, copy_project
from tests.test_forms_roster import REFUSALS

ROSTERS = ROOT / "tests" / "fixtures" / "forms"
LANGUAGES = project_languages(ROOT)
CATALOGUES = {code: load_catalogue(ROOT / "locales" / f"{code}.yml", code, f"locales/{code}.yml")
              for code in LANGUAGES.codes}
WORDS = RosterWords.from_catalogues(CATALOGUES, {code: LANGUAGES[code].name for code in LANGUAGES.codes})

# The students of four fixtures, one per encoding, from tests/fixtures/forms/README.md:
# (name, the copy the family gets).
EXPECTED = {
    "class-3-2.csv": ("UTF-8 with BOM", [
        ("王芳", "zh"), ("李娜", "zh"), ("김민준", "zh"), ("山田太郎", "ja"), ("佐藤花子", "ja"),
        ("たかはし ゆい", "ja"), ("<b>林</b>&amp;小雨", "both"), ("陈静", "both")]),
    "utf16-tab.txt": ("UTF-16", [
        ("佐藤花子", "ja"), ("王芳", "zh"), ("鈴木一郎", "ja"), ("李娜", "zh"), ("たかはし ゆい", "both"),
        ("山田太郎", "ja"), ("陈静", "zh"), ("伊藤美咲", "both")]),
    "cp932-japanese.csv": ("Shift_JIS (CP932)", [
        ("山田太郎", "ja"), ("佐藤花子", "ja"), ("鈴木一郎", "ja"), ("たかはし ゆい", "both"), ("田中健太", "zh"),
        ("伊藤美咲", "ja"), ("渡辺翔", "both"), ("中村さくら", "ja")]),
    "gb18030-chinese.csv": ("GB18030", [
        ("王芳", "zh"), ("李娜", "zh"), ("张伟", "both"), ("刘洋", "zh"), ("陈静", "ja"), ("杨丽", "zh"),
        ("赵磊", "both"), ("黄敏", "zh")]),
    "utf8-english.csv": ("UTF-8", [
        ("王芳", "zh"), ("山田太郎", "ja"), ("Núñez, José", "both"), ("陈静", "zh"), ("佐藤花子", "ja"),
        ("李娜", "zh"), ("鈴木一郎", "ja"), ("김민준", "zh")]),
}
# The guardians of class-3-2.csv: pickup's guardian line is a signature, so never filled.
GUARDIANS_3_2 = ("王建国", "李强", "김서연", "山田花子", "佐藤一郎", "高橋美穂", "林志明", "陈伟")
# What tells a page's language: the student's name field's label, in each language.
NAME_LABEL = {"zh": "学生姓名", "ja": "生徒氏名"}
# The effective line every copy carries (hooks/document_dates.py), by the page's language.
EFFECTIVE = {"zh": "生效", "ja": "効力発生"}
_PAGE_OF = (re.compile(r"第 (\d+) 页,共 (\d+) 页"), re.compile(r"(\d+) / (\d+) ページ"))


# --- the plan, without a browser ----------------------------------------------------


def _roster(name: str):
    return read_roster((ROSTERS / name).read_bytes(), f"tests/fixtures/forms/{name}", WORDS)


def test_a_document_is_found_by_its_path_with_its_pages_and_side_by_side_version() -> None:
    for given in ("agreements/pickup", "agreements/pickup.zh.md", "/agreements/pickup/", "agreements/pickup.ja"):
        document = find_document(given, ROOT / "docs", LANGUAGES)
        assert document.name == "agreements/pickup"
        assert document.original == "zh"
        assert document.title == "安全接送协议书"
        assert document.urls == {"zh": "agreements/pickup/", "ja": "ja/agreements/pickup/"}
        assert document.bilingual_url == "agreements/pickup-bilingual/"


@pytest.mark.parametrize(("given", "says"), [
    ("agreements/nothing", "there is no document 'agreements/nothing'"),
    ("policy/anti-bullying", "has no signature block"),
])
def test_a_document_that_is_not_a_form_is_refused(given: str, says: str) -> None:
    with pytest.raises(DocumentError) as raised:
        find_document(given, ROOT / "docs", LANGUAGES)
    assert says in raised.value.problem
    assert raised.value.fix


def test_a_document_saved_in_shift_jis_is_named_with_its_line_not_a_traceback(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "agreements").mkdir(parents=True)
    (docs / "agreements" / "trip.ja.md").write_bytes("---\ntitle: 遠足\n---\n\n# 遠足の同意書\n".encode("cp932"))
    with pytest.raises(DataError) as raised:
        find_document("agreements/trip", docs, LANGUAGES)
    assert raised.value.path == "docs/agreements/trip.ja.md"
    assert raised.value.line == 2 and "not saved as UTF-8" in raised.value.problem and raised.value.fix


def test_each_copy_is_the_familys_language_and_both_is_the_side_by_side_page() -> None:
    document = find_document("agreements/pickup", ROOT / "docs", LANGUAGES)
    copies = plan(_roster("class-3-2.csv"), document, CATALOGUES, "class-3-2.csv")
    expected_url = {"zh": "agreements/pickup/", "ja": "ja/agreements/pickup/", "both": "agreements/pickup-bilingual/"}
    assert [(c.student.name, c.url) for c in copies] == [(name, expected_url[copy])
                                                         for name, copy in EXPECTED["class-3-2.csv"][1]]
    assert copies[0].footer == "学生：王芳　班级：三年二班　学号：01"
    assert copies[3].footer == "生徒：山田太郎　学級：三年二班　出席番号：04"
    assert copies[6].footer == "学生：<b>林</b>&amp;小雨　班级：三年二班　学号：07"  # the page's CSS string escapes it
    assert copies[0].values == {"name": "王芳", "class": "三年二班", "number": "01", "guardian": "王建国"}


def test_a_footer_without_a_number_does_not_mention_one() -> None:
    student = _roster("utf16-tab.txt").students[0]
    assert footer(CATALOGUES["ja"], student) == "生徒：佐藤花子　学級：3年2組"


def test_rows_asking_for_a_version_the_document_lacks_are_named_before_anything_is_printed() -> None:
    document = find_document("agreements/pickup", ROOT / "docs", LANGUAGES)
    only_chinese = type(document)(document.name, document.title, "zh", {"zh": "agreements/pickup/"}, None)
    with pytest.raises(DocumentError) as raised:
        plan(_roster("class-3-2.csv"), only_chinese, CATALOGUES, "rosters/3-2.csv")
    error = raised.value
    assert (error.path, error.line) == ("rosters/3-2.csv", 5)
    assert "ja (rows 5, 6, 7)" in error.problem and "the side-by-side version (rows 8, 9)" in error.problem
    assert "one of zh" in error.fix
    assert "山田" not in str(error)


@pytest.mark.parametrize(("pages", "duplex", "blanks"), [(1, False, 0), (2, False, 0), (1, True, 1), (2, True, 0),
                                                         (3, True, 1)])
def test_a_blank_page_follows_an_odd_copy_only_when_printing_on_both_sides(pages: int, duplex: bool,
                                                                            blanks: int) -> None:
    assert blank_pages_after(pages, duplex) == blanks


# --- class sets printed -------------------------------------------------------------


@dataclass
class Printed:
    """A copy as read back from the joined PDF: its pages' text, and its first page's number."""

    first_page: int
    pages: list[str]


def _text(pdf: Path) -> list[str]:
    """Each page's text, NFKC-folded (poppler gives Kangxi radicals for some CJK glyphs)
    with runs of spaces made one."""
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    pages = raw.split("\f")[:-1]  # pdftotext ends every page with a form feed
    return [re.sub(r"[ \u3000]+", " ", unicodedata.normalize("NFKC", page)).strip() for page in pages]


def _copies(pages: list[str]) -> tuple[list[Printed], list[int]]:
    """The copies, cut at each page numbered 1 of N, and the blank pages' numbers (1-based).
    Asserts that every copy's pages count 1..N without a gap."""
    copies: list[Printed] = []
    blanks: list[int] = []
    for number, text in enumerate(pages, start=1):
        if not text:
            blanks.append(number)
            continue
        found = [match for pattern in _PAGE_OF for match in pattern.finditer(text)]
        assert len(found) == 1, f"page {number} has no single 'page n of N' footer:\n{text[-300:]}"
        n, total = int(found[0].group(1)), int(found[0].group(2))
        if n == 1:
            copies.append(Printed(number, []))
        copies[-1].pages.append(text)
        assert len(copies[-1].pages) == n <= total, f"page {number}: {n} of {total} out of order"
    for copy in copies:
        total = int(next(m for p in _PAGE_OF for m in p.finditer(copy.pages[-1])).group(2))
        assert len(copy.pages) == total, f"the copy from page {copy.first_page} has {len(copy.pages)} of {total} pages"
    return copies, blanks


def _language_of(copy: Printed) -> str:
    first = copy.pages[0]
    shown = {code for code, label in NAME_LABEL.items() if label in first}
    return "both" if shown == {"zh", "ja"} else shown.pop() if len(shown) == 1 else f"unknown {shown}"


def _make_forms(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tools.make_forms", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Each EXPECTED fixture printed once as a class set of the pickup agreement."""
    out = tmp_path_factory.mktemp("forms")
    results = {}
    for name in EXPECTED:
        run = _make_forms("--roster", str(ROSTERS / name), "--doc", "agreements/pickup", "--out", str(out),
                          "--site", str(built_site))
        assert run.returncode == 0, f"{name}:\n{run.stdout}\n{run.stderr}"
        results[name] = (run, out / f"pickup-{Path(name).stem}.pdf")
    return results


@pytest.mark.browser
@pytest.mark.parametrize("roster", list(EXPECTED))
def test_one_copy_per_student_in_the_familys_language_with_the_name_on_its_pages(printed, roster: str) -> None:
    run, pdf = printed[roster]
    encoding, students = EXPECTED[roster]
    pages = _text(pdf)
    copies, blanks = _copies(pages)
    assert blanks == [], "without DUPLEX no blank page is added"
    assert len(copies) == len(students)
    assert [_language_of(copy) for copy in copies] == [language for _, language in students]
    for copy, (name, language) in zip(copies, students, strict=True):
        shown = re.sub(r" +", " ", name)
        # On its first page twice (the name field and the footer), and in every page's footer.
        assert copy.pages[0].count(shown) >= 2, f"{name}: {copy.pages[0][-400:]}"
        assert all(shown in page for page in copy.pages)
        # On nobody else's pages (unless one name is part of another: none here).
        others = [page for other in copies if other is not copy for page in other.pages]
        assert not any(shown in page for page in others), name
        # Each copy is dated, like the page it is printed from.
        assert EFFECTIVE["ja" if language == "ja" else "zh"] in copy.pages[0]
    # What the tool says: the file, the copies and the pages, and how it read the class list.
    assert f"{len(students)} copies" in run.stdout and f"{len(pages)} pages" in run.stdout
    assert f"Class list: {encoding}." in run.stdout


@pytest.mark.browser
def test_the_class_is_filled_in_and_the_signature_lines_stay_blank(printed) -> None:
    _, pdf = printed["class-3-2.csv"]
    copies, _ = _copies(_text(pdf))
    for copy in copies:
        # The class's field and the footer (the pickup form has a class line in every version).
        assert copy.pages[0].count("三年二班") >= 2
    text = " ".join(_text(pdf))
    # Every guardian line of this form is a signature line (家长（签名）), so no guardian's name is printed.
    assert [guardian for guardian in GUARDIANS_3_2 if guardian in text] == []


@pytest.mark.browser
def test_a_guardians_name_field_is_filled_where_the_form_has_one(built_site: Path, tmp_path: Path) -> None:
    # The duties agreement's 乙方（学生家长） line is a name, not a signature.
    run = _make_forms("--roster", str(ROSTERS / "class-3-2.csv"), "--doc", "agreements/duties", "--out",
                      str(tmp_path), "--site", str(built_site))
    assert run.returncode == 0, run.stderr
    copies, _ = _copies(_text(tmp_path / "duties-class-3-2.pdf"))
    assert len(copies) == 8
    for copy, guardian in zip(copies, GUARDIANS_3_2, strict=True):
        assert guardian in copy.pages[-1]  # in the signature block, at the end


@pytest.mark.browser
def test_duplex_starts_every_copy_on_an_odd_page_with_blank_backs(built_site: Path, tmp_path: Path) -> None:
    # middle-school runs to two pages in Japanese and one in Chinese: both kinds of copy.
    run = _make_forms("--roster", str(ROSTERS / "utf8-english.csv"), "--doc", "agreements/middle-school",
                      "--out", str(tmp_path), "--site", str(built_site), "--duplex")
    assert run.returncode == 0, run.stderr
    pages = _text(tmp_path / "middle-school-utf8-english.pdf")
    copies, blanks = _copies(pages)
    assert len(copies) == 8
    assert {len(copy.pages) % 2 for copy in copies} == {0, 1}, "the test needs copies of odd and even length"
    assert [copy.first_page % 2 for copy in copies] == [1] * 8
    # A blank page exactly after each odd-length copy, and nowhere else.
    assert blanks == [copy.first_page + len(copy.pages) for copy in copies if len(copy.pages) % 2]
    assert len(pages) % 2 == 0
    assert "two-sided" in run.stdout


@pytest.mark.browser
def test_no_name_from_the_class_list_is_kept_anywhere_but_in_the_pdf(built_site: Path, tmp_path: Path) -> None:
    # Names made for this run only: finding one anywhere means this run put it there.
    token = secrets.token_hex(4)
    hanzi = "".join(chr(0x4E00 + secrets.randbelow(0x5000)) for _ in range(3))
    names = [f"Zq{token}a", f"{hanzi}{token}", f"やまだ{token}"]
    guardian = f"Gd{token}"
    roster = tmp_path / "rosters" / "3-2.csv"
    roster.parent.mkdir()
    roster.write_text("name,class,language,guardian\n" + "".join(
        f"{name},3-2,{language},{guardian}\n" for name, language in zip(names, ("zh", "ja", "both"), strict=True)),
        encoding="utf-8")
    out = tmp_path / "forms"
    run = _make_forms("--roster", str(roster), "--doc", "agreements/pickup", "--out", str(out),
                      "--site", str(built_site))
    assert run.returncode == 0, run.stderr
    secrets_ = [*names, guardian, token]
    # Not in what the tool printed (logs), nor in the site, nor in the repository's files.
    assert [s for s in secrets_ if s in run.stdout + run.stderr] == []
    leaked = []
    for top in (built_site, ROOT):
        for path in top.rglob("*"):
            if not path.is_file() or {".venv", "node_modules", ".git"} & set(path.parts[len(top.parts):]):
                continue
            data = path.read_bytes()
            leaked += [f"{path}: {s}" for s in secrets_ if s.encode() in data]
    assert leaked == []
    # In the PDF, the names are on the pages only: its metadata names the document.
    import pikepdf

    pdf_path = out / "pickup-3-2.pdf"
    with pikepdf.open(pdf_path) as pdf:
        info = {str(key): str(value) for key, value in pdf.docinfo.items()}
        with pdf.open_metadata() as xmp:
            metadata = str(xmp)
    assert info["/Title"] == "安全接送协议书"
    assert [s for s in secrets_ if s in repr(info) + metadata] == []
    assert any(names[0] in page for page in _text(pdf_path))


@pytest.mark.browser
def test_the_copies_links_do_not_point_at_the_local_server(printed) -> None:
    import pikepdf

    _, pdf_path = printed["class-3-2.csv"]
    with pikepdf.open(pdf_path) as pdf:
        uris = [str(annotation.A.URI) for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A]
    assert [uri for uri in uris if "127.0.0.1" in uri] == []


@pytest.mark.browser
@pytest.mark.parametrize(("url", "name", "font"), [
    ("agreements/pickup/", "王芳", "Noto Sans CJK SC"),
    ("ja/agreements/pickup/", "山田太郎", "Noto Sans CJK JP"),
    ("agreements/pickup/", "김민준", "Noto Sans CJK SC"),       # Hangul: drawn, not boxes
    ("ja/agreements/pickup/", "たかはし ゆい", "Noto Sans CJK JP"),
    ("agreements/pickup-bilingual/", "<b>林</b>&amp;小雨", None),  # HTML-like text stays text
    ("agreements/pickup/", "Núñez, José", None),
])
def test_a_filled_name_is_drawn_in_the_fonts_of_the_copys_language(browser, site_url: str, url: str, name: str,
                                                                   font: str | None) -> None:
    from tools.make_forms import _FILL

    page = browser.new_page()
    try:
        page.goto(site_url + url, wait_until="load")
        assert page.evaluate(_FILL, [{"name": name, "class": "3-2"}, ""]) >= 1
        field = page.locator('[data-anshin-fill="name"] .anshin-field__input')
        assert field.input_value() == name
        assert page.locator('[data-anshin-fill="name"] b').count() == 0
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": '[data-anshin-fill="name"] input'})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        page.close()
    # Every character is drawn (no missing-glyph boxes); the letters, all by the language's
    # CJK font where one is expected (the space may come from the Latin font).
    assert sum(used["glyphCount"] for used in fonts) == len(name), fonts
    if font:
        letters = len(name.replace(" ", ""))
        assert {used["familyName"]: used["glyphCount"] for used in fonts}.get(font, 0) >= letters, fonts


# --- class lists and documents that cannot be used ----------------------------------


def _main(*args: str) -> int:
    from tools.make_forms import main

    return main(list(args))


@pytest.mark.parametrize("case", REFUSALS, ids=[case.id for case in REFUSALS])
def test_every_bad_class_list_stops_with_its_message_and_writes_nothing(case, tmp_path: Path, capsys) -> None:
    roster = tmp_path / "class-list.csv"
    roster.write_bytes(case.raw)
    out = tmp_path / "forms"
    assert _main("--roster", str(roster), "--doc", "agreements/pickup", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert re.search(rf"class-list\.csv:{case.line}: .+ — fix: .+", err), err
    assert all(words in err for words in case.says), err
    assert err.rstrip().endswith("Nothing was written.")
    assert [secret for secret in case.secrets if secret in err] == []
    assert not out.exists()


@pytest.mark.parametrize(("doc", "says"), [
    ("agreements/nothing", "docs/agreements/nothing:1: there is no document"),
    ("policy/anti-bullying", "no signature block"),
])
def test_a_doc_that_is_not_a_form_stops_with_its_message(doc: str, says: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "forms"
    assert _main("--roster", str(ROSTERS / "class-3-2.csv"), "--doc", doc, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert says in err and "fix:" in err and "Nothing was written." in err
    assert not out.exists()


def test_a_missing_class_list_is_named(tmp_path: Path, capsys) -> None:
    assert _main("--roster", str(tmp_path / "3-2.csv"), "--doc", "agreements/pickup", "--out", str(tmp_path)) == 2
    assert "3-2.csv:1: there is no such file — fix: give the class list's path" in capsys.readouterr().err


def test_the_command_line_exits_2_without_a_traceback(tmp_path: Path) -> None:
    roster = tmp_path / "3-2.csv"
    roster.write_bytes("学生姓名,班级,语言\n王芳,三年二班,klingon\n".encode("gb18030"))
    run = _make_forms("--roster", str(roster), "--doc", "agreements/pickup", "--out", str(tmp_path / "forms"))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "not a language of the site" in run.stderr
    assert not (tmp_path / "forms").exists()


# --- the site it prints from --------------------------------------------------------


@pytest.mark.browser
def test_the_pages_are_built_once_and_rebuilt_only_when_the_sources_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    args = ("--roster", str(ROSTERS / "semicolon-sep.csv"), "--doc", "agreements/pickup")
    first = _make_forms(*args, cwd=project)
    assert first.returncode == 0, first.stderr
    assert "Building the pages" in first.stdout
    assert (project / "forms" / "pickup-semicolon-sep.pdf").is_file()
    again = _make_forms(*args, cwd=project)
    assert again.returncode == 0 and "Building the pages" not in again.stdout
    # A source that no longer builds: exit 1, the build's problem told, the last PDF and pages kept.
    before = (project / "forms" / "pickup-semicolon-sep.pdf").read_bytes()
    school = project / "data" / "school.yml"
    school.write_text(school.read_text(encoding="utf-8") + "\nname: [\n", encoding="utf-8")
    broken = _make_forms(*args, cwd=project)
    assert broken.returncode == 1
    assert "The site does not build" in broken.stderr and "data/school.yml" in broken.stderr
    assert "Traceback" not in broken.stderr and "Nothing was written." in broken.stderr
    assert (project / "forms" / "pickup-semicolon-sep.pdf").read_bytes() == before
    assert (project / ".forms-site" / "index.html").is_file() and not (project / ".forms-site.new").exists()

