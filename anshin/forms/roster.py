"""A class list, as Excel saves it in Japan or China (pure, no MkDocs).

`make forms ROSTER=rosters/3-2.csv DOC=agreements/pickup` prints one copy of an agreement
per student, each in the family's language. The class list (the roster) is a CSV file:
one heading row, then one row per student.

    学生姓名,班级,语言,家长姓名,学号
    王芳,三年二班,中文,王建国,01
    山田太郎,三年二班,日本語,山田花子,02
    李娜,三年二班,双语,,03

**The columns.** The order does not matter, and columns the site does not know (备注,
備考, phone numbers …) are left alone.

- `name` — the student's name. Required.
- `class` — the student's class, printed as written (三年二班, 3年2組, 3-2). Required.
- `language` — which copy the family gets. Required (see the values below).
- `guardian` — the guardian's name, filled into the guardian's name field. Optional.
- `number` — the student number, printed as written: `01` stays `01` (Excel's `="01"`,
  which keeps the zero when the file is opened in Excel, is read as `01` too). Optional.

**The headings.** Any catalogue's words (`forms.roster.*` in locales/<code>.yml: 学生姓名,
姓名, 生徒氏名, 氏名, 班级, 学級, 組, 语言, 言語, 家长姓名, 保護者氏名, 学号, 出席番号 …) and
always the English ones: the column names above and a few aliases (`student name`,
`homeroom`, `lang`, `parent`, `student number`, `no.` …). Headings are compared after
folding full-width letters and digits to ASCII, ignoring case and spaces (also the
ideographic space), a trailing colon (`氏名：`) and the required-field markers `*` and
`※`. Two columns that mean the same thing (姓名 and 氏名) are refused.

**The language values.** A site language's code (`zh`), a BCP 47 tag that starts with it
(`zh-CN`, `zh-Hans`, `ja-JP`), its own name from mkdocs.yml (中文, 日本語) or what any
catalogue calls it (`language_names`: 中文, 日文, 中国語, 日本語). `both` — or a catalogue's
`forms.roster.both` word (双语, 对照, 両方, 対訳 …) — asks for the side-by-side copy. The same
folding as for headings applies (`ZH`, `ｚｈ`, ` 中文 ` all work).

**The cells** are taken as text, stripped of surrounding spaces (the ideographic space
too) and otherwise unchanged: names in any script, with accents, emoji, or characters that
look like HTML (`<b>`, `&amp;`) stay exactly as written; the templates escape them.

**What the file may look like.**

- Encodings: UTF-8, with or without the byte order mark (Excel's "CSV UTF-8"); UTF-16 with
  its byte order mark (Excel's "Unicode text", tab-separated); Shift_JIS/CP932 (Japanese
  Excel's plain "CSV"); GBK/GB18030 (Chinese Excel's plain "CSV"). Nothing says which of
  the last two a file is, and a short name often decodes in both (张伟 in GB18030 reads as
  half-width katakana in CP932; 山田 in CP932 reads as rare hanzi in GB18030), so the
  reading is decided, always the same way for the same bytes:
    1. a file that is valid UTF-8 is UTF-8 — unless its UTF-8 reading is implausible
       (nothing from U+0800 on, and runs of characters no name is written in: symbols,
       rare letters, scripts mixed, Latin letters beside no ASCII letter — `ëë`, `κȻ`,
       which is what some GB18030 names become) and CP932 or GB18030 reads the file
       as mostly common characters (rule 3, a mean weight of ½ or more);
    2. otherwise the reading whose heading row has the most known headings wins;
    3. on a tie (English headings), the reading whose non-ASCII characters are the more
       common in a name list, by a mean weight: in CP932 1 for hiragana, full-width
       katakana, CJK punctuation, full-width forms and JIS X 0208 level-1 kanji
       (Shift_JIS lead byte 0x88–0x98), ½ for level-2 kanji, -1 for half-width katakana
       and the user-defined area, 0 for the rest; in GB18030 1 for GB2312 level-1 hanzi
       (lead byte 0xB0–0xD7), its punctuation and full-width forms, ½ for level 2, -1
       for four-byte sequences and the user-defined areas, 0 for GBK's rare hanzi. Then
       the higher sum, then CP932.
  Rosters of 3–40 ordinary names read right every time in tests of thousands of random
  ones per encoding (tests/test_forms_roster.py). What can still be misread: a file of
  one or two names made only of rare characters, with English headings and language codes;
  and a CP932 file with English headings whose names are all half-width katakana
  (ﾔﾏﾀﾞ ﾀﾛｳ), which may read as GB18030. Japanese or Chinese headings, or saving as CSV
  UTF-8, settle both.
- Delimiters: comma, tab or semicolon, whichever the heading row has most of; Excel's
  first line `sep=;` is honoured and skipped. Cells in double quotes may hold delimiters
  and line breaks. Line ends: CRLF, LF or CR.
- Blank lines, rows of empty cells (`,,,`) and empty columns after the last heading are
  ignored, and so is a column with no heading.

**Rows are named by their line** in the file: the first line is 1, a `sep=` line counts,
and a row whose quoted cell holds a line break is named by the line it starts on.

**What is refused** (RosterError, the first problem found, with the line and the fix):
an empty file; an Excel workbook (.xlsx, .xls), an OpenDocument spreadsheet (.ods), a PDF
or other binary data instead of a CSV file; a file over 5 MB; an encoding none of the
above; a first row that is not a heading row; a missing name, class or language column;
two columns for the same thing; headings but no students; a row with more cells than
there are headings (a comma in an unquoted name); a quotation mark that is never closed;
a row without a name, class or language; a language the site does not have; a row that
repeats an earlier one (the same name, class and number).

Messages end up in logs, so they never quote a cell of a student's row: they name rows by
line and columns by their heading (the heading row may be quoted).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from anshin.catalogue import Catalogue
from anshin.errors import DataError

__all__ = ["BOTH", "FIELDS", "MAX_BYTES", "REQUIRED", "Roster", "RosterError", "RosterWords", "Student", "read_roster"]

BOTH = "both"                                            # the language value that asks for the side-by-side copy
FIELDS = ("name", "class", "language", "guardian", "number")
REQUIRED = ("name", "class", "language")
MAX_BYTES = 5 * 1024 * 1024                              # a class list is a few KB; anything this big is another file

# The documented English headings besides the field ids themselves (English words, not
# languages: every site accepts them, whatever its languages).
_ENGLISH_HEADINGS = (
    ("name", ("student name", "student", "full name", "pupil", "pupil name")),
    ("class", ("homeroom", "class name", "grade and class", "grade/class")),
    ("language", ("lang", "home language", "family language", "language code")),
    ("guardian", ("guardian name", "guardian's name", "parent", "parent name", "parent's name", "parents")),
    ("number", ("student number", "student no.", "student no", "no", "no.", "#", "seat number", "roll number")),
)

# How a person knows the encodings (Roster.encoding).
_UTF8, _UTF8_BOM, _UTF16, _CP932, _GB18030 = "UTF-8", "UTF-8 with BOM", "UTF-16", "Shift_JIS (CP932)", "GB18030"
# The two without a mark, in the order a last tie goes. A tie takes names of level-2
# characters only, which read as level-2 characters in the other encoding too: 趙磊 in
# CP932 is 驸猁 in GB18030. Chinese students written in kanji in a Japanese school's file
# (趙, 劉) are the likelier story.
_CODECS = ((_CP932, "cp932"), (_GB18030, "gb18030"))

# Letters below U+0800 that names are written in: what a UTF-8 reading must show to be
# plausible. (Legacy bytes read as UTF-8 come out anywhere in U+0080–U+07FF, also as rare
# letters such as Ҧ.)
_NAME_LETTERS = ((0x00C0, 0x024F, "latin"), (0x0300, 0x0331, "mark"), (0x0386, 0x03CE, "greek"),
                 (0x0400, 0x045F, "cyrillic"), (0x0490, 0x0491, "cyrillic"), (0x0531, 0x0587, "armenian"),
                 (0x05B0, 0x05C7, "mark"), (0x05D0, 0x05EA, "hebrew"), (0x0620, 0x064A, "arabic"),
                 (0x064B, 0x065F, "mark"), (0x0660, 0x06FF, "arabic"))

_SAVE_AS_CSV = "save it from Excel as 'CSV UTF-8 (comma delimited)'"
_DELIMITERS = ("\t", ",", ";")                           # a tie goes to the first: tabs are never in headings by chance
_SEP_HINT = re.compile(r'\s*"?sep=([^"\r\n])"?[\s,;]*', re.IGNORECASE)
_EXCEL_TEXT = re.compile(r'="(.*)"', re.DOTALL)         # ="01": how a CSV keeps Excel from dropping the zero


class RosterError(DataError):
    """A class list that cannot be read; the message names the line and the fix, never a student."""


@dataclass(frozen=True)
class RosterWords:
    """What a roster's headings and language values may say."""

    columns: Mapping[str, tuple[str, ...]]      # field -> accepted headings (normalised), always including the field id itself
    languages: Mapping[str, tuple[str, ...]]    # language code -> accepted values (normalised)
    both: tuple[str, ...]                       # accepted values meaning BOTH, always including "both"

    @classmethod
    def from_catalogues(cls, catalogues: Mapping[str, Catalogue], names: Mapping[str, str]) -> RosterWords:
        """From each catalogue's `forms.roster.*` words and `language_names`, and each
        language's own name (`names`, from mkdocs.yml). `catalogues` is {code: catalogue},
        the default language first."""
        columns: dict[str, tuple[str, ...]] = {}
        claimed: set[str] = set()
        english = dict(_ENGLISH_HEADINGS)
        for field in FIELDS:
            lists = [_words(catalogue, f"forms.roster.{field}") for catalogue in catalogues.values()]
            # First each catalogue's first word and the field id: these are what messages show.
            ordered = [words[0] for words in lists if words] + [field] + [w for words in lists for w in words[1:]]
            # A heading means one field: a word an earlier field has is not this one's too.
            accepted = tuple(w for w in _unique(_normalised(w) for w in ordered + list(english.get(field, ())))
                             if w and w not in claimed)
            claimed.update(accepted)
            columns[field] = accepted
        languages: dict[str, tuple[str, ...]] = {}
        for code in catalogues:
            called = [names.get(code, "")] + [w for c in catalogues.values() for w in _words(c, f"language_names.{code}")]
            languages[code] = tuple(w for w in _unique(_normalised(w) for w in [code, *called]) if w)
        both = tuple(w for w in _unique(_normalised(w) for w in
                                        [BOTH] + [w for c in catalogues.values() for w in _words(c, "forms.roster.both")]) if w)
        return cls(columns, languages, both)

    def field_of(self, heading: str) -> str | None:
        """The field a column heading means, or None."""
        wanted = _normalised(heading)
        return next((field for field, accepted in self.columns.items() if wanted and wanted in accepted), None)

    def language_of(self, value: str) -> str | None:
        """The language code (or BOTH) that a language cell means, or None."""
        wanted = _normalised(value)
        if not wanted:
            return None
        if wanted in self.both:
            return BOTH
        for code, accepted in self.languages.items():
            if wanted in accepted:
                return code
        # A BCP 47 tag (zh-CN, ja_JP) means its primary language; the longest code first, in
        # case a site has both a language and one of its regional variants.
        for code in sorted(self.languages, key=len, reverse=True):
            if re.match(rf"{re.escape(_normalised(code))}[-_]", wanted):
                return code
        return None

    def shown(self, field: str) -> str:
        """`name (学生姓名, 生徒氏名, name)`: a field with the headings messages suggest."""
        accepted = self.columns.get(field, (field,))
        suggested = accepted[: accepted.index(field) + 1] if field in accepted else accepted[:3]
        return f"{field} ({', '.join(suggested)})"

    def accepted_languages(self) -> str:
        """Every accepted language value, for a message: `zh, 中文 … (or a tag zh-…); …; both, 双语 …`."""
        listed = [f"{', '.join(values)} (or a tag such as {code}-…)" for code, values in self.languages.items()]
        return "; ".join([*listed, f"{', '.join(self.both)} (the side-by-side copy)"])


