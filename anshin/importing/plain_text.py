"""Plain text in, paragraphs out (pure, no MkDocs).

Schools' text files come from Windows editors and from web pages copied by hand, so
their encoding is whatever the machine used: UTF-8 (with or without a byte order mark),
UTF-16, Shift_JIS/CP932 or EUC-JP in Japan, GBK/GB18030 in mainland China, Big5 in
Taiwan and Hong Kong. The encoding is read from a byte order mark when there is one;
otherwise UTF-8 is tried and, failing that, detected with charset-normalizer among the
encodings above only, and **the report says which was used**. A Shift_JIS file is read
as CP932 and a GBK file as GB18030 (their supersets: the characters Windows adds, such
as ① and ～, decode instead of failing). A file that decodes as none of them is refused.

Text copied from a web page or a PDF is often **wrapped**: one paragraph broken over
several lines, sometimes with a blank line in the middle (`…不具备完全` / `行为能力的…`).
A line is joined to the next when it does not end a sentence (no `。` `！` `？` `：` `」`
`）` … at its end), is at least as long as the text's wrapped lines usually are, and the
next line does not start a clause (a marker, as anshin/clause_markers.py reads it), a
bullet or a heading. CJK characters are joined with nothing between them; Latin words
with one space. Lines that are short, or end a sentence, stay lines of their own.
"""

from __future__ import annotations

import codecs
import re
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path

from charset_normalizer import CharsetMatch, from_bytes

from anshin.clause_markers import read_marker
from anshin.importing.model import Block, Paragraph, SourceDocument, SourceError, Table, Where

__all__ = ["decode", "join_broken_paragraphs", "read_text_file", "rejoin"]

# The encodings a school's text file may be in, as charset-normalizer names them, and
# the codec each is decoded with (its Windows superset) and shown as.
_DECODE_AS = {"cp932": "cp932", "shift_jis": "cp932", "shift_jis_2004": "cp932", "shift_jisx0213": "cp932",
              "euc_jp": "euc_jp", "euc_jis_2004": "euc_jp", "euc_jisx0213": "euc_jp", "gb18030": "gb18030", "gbk": "gb18030",
              "gb2312": "gb18030", "big5": "cp950", "cp950": "cp950", "utf_8": "utf_8"}
_SHOWN = {"cp932": "Shift_JIS (CP932)", "euc_jp": "EUC-JP", "gb18030": "GBK (GB18030)", "cp950": "Big5",
          "utf_8": "UTF-8"}
_SENTENCE_END = "。．！？!?；;：:」』）)】》〉"
_BULLET_START = re.compile(r"^(?:[-*+][ 　]|[・•●■◆◇▪※○◎])")
# A line this long, or longer, may have been wrapped; shorter lines are lines (titles,
# labels, dates), whatever they end with.
_MIN_WRAPPED = 24
# Japanese list items often end without a full stop, on a noun of their own (…をもつこと).
_ITEM_ENDS = ("こと", "もの", "より", "ため", "について", "する", "します", "ください")
_OPENING = "「『（(【《〈［"
# Three spaces or more inside a line: laid out, not written (pdftotext -layout, centring).
_LAYOUT_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
# A line ending in these runs on into the number that starts the next one (第 / 13 条).
_BEFORE_A_NUMBER = ("第", "平成", "令和", "昭和")
# A Word paragraph this long that ends with no punctuation was cut: headings, labels and
# names are short.
_LONG_UNENDED = 40
# A line this short is a line of its own, even when a word seems to run on.
_MIN_SPLIT_WORD = 12
_LATIN_END = re.compile(r"[A-Za-z0-9,]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")


