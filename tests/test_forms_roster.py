"""The class list of `make forms` (anshin/forms/roster.py): what Excel writes in Japan and
China is read, everything else is refused with one message that names the line, never a
student. Plain pytest: no MkDocs build."""

from __future__ import annotations

import codecs
import csv
import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anshin.catalogue import load_catalogue
from anshin.errors import DataError
from anshin.forms.roster import BOTH, FIELDS, MAX_BYTES, REQUIRED, RosterError, RosterWords, Student, read_roster
from tests.fixtures.forms import make_rosters

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "forms"
CATALOGUES = {code: load_catalogue(ROOT / "locales" / f"{code}.yml", code, f"locales/{code}.yml") for code in ("zh", "ja")}
WORDS = RosterWords.from_catalogues(CATALOGUES, {"zh": "中文", "ja": "日本語"})

UTF8, UTF8_BOM, UTF16, CP932, GB18030 = "UTF-8", "UTF-8 with BOM", "UTF-16", "Shift_JIS (CP932)", "GB18030"


def read(raw: bytes, shown: str = "rosters/class-list.csv"):
    return read_roster(raw, shown, WORDS)


def fixture(name: str):
    return read((FIXTURES / name).read_bytes(), f"tests/fixtures/forms/{name}")


def refusal(raw: bytes) -> RosterError:
    with pytest.raises(RosterError) as caught:
        read(raw)
    return caught.value


# --- the words --------------------------------------------------------------------


def test_the_words_come_from_every_catalogue_and_the_english_schema() -> None:
    assert FIELDS == ("name", "class", "language", "guardian", "number") and REQUIRED == ("name", "class", "language")
    for field in FIELDS:
        assert field in WORDS.columns[field]
    assert {"学生姓名", "姓名", "生徒氏名", "氏名", "studentname", "student"} <= set(WORDS.columns["name"])
    assert {"班级", "学級", "組", "homeroom"} <= set(WORDS.columns["class"])
    assert {"语言", "言語", "lang"} <= set(WORDS.columns["language"])
    assert {"家长姓名", "保護者氏名", "parent"} <= set(WORDS.columns["guardian"])
    assert {"学号", "出席番号", "studentnumber", "no", "no."} <= set(WORDS.columns["number"])
    assert set(WORDS.languages["zh"]) == {"zh", "中文", "中国語"}
    assert set(WORDS.languages["ja"]) == {"ja", "日本語", "日文"}
    assert WORDS.both[0] == BOTH == "both" and {"双语", "对照", "両方", "対訳"} <= set(WORDS.both)
    # No heading means two fields.
    every = [heading for headings in WORDS.columns.values() for heading in headings]
    assert len(every) == len(set(every))


@pytest.mark.parametrize(("heading", "field"), [
    ("学生姓名", "name"), ("氏名：", "name"), ("氏名:", "name"), ("＊氏名", "name"), ("氏名*", "name"), ("※氏名", "name"),
    ("学 生 姓 名", "name"), ("\u3000姓名\u3000", "name"), ("ＮＡＭＥ", "name"), ("Student Name", "name"),
    ("Homeroom", "class"), ("クラス", "class"), ("ｸﾗｽ", "class"), ("Lang", "language"), ("使用言語", "language"),
    ("Parent", "guardian"), ("No.", "number"), ("Ｎｏ．", "number"), ("出席番号", "number"),
    ("备注", None), ("", None), ("phone", None),
])
def test_headings_are_compared_folded(heading: str, field: str | None) -> None:
    assert WORDS.field_of(heading) == field


