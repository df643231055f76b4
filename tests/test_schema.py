"""The data files' schemas (anshin/schema.py) through their three loaders: school.yml,
the glossary and the corrections. Every bad input is a DataError at the line to fix that
names the file and gives a fix; nothing else ever escapes a loader (Hypothesis)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anshin.corrections import load_all, load_corrections
from anshin.errors import DataError
from anshin.glossary import load_glossary
from anshin.schema import Field, Invalid, Schema
from anshin.school import load_school
from tests.project import LANGUAGES, ROOT

CODES = LANGUAGES.codes
FIRST, LAST = CODES[0], CODES[-1]


def _per_language(indent: str, text: str) -> str:
    return "".join(f"{indent}{code}: {text}\n" for code in CODES)


SCHOOL = (
    "# The school's own facts.\n"
    "name:\n" + _per_language("  ", "樱丘小学") +
    "address:\n" + _per_language("  ", "福冈县北九州市") +
    'phone: "093-000-0000"\n'
    "responsible_person:\n" + _per_language("  ", "山田花子") +
    'year: "2026"\n'
    "school_year: 2019\n"
    'logo: ""\n'
    "colours:\n"
    '  primary: "#00695c"\n'
    '  accent: "#00564b"\n'
)

GLOSSARY = (
    "# Glossary of school terms.\n\n"
    "- id: homeroom-teacher\n" + _per_language("  ", "班主任") +
    "  origin: both\n"
    "  explain:\n" + _per_language("    ", "负责一个班级的老师。") +
    "\n- id: principal\n" + _per_language("  ", "校长") +
    "  origin: both\n"
    "  explain:\n" + _per_language("    ", "学校的负责人。")
)

CORRECTIONS = (
    "# Corrections to one seed.\n\n"
    "- id: pickup-date-ocr\n"
    "  seed: s.txt\n"
    "  line: 3\n"
    "  templates: [1, 5]\n"
    "  page: agreements/pickup.md\n"
    "  kind: ocr\n"
    '  before: "20xx□2□12"\n'
    '  after: "20xx.2.12"\n'
    "  note:\n" + _per_language("    ", "补标点。") +
    "\n- id: junk-block\n"
    "  seed: s.txt\n"
    "  line: 10\n"
    "  end_line: 12\n"
    "  kind: junk\n"
    '  before: "广告"\n'
    '  after: ""\n'
    "  note: {" + ", ".join(f"{code}: 删除广告。" for code in CODES) + "}\n"
)


def _school(path: Path) -> object:
    return load_school(path, CODES)


def _glossary(path: Path) -> object:
    return load_glossary(path, CODES)


def _corrections(path: Path) -> object:
    return load_corrections(path, CODES)


def _calendar(path: Path) -> object:
    from anshin.school_calendar import load_calendar

    return load_calendar(path, CODES)


def _front_matter(path: Path) -> object:
    from anshin.front_matter import read_front_matter
    from anshin.source_files import read_text

    return read_front_matter(read_text(path, str(path)), str(path))


CALENDAR = (
    "- id: plan-home-visits\n  table: plan\n  term: 1\n  when: 4月23日～5月7日\n"
    "  title:\n" + _per_language("    ", "家庭訪問") + "  audience: [students, parents]\n"
    "- id: committee-meeting\n  table: committee\n  term: 3\n  when: 1月17日\n"
    "  title:\n" + _per_language("    ", "委員会") + "  notes:\n" + _per_language("    ", "[一, 二]") +
    "  audience: [staff]\n"
)
FRONT_MATTER = ("---\ntitle: 安全接送协议书\ndescription: 学校致家长的安全接送协议。\neffective: 2019-04-01\n"
                "translation_checked: 2026-11-21\nsearch:\n  boost: 2\n---\n\n# 安全接送协议书\n\n一、正文。\n")

LOADERS: dict[str, tuple[Callable[[Path], object], str]] = {
    "school": (_school, SCHOOL), "glossary": (_glossary, GLOSSARY), "corrections": (_corrections, CORRECTIONS),
}
# Fuzzed below: every loader of what editors write, the calendar and front matter too.
FUZZED = {**LOADERS, "calendar": (_calendar, CALENDAR), "front matter": (_front_matter, FRONT_MATTER)}
# The calendar's school year is its file's name; a page is Markdown.
FILE_NAMES = {"calendar": "2019.yml", "front matter": "page.zh.md"}


def _write(tmp_path: Path, text: str | bytes, name: str = "data.yml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, where: str | tuple[str, int]) -> int:
    """The line of the `nth` line of `text` that contains `needle` (`where`: needle or (needle, nth))."""
    needle, nth = (where, 1) if isinstance(where, str) else where
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= nth, f"{needle!r} is not in the test input"
    return found[nth - 1]


def _assert_error(caught: pytest.ExceptionInfo[DataError], path: Path, line: int, problem: str, fix: str) -> None:
    error = caught.value
    message = str(error)
    assert (error.path, error.line) == (str(path), line), message
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in error.problem, message
    assert error.fix and fix in error.fix, message
    assert message.endswith(f" — fix: {error.fix}")


# ---------------------------------------------------------------------------------------
# The good inputs


def test_good_school(tmp_path: Path) -> None:
    school = load_school(_write(tmp_path, SCHOOL), CODES)
    assert school.name == dict.fromkeys(CODES, "樱丘小学")
    assert (school.phone, school.year, school.school_year, school.logo) == ("093-000-0000", "2026", 2019, "")
    assert school.colours == {"primary": "#00695c", "accent": "#00564b"}
    assert school.blanks(FIRST) == {"xx小学": "樱丘小学", "20xx": "2026", "xxx": "山田花子"}


def test_school_values_left_empty_in_every_language_keep_their_blanks(tmp_path: Path) -> None:
    text = SCHOOL.replace("樱丘小学", '""').replace('year: "2026"', "year:")
    school = load_school(_write(tmp_path, text), CODES)
    assert school.name == dict.fromkeys(CODES, "") and school.year == ""
    assert "xx小学" not in school.blanks(FIRST) and "20xx" not in school.blanks(FIRST)


def test_good_glossary(tmp_path: Path) -> None:
    first, second = load_glossary(_write(tmp_path, GLOSSARY), CODES)
    assert (first.id, first.origin, second.id) == ("homeroom-teacher", "both", "principal")
    assert first.names == dict.fromkeys(CODES, "班主任") and first.term(LAST) == "班主任"
    assert first.explain == dict.fromkeys(CODES, "负责一个班级的老师。")


def test_good_corrections(tmp_path: Path) -> None:
    path = _write(tmp_path, CORRECTIONS)
    first, second = load_corrections(path, CODES)
    assert (first.id, first.line, first.templates, first.page, first.end_line) == (
        "pickup-date-ocr", 3, (1, 5), "agreements/pickup.md", None)
    assert (first.before, first.after, first.note) == ("20xx□2□12", "20xx.2.12", dict.fromkeys(CODES, "补标点。"))
    assert (second.end_line, second.after, second.templates, second.page) == (12, "", (), None)
    assert (first.data_file, first.data_line, second.data_line) == (str(path), _line(CORRECTIONS, "- id: pickup"),
                                                                     _line(CORRECTIONS, "- id: junk"))


def test_text_is_read_as_written(tmp_path: Path) -> None:
    """A text field keeps what the editor typed: YAML 1.1 would make 0110 the octal 72."""
    text = GLOSSARY.replace(f"  {LAST}: 班主任", f"  {LAST}: 0110").replace('year: "2026"', "year: 2026")
    assert load_glossary(_write(tmp_path, text), CODES)[0].term(LAST) == "0110"
    assert load_school(_write(tmp_path, SCHOOL.replace('year: "2026"', "year: 2026")), CODES).year == "2026"


@pytest.mark.parametrize("text", ["", "\n\n", "# Corrections to the policy: none yet.\n", "# one\n\n# two\n"])
def test_an_empty_or_comment_only_corrections_file_means_no_corrections(tmp_path: Path, text: str) -> None:
    assert load_corrections(_write(tmp_path, text), CODES) == []
    _write(tmp_path, CORRECTIONS, "a.yml")
    _write(tmp_path, text, "b.yml")
    assert [c.id for c in load_all(tmp_path, CODES)] == ["pickup-date-ocr", "junk-block"]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    for loader, text in LOADERS.values():
        assert loader(_write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))


@pytest.mark.parametrize("name", LOADERS)
def test_the_languages_are_passed_in_not_known(tmp_path: Path, name: str) -> None:
    """Another site language makes its text required everywhere; none is named in the code."""
    loader, text = {"school": (load_school, SCHOOL), "glossary": (load_glossary, GLOSSARY),
                    "corrections": (load_corrections, CORRECTIONS)}[name]
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        loader(path, (*CODES, "xx"))
    assert "'xx'" in caught.value.problem and "fix:" in str(caught.value)


# ---------------------------------------------------------------------------------------
# Bad inputs: (old, new) applied to the good text, the line (the first line containing a
# needle, or (needle, nth)), a part of the problem and a part of the fix.

WHOLE = object()   # `old` that replaces the whole file

SCHOOL_CASES = {
    "wrong shape: colours as one text": (
        'colours:\n  primary: "#00695c"\n  accent: "#00564b"\n', "colours: teal\n", "colours: teal",
        "'colours' must be 'key: value' lines (primary, accent), not the text 'teal'", "'primary: …', 'accent: …'"),
    "unknown key, close to a known one": (
        "colours:", "colour:", "colour:", "unknown key 'colour'", "did you mean 'colours'?"),
    "unknown key, close to none": (
        "logo:", "motto:", "motto:", "unknown key 'motto'", "remove it or correct its spelling"),
    "a language's text missing": (
        f"  {LAST}: 樱丘小学\n", "", "name:", f"in one language only: it has no '{LAST}' text"
        if len(CODES) == 2 else f"not in every language: it has no '{LAST}' text", f"add the '{LAST}' value too"),
    "a language's text empty": (
        f"  {LAST}: 樱丘小学", f"  {LAST}: ''", (f"  {LAST}: ''", 1), "'name' is set ",
        "or empty them all"),
    "a text in a language the site does not have": (
        "address:\n", "address:\n  xx: 某地\n", "  xx: 某地", "'address' has a text in 'xx'",
        "add the language to mkdocs.yml"),
    "a per-language text given as one text": (
        "address:\n" + _per_language("  ", "福冈县北九州市"), "address: 福冈县\n", "address: 福冈县",
        "'address' must give a text in each language", f"'{FIRST}: …'"),
    "wrong type: school year in quotes": (
        "school_year: 2019", 'school_year: "2019"', "school_year:", "'school_year' must be a year such as 2019, "
        "not the text '2019'", "school_year: 2019"),
    "school year out of range": (
        "school_year: 2019", "school_year: 19", "school_year:", "not the number 19", "school_year: 2019"),
    "school year missing": (
        "school_year: 2019\n", "", "name:", "has no 'school_year'", "add 'school_year: 2019'"),
    "year not a year": ('year: "2026"', "year: 99", "year: 99", "'year' must be a year such as 2026", 'year: "2026"'),
    "colour not #rrggbb": (
        '"#00695c"', "teal", "primary:", "'primary' under 'colours' must be a colour written #rrggbb, not the text 'teal'",
        "primary: \"#00695c\""),
    "colour without quotes is a comment": (
        '"#00695c"', "#00695c", "primary:", "'primary' under 'colours' is empty", "with the quotes"),
    "colour too light": ('"#00695c"', '"#ffff00"', "primary:", "contrast with white", "darker colour"),
    "colour missing": ('  accent: "#00564b"\n', "", "colours:", "'colours' has no 'accent'", "add 'accent:"),
    "unknown colour role": ('  accent: "#00564b"\n', '  accent: "#00564b"\n  second: "#000000"\n', "second:",
                            "unknown key 'second' under 'colours'", "primary, accent"),
    "phone as a list": ('phone: "093-000-0000"', "phone: [1, 2]", "phone:", "'phone' must be text, not a list",
                        "phone: \"093-000-0000\""),
    "written as a list": (WHOLE, "- name: 樱丘小学\n- school_year: 2019\n", "- name", "must be 'key: value' lines, not a list",
                          "remove the '- '"),
    "a single text": (WHOLE, "樱丘小学\n", "樱丘小学", "not the text '樱丘小学'", "'key: value'"),
    "empty file": (WHOLE, "", 1, "the file is empty", "restore it from the repository"),
    "comment-only file": (WHOLE, "# name: 樱丘小学\n\n# school_year: 2019\n", 1, "holds only comments", "restore it"),
    "a key written twice": ('logo: ""', 'logo: ""\nlogo: "assets/logo.svg"', 'logo: "assets', "'logo' is written twice",
                            "remove one of them"),
    "a date that does not exist": ("school_year: 2019", "school_year: 2019-02-30", "school_year:",
                                   "'2019-02-30' is not a date that exists", "write a real date"),
    "YAML syntax": ('phone: "093-000-0000"', "phone: [093-000-0000", "phone:", "not valid YAML", "close every bracket"),
}

GLOSSARY_CASES = {
    "wrong shape: explanation as one text": (
        "  explain:\n" + _per_language("    ", "负责一个班级的老师。"), "  explain: 老师\n", "explain: 老师",
        "the explanation must give a text in each language", f"'{FIRST}: …'"),
    "unknown key, close to a known one": (
        "  origin: both", "  orign: both", "orign:", "unknown key 'orign'", "did you mean 'origin'?"),
    "unknown key in another case": (
        "  origin: both", "  Origin: both", "Origin:", "unknown key 'Origin'", "did you mean 'origin'?"),
    "a language's explanation missing": (
        f"    {LAST}: 负责一个班级的老师。\n", "", "explain:", f"the explanation has no '{LAST}' text",
        f"write the '{LAST}' text under 'explain:'"),
    "a language's term missing": (
        f"  {LAST}: 班主任\n", "", "- id: homeroom-teacher", f"the term 'homeroom-teacher' has no '{LAST}'",
        f"add '{LAST}:'"),
    "a language's term empty": (
        f"  {LAST}: 班主任", f"  {LAST}:", (f"  {LAST}:", 1), f"the '{LAST}' form of the term is empty",
        f"write it after '{LAST}:'"),
    "wrong type: the term as a list": (
        f"  {FIRST}: 班主任", f"  {FIRST}: [班, 主任]", f"{FIRST}: [班", f"the '{FIRST}' form of the term must be text, "
        "not a list", f"'{FIRST}:'"),
    "an explanation in a language the site does not have": (
        "  explain:\n", "  explain:\n    xx: 说明\n", "xx: 说明", "has a text in 'xx'", "remove it"),
    "id not kebab-case": ("homeroom-teacher", "Homeroom_Teacher", "- id: Homeroom", "'id' must be kebab-case ASCII",
                          "id: homeroom-teacher"),
    "unknown origin": ("  origin: both", "  origin: bath", "origin: bath", "unknown origin 'bath'",
                       "use one of: cn, jp, both (did you mean 'both'?)"),
    "duplicate id": ("- id: principal", "- id: homeroom-teacher", ("- id: homeroom-teacher", 2),
                     "duplicate id 'homeroom-teacher'", "rename it"),
    "the same term under another id": (
        "\n- id: principal\n" + _per_language("  ", "校长"), "\n- id: principal\n" + _per_language("  ", "班主任"),
        "- id: principal", "the term " + " / ".join(["班主任"] * len(CODES)) + " is already in the glossary as "
        "'homeroom-teacher' (line 3)", "merge the two entries"),
    "a mapping instead of a list": (WHOLE, f"id: homeroom-teacher\n{FIRST}: 班主任\n", 1, "expected a list of terms",
                                    "start each entry with '- id: …'"),
    "an entry that is one text": (WHOLE, "- 班主任\n", 1, "each term must be 'key: value' lines, not the text '班主任'",
                                  "'key: value' lines under '- '"),
    "empty file": (WHOLE, "", 1, "the glossary has no terms", "restore it from the repository"),
    "comment-only file": (WHOLE, "# Glossary of school terms.\n", 1, "the glossary has no terms", "remove its pages"),
    "a key written twice": ("  origin: both\n", "  origin: both\n  origin: jp\n", "origin: jp",
                            "'origin' is written twice", "remove one of them"),
    "a date that does not exist": ("  origin: both\n", "  origin: both\n  since: 2019-02-30\n", "since:",
                                   "'2019-02-30' is not a date that exists", "put the value in quotes"),
}

CORRECTION_CASES = {
    "wrong shape: the note as one text": (
        "  note:\n" + _per_language("    ", "补标点。"), "  note: 补标点\n", "note: 补标点",
        "the note must give a text in each language", f"'{FIRST}: …'"),
    "unknown key, close to a known one": ("  kind: ocr", "  knd: ocr", "knd:", "unknown key 'knd'", "did you mean 'kind'?"),
    "unknown key, plural": ("  note:\n", "  notes:\n", "notes:", "unknown key 'notes'", "did you mean 'note'?"),
    "a language's note missing": (f"    {LAST}: 补标点。\n", "", "  note:", f"the note has no '{LAST}' text",
                                  "the reason, in each language of the site"),
    "a note in a language the site does not have": (
        f"    {LAST}: 补标点。\n", f"    {LAST}: 补标点。\n    jp: 句読点\n", "jp: 句読点", "has a text in 'jp'", "remove it"),
    "wrong type: line as text": ("  line: 3", "  line: three", "line: three",
                                 "'line' must be a positive line number, not the text 'three'", "line: 27"),
    "line not positive": ("  line: 3", "  line: 0", "line: 0", "not the number 0", "the 1-based line of the seed"),
    "templates with a text": ("[1, 5]", "[1, five]", "templates:", "'templates' must be a list of template numbers",
                              "templates: [1, 5, 6]"),
    "templates as one number": ("[1, 5]", "5", "templates:", "not the number 5", "templates: [1, 5, 6]"),
    "end_line before line": ("  end_line: 12", "  end_line: 2", "end_line:", "'end_line' 2 comes before 'line' 10",
                             "last line of the removed block"),
    "unknown kind": ("  kind: ocr", "  kind: ocd", "kind: ocd", "unknown kind 'ocd'",
                     "use one of: ocr, typo, numbering, junk, layout (did you mean 'ocr'?)"),
    "a required key missing": ("  seed: s.txt\n", "", "- id: pickup-date-ocr", "the correction 'pickup-date-ocr' has no 'seed'",
                               "add 'seed: "),
    "before as a list": ('  before: "20xx□2□12"', "  before: [20xx]", "before:", "'before' must be text, not a list",
                         "before: "),
    "id not kebab-case": ("- id: junk-block", "- id: Junk Block", "- id: Junk", "'id' must be kebab-case ASCII",
                          "id: pickup-date-ocr"),
    "duplicate id": ("- id: junk-block", "- id: pickup-date-ocr", ("- id: pickup-date-ocr", 2), "duplicate id", "rename it"),
    "a mapping instead of a list": (WHOLE, "id: one\nseed: s.txt\n", 1, "expected a list of corrections", "- id: …"),
    "an entry that is a list": (WHOLE, "- [id, one]\n", 1, "each correction must be 'key: value' lines, not a list",
                                "under '- '"),
    "a key written twice": ("  kind: ocr\n", "  kind: ocr\n  kind: typo\n", "kind: typo", "'kind' is written twice",
                            "remove one of them"),
    "a date that does not exist": ("  seed: s.txt\n", "  seed: s.txt\n  checked: 2026-02-30\n", "checked:",
                                   "'2026-02-30' is not a date that exists", "write a real date"),
    "YAML syntax": ('  after: "20xx.2.12"', '  after: [20xx.2.12', "after:", "not valid YAML", "close every bracket"),
}

CASES = [pytest.param(name, *case, id=f"{name}: {label}")
         for name, table in (("school", SCHOOL_CASES), ("glossary", GLOSSARY_CASES), ("corrections", CORRECTION_CASES))
         for label, case in table.items()]


@pytest.mark.parametrize(("loader", "old", "new", "where", "problem", "fix"), CASES)
def test_bad_data_is_an_error_at_its_line_with_a_fix(tmp_path: Path, loader: str, old: object, new: str,
                                                     where: str | tuple[str, int] | int, problem: str, fix: str) -> None:
    load, good = LOADERS[loader]
    if old is WHOLE:
        text = new
    else:
        assert isinstance(old, str) and old in good, old
        text = good.replace(old, new, 1)
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        load(path)
    _assert_error(caught, path, where if isinstance(where, int) else _line(text, where), problem, fix)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("encoding", ["shift_jis", "gb18030", "utf-16"])
def test_a_file_not_saved_as_utf8_is_refused_by_name(tmp_path: Path, loader: str, encoding: str) -> None:
    load, good = LOADERS[loader]
    path = _write(tmp_path, good.replace("班主任", "担任").encode(encoding, errors="replace"))
    with pytest.raises(DataError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:") and "not saved as UTF-8" in caught.value.problem
    assert "save it as UTF-8" in caught.value.fix


@pytest.mark.parametrize("loader", LOADERS)
def test_a_control_character_is_named_with_its_line(tmp_path: Path, loader: str) -> None:
    load, good = LOADERS[loader]
    lines = good.splitlines(keepends=True)
    lines[3] = lines[3].replace(":", "\x07:", 1)
    path = _write(tmp_path, "".join(lines))
    with pytest.raises(DataError) as caught:
        load(path)
    _assert_error(caught, path, 4, "control character U+0007", "delete it")


@pytest.mark.parametrize("loader", LOADERS)
def test_a_missing_file_is_a_data_error(tmp_path: Path, loader: str) -> None:
    with pytest.raises(DataError) as caught:
        LOADERS[loader][0](tmp_path / "absent.yml")
    _assert_error(caught, tmp_path / "absent.yml", 1, "cannot be read", "restore it")


def test_errors_name_the_path_as_given_and_relative_to_the_project(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = _write(data, SCHOOL.replace("colours:", "colour:"), "school.yml")
    with pytest.raises(DataError) as caught:
        load_school(path, CODES)
    assert caught.value.path == str(path)
    assert str(caught.value.shown_from(tmp_path)).startswith(f"data/school.yml:{_line(SCHOOL, 'colours:')}: ")


# ---------------------------------------------------------------------------------------
# The schema module on its own: what a calendar-like loader would use


def test_convert_plugs_a_parser_in_and_its_errors_land_on_the_key(tmp_path: Path) -> None:
    def when(text: str) -> tuple[int, int]:
        month, _, day = text.partition("/")
        if not (month.isdigit() and day.isdigit()):
            raise Invalid(f"'{text}' is not a month/day", "write e.g. 4/12")
        return int(month), int(day)

    schema = Schema("event", (Field("when", convert=when), Field("audience", many=True, unique=True,
                                                                 choices=("students", "staff")),
                              Field("on_holiday", "boolean", required=False, default=False)))
    from anshin.data_files import load_entries

    good, bad, twice, flag = load_entries(_write(tmp_path, (
        "- when: 4/12\n  audience: [students]\n"
        "- when: April\n  audience: [staff]\n"
        "- when: 5/1\n  audience: [staff, staff]\n"
        "- when: 5/2\n  audience: [staff]\n  on_holiday: maybe\n")), "event")
    assert schema.validate(good, CODES) == {"when": (4, 12), "audience": ("students",), "on_holiday": False}
    with pytest.raises(DataError) as caught:
        schema.validate(bad, CODES)
    assert caught.value.line == 3 and caught.value.fix == "write e.g. 4/12"
    with pytest.raises(DataError) as caught:
        schema.validate(twice, CODES)
    assert caught.value.line == 6 and "twice" in caught.value.problem
    with pytest.raises(DataError) as caught:
        schema.validate(flag, CODES)
    assert caught.value.line == 9 and "'on_holiday' must be true or false" in caught.value.problem


def test_a_field_of_an_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        Field("x", "number")


# ---------------------------------------------------------------------------------------
# Fuzzing: nothing but DataError leaves a loader

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KEYS = st.sampled_from(["id", "seed", "line", "kind", "before", "after", "note", "page", "templates", "end_line",
                        "origin", "explain", "name", "address", "phone", "responsible_person", "year",
                        "school_year", "logo", "colours", "primary", "accent", *CODES]) | st.text(max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | st.text(max_size=12)
           | st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)) | st.sampled_from(["ocr", "both", "#00695c"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
                      max_leaves=20)


def _load_or_data_error(loader: Callable[[Path], object], path: Path) -> None:
    try:
        loader(path)
    except DataError as error:
        assert str(error).startswith(f"{path}:") and " — fix: " in str(error) and error.line >= 1


@pytest.mark.parametrize("loader", FUZZED)
@FUZZ
@given(text=st.text())
def test_fuzz_any_text(tmp_path: Path, loader: str, text: str) -> None:
    _load_or_data_error(FUZZED[loader][0], _write(tmp_path, text, FILE_NAMES.get(loader, "data.yml")))


@pytest.mark.parametrize("loader", FUZZED)
@FUZZ
@given(raw=st.binary())
def test_fuzz_any_bytes(tmp_path: Path, loader: str, raw: bytes) -> None:
    _load_or_data_error(FUZZED[loader][0], _write(tmp_path, raw, FILE_NAMES.get(loader, "data.yml")))


@pytest.mark.parametrize("loader", FUZZED)
@FUZZ
@given(data=VALUES | st.lists(st.dictionaries(KEYS, VALUES, max_size=8), max_size=3))
def test_fuzz_any_yaml(tmp_path: Path, loader: str, data: object) -> None:
    _load_or_data_error(FUZZED[loader][0], _write(tmp_path, yaml.safe_dump(data, allow_unicode=True),
                                                   FILE_NAMES.get(loader, "data.yml")))


@pytest.mark.parametrize("loader", FUZZED)
@FUZZ
@given(pick=st.data())
def test_fuzz_one_line_of_a_good_file_changed(tmp_path: Path, loader: str, pick: st.DataObject) -> None:
    """Close to the real mistakes: one value of a good file replaced by any YAML, or by any text."""
    load, good = FUZZED[loader]
    lines = good.splitlines(keepends=True)
    index = pick.draw(st.integers(0, len(lines) - 1))
    key, colon, _ = lines[index].partition(":")
    value = pick.draw(st.one_of(VALUES.map(lambda v: yaml.safe_dump(v, default_flow_style=True).strip()
                                           .removesuffix("...").strip()),
                                st.text(max_size=20)))
    lines[index] = f"{key}{colon} {value}\n" if colon else value + "\n"
    _load_or_data_error(load, _write(tmp_path, "".join(lines), FILE_NAMES.get(loader, "data.yml")))


YAML_TRAPS = ["2019-02-30", "2019-13-01", "!!int x", "!!float x", "!!bool maybe", "!!timestamp x", "!!binary ?",
              "!!python/object:os.system x", "*undefined", "&a [*a]", "{? [a]: b}", "<<: 1", "!!set {a, b}",
              "!!omap [a]", "2001-12-14t21:59:43.10-99:99", "0o8", "\x00", "\ud7ff", "~", "[" * 200]


@pytest.mark.parametrize("loader", FUZZED)
@pytest.mark.parametrize("trap", YAML_TRAPS)
def test_yaml_traps_in_every_value(tmp_path: Path, loader: str, trap: str) -> None:
    load, good = FUZZED[loader]
    for index, line in enumerate(good.splitlines()):
        key, colon, _ = line.partition(":")
        if colon:
            lines = good.splitlines()
            lines[index] = f"{key}: {trap}"
            _load_or_data_error(load, _write(tmp_path, "\n".join(lines) + "\n", FILE_NAMES.get(loader, "data.yml")))


@pytest.mark.parametrize("loader", ["calendar", "front matter"])
def test_the_fuzzed_samples_are_valid(tmp_path: Path, loader: str) -> None:
    # The one-line fuzzing starts from a good file: it must load.
    load, good = FUZZED[loader]
    assert load(_write(tmp_path, good, FILE_NAMES[loader]))


# --------------------------------------------------------------------------- two parsers

def _every_data_file() -> list[Path]:
    from tests.conftest import ROOT

    return sorted((ROOT / "data").rglob("*.yml"))


@pytest.mark.parametrize("path", _every_data_file(), ids=lambda path: path.name)
def test_libyaml_and_pyyaml_read_every_data_file_into_the_same_entries(path: Path, monkeypatch) -> None:
    """data_files reads with libyaml where it can (ten times faster) and with PyYAML's own
    parser otherwise: the entries, their lines and the scalars as written are the same."""
    from anshin import data_files

    assert data_files._FastLoader is not None, "PyYAML without libyaml: the fast path is never taken"
    def read() -> list:
        return [data_files.load_mapping(path, "school")] if path.name == "school.yml" else data_files.load_entries(path, "entry")

    fast = read()
    monkeypatch.setattr(data_files, "_FastLoader", None)
    slow = read()
    assert fast == slow


def test_libyaml_and_pyyaml_keep_the_same_scalars_as_written(tmp_path: Path, monkeypatch) -> None:
    from anshin import data_files

    path = tmp_path / "entries.yml"
    path.write_text("- id: a\n  phone: 0110\n  on: 2026-04-01\n  quoted: '0110'\n  yes: no\n", encoding="utf-8")
    fast = data_files.load_entries(path, "entry")
    monkeypatch.setattr(data_files, "_FastLoader", None)
    slow = data_files.load_entries(path, "entry")
    assert fast == slow
    assert fast[0].written == {("phone",): "0110", ("on",): "2026-04-01", ("yes",): "no"}


@pytest.mark.parametrize("path", sorted((ROOT / "locales").glob("*.yml")), ids=lambda path: path.name)
def test_safe_load_reads_each_catalogue_as_pyyaml_does(path: Path) -> None:
    from anshin import data_files

    text = path.read_text(encoding="utf-8")
    assert data_files.safe_load(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", "- x\ny: 1\n", "a:\n\t- tab\n", "key: 'open\n"])
def test_safe_load_raises_pyyamls_own_error_for_bad_yaml(text: str) -> None:
    from anshin import data_files

    with pytest.raises(yaml.MarkedYAMLError) as expected:
        yaml.safe_load(text)
    with pytest.raises(yaml.MarkedYAMLError) as found:
        data_files.safe_load(text)
    assert str(found.value) == str(expected.value)


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "- " * 5000 + "x", "a:\n" + " " * 4000 + "b: 1\n"])
def test_a_file_nested_deeper_than_libyaml_can_take_is_read_by_pyyaml(tmp_path: Path, text: str) -> None:
    from anshin import data_files

    assert not data_files._shallow(text)
    path = tmp_path / "deep.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError):
        data_files.load_entries(path, "entry")
