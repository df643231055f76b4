"""ふりがな (furigana): readings over the kanji of Japanese pages, for children and for
parents who read Japanese as a second language (pure, no MkDocs).

What the reader sees: on a page of a language whose catalogue names a reader
(`furigana: {reader: sudachi}` in locales/ja.yml; `none` elsewhere), the header has a
ふりがな button (overrides/partials/anshin/header-furigana.html). It is off by default;
pressed, every run of kanji in the document gets its reading above it, as
`<ruby>漢字<rt data-rt="かんじ"></rt></ruby>`, and the choice is remembered on the device
(localStorage) for every page; pressed again, the page is as it was. Kana, Latin letters, digits and punctuation never get a
reading, and okurigana stay outside the ruby (行う → 行[おこな]う, 取り組み →
取[と]り組[く]み).

How it works, and why this way. The readings are worked out when the site is built, by
Sudachi (core dictionary, the one search already loads: anshin/search/words.py
`sudachi_dictionary`), in its longest split mode, whose dictionary entries carry the
readings of whole compounds (一人一人 ひとりひとり, not いちにん). Each Japanese page gets
a small readings file beside it (`furigana.json` next to its index.html), mapping the
page's words to their ruby pieces; the browser fetches it, and the script that uses it
(overrides/assets/furigana.js), only when the toggle is switched on, and wraps the
matching text in `<ruby>`, longest match first; switched off, it unwraps them. So the
page as first served is what it was: the same DOM and text, no request more (the page
carries the button and a loader of a few hundred bytes), and the long policy page stays
as fast as before; readers who never press the button pay nothing more.
The file is fetched from the page's own site (the offline service worker caches it like
any page resource). Putting the ruby in the HTML instead would have doubled the kanji
text of every page for everyone, and changed the text that search, copy and print see.

Matching words out of context could give a word the reading it has elsewhere on the page
(上 is うえ in その上 and じょう in 指導上). The build therefore runs the browser's
matching itself (`browser_pieces`, a copy of furigana.js's) over every text of the page,
and where it does not give Sudachi's result, adds the word with its neighbours as a
longer entry, widening until it does (at worst the whole text). So the file gives every
text of the page as built Sudachi's reading, by construction (tests/test_furigana.py
checks that furigana.js shows the same ruby as `browser_pieces`).

What gets readings: the text of the document (Material's `<article>`), except inside
code, headerlinks (¶), `<rt>`, scripts and styles, form controls, `<svg>` and `<math>`,
and any element whose `lang` is not the page's language: quoted Chinese
(`<span lang="zh-Hans">`) keeps its characters untouched. The same rules are written in
furigana.js (keep the two alike). The readings are never part of the text: the reading
is drawn by CSS from an attribute (`<rt data-rt="かんじ">`, overrides/assets/furigana.css),
so selecting and copying a passage copies the kanji only, find-in-page and screen
readers meet the text as written, and the search index is built from the page as it is.

Where Sudachi's reading is wrong for a school (参考訳, a reference translation, is
さんこうやく, not さんこうわけ), data/readings.yml says what to show instead; schools add
their own terms there:

    - word: 参考訳
      reading: さんこうやく
      why: Sudachi cuts 参考 + 訳 and reads 訳 as わけ (reason)

The reading is the word's reading in hiragana, with the word's own kana, digits and
signs as written; the ruby is placed over the kanji by the kana around them. Where that
cannot place it (a word with digits: 週休2日), write where each reading goes, after its
kanji, in brackets: `reading: 週休[しゅうきゅう]2日[か]`. An entry applies where the word
is a whole word of the text, as Sudachi cuts it: 寮生 never changes 寮生活.

Three things Sudachi cannot know from its dictionary are settled by rules here:

- a counter after digits is read with the number (2日 ふつか, 1人 ひとり, 3分 さんぷん),
  but Sudachi reads the counter on its own, and often wrongly (18日 as か, 3分 as ふん):
  `COUNTER_READINGS` gives the counter's share of the reading (2日 → 日[か], 18日 →
  日[にち], 1人 → 人[り], 3分 → 分[ぷん], the first of a month 4月1日 → 日[ついたち]); the
  digits themselves get no reading;
- a day of the week written as one kanji, in brackets or in a range or list of days
  ((火), 月～金, 月・水・金), is read as such (か, げつ, きん), not as fire or moon;
- a given name gets no reading: its reading is the person's own, Sudachi can only guess
  (裕望 is not ひろしのぞむ). A school that knows it adds the name to data/readings.yml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from operator import itemgetter
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from anshin.catalogue import Catalogue
from anshin.data_files import DataError, load_entries
from anshin.schema import Field, Invalid, Schema

__all__ = ["NO_READER", "READERS", "Override", "Piece", "Word", "align", "browser_pieces", "catalogue_reader", "hiragana",
           "has_kanji", "load_overrides", "merged", "notation", "page_texts", "parse_notation", "reading_of",
           "readings_json", "readings_path", "readings_table", "sudachi_words"]

# What gives the readings, as catalogues name it (`furigana.reader`); `none`: no furigana.
READERS = ("sudachi", "none")
NO_READER = "none"

# Kanji for this purpose: the CJK ideographs (and their extensions and compatibility
# forms), 々 (repeats the kanji before it: 人々 ひとびと), 〆, 〇, and the small ヵ ヶ that
# stand for 箇 in 3ヶ月 (さんかげつ): all take a reading, none is kana to align by.
_KANJI = "\u3005\u3006\u3007\u30f5\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KANJI_CHAR = re.compile(f"[{_KANJI}]")
_PARTS = re.compile(f"[{_KANJI}]+|[^{_KANJI}]+")
# A reading as Sudachi or an editor writes it, once in hiragana: kana and the long-vowel mark.
_READING = re.compile("[\u3041-\u3096\u309d\u309e\u30fc]+")
# Ruby notation: a run of kanji and its reading in brackets (書面[しょめん]での届[とど]け出[で]).
_NOTATION = re.compile(rf"([{_KANJI}]+)\[([^\[\]]*)\]")
_DIGITS = re.compile(r"\d+")

# A counter's share of the reading of "<digits><counter>", by the number, the word before
# the digits and the word after the counter. 日 is か for the 2nd to the 10th, the 14th,
# 20th and 24th (and as many days), ついたち for the 1st of a month (after 月), else にち;
# 分 is a fraction before の (3分の1 さんぶんのいち), else minutes.
COUNTER_READINGS: Mapping[str, Callable[[int, str, str], str]] = {
    "日": lambda n, before, after: "か" if n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 20, 24)
    else "ついたち" if n == 1 and before.endswith("月") else "にち",
    "人": lambda n, before, after: "り" if n in (1, 2) else "にん",
    "分": lambda n, before, after: "ぶん" if after == "の" else "ぷん" if n % 10 in (0, 1, 3, 4, 6, 8) else "ふん",
}
_COUNTED = re.compile(rf"(\d+)({'|'.join(COUNTER_READINGS)})")
# Days of the week as one kanji, and what joins them into a range or a list.
WEEKDAYS: Mapping[str, str] = {"月": "げつ", "火": "か", "水": "すい", "木": "もく", "金": "きん", "土": "ど", "日": "にち"}
_DAY_JOINS = frozenset("～〜~・")
_BRACKETS = (frozenset("(（"), frozenset(")）"))
# Sudachi's part of speech of a given name (a surname's reading is settled enough).
_GIVEN_NAME = ("固有名詞", "人名", "名")

# Where the document is: Material's <article> (the header, navigation and footer keep
# their words as they are).
CONTAINER_CLASS = "md-content__inner"
# Elements whose text never gets readings (furigana.js's SKIP says the same).
SKIPPED_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "template", "noscript", "textarea",
                              "input", "select", "option", "optgroup", "button", "svg", "math", "ruby", "rt", "rp"})
SKIPPED_CLASSES = {"a": "headerlink"}          # element -> class: the ¶ after each heading
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Sudachi refuses inputs over 49,149 bytes: texts are cut into parts well below.
_CHUNK = 4000


class Piece(NamedTuple):
    """A piece of text, and the reading shown over it ("" for text shown as it is)."""

    text: str
    reading: str = ""


class Word(NamedTuple):
    """One word of a text as read: its surface and its pieces (joined, the surface)."""

    surface: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Override:
    """An entry of data/readings.yml: the reading to show for `word`, and why."""

    word: str
    pieces: tuple[Piece, ...]
    why: str
    line: int


# ---------------------------------------------------------------------------------------
# Kana and kanji


def has_kanji(text: str) -> bool:
    return _KANJI_CHAR.search(text) is not None


def hiragana(text: str) -> str:
    """Katakana (Sudachi's readings) in hiragana; other characters as they are."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" or c in "\u30fd\u30fe" else c for c in text)


@lru_cache(maxsize=65536)
def align(surface: str, reading: str) -> tuple[Piece, ...]:
    """`surface` with `reading` (katakana or hiragana) placed over its kanji.

    A pattern is made from the surface: each run of kanji becomes a group, the kana
    between them must be found in the reading as they are (okurigana stay outside the
    ruby: 取り組み with とりくみ gives 取[と]り組[く]み). When the kana do not fit, the whole
    reading goes over the whole word; a word with digits, letters or signs in it then
    gets no reading at all (they never get one), nor does one whose reading is not kana.
    """
    if not has_kanji(surface):
        return (Piece(surface),)
    reading = hiragana(reading)
    if not _READING.fullmatch(reading):
        return (Piece(surface),)
    found = _aligned(surface, reading)
    if found is not None:
        return found
    if all(has_kanji(c) or _READING.fullmatch(hiragana(c)) for c in surface):
        return (Piece(surface, reading),)
    return (Piece(surface),)


def _aligned(surface: str, reading: str) -> tuple[Piece, ...] | None:
    """`reading` (hiragana) over the kanji runs of `surface` by the kana around them, or
    None when they are not in it as written. Each run's reading is the shortest that
    lets the rest fit (行い: おこな, not お)."""
    parts = _PARTS.findall(surface)
    # The kana as written (None for a run of kanji), matched as `re.fullmatch` would match
    # `(.+?)` for each run and the kana as they are, without compiling a pattern per word
    # (the site has thousands of words, the regex cache 512).
    kana: list[str | None] = [None if has_kanji(part) else hiragana(part) for part in parts]
    found = _shortest_first(kana, reading, 0, 0)
    if found is None or not all(_READING.fullmatch(group) for group in found):
        return None
    groups = iter(found)
    return tuple(Piece(part, next(groups)) if written is None else Piece(part) for part, written in zip(
        parts, kana, strict=True))


def _shortest_first(kana: list[str | None], reading: str, start: int, index: int) -> list[str] | None:
    """The readings of the runs of kanji from `kana[index]` on, over `reading[start:]`:
    each run as short as lets the rest fit, the first run first, as a lazy regex finds
    them; None where nothing fits. A run never takes a line break (a regex's `.`)."""
    if index == len(kana):
        return [] if start == len(reading) else None
    written = kana[index]
    if written is not None:
        if not reading.startswith(written, start):
            return None
        return _shortest_first(kana, reading, start + len(written), index + 1)
    for end in range(start + 1, len(reading) + 1):
        if reading[end - 1] == "\n":
            return None
        rest = _shortest_first(kana, reading, end, index + 1)
        if rest is not None:
            return [reading[start:end], *rest]
    return None


def merged(pieces: Iterable[Piece], *, ruby: bool = False) -> tuple[Piece, ...]:
    """Neighbouring pieces without reading joined; with `ruby`, neighbouring pieces with
    readings too (校内[こうない]研修[けんしゅう] → 校内研修[こうないけんしゅう])."""
    result: list[Piece] = []
    for piece in pieces:
        text, reading = piece
        if not text:
            continue
        if result:
            last_text, last_reading = result[-1]
            if (not reading and not last_reading) or (ruby and reading and last_reading):
                result[-1] = Piece(last_text + text, last_reading + reading)
                continue
        result.append(piece)
    return tuple(result)


def reading_of(pieces: Iterable[Piece]) -> str:
    """How the text reads: each piece's reading, or its text where it has none."""
    return "".join(piece.reading or piece.text for piece in pieces)


def notation(pieces: Iterable[Piece]) -> str:
    """Pieces in ruby notation: 書面[しょめん]での届[とど]け出[で]."""
    return "".join(f"{piece.text}[{piece.reading}]" if piece.reading else piece.text for piece in pieces)


def parse_notation(text: str) -> tuple[Piece, ...]:
    """Ruby notation read back into pieces: each bracketed reading goes over the run of
    kanji right before it; everything else is text without reading."""
    pieces: list[Piece] = []
    end = 0
    for match in _NOTATION.finditer(text):
        pieces += [Piece(text[end:match.start()]), Piece(match.group(1), match.group(2))]
        end = match.end()
    pieces.append(Piece(text[end:]))
    return merged(pieces)


# ---------------------------------------------------------------------------------------
# Reading a text


def catalogue_reader(catalogue: Catalogue) -> str | None:
    """The reader a language's catalogue names (`furigana.reader`), None for `none`."""
    name = catalogue.text("furigana.reader")
    if name not in READERS:
        raise DataError(catalogue.path, 1, f"'furigana.reader' is {name!r}, which is no reader",
                        f"use one of {', '.join(READERS)} (sudachi for Japanese, none for a language "
                        f"without furigana; anshin/furigana.py explains)")
    return None if name == NO_READER else name


def sudachi_words(text: str, overrides: Mapping[str, Override]) -> list[Word]:
    """`text` cut into words by Sudachi, each with its reading placed over its kanji; then
    the rules for counters and days of the week, then data/readings.yml's words, where
    they are whole words."""
    tokenizer, given_name = _sudachi()
    words: list[Word] = []
    for chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            surface = morpheme.surface()
            if given_name(morpheme):
                words.append(Word(surface, (Piece(surface),)))
            else:
                # A word Sudachi does not know has its surface as its reading, which
                # `align` refuses (not kana); numbers it joins are "unknown" too, but with
                # good readings.
                words.append(Word(surface, align(surface, morpheme.reading_form())))
    return _overridden(_weekdays(_counted(words)), overrides)


def _counted(words: list[Word]) -> list[Word]:
    """Counters after digits, as one word (1人) or two (3 分), read with their number."""
    result = list(words)
    for index, word in enumerate(words):
        surface = word.surface
        before = words[index - 1].surface if index else ""
        if surface in COUNTER_READINGS:             # 3 分: the digits are the word before
            if not _DIGITS.fullmatch(unicodedata.normalize("NFKC", before)):
                continue
            digits, written, counter, number = "", surface, surface, before
            preceding = words[index - 2].surface if index >= 2 else ""
        else:                                       # 1人: Sudachi's one word
            split = _counter_split(surface)
            if split is None:
                continue
            digits, written, counter = split
            number, preceding = digits, before
        after = words[index + 1].surface if index + 1 < len(words) else ""
        reading = COUNTER_READINGS[counter](int(unicodedata.normalize("NFKC", number)), preceding, after)
        result[index] = Word(surface, merged((Piece(digits), Piece(written, reading))))
    return result


def _counter_split(surface: str) -> tuple[str, str, str] | None:
    """(the digits as written, the counter as written, the counter) of a word that is
    digits and a counter once NFKC-normalized (１０人, 3分), else None. NFKC may change the
    length of the digits (⑩ is 10) or make the two of one character (㏠, a telegraph
    sign, is 1日): such a word has no place for the counter's reading, and gets none."""
    joined = _COUNTED.fullmatch(unicodedata.normalize("NFKC", surface))
    if joined is None:
        return None
    counter = joined.group(2)
    for end in range(len(surface) - 1, 0, -1):
        if unicodedata.normalize("NFKC", surface[end:]) == counter and \
                _DIGITS.fullmatch(unicodedata.normalize("NFKC", surface[:end])):
            return surface[:end], surface[end:], counter
    return None


def _weekdays(words: list[Word]) -> list[Word]:
    """A day of the week alone in brackets, or joined to another by ～ or ・ (月～金)."""
    surfaces = [word.surface for word in words] + ["", ""]
    result = list(words)
    for index, word in enumerate(words):
        if word.surface not in WEEKDAYS:
            continue
        before, after = (surfaces[index - 1] if index else ""), surfaces[index + 1]
        bracketed = before in _BRACKETS[0] and after in _BRACKETS[1]
        joined = (before in _DAY_JOINS and index >= 2 and surfaces[index - 2] in WEEKDAYS) or \
            (after in _DAY_JOINS and surfaces[index + 2] in WEEKDAYS)
        if bracketed or joined:
            result[index] = Word(word.surface, (Piece(word.surface, WEEKDAYS[word.surface]),))
    return result


def _overridden(words: list[Word], overrides: Mapping[str, Override]) -> list[Word]:
    if not overrides:
        return words
    longest = max(len(word) for word in overrides)
    # An entry starts with the first character of the word it starts at: most words
    # start none, and are passed without joining their neighbours to look.
    initials = {word[0] for word in overrides if word}
    result: list[Word] = []
    start = 0
    while start < len(words):
        if words[start].surface[:1] not in initials:
            result.append(words[start])
            start += 1
            continue
        for end in range(min(len(words), start + longest), start, -1):
            joined = "".join(word.surface for word in words[start:end])
            if joined in overrides:
                result.append(Word(joined, overrides[joined].pieces))
                start = end
                break
        else:
            result.append(words[start])
            start += 1
    return result


def _chunks(text: str) -> list[str]:
    """`text` in parts Sudachi accepts, cut after line ends (or 。) where it is long."""
    if len(text) <= _CHUNK:
        return [text]
    parts: list[str] = []
    for line in re.split(r"(?<=[\n。])", text):
        while len(line) > _CHUNK:
            parts.append(line[:_CHUNK])
            line = line[_CHUNK:]
        if parts and len(parts[-1]) + len(line) <= _CHUNK:
            parts[-1] += line
        elif line:
            parts.append(line)
    return parts


@lru_cache(maxsize=1)
def _sudachi():
    """Sudachi's tokenizer for readings, and what tells a given name (`_GIVEN_NAME`) by its
    part of speech's number, without making the part of speech of every word."""
    from sudachipy import SplitMode

    from anshin.search.words import sudachi_dictionary

    dictionary = sudachi_dictionary()
    # All fields: the readings are what this is for (search loads only the parts of speech).
    return (dictionary.tokenizer(mode=SplitMode.C),
            dictionary.pos_matcher(lambda part_of_speech: tuple(part_of_speech[1:4]) == _GIVEN_NAME))


# ---------------------------------------------------------------------------------------
# A page's texts and its readings file


def page_texts(html: str, language_tag: str) -> list[str]:
    """The texts of a page that get readings: each text node of the document (Material's
    article) that has kanji, outside the skipped elements, and in the language of
    `language_tag` (its primary subtag: `ja` takes ja-JP), which the page's <html lang>
    gives and any element's `lang` changes for what it holds."""
    collector = _TextCollector(_primary(language_tag))
    collector.feed(_document_of(html))
    collector.close()
    return collector.texts


def _document_of(html: str) -> str:
    """The page's document (Material's article), in an element of the language the page's
    <html lang> gives: what is read, without the navigation around it, which is most of a
    page's HTML on a large site and holds nothing that gets readings. The whole page
    where there is no such article."""
    start = _ARTICLE.search(html)
    end = html.rfind("</article>")
    if start is None or end < start.start():
        return html
    page_language = _HTML_LANG.search(html[:start.start()])
    attribute = f' lang="{escape(page_language.group(1))}"' if page_language else ""
    return f"<div{attribute}>{html[start.start():end + len('</article>')]}</div>"


_HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
_ARTICLE = re.compile(rf'<article\b[^>]*\bclass="[^"]*\b{CONTAINER_CLASS}\b')


def _primary(language_tag: str) -> str:
    return language_tag.strip().lower().split("-")[0]


@dataclass
class _Open:
    tag: str
    own_language: bool
    skipped: bool
    container: bool


class _TextCollector(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.texts: list[str] = []
        self._open: list[_Open] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = {name: value or "" for name, value in attrs}
        parent = self._open[-1] if self._open else _Open("", False, False, False)
        classes = values.get("class", "").split()
        own = _primary(values["lang"]) == self.language if "lang" in values else parent.own_language
        skipped = parent.skipped or tag in SKIPPED_ELEMENTS or SKIPPED_CLASSES.get(tag, "\0") in classes \
            or "contenteditable" in values
        container = parent.container or (tag == "article" and CONTAINER_CLASS in classes)
        self._open.append(_Open(tag, own, skipped, container))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass                            # <svg … /> and the like hold no text

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        here = self._open[-1] if self._open else None
        if here and here.container and here.own_language and not here.skipped and has_kanji(data):
            self.texts.append(data)


def readings_path(page_dest: str) -> str:
    """Where a page's readings file goes, from the page's path in the site: furigana.json
    beside an index.html, else <page>.furigana.json."""
    path = PurePosixPath(page_dest)
    name = "furigana.json" if path.name == "index.html" else f"{path.stem}.furigana.json"
    return (path.parent / name).as_posix()


def readings_table(texts: Iterable[str], read: Callable[[str], list[Word]]) -> dict[str, tuple[Piece, ...]]:
    """{word or longer stretch of text: its pieces}, so that `browser_pieces` gives every
    text in `texts` exactly the pieces that `read` (Sudachi) gives it.

    Each word with kanji comes in with its most common pieces on the page; then, while the
    browser's matching of some text differs from `read`'s, the word where it first differs
    comes in with its neighbours (one on each side, then two, four…), and a text that still
    differs after that comes in whole, which the longest-match-first rule cannot miss."""
    analysed: dict[str, tuple[list[Word], tuple[Piece, ...]]] = {}
    for text in texts:
        if text not in analysed:
            words = read(text)
            analysed[text] = (words, merged(piece for word in words for piece in word.pieces))
    counts: dict[str, dict[tuple[Piece, ...], int]] = {}
    kanji: dict[str, bool] = {}
    for words, _ in analysed.values():
        for word in words:
            surface = word.surface
            has = kanji.get(surface)
            if has is None:
                has = kanji[surface] = has_kanji(surface)
            if has:
                found = counts.setdefault(surface, {})
                found[word.pieces] = found.get(word.pieces, 0) + 1
    # Of pieces equally common, the first met (as Counter.most_common(1) chooses).
    table = {surface: next(iter(found)) if len(found) == 1 else max(found.items(), key=itemgetter(1))[0]
             for surface, found in counts.items()}
    lengths = key_lengths(table)
    # What the browser makes of each text, worked out again only for the texts that hold
    # an entry added since: matching takes the longest entry at each place in the text,
    # so an entry found nowhere in a text cannot change it.
    shown = {text: browser_pieces(text, table, lengths) for text in analysed}

    def _show_again(added: list[str]) -> None:
        for key in added:
            _add_length(lengths, key)
        for text in shown:
            if any(key in text for key in added):
                shown[text] = browser_pieces(text, table, lengths)

    reach: dict[tuple[str, int], int] = {}
    for _ in range(8):
        wrong = [(text, words, expected) for text, (words, expected) in analysed.items()
                 if shown[text] != expected]
        if not wrong:
            return table
        added: list[str] = []
        for text, words, expected in wrong:
            # Against the table as it is now: an entry added for an earlier text may have
            # mended this one.
            index = _first_difference(words, expected, browser_pieces(text, table, lengths))
            radius = reach[(text, index)] = reach.get((text, index), 0) * 2 or 1
            around = words[max(0, index - radius): index + radius + 1]
            key = "".join(word.surface for word in around)
            table[key] = merged(p for word in around for p in word.pieces)
            added.append(key)
            _add_length(lengths, key)
        _show_again(added)
    # Whole texts: at a text's start no entry is longer than the text itself, so each
    # text added is right from then on, and the loop ends.
    while True:
        still = {text: expected for text, (_, expected) in analysed.items() if shown[text] != expected}
        if not still:
            return table
        table.update(still)
        _show_again(list(still))


def _first_difference(words: list[Word], expected: tuple[Piece, ...], found: tuple[Piece, ...]) -> int:
    """The index of the word in which `found` first departs from `expected`."""
    marks = [_marks(expected), _marks(found)]
    offset = next((i for i, (a, b) in enumerate(zip(*marks, strict=True)) if a != b), 0)
    position = 0
    for index, word in enumerate(words):
        position += len(word.surface)
        if offset < position:
            return index
    return len(words) - 1


def _marks(pieces: tuple[Piece, ...]) -> list[tuple[int, str]]:
    """For each character: (where its piece starts, the piece's reading), ruby or not."""
    marks: list[tuple[int, str]] = []
    for piece in pieces:
        start = len(marks)
        marks += [(start, piece.reading)] * len(piece.text)
    return marks


def browser_pieces(text: str, table: Mapping[str, tuple[Piece, ...]],
                   lengths: Mapping[str, list[int]] | None = None) -> tuple[Piece, ...]:
    """What overrides/assets/furigana.js makes of `text` with the readings file `table`
    (keep the two alike): from the start, the longest entry that the text continues with,
    else one character as it is. `lengths` are the table's key lengths by first character,
    longest first (`key_lengths`), for a caller that matches many texts against one table."""
    lengths = key_lengths(table) if lengths is None else lengths
    pieces: list[Piece] = []
    position = unmatched = 0            # text[unmatched:position] matched no entry
    end = len(text)
    while position < end:
        # Only the lengths of entries that start with this character can match here: most
        # characters start none, or a few.
        for length in lengths.get(text[position], ()):
            key = text[position:position + length]
            entry = table.get(key)
            if entry is not None:
                if unmatched < position:
                    pieces.append(Piece(text[unmatched:position]))
                pieces += entry
                position = unmatched = position + len(key)
                break
        else:
            position += 1
    if unmatched < end:
        pieces.append(Piece(text[unmatched:]))
    return merged(pieces)


def key_lengths(table: Mapping[str, object]) -> dict[str, list[int]]:
    """{first character: the lengths of the table's keys that start with it, longest first}."""
    lengths: dict[str, list[int]] = {}
    for key in table:
        _add_length(lengths, key)
    return lengths


def _add_length(lengths: dict[str, list[int]], key: str) -> None:
    if not key:
        return
    found = lengths.setdefault(key[0], [])
    if len(key) not in found:
        found.append(len(key))
        found.sort(reverse=True)


def readings_json(table: Mapping[str, tuple[Piece, ...]]) -> dict[str, object]:
    """The readings file: {text: its reading} where one reading goes over the whole text,
    else {text: [piece, …]}, each piece a text without reading or [text, reading]."""
    result: dict[str, object] = {}
    for key in sorted(table):
        pieces = table[key]
        if len(pieces) == 1 and pieces[0].reading:
            result[key] = pieces[0].reading
        else:
            result[key] = [[piece.text, piece.reading] if piece.reading else piece.text for piece in pieces]
    return result


# ---------------------------------------------------------------------------------------
# data/readings.yml


def override_schema() -> Schema:
    return Schema("reading", (
        Field("word", rule="a word with kanji", example="寮生",
              hint="the word as the pages write it", convert=_word),
        Field("reading", rule="the word's reading in hiragana", example="りょうせい",
              hint="its kana, digits and signs as the word writes them; or each kanji run's reading in "
                   "brackets after it: 週休[しゅうきゅう]2日[か]"),
        Field("why", label="'why'", hint="what Sudachi reads and why the school reads it otherwise"),
    ), described_in="the comments at the top of data/readings.yml")


def load_overrides(path: Path, languages: tuple[str, ...]) -> dict[str, Override]:
    """data/readings.yml: {word: Override}. A missing or empty file is no overrides."""
    if not path.is_file():
        return {}
    schema = override_schema()
    overrides: dict[str, Override] = {}
    for entry in load_entries(path, "reading"):
        values = schema.validate(entry, languages)
        word = values["word"]
        if word in overrides:
            raise entry.error("word", f"'{word}' is already in the file (line {overrides[word].line})",
                              "keep one entry per word: remove or merge the other")
        try:
            pieces = _override_pieces(word, values["reading"])
        except Invalid as error:
            raise entry.error("reading", error.problem, error.fix) from None
        overrides[word] = Override(word, pieces, values["why"], entry.line)
    return overrides


def _word(value: str) -> str:
    if not has_kanji(value):
        raise Invalid(f"'{value}' has no kanji, so it never gets a reading",
                      "remove the entry, or write the word as the pages write it, with its kanji")
    return value


def _override_pieces(word: str, reading: str) -> tuple[Piece, ...]:
    if "[" in reading or "]" in reading:
        pieces = parse_notation(reading)
        if "".join(piece.text for piece in pieces) != word:
            raise Invalid(f"the reading '{reading}' is not the word '{word}' with readings in brackets",
                          f"write the word as it is, each run of kanji followed by its reading in brackets: "
                          f"e.g. {_example(word)}")
        if any(has_kanji(piece.text) for piece in pieces if not piece.reading):
            raise Invalid(f"a run of kanji of '{word}' has no reading in '{reading}'",
                          f"give every run of kanji its reading in brackets after it: e.g. {_example(word)}")
        if not all(_READING.fullmatch(hiragana(piece.reading)) for piece in pieces if piece.reading):
            raise Invalid(f"a reading in '{reading}' is not kana", "write the readings in hiragana")
        return tuple(Piece(piece.text, hiragana(piece.reading)) for piece in pieces)
    found = _aligned(word, hiragana(reading))
    if found is None:
        raise Invalid(f"the reading '{reading}' cannot be placed over the kanji of '{word}': it must be "
                      f"hiragana, with the word's own kana, digits and signs as the word writes them",
                      f"correct the reading, or put each run of kanji's reading in brackets after it: "
                      f"e.g. {_example(word)}")
    return found


def _example(word: str) -> str:
    return "".join(f"{part}[…]" if has_kanji(part) else part for part in _PARTS.findall(word))