@pytest.mark.parametrize(("value", "language"), [
    ("zh", "zh"), ("ZH", "zh"), ("ｚｈ", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh_TW", "zh"), (" 中文 ", "zh"),
    ("中国語", "zh"), ("ja", "ja"), ("ja-JP", "ja"), ("日本語", "ja"), ("日文", "ja"), ("JA", "ja"),
    ("both", BOTH), ("BOTH", BOTH), ("双语", BOTH), ("両方", BOTH), ("対訳", BOTH),
    ("zhx", None), ("en", None), ("klingon", None), ("", None), ("japan", None),
])
def test_language_values(value: str, language: str | None) -> None:
    assert WORDS.language_of(value) == language


# --- the fixtures -----------------------------------------------------------------


def test_the_fixture_files_are_what_make_rosters_writes(tmp_path: Path) -> None:
    written = make_rosters.write(tmp_path)
    assert sorted(path.name for path in written) == sorted(path.name for path in FIXTURES.iterdir()
                                                          if path.suffix in (".csv", ".txt"))
    for path in written:
        assert path.read_bytes() == (FIXTURES / path.name).read_bytes(), f"run tests/fixtures/forms/make_rosters.py ({path.name})"


def test_the_readme_lists_every_fixture() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for path in FIXTURES.iterdir():
        if path.suffix in (".csv", ".txt"):
            assert f"`{path.name}`" in readme and f"**{path.name}**" in readme


def test_class_3_2_utf8_with_bom_chinese_headings() -> None:
    raw = (FIXTURES / "class-3-2.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw
    roster = fixture("class-3-2.csv")
    assert roster.encoding == UTF8_BOM
    assert dict(roster.columns) == {"name": "学生姓名", "class": "班级", "language": "语言", "guardian": "家长姓名", "number": "学号"}
    assert roster.students == (
        Student(2, "王芳", "三年二班", "zh", "王建国", "01"),
        Student(3, "李娜", "三年二班", "zh", "李强", "02"),
        Student(4, "김민준", "三年二班", "zh", "김서연", "03"),
        Student(5, "山田太郎", "三年二班", "ja", "山田花子", "04"),
        Student(6, "佐藤花子", "三年二班", "ja", "佐藤一郎", "05"),
        Student(7, "たかはし ゆい", "三年二班", "ja", "高橋美穂", "06"),
        Student(8, "<b>林</b>&amp;小雨", "三年二班", BOTH, "林志明", "07"),
        Student(9, "陈静", "三年二班", BOTH, "陈伟", "08"),
    )


def test_utf8_without_bom_english_headings_quoted_comma_and_line_break() -> None:
    roster = fixture("utf8-english.csv")
    assert roster.encoding == UTF8
    assert dict(roster.columns) == {"name": "name", "class": "class", "language": "language", "guardian": "guardian",
                                    "number": "number"}
    assert roster.students == (
        Student(2, "王芳", "3-2", "zh", "王建国", "01"),
        Student(3, "山田太郎", "3-2", "ja", "山田花子", "02"),
        Student(4, "Núñez, José", "3-2", BOTH, "María Núñez", "03"),
        Student(5, "陈静", "3-2", "zh", "陈伟\n(父亲)", "04"),
        Student(7, "佐藤花子", "3-2", "ja", "", "05"),
        Student(8, "李娜", "3-2", "zh", "李强", "06"),
        Student(9, "鈴木一郎", "3-2", "ja", "鈴木和子", "07"),
        Student(10, "김민준", "3-2", "zh", "김서연", "08"),
    )


def test_utf16_unicode_text_tab_separated_japanese_headings() -> None:
    raw = (FIXTURES / "utf16-tab.txt").read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_LE)
    roster = fixture("utf16-tab.txt")
    assert roster.encoding == UTF16
    assert dict(roster.columns) == {"name": "生徒氏名", "class": "学級", "language": "言語", "guardian": "保護者氏名"}
    assert roster.students == (
        Student(2, "佐藤花子", "3年2組", "ja", "佐藤一郎"),
        Student(3, "王芳", "3年2組", "zh", "王建国"),
        Student(4, "鈴木一郎", "3年2組", "ja", "鈴木和子"),
        Student(5, "李娜", "3年2組", "zh", "李強"),
        Student(6, "たかはし ゆい", "3年2組", BOTH, "高橋美穂"),
        Student(7, "山田太郎", "3年2組", "ja", "山田花子"),
        Student(8, "陈静", "3年2組", "zh", "陈伟"),
        Student(9, "伊藤美咲", "3年2組", BOTH, "伊藤健"),
    )


def test_cp932_japanese_excel_csv() -> None:
    roster = fixture("cp932-japanese.csv")
    assert roster.encoding == CP932
    assert dict(roster.columns) == {"name": "氏名", "class": "組", "language": "言語", "number": "出席番号"}
    assert roster.students == (
        Student(2, "山田太郎", "3年2組", "ja", "", "1"),
        Student(3, "佐藤花子", "3年2組", "ja", "", "2"),
        Student(4, "鈴木一郎", "3年2組", "ja", "", "3"),
        Student(6, "たかはし ゆい", "3年2組", BOTH, "", "4"),
        Student(7, "田中健太", "3年2組", "zh", "", "5"),
        Student(8, "伊藤美咲", "3年2組", "ja", "", "6"),
        Student(9, "渡辺翔", "3年2組", BOTH, "", "7"),
        Student(10, "中村さくら", "3年2組", "ja", "", "8"),
    )


def test_gb18030_chinese_excel_csv() -> None:
    roster = fixture("gb18030-chinese.csv")
    assert roster.encoding == GB18030
    assert dict(roster.columns) == {"name": "姓名", "class": "班级", "language": "语言", "guardian": "家长", "number": "学号"}
    assert roster.students == (
        Student(2, "王芳", "三年二班", "zh", "王建国", "01"),
        Student(3, "李娜", "三年二班", "zh", "李强", "02"),
        Student(4, "张伟", "三年二班", BOTH, "张明", "03"),
        Student(5, "刘洋", "三年二班", "zh", "刘海", "04"),
        Student(6, "陈静", "三年二班", "ja", "陈伟", "05"),
        Student(7, "杨丽", "三年二班", "zh", "杨军", "06"),
        Student(8, "赵磊", "三年二班", BOTH, "赵刚", "07"),
        Student(9, "黄敏", "三年二班", "zh", "黄涛", "08"),
    )


def test_gb18030_with_english_headings_is_told_by_its_names() -> None:
    roster = fixture("gb18030-english.csv")
    assert roster.encoding == GB18030
    assert roster.students == (
        Student(2, "张伟", "3-2", "zh"), Student(3, "王芳", "3-2", "zh"), Student(4, "李娜", "3-2", BOTH),
        Student(5, "刘洋", "3-2", "zh"), Student(6, "陈静", "3-2", "ja"), Student(7, "杨丽", "3-2", "zh"),
        Student(8, "赵磊", "3-2", "zh"), Student(9, "周杰", "3-2", BOTH),
    )


def test_cp932_with_chinese_names_in_kanji_stays_cp932() -> None:
    roster = fixture("cp932-chinese-names.csv")
    assert roster.encoding == CP932
    assert roster.students == (
        Student(2, "王芳", "3-2", "zh", "", "01"), Student(3, "劉洋", "3-2", "zh", "", "02"),
        Student(4, "陳静", "3-2", "zh", "", "03"), Student(5, "李娜", "3-2", BOTH, "", "04"),
        Student(6, "張偉", "3-2", "zh", "", "05"), Student(7, "楊麗", "3-2", "ja", "", "06"),
        Student(8, "趙磊", "3-2", "zh", "", "07"), Student(9, "黄敏", "3-2", "zh", "", "08"),
    )


def test_the_sep_line_is_honoured_and_counted() -> None:
    roster = fixture("semicolon-sep.csv")
    assert roster.encoding == UTF8_BOM
    assert roster.students == (Student(3, "山田太郎", "3-2", "ja"), Student(4, "王, 芳", "3-2", "zh"),
                               Student(5, "李娜", "3-2", BOTH))


# --- encodings ----------------------------------------------------------------------

def _english(*names: str, language: str = "zh") -> str:
    return "name,class,language\r\n" + "".join(f"{name},3-2,{language}\r\n" for name in names)


@pytest.mark.parametrize(("names", "codec", "encoding"), [
    (("张伟",), "gb18030", GB18030),              # reads as half-width katakana in CP932
    (("王芳",), "gb18030", GB18030),
    (("山田",), "cp932", CP932),                   # reads as rare hanzi in GB18030
    (("佐藤花子",), "cp932", CP932),
    (("たかはし ゆい",), "cp932", CP932),
    (("王芳", "劉洋", "陳静"), "cp932", CP932),
    (("毛毛",), "gb18030", GB18030),               # whose bytes are also valid UTF-8 (ëë)
    (("魏然", "薛梅"), "gb18030", GB18030),        # κȻ and Ѧ÷ in UTF-8
    (("姚雪",), "gb18030", GB18030),               # Ҧѩ in UTF-8
    (("李梓睿", "王婷"), "gb18030", GB18030),       # GB2312 level-2 hanzi
    (("José Núñez", "Zoë"), "utf-8", UTF8),        # UTF-8 that is also valid GB18030
    (("Иван", "Сева"), "utf-8", UTF8),
    (("Jose\u0301",), "utf-8", UTF8),              # an accent written as a combining mark
    (("王芳", "山田太郎", "김민준"), "utf-8", UTF8),
    (("Li Na",), "utf-8", UTF8),                   # plain ASCII is UTF-8
])
def test_the_encoding_is_decided_by_the_names_when_the_headings_are_english(names: tuple[str, ...], codec: str,
                                                                            encoding: str) -> None:
    roster = read(_english(*names).encode(codec))
    assert (roster.encoding, tuple(s.name for s in roster.students)) == (encoding, names)


def test_the_headings_decide_first() -> None:
    # 趙磊 alone reads as level-2 characters in both encodings; the Japanese headings tell.
    roster = read("氏名,組,言語\r\n趙磊,3年2組,中国語\r\n".encode("cp932"))
    assert roster.encoding == CP932 and roster.students == (Student(2, "趙磊", "3年2組", "zh"),)
    roster = read("姓名,班级,语言\r\n驸猁,三年二班,中文\r\n".encode("gb18030"))
    assert roster.encoding == GB18030 and roster.students[0].name == "驸猁"


def test_utf16_big_endian_and_without_tabs() -> None:
    text = "学生姓名\t班级\t语言\r\n王芳\t三年二班\t中文\r\n"
    roster = read(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    assert roster.encoding == UTF16 and roster.students == (Student(2, "王芳", "三年二班", "zh"),)
    roster = read(codecs.BOM_UTF16_LE + text.replace("\t", ",").encode("utf-16-le"))
    assert roster.students == (Student(2, "王芳", "三年二班", "zh"),)


def test_the_same_bytes_are_always_read_the_same_way() -> None:
    raw = _english("张伟", "刘洋").encode("gb18030")
    first = read(raw)
    assert all(read(raw) == first for _ in range(5))


# --- delimiters, line ends, cells -----------------------------------------------------


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters_and_line_ends(delimiter: str, line_end: str) -> None:
    rows = [["学生姓名", "班级", "语言"], ["王芳", "三年二班", "中文"], ["李娜", "三年二班", "双语"]]
    text = line_end.join(delimiter.join(row) for row in rows) + line_end
    assert read(text.encode("utf-8")).students == (Student(2, "王芳", "三年二班", "zh"), Student(3, "李娜", "三年二班", BOTH))


@pytest.mark.parametrize("hint", ["sep=;", '"sep=;"', "SEP=;", "sep=;;;"])
def test_excels_sep_hint(hint: str) -> None:
    roster = read(f"{hint}\r\n姓名;班级;语言\r\n王芳;三年二班,A;中文\r\n".encode("utf-8-sig"))
    assert roster.students == (Student(3, "王芳", "三年二班,A", "zh"),)


def test_a_sep_hint_that_contradicts_the_heading_row_wins() -> None:
    # Excel wrote the line; the headings' commas are then text.
    error = refusal(b"sep=;\nname,class,language\nA,1,zh\n")
    assert error.line == 2 and "not a heading row" in error.problem


def test_quoted_line_breaks_count_in_row_numbers() -> None:
    text = 'name,class,language\r\n"王\r\n芳",3-2,zh\r\n"李\n娜",3-2,zh\r\n山田,3-2,ja\r\n'
    roster = read(text.encode("utf-8"))
    assert [(s.row, s.name) for s in roster.students] == [(2, "王\r\n芳"), (4, "李\n娜"), (6, "山田")]


def test_cells_are_stripped_numbers_stay_text_and_other_columns_are_left_alone() -> None:
    text = ("\n\n 学号 ,备注,学生姓名,,班级,语言,电话,,,\n"
            "01, 过敏 ,\u3000王芳\u3000 ,x, 三年二班 , 中文 ,090-1234,,,\n"
            '="007",,李娜,,三年二班,zh,,\n'
            "\n"
            ",,,,,,,,,\n")
    roster = read(text.encode("utf-8"))
    assert roster.students == (Student(4, "王芳", "三年二班", "zh", "", "01"), Student(5, "李娜", "三年二班", "zh", "", "007"))
    assert dict(roster.columns) == {"number": "学号", "name": "学生姓名", "class": "班级", "language": "语言"}


@pytest.mark.parametrize("name", [
    "<b>李</b>&amp;", '"; DROP TABLE students; --', "<script>alert(1)</script>", "김민준", "José Núñez",
    "😀小明", "👨\u200d👩\u200d👧", "ab\u200dc", "山田 太郎", "O'Brien", "{name}", "%s",
])
def test_unusual_names_are_text_as_written(name: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([["name", "class", "language"], [f"  {name}\u3000", "3-2", "zh"]])
    assert read(out.getvalue().encode("utf-8-sig")).students == (Student(2, name, "3-2", "zh"),)


def test_the_same_name_twice_is_two_students_when_numbers_differ() -> None:
    text = "姓名,班级,语言,学号\n王芳,三年二班,中文,01\n王芳,三年二班,中文,02\n王芳,三年一班,中文,01\n"
    assert [s.row for s in read(text.encode()).students] == [2, 3, 4]


# --- refusals -----------------------------------------------------------------------


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        workbook.writestr("xl/workbook.xml", "<workbook>王芳</workbook>")
    return out.getvalue()


def _ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as sheet:
        sheet.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        sheet.writestr("content.xml", "<office:document-content>王芳</office:document-content>")
    return out.getvalue()


@dataclass(frozen=True)
class Refusal:
    id: str
    raw: bytes
    line: int
    says: tuple[str, ...]           # words the message must have
    secrets: tuple[str, ...] = ()   # cells of students' rows, which it must not have


R = Refusal
REFUSALS = (
    R("empty", b"", 1, ("the file is empty", "CSV UTF-8")),
    R("only-spaces", b" \r\n\t\r\n", 1, ("the file is empty",)),
    R("only-bom", codecs.BOM_UTF8, 1, ("the file is empty",)),
    R("only-utf16-bom", codecs.BOM_UTF16_LE + "\r\n".encode("utf-16-le"), 1, ("the file is empty",)),
    R("only-empty-cells", b",,,\r\n,,,\r\n", 1, ("the file is empty",)),
    R("xlsx", _xlsx(), 1, ("this is an Excel workbook (.xlsx), not a CSV file", "File → Save As", "CSV UTF-8"), ("王芳",)),
    R("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "王芳".encode("utf-16-le"), 1,
      ("old Excel workbook (.xls)", "CSV UTF-8"), ("王芳",)),
    R("ods", _ods(), 1, ("OpenDocument spreadsheet (.ods)", "Text CSV"), ("王芳",)),
    R("pdf", b"%PDF-1.7\n1 0 obj\n(Wang Fang)\n", 1, ("this is a PDF, not a CSV file", "CSV"), ("Wang Fang",)),
    R("binary", b"name,class,language\n\x00\x01\x02Wang Fang,3-2,zh\n", 1, ("not a text file", "CSV UTF-8"), ("Wang Fang",)),
    R("too-big", b"name,class,language\n" + b"Wang Fang,3-2,zh\n" * (MAX_BYTES // 17 + 1), 1,
      ("MB", "a class list is a few KB", "check that it is the class list"), ("Wang Fang",)),
    R("encoding", b"name,class,language\n\x81 Wang,3-2,zh\n", 1,
      ("its encoding could not be recognised", "save it from Excel as 'CSV UTF-8 (comma delimited)'"), ("Wang",)),
    R("bom-but-not-utf8", codecs.BOM_UTF8 + "name,class,language\n王芳,3-2,zh\n".encode("gb18030"), 1,
      ("its encoding could not be recognised",), ("王芳",)),
    R("no-heading-row", "王芳,三年二班,中文\n李娜,三年二班,中文\n".encode(), 1,
      ("the first row is not a heading row", "needs a heading row first", "name (学生姓名, 生徒氏名, name)"),
      ("王芳", "李娜", "三年二班")),
    R("title-row", "3年2組 名簿\n氏名,組,言語\n山田太郎,3年2組,日本語\n".encode("cp932"), 1,
      ("not a heading row", "delete any title rows above it"), ("山田太郎",)),
    R("missing-columns", "\n学生姓名,备注\n王芳,花生过敏\n".encode(), 2,
      ('expected the columns name (学生姓名, 生徒氏名, name), class (班级, 学級, class) and language (语言, 言語, language); '
       'found "学生姓名", "备注"', "no class or language column"), ("王芳", "花生过敏")),
    R("missing-language", "氏名,組\n山田太郎,3年2組\n".encode("cp932"), 1,
      ("no language column", 'found "氏名", "組"', "add the language column"), ("山田太郎",)),
    R("two-name-columns", "姓名,氏名,班级,语言\n王芳,王芳,三年二班,中文\n".encode(), 1,
      ('the columns "姓名" and "氏名" both mean the name', "keep one of them"), ("王芳",)),
    R("no-students", "学生姓名,班级,语言\r\n,,\r\n\r\n".encode(), 1, ("no students", "add one row per student")),
    R("no-students-after-blank-lines", "\r\n\r\n学生姓名,班级,语言\r\n".encode(), 3, ("no students",)),
    R("too-many-cells", "姓名,班级,语言\n王芳,三年二班,中文\n李,娜,三年二班,中文\n".encode(), 3,
      ("row 3 has 4 cells", "3 columns", "in quotes"), ("王芳", "李", "娜", "三年二班")),
    R("empty-name", "学生姓名,班级,语言\n王芳,三年二班,中文\n,三年二班,中文\n".encode(), 3,
      ('row 3 has no name (its "学生姓名" cell is empty)', "write the student's name in row 3"), ("王芳", "三年二班")),
    R("empty-class", "氏名,組,言語\n山田太郎,3年2組,日本語\n佐藤花子,,日本語\n".encode("cp932"), 3,
      ('row 3 has no class (its "組" cell is empty)',), ("山田太郎", "佐藤花子", "3年2組")),
    R("empty-language", b"name,class,language\nWang Fang,3-2,zh\nLi Na,3-2,\n", 3,
      ('row 3 has no language (its "language" cell is empty)', "zh", "ja", "both"), ("Wang Fang", "Li Na", "3-2")),
    R("unknown-language", "学生姓名,班级,语言\n王芳,三年二班,中文\n李娜,三年二班,klingon\n".encode("gb18030"), 3,
      ('row 3: the "语言" cell is not a language of the site', "zh, 中文, 中国語", "ja, 日本語, 日文", "both, 双语"),
      ("王芳", "李娜", "三年二班", "klingon")),
    R("a-name-as-language", b"name,class,language\nWang Fang,3-2,Li Na\n", 2,
      ("not a language of the site",), ("Wang Fang", "Li Na")),
    R("repeated-row", ("学生姓名,班级,语言\n王芳,三年二班,中文\n李娜,三年二班,中文\n张伟,三年二班,中文\n"
                       "刘洋,三年二班,中文\n陈静,三年二班,中文\n杨丽,三年二班,中文\n赵磊,三年二班,中文\n"
                       "张伟,三年二班,双语\n").encode(), 9,
      ("row 9 repeats row 4", "delete one of them", "give them student numbers"), ("张伟", "三年二班", "王芳")),
    R("repeated-row-spaced", "氏名,組,言語\n山田 太郎,3年2組,日本語\n山田\u3000太郎,3年2組,日本語\n".encode("cp932"), 3,
      ("row 3 repeats row 2",), ("山田", "太郎", "3年2組")),
    R("unclosed-quote", b'name,class,language\nWang Fang,3-2,zh\n"Li Na,3-2,zh\nZhang Wei,3-2,zh\n', 3,
      ("quotation mark", "never closed"), ("Wang Fang", "Li Na", "Zhang Wei")),
    R("text-after-quote", b'name,class,language\n"Li" Na,3-2,zh\n', 2, ("quotation mark",), ("Li", "Na")),
    R("after-a-quoted-line-break", b'name,class,language\r\n"Wang\r\nFang",3-2,zh\r\nLi Na,3-2,xx\r\n', 4,
      ("row 4",), ("Wang", "Fang", "Li Na", "xx")),
    R("after-a-sep-line", b"sep=,\nname,class,language\nLi Na,3-2,\n", 3, ("row 3 has no language",), ("Li Na",)),
)


@pytest.mark.parametrize("case", REFUSALS, ids=[case.id for case in REFUSALS])
def test_refusals(case: Refusal) -> None:
    error = refusal(case.raw)
    assert isinstance(error, DataError)
    assert (error.path, error.line) == ("rosters/class-list.csv", case.line), str(error)
    assert str(error) == f"rosters/class-list.csv:{case.line}: {error.problem} — fix: {error.fix}"
    assert error.problem and error.fix
    for words in case.says:
        assert words in str(error), str(error)


@pytest.mark.parametrize("case", [case for case in REFUSALS if case.secrets], ids=[case.id for case in REFUSALS if case.secrets])
def test_no_refusal_quotes_a_students_row(case: Refusal) -> None:
    message = str(refusal(case.raw))
    assert [secret for secret in case.secrets if secret in message] == []


def test_the_first_problem_is_the_one_told() -> None:
    text = "name,class,language\nA,3-2,\nB,,zh\n\"C,3-2,zh\n"
    assert refusal(text.encode()).line == 2
    # An unclosed quotation mark below the rows' problems is told after them; above, first.
    assert refusal(b'name,class,language\n"A,3-2,zh\nB,3-2,\n').line == 2


def test_a_file_of_exactly_the_limit_is_read() -> None:
    head = b"name,class,language\r\nWang Fang,3-2,zh\r\n"
    raw = head + b" " * (MAX_BYTES - len(head))
    assert len(read(raw).students) == 1
    assert "MB" in str(refusal(raw + b" "))


# --- random rosters -----------------------------------------------------------------

JAPANESE_NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "たかはし ゆい", "田中健太", "伊藤美咲", "渡辺翔", "中村さくら", "小林大輔",
                  "加藤愛", "吉田拓海", "山本陽菜", "松本蓮", "井上結衣", "木村悠真", "林美月", "斎藤颯太", "清水凛", "山口湊",
                  "森結菜", "池田陽向", "橋本芽依", "阿部樹", "石川心春", "前田大和", "藤田杏", "小川蒼", "岡田葵", "後藤律",
                  "長谷川紬", "さとう はると", "スズキ ケン", "タナカ ミオ", "王芳", "劉洋", "陳静", "趙磊")
CHINESE_NAMES = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨丽", "赵磊", "黄敏", "周杰", "吴婷", "徐涛", "孙悦", "胡军", "朱琳",
                 "高明", "林小雨", "何欣", "郭强", "马超", "罗兰", "梁宇", "宋佳", "郑浩", "谢娟", "韩冰", "冯雪", "于洋",
                 "董鹏", "萧然", "曹阳", "袁媛", "邓超", "许晴", "魏然", "薛梅", "毛毛", "姚雪", "李梓睿", "王婷", "欧阳娜娜")
OTHER_NAMES = ("김민준", "José Núñez", "Li Na", "Иван Петров", "<b>林</b>&amp;小雨", "Nguyễn Văn An", "😀小明")

# (names, classes, language cells -> code, headings per field) as a school in that encoding writes them
_ENGLISH_HEADINGS = {"name": ("name", "Student Name"), "class": ("class", "Homeroom"), "language": ("language", "Lang"),
                     "guardian": ("guardian", "Parent"), "number": ("number", "No.")}
_ZH = {"name": ("学生姓名", "姓名"), "class": ("班级", "班"), "language": ("语言", "使用语言"), "guardian": ("家长姓名", "家长"),
       "number": ("学号", "座号")}
_JA = {"name": ("氏名", "生徒氏名"), "class": ("組", "学級"), "language": ("言語",), "guardian": ("保護者氏名", "保護者"),
       "number": ("出席番号", "番号")}
_ZH_VALUES = (("中文", "zh"), ("zh", "zh"), ("zh-CN", "zh"), ("日文", "ja"), ("ja", "ja"), ("双语", BOTH), ("对照", BOTH))
_JA_VALUES = (("日本語", "ja"), ("ja", "ja"), ("ja-JP", "ja"), ("中国語", "zh"), ("zh", "zh"), ("両方", BOTH), ("both", BOTH))
SCHOOLS = {
    "cp932": (JAPANESE_NAMES, ("3年2組", "3-2", "1年A組"), _JA_VALUES, _JA),
    "gb18030": (CHINESE_NAMES, ("三年二班", "3-2", "初一(3)班"), _ZH_VALUES, _ZH),
    "utf-8-sig": (JAPANESE_NAMES + CHINESE_NAMES + OTHER_NAMES, ("三年二班", "3年2組", "3-2"), _ZH_VALUES + _JA_VALUES, _ZH),
    "utf-8": (JAPANESE_NAMES + CHINESE_NAMES + OTHER_NAMES, ("三年二班", "3年2組", "3-2"), _ZH_VALUES + _JA_VALUES, _JA),
    "utf-16": (JAPANESE_NAMES + CHINESE_NAMES + OTHER_NAMES, ("三年二班", "3年2組"), _ZH_VALUES + _JA_VALUES, _JA),
}


def _write(codec: str, headings: dict[str, str], students: list[Student], values: list[str], delimiter: str,
           line_end: str, sep_hint: bool) -> bytes:
    out = io.StringIO()
    if sep_hint:
        out.write(f"sep={delimiter}{line_end}")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    fields = list(headings)
    writer.writerow([headings[field] for field in fields])
    attribute = {"name": "name", "class": "class_name", "language": "language", "guardian": "guardian", "number": "number"}
    for student, value in zip(students, values, strict=True):
        writer.writerow([value if field == "language" else getattr(student, attribute[field]) for field in fields])
    return out.getvalue().encode(codec)


@st.composite
def rosters(draw: st.DrawFn, codec: str) -> tuple[bytes, list[Student]]:
    names, classes, values, native = SCHOOLS[codec]
    english = draw(st.booleans())
    optional = [field for field in ("guardian", "number") if draw(st.booleans())]
    fields = draw(st.permutations([*REQUIRED, *optional]))
    headings = {field: draw(st.sampled_from((_ENGLISH_HEADINGS if english else native)[field])) for field in fields}
    sep_hint = draw(st.booleans())
    rows = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(classes), st.sampled_from(values),
                                   st.sampled_from(names), st.sampled_from(("01", "2", "007", "12"))),
                         min_size=3, max_size=40, unique_by=lambda row: row[0]))
    first = 3 if sep_hint else 2
    students = [Student(first + index, name, class_name, code, guardian if "guardian" in fields else "",
                        number if "number" in fields else "")
                for index, (name, class_name, (_, code), guardian, number) in enumerate(rows)]
    raw = _write(codec, headings, students, [value for _, _, (value, _), _, _ in rows],
                 draw(st.sampled_from((",", "\t", ";"))), draw(st.sampled_from(("\r\n", "\n", "\r"))), sep_hint)
    return raw, students