@dataclass(frozen=True)
class Student:
    row: int            # the line number in the file where this row starts (1 = first line)
    name: str
    class_name: str
    language: str       # a site language code, or BOTH
    guardian: str = ""
    number: str = ""


@dataclass(frozen=True)
class Roster:
    students: tuple[Student, ...]
    encoding: str                # as shown to a person: "UTF-8", "UTF-8 with BOM", "UTF-16", "Shift_JIS (CP932)", "GB18030"
    columns: Mapping[str, str]   # field -> the heading as found in the file


def read_roster(raw: bytes, shown: str, words: RosterWords) -> Roster:
    """The students of the class list `raw` (the file's bytes); `shown` is its path as the
    user typed it. RosterError for the first problem found."""
    _refuse_other_files(raw, shown)
    encoding, table = _decode(raw, shown, words)
    if not table.rows:
        _refuse_broken(table, shown)
        raise RosterError(shown, 1, "the file is empty",
                          f"{_SAVE_AS_CSV}, with a heading row (name, class, language) and one row per student")
    header_line, headings = table.rows[0]
    columns = _columns(headings, header_line, shown, words)
    # Empty headings after the last real one are Excel's leftovers, not columns.
    width = max(index for index, heading in enumerate(headings) if heading) + 1
    students: list[Student] = []
    first_of: dict[tuple[str, str, str], int] = {}
    for line, cells in table.rows[1:]:
        student = _student(line, cells, width, columns, headings, shown, words)
        key = (_folded(student.name), _folded(student.class_name), _folded(student.number))
        if key in first_of:
            raise RosterError(shown, line, f"row {line} repeats row {first_of[key]} (the same name, class and number)",
                              "delete one of them, or give them student numbers if they are two students with the same name")
        first_of[key] = line
        students.append(student)
    _refuse_broken(table, shown)
    if not students:
        raise RosterError(shown, header_line, "the file has the heading row but no students",
                          "add one row per student below the heading row")
    return Roster(tuple(students), encoding, {field: headings[index] for field, index in columns.items()})