def decode(raw: bytes, shown: str, own_characters: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The text of `raw`, and the name of the encoding it was read in. `own_characters`
    (those only the page's language writes: its catalogue's `writing_system.only`) break
    a tie between encodings that read the bytes equally well."""
    for bom, codec, name in ((codecs.BOM_UTF8, "utf_8_sig", "UTF-8 with BOM"),
                             (codecs.BOM_UTF16_LE, "utf_16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf_16", "UTF-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError:
                raise SourceError(shown, f"the file starts as {name} but is not valid {name}",
                                  "save it again as UTF-8 from the program that made it") from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # A higher chaos threshold than the default: full-width spaces, ○○ blanks and box
    # drawing, common in school forms, otherwise make it give up on a plain Shift_JIS file.
    results = from_bytes(raw, threshold=0.5)
    best = _best(results, own_characters)
    if best is None:
        raise SourceError(shown, "its encoding could not be recognised (not UTF-8, UTF-16, Shift_JIS, EUC-JP, GBK or Big5)",
                          "open it in an editor and save it as UTF-8")
    codec = _DECODE_AS.get(best, best)
    try:
        return raw.decode(codec), _SHOWN.get(codec, codec)
    except UnicodeDecodeError:
        raise SourceError(shown, f"it is mostly {_SHOWN.get(codec, codec)} but has bytes that are not",
                          "open it in an editor and save it as UTF-8") from None


def _best(results: Iterable[CharsetMatch], own_characters: frozenset[str]) -> str | None:
    """charset-normalizer's choice, or, among encodings it ranks alike (short files), the
    one whose reading has the most of the page language's own characters."""
    matches = [match for match in results if match.encoding in _DECODE_AS]
    if not matches:
        return None
    first = matches[0]
    alike = [match for match in matches if match.chaos <= first.chaos + 0.01]
    if own_characters and len(alike) > 1:
        return str(max(alike, key=lambda match: sum(char in own_characters for char in str(match))).encoding)
    return str(first.encoding)


def read_text_file(path: Path, shown: str, own_characters: frozenset[str] = frozenset(),
                   words: Callable[[str], list[tuple[str, bool]]] | None = None) -> SourceDocument:
    """The paragraphs of a text file, wrapped lines joined; the encoding in the notes.
    `words` cuts text into words in the page's language (see `rejoin`)."""
    text, encoding = decode(path.read_bytes(), shown, own_characters)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise SourceError(shown, "the file has no text", "check that it is the right file")
    paragraphs, joined = rejoin(text, words)
    document = SourceDocument(paragraphs, "text")
    document.notes.append(f"encoding: {encoding}" + ("" if encoding.startswith("UTF-8") else " (detected)"))
    if joined:
        document.notes.append(f"{joined} wrapped line{'s' if joined != 1 else ''} joined into "
                              f"{'their' if joined != 1 else 'its'} paragraph{'s' if joined != 1 else ''}")
    return document


def rejoin(text: str, words: Callable[[str], list[tuple[str, bool]]] | None = None) -> tuple[list[Block], int]:
    """Paragraphs of `text` (one per line, wrapped lines joined) and how many joins were
    made. Consecutive lines with tabs (cells copied from Excel or a web page's table) are
    a table, one row per line.

    With `words` (the language's word splitter, jieba or Sudachi: (word, is a function
    word)), a line shorter than the wrapped ones is joined too when a word runs across
    its end (`…等有` / `关法律法规`: 有关 is one word) or the next line starts with a particle
    or an auxiliary (`…行い` / `ます。`): only a wrap does that."""
    raw_lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in raw_lines]
    lines = [(number, line.strip(" \u3000")) for number, line in enumerate(raw_lines, start=1)]
    filled = [line for _, line in lines if line.strip()]
    wrapped = _wrapped_length(filled)
    paragraphs: list[Block] = []
    joins = 0
    pending: tuple[int, str] | None = None
    table: Table | None = None

    def paragraph(number: int, content: str) -> Paragraph:
        # A run of spaces inside a line is the layout's (a centred title, columns of a
        # text made from a PDF), not the text's: one space stands for it.
        return Paragraph(_LAYOUT_GAP.sub(" ", content), Where(line=number), indent=indents[number - 1])

    for number, line in lines:
        if "\t" in line:
            if pending is not None:
                paragraphs.append(paragraph(*pending))
                pending = None
            if table is None:
                table = Table([], Where(line=number))
                paragraphs.append(table)
            table.rows.append([cell.strip() for cell in line.rstrip("\t ").split("\t")])
            continue
        line = line.strip()
        if not line:
            table = None
            continue
        table = None
        if pending is not None and _continues(pending[1], line, wrapped, words):
            pending = (pending[0], _joined(pending[1], line))
            joins += 1
            continue
        if pending is not None:
            paragraphs.append(paragraph(*pending))
        pending = (number, line)
    if pending is not None:
        paragraphs.append(paragraph(*pending))
    for block in paragraphs:
        if isinstance(block, Table):
            width = max(len(row) for row in block.rows)
            block.rows = [row + [""] * (width - len(row)) for row in block.rows]
    return paragraphs, joins