ENCODING_SHOWN = {"cp932": CP932, "gb18030": GB18030, "utf-8-sig": UTF8_BOM, "utf-8": UTF8, "utf-16": UTF16}


@pytest.mark.parametrize("codec", list(SCHOOLS))
def test_random_rosters_read_back(codec: str) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rosters(codec))
    def reads_back(roster: tuple[bytes, list[Student]]) -> None:
        raw, students = roster
        read_back = read(raw)
        assert (read_back.encoding, list(read_back.students)) == (ENCODING_SHOWN[codec], students)

    reads_back()


@pytest.mark.parametrize(("codec", "names"), [("cp932", JAPANESE_NAMES), ("gb18030", CHINESE_NAMES)])
def test_many_random_rosters_with_english_headings_read_in_the_right_encoding(codec: str, names: tuple[str, ...]) -> None:
    # The hard case: nothing but the names tells CP932 from GB18030 (or from UTF-8).
    generator = random.Random(20240401)
    wrong = []
    for _ in range(500):
        chosen = generator.sample(names, generator.randint(3, 25))
        raw = _english(*chosen, language=generator.choice(("zh", "ja", "both"))).encode(codec)
        roster = read(raw)
        if roster.encoding != ENCODING_SHOWN[codec] or [s.name for s in roster.students] != chosen:
            wrong.append(chosen)
    assert wrong == []