def _refuse_broken(table: _Table, shown: str) -> None:
    # Found where the csv module stopped reading, so after the problems of the rows above.
    if table.broken is not None:
        raise RosterError(shown, table.broken, "a quotation mark in this row is never closed (or text follows a closing "
                          "one), so the rest of the file cannot be read",
                          'close the quotation mark, or remove it (a cell needs quotes only when it holds a comma or a line '
                          'break; a quotation mark inside quotes is written twice: "")')


# --- what the bytes are ---------------------------------------------------------------


def _refuse_other_files(raw: bytes, shown: str) -> None:
    if len(raw) > MAX_BYTES:
        raise RosterError(shown, 1, f"the file is {len(raw) / (1024 * 1024):.1f} MB: a class list is a few KB",
                          "check that it is the class list, saved as CSV")
    to_csv = 'open it and save it as CSV: in Excel, File → Save As → "CSV UTF-8 (comma delimited)"'
    if raw.startswith(b"PK\x03\x04"):
        # An OpenDocument file is a zip that names its kind in its first entry, "mimetype".
        if b"application/vnd.oasis.opendocument.spreadsheet" in raw[:200]:
            raise RosterError(shown, 1, "this is an OpenDocument spreadsheet (.ods), not a CSV file",
                              'in LibreOffice Calc, File → Save As → "Text CSV (.csv)" with the character set UTF-8')
        raise RosterError(shown, 1, "this is an Excel workbook (.xlsx), not a CSV file", to_csv)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(shown, 1, "this is an old Excel workbook (.xls), not a CSV file", to_csv)
    if raw.startswith(b"%PDF"):
        raise RosterError(shown, 1, "this is a PDF, not a CSV file",
                          'save the class list from the spreadsheet it was made in as CSV (in Excel, File → Save As → '
                          '"CSV UTF-8 (comma delimited)"), or export it as CSV from the school\'s system')
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RosterError(shown, 1, "this is not a text file (it holds binary data)",
                          f"give the class list itself; {_SAVE_AS_CSV}")