def _wrapped_length(lines: list[str]) -> int:
    """How long a wrapped line of this text is: lines of a hard-wrapped text are nearly all
    as long as each other; in text copied from a web page the long lines are paragraphs."""
    long_lines = sorted(len(line) for line in lines if len(line) >= _MIN_WRAPPED)
    if not long_lines:
        return _MIN_WRAPPED
    return max(_MIN_WRAPPED, int(statistics.median(long_lines) * 0.8))


def _continues(line: str, following: str, wrapped: int, words: Callable[[str], list[tuple[str, bool]]] | None) -> bool:
    if line.endswith(_BEFORE_A_NUMBER) and re.match(r"^[0-9０-９一二三四五六七八九十]", following):
        return True  # 第 / 13 条: the number on the next line is the rest of the reference
    if line[-1] in _SENTENCE_END or line.endswith(_ITEM_ENDS) or len(line) < _MIN_SPLIT_WORD:
        return False
    if _LAYOUT_GAP.search(line) or _LAYOUT_GAP.search(following):
        return False  # a line set out by the layout (a title, a row of columns) stands alone
    if following[0] in _OPENING:
        return False  # a quotation or a parenthesis begins a phrase of its own
    if read_marker(following) is not None or _BULLET_START.match(following) or following.startswith("#"):
        return False
    # A line of labels (家长（签名）：) or a table row is not the rest of a sentence.
    if re.match(r"^[^，。、]{1,12}[：:]", following) or "\t" in following:
        return False
    return len(line) >= min(wrapped, _MIN_WRAPPED * 2) or (words is not None and _word_across(line, following, words))


def _word_across(line: str, following: str, words: Callable[[str], list[tuple[str, bool]]]) -> bool:
    """True when a word runs from the end of `line` into `following`, or `following`
    starts with a particle or an auxiliary (…行い / ます。), which no sentence does."""
    tail, head = line[-8:], following[:8]
    text, position = tail + head, 0
    for word, function in words(text):
        start = text.find(word, position)  # (splitters may leave out spaces)
        if start < 0:
            continue
        position = start + len(word)
        if start < len(tail) < position or (start == len(tail) and function and word[0].isalpha()):
            return True
        if start >= len(tail):
            return False
    return False


def join_broken_paragraphs(blocks: list[Block], words: Callable[[str], list[tuple[str, bool]]]) -> tuple[list[Block], int]:
    """A Word file's paragraphs, with those it broke mid-sentence joined, and how many joins.

    Text pasted into Word from a web page often keeps the page's line breaks as paragraph
    marks (`…不具备完全` ¶ `行为能力的…`). Two plain paragraphs (no heading, list or
    automatic number) are one when the first does not end a sentence, the second does not
    start a clause, a bullet or a quotation, and either the first is long (40 characters
    or more: headings, labels and names are short) or a word runs across the break (or
    the second starts with a particle or an auxiliary), the evidence `rejoin` takes for
    a short line."""
    joined: list[Block] = []
    joins = 0
    for block in blocks:
        previous = joined[-1] if joined else None
        # (A list item can be the broken one; what continues it is no item of its own.)
        if (isinstance(block, Paragraph) and isinstance(previous, Paragraph) and _plain_paragraph(previous, item=True)
                and _plain_paragraph(block) and _broken(previous.text, block.text, words)):
            previous.text = _joined(previous.text, block.text)
            joins += 1
            continue
        joined.append(block)
    return joined, joins


def _plain_paragraph(paragraph: Paragraph, *, item: bool = False) -> bool:
    return (not (paragraph.heading or (paragraph.bullet and not item) or (paragraph.numbered and not item))
            and bool(paragraph.text.strip()))


def _broken(text: str, following: str, words: Callable[[str], list[tuple[str, bool]]]) -> bool:
    text, following = text.rstrip(), following.lstrip()
    if len(text) < _MIN_SPLIT_WORD or text[-1] in _SENTENCE_END or text.endswith(_ITEM_ENDS) or following[0] in _OPENING:
        return False
    if read_marker(following) is not None or _BULLET_START.match(following):
        return False
    if re.match(r"^[^，。、]{1,12}[：:]", following):
        return False
    return len(text) >= _LONG_UNENDED or _word_across(text, following, words)


def _joined(line: str, following: str) -> str:
    if _LATIN_END.search(line) and _LATIN_START.match(following):
        return f"{line} {following}"
    return line + following