def _decode(raw: bytes, shown: str, words: RosterWords) -> tuple[str, _Table]:
    """The encoding (as shown to a person) and the table of the one reading chosen."""
    if raw.startswith(codecs.BOM_UTF8):
        marked = [(_UTF8_BOM, "utf-8-sig")]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        marked = [(_UTF16, "utf-16")]
    else:
        marked = [(_UTF8, "utf-8"), *_CODECS]
    readings = [(encoding, text) for encoding, text in ((e, _text(raw, codec)) for e, codec in marked) if text is not None]
    if not readings:
        raise RosterError(shown, 1, "its encoding could not be recognised (it is not UTF-8, UTF-16, Shift_JIS or GB18030)",
                          _SAVE_AS_CSV)
    if len(readings) > 1:
        readings = [_choose(readings, words)]
    encoding, text = readings[0]
    if "\x00" in text:
        raise RosterError(shown, 1, "this is not a text file (it holds binary data)", f"give the class list itself; {_SAVE_AS_CSV}")
    return encoding, _table(text)


def _text(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _choose(readings: list[tuple[str, str]], words: RosterWords) -> tuple[str, str]:
    """The most likely of several strict decodings of the same bytes (see the docstring)."""
    legacy = [(encoding, text) for encoding, text in readings if encoding != _UTF8]
    utf8 = next((text for encoding, text in readings if encoding == _UTF8), None)
    if utf8 is not None:
        if all(ord(c) < 0x80 for c in utf8):
            return _UTF8, utf8
        # Valid UTF-8 by chance is rare and looks it: only then may a mostly common legacy reading win.
        if not _implausible_utf8(utf8) or not any(_commonness(e, t)[0] >= 0.5 for e, t in legacy):
            matches = _heading_matches(utf8, words)
            if all(_heading_matches(text, words) <= matches for _, text in legacy):
                return _UTF8, utf8
    ranked = sorted(legacy, key=lambda reading: (-_heading_matches(reading[1], words),
                                                 *(-score for score in _commonness(*reading)),
                                                 [e for e, _ in _CODECS].index(reading[0])))
    return ranked[0]


def _heading_matches(text: str, words: RosterWords) -> int:
    """How many fields the first row of `text` has a known heading for."""
    rows = _table(text).rows
    return len({words.field_of(cell) for cell in rows[0][1]} - {None}) if rows else 0


def _commonness(encoding: str, text: str) -> tuple[float, float]:
    """How common the non-ASCII characters of `text` are in `encoding`: (the mean of their
    weights, the sum). A weight is 1 for a character that is common in a name list, ½ for
    one that is rarer but plausible, 0 for a rare one and -1 for one that real text in
    that encoding hardly ever has."""
    weigh = _cp932_weight if encoding == _CP932 else _gb18030_weight
    counts = Counter(c for c in text if ord(c) >= 0x80)   # each character weighed once: a big file repeats them
    total = sum(weigh(char) * count for char, count in counts.items())
    return (total / sum(counts.values()) if counts else 0.0), total


def _cp932_weight(char: str) -> float:
    if "\u3041" <= char <= "\u3096" or "\u30a1" <= char <= "\u30ff" or "\u3000" <= char <= "\u303f" \
            or "\uff01" <= char <= "\uff5e":
        return 1.0    # hiragana, full-width katakana, CJK punctuation, full-width forms
    if "\uff61" <= char <= "\uff9f" or "\ue000" <= char <= "\uf8ff":
        return -1.0   # half-width katakana (what GB18030 hanzi become) and the user-defined area
    encoded = char.encode("cp932", errors="replace")
    if len(encoded) != 2:
        return -1.0
    if 0x88 <= encoded[0] <= 0x98:
        return 1.0    # a kanji of JIS X 0208 level 1
    if 0x99 <= encoded[0] <= 0x9F or 0xE0 <= encoded[0] <= 0xEA:
        return 0.5    # level 2
    return 0.0        # symbols, Greek and Cyrillic, NEC and IBM extensions


def _gb18030_weight(char: str) -> float:
    if "\ue000" <= char <= "\uf8ff":
        return -1.0   # the user-defined areas
    encoded = char.encode("gb18030")
    if len(encoded) != 2:
        return -1.0   # four bytes: outside GBK (what CP932 bytes followed by a digit become)
    lead, trail = encoded
    if trail < 0xA1:
        return 0.0    # GBK's extension: rare hanzi (what CP932 kanji and kana become)
    if 0xB0 <= lead <= 0xD7 or lead in (0xA1, 0xA3):
        return 1.0    # GB2312 level-1 hanzi, its punctuation and full-width forms
    if 0xD8 <= lead <= 0xF7:
        return 0.5    # level 2 (婷, 梓, 睿: rarer, but common in names)
    return 0.0


def _implausible_utf8(text: str) -> bool:
    """Whether a UTF-8 reading looks like legacy bytes that happen to be valid UTF-8: no
    character from U+0800 on, and a run of non-ASCII characters that is not a name's
    letters: symbols, rare letters (Ҧѩ), scripts mixed (κȻ), or Latin letters with no
    ASCII letter beside them (José is plausible, ëë is not)."""
    if any(ord(c) >= 0x800 for c in text):
        return False
    for run in re.finditer(r"[^\x00-\x7f]+", text):
        # Accents alone (José written with U+0301) belong to the letter before them.
        scripts = {_script(char) for char in run.group()} - {"mark"} or {"latin"}
        if None in scripts or len(scripts) != 1:   # a symbol, a rare letter or mark, or scripts mixed
            return True
        before, after = text[run.start() - 1: run.start()], text[run.end(): run.end() + 1]
        if scripts == {"latin"} and not any(c.isascii() and c.isalpha() for c in before + after):
            return True
        if _script(run.group()[0]) == "mark" and not (before.isascii() and before.isalpha()):
            return True   # an accent on nothing
    return False


def _script(char: str) -> str | None:
    """The script of a letter below U+0800 that a person's name is written in, or None."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    point = ord(char)
    return next((script for first, last, script in _NAME_LETTERS if first <= point <= last), None)


# --- the table ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    rows: tuple[tuple[int, tuple[str, ...]], ...]   # (the line the row starts on, its cells stripped); no blank rows
    broken: int | None                              # the line of a row with an unclosed quotation mark


def _table(text: str) -> _Table:
    source = io.StringIO(text, newline="")
    first = source.readline()
    hint = _SEP_HINT.fullmatch(first)
    if hint:
        delimiter, skipped = hint.group(1), 1
    else:
        source.seek(0)
        delimiter, skipped = _delimiter(text), 0
    reader = csv.reader(source, delimiter=delimiter, quotechar='"', strict=True, skipinitialspace=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    while True:
        line = skipped + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            return _Table(tuple(rows), line)
        stripped = tuple(cell.strip() for cell in cells)
        if any(stripped):
            rows.append((line, stripped))
    return _Table(tuple(rows), None)


def _delimiter(text: str) -> str:
    """The delimiter the first non-blank line has most of, outside quotes; a comma if none."""
    line = next((l for l in re.split(r"\r\n|\r|\n", text) if l.strip()), "")
    outside = "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)
    counts = [outside.count(d) for d in _DELIMITERS]
    return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","


def _columns(headings: tuple[str, ...], line: int, shown: str, words: RosterWords) -> dict[str, int]:
    """field -> the index of its column, from the heading row at `line`."""
    columns: dict[str, int] = {}
    for index, heading in enumerate(headings):
        field = words.field_of(heading) if heading else None
        if field is None:
            continue
        if field in columns:
            raise RosterError(shown, line, f'the columns "{headings[columns[field]]}" and "{heading}" both mean the {field}',
                              "keep one of them: delete the other column, or give it a heading of its own (备注, 備考, note)")
        columns[field] = index
    expected = f"{', '.join(words.shown(f) for f in REQUIRED[:-1])} and {words.shown(REQUIRED[-1])}"
    if not columns:
        # Nothing is a heading: the row may be a student's, so none of it is quoted.
        raise RosterError(shown, line, "the first row is not a heading row: none of its cells is a column heading "
                          "(the file needs a heading row first)",
                          f"put a heading row above the students, with the columns {expected}, and delete any title rows above it")
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        found = ", ".join(f'"{heading}"' for heading in headings if heading)
        raise RosterError(shown, line, f"the heading row has no {' or '.join(missing)} column: expected the columns "
                          f"{expected}; found {found}",
                          f"add the {' and '.join(missing)} column{'s' if len(missing) > 1 else ''} with one of the "
                          "headings above, or rename the heading of a column that already holds "
                          f"{'them' if len(missing) > 1 else 'it'}")
    return columns


def _student(line: int, cells: tuple[str, ...], width: int, columns: Mapping[str, int], headings: tuple[str, ...],
             shown: str, words: RosterWords) -> Student:
    used = len(cells)
    while used and not cells[used - 1]:
        used -= 1
    if used > width:
        raise RosterError(shown, line, f"row {line} has {used} cells but the heading row has {width} columns (a name or "
                          "class with a comma in it must be in quotes)",
                          'put the cell that holds the comma in double quotes (Excel does so when it saves as CSV), or '
                          'remove the extra cells')

    def cell(field: str) -> str:
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else ""

    for field in REQUIRED:
        if not cell(field):
            heading = headings[columns[field]]
            fix = (f"write the family's language in row {line}: {words.accepted_languages()}" if field == "language"
                   else f"write the student's {field} in row {line}, or delete the row")
            raise RosterError(shown, line, f'row {line} has no {field} (its "{heading}" cell is empty)', fix)
    language = words.language_of(cell("language"))
    if language is None:
        raise RosterError(shown, line, f'row {line}: the "{headings[columns["language"]]}" cell is not a language of the site',
                          f"write one of: {words.accepted_languages()}")
    excel_text = _EXCEL_TEXT.fullmatch(cell("number"))
    return Student(line, cell("name"), cell("class"), language, cell("guardian"),
                   excel_text.group(1).strip() if excel_text else cell("number"))


# --- words --------------------------------------------------------------------------


def _normalised(text: str) -> str:
    """A heading or language value as compared: NFKC (full-width letters and digits to
    ASCII), case-folded, without spaces, a trailing colon or the markers * and ※."""
    folded = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    return folded.strip("*※").rstrip(":").strip("*※")


def _folded(text: str) -> str:
    """A cell as compared for repeated rows: 山田 太郎 and 山田　太郎 are one name."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _words(catalogue: Catalogue, key: str) -> list[str]:
    if key not in catalogue.strings:
        return []
    value = catalogue.value(key)
    return [str(word) for word in value] if isinstance(value, list) else [str(value)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
