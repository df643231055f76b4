"""Words of the site's text, per language, for search (pure, no MkDocs).

Search matches the reader's query against the text itself, as characters (so 监护 finds
监护人, and 翻墙 finds 翻爬围墙 through 翻 and 墙). What it needs words for is to split a query
typed without spaces (班主任电话, いじめの防止) into the words a reader means, and to know
which of them carry no meaning of their own (的, の, を). Those words come from a proper
tokenizer run over the site's own text at build time, so the browser needs no dictionary.

Which tokenizer a language uses is configuration, not code: its catalogue's
`search: {tokenizer: …, function_words: […]}` (locales/<code>.yml). Known tokenizers:

- `jieba`: Chinese words, with the dictionary that ships inside the package (compiled once
  per machine into a trie that loads in about 10 ms: anshin/search/jieba_dictionary.py);
- `sudachi`: Japanese words, Sudachi in its finest split mode (いじめ防止対策推進法 -> いじめ
  防止 対策 推進 法), with the core dictionary from PyPI (sudachidict-core); it tells
  particles and auxiliaries apart by their part of speech;
- `whitespace`: for languages that write blanks between words (English): a word is a
  run of letters and digits, cut at blanks and punctuation.

`function_words` are words known to carry no meaning of their own (Chinese function words
are a small closed class; jieba's part-of-speech tagger would tell them apart too, but
loading its tag table costs seconds on every build).

`fold` is the normalisation applied to the text and to every query, here and in
overrides/assets/search.js (keep the two alike): NFKC, so full-width and half-width forms
match (２４ = 24, ｽｸｰﾙ = スクール), then lower case.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from anshin.analysis_cache import AnalysisCache, key_of
from anshin.catalogue import Catalogue
from anshin.errors import DataError
from anshin.memos import Memo

# Sudachi's parts of speech that carry no meaning of their own in a query: particles (の, を,
# について), auxiliary verbs (です, られる), punctuation and blanks.
JAPANESE_FUNCTION_POS = frozenset({"助詞", "助動詞", "補助記号", "空白"})

_BLANK = re.compile(r"\s+")
# A word of a language written with blanks between words: letters and digits, with the
# hyphens inside it (well-being), cut where the search worker cuts a query (its
# QUERY_SEPARATOR keeps hyphens and cuts at apostrophes).
_WORD = re.compile(r"\w+(?:-\w+)*")


def fold(text: str) -> str:
    """The form in which text and queries are compared: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(frozen=True)
class Token:
    surface: str
    function: bool  # a particle, auxiliary or punctuation, not a word to search for


@dataclass(frozen=True)
class Vocabulary:
    """The words of one language's pages, as the query splitter in the browser uses them."""

    words: tuple[str, ...]
    function_words: tuple[str, ...]


@dataclass(frozen=True)
class Tokenizer:
    """How one language's text is cut into words: a tokenizer by name (`jieba`, `sudachi`,
    `whitespace`) and the language's known function words."""

    name: str
    function_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.name not in _SPLITTERS:
            raise ValueError(f"no tokenizer {self.name!r}; known: {', '.join(_SPLITTERS)}")

    @property
    def distributions(self) -> tuple[str, ...]:
        """The packages (and dictionaries) whose versions its words depend on."""
        return _DISTRIBUTIONS[self.name]


def catalogue_tokenizer(catalogue: Catalogue) -> Tokenizer:
    """The tokenizer a language's catalogue names in its `search:` section. A name that is
    no tokenizer is a DataError naming the catalogue; a missing key, a CatalogueError."""
    name = catalogue.text("search.tokenizer")
    function_words = catalogue.value("search.function_words")
    if isinstance(function_words, str):  # written as one line of words
        function_words = function_words.split()
    if not isinstance(function_words, list):
        raise DataError(catalogue.path, 1, "'search.function_words' is neither a list nor a line of words",
                        "write the language's function words as a list, or as one line separated by spaces")
    if name not in _SPLITTERS:
        raise DataError(catalogue.path, 1, f"'search.tokenizer' is {name!r}, which is no tokenizer",
                        f"use one of {', '.join(_SPLITTERS)} (anshin/search/words.py says which "
                        f"suits which languages)")
    return Tokenizer(name, frozenset(function_words))


def word_splitter(tokenizer: Tokenizer) -> Callable[[str], list[tuple[str, bool]]]:
    """The tokenizer's splitter itself: (word, a function word by its part of speech, where
    the splitter knows one: Sudachi does, jieba does not). Without the catalogue's list of
    function words, which are words to leave out of a search, not words no sentence
    starts with (为, 在 begin many)."""
    return _SPLITTERS[tokenizer.name]


def tokens(text: str, tokenizer: Tokenizer) -> list[Token]:
    """`text` (already folded) split into words by the language's tokenizer."""
    return [Token(surface, function or surface in tokenizer.function_words)
            for surface, function in _SPLITTERS[tokenizer.name](text)]


def vocabulary(texts: Iterable[str], tokenizer: Tokenizer, cache: AnalysisCache | None = None) -> Vocabulary:
    """Every word in `texts`; a word counts as a function word only if it never occurs as
    anything else (Japanese で is a particle, but 電話で's 電話 is not). With `cache`, a
    text split in an earlier build is not split again (the tokenizer's dictionary is not
    loaded at all when none needs splitting)."""
    content: set[str] = set()
    function: set[str] = set()
    wordlike: dict[str, bool] = {}   # per distinct word: the texts repeat most of theirs
    for text in texts:
        known = _text_words.get((tokenizer, text))
        # The cache keeps the entries a build uses: this text's too, if it is there.
        if known is None or cache is not None and cache.get(known[0]) is None:
            known = _read(text, tokenizer, cache, wordlike)
        content |= known[1]
        function |= known[2]
    function -= content
    # Known to the query splitter even where the site never uses them.
    function |= tokenizer.function_words
    return Vocabulary(tuple(sorted(content | function)), tuple(sorted(function)))


# The words of each text as written (folding it is most of the cost), per tokenizer: `make
# serve` builds again on every save, and all but the edited page's texts are the same as
# last time (about 0.02 s of each rebuild). Up to _KEPT_TEXTS are kept (this site has
# some 6,700; a few MB).
_KEPT_TEXTS = 200_000
_text_words: Memo[tuple[Tokenizer, str], tuple[str, frozenset[str], frozenset[str]]] = Memo(limit=_KEPT_TEXTS)


def _read(text: str, tokenizer: Tokenizer, cache: AnalysisCache | None,
          wordlike: dict[str, bool]) -> tuple[str, frozenset[str], frozenset[str]]:
    """(its cache key, content words, function words) of one text, found in `cache` or split,
    and kept for the next build."""
    folded = fold(text)
    key = key_of((folded,))
    found = cast(list | None, cache.get(key) if cache is not None else None)
    if found is None:
        found = _SPLITTERS[tokenizer.name](folded)
        if cache is not None:
            cache.put(key, [[surface, is_function] for surface, is_function in found])
    # (the cache key, content words, function words)
    return _text_words.put((tokenizer, text), (key, *_sorted_words(found, tokenizer, wordlike)))


def _sorted_words(words: Iterable[Sequence], tokenizer: Tokenizer,
                  wordlike: dict[str, bool]) -> tuple[frozenset[str], frozenset[str]]:
    """(content words, function words) of one text's (surface, is function) pairs, as
    tokens() reads them; punctuation is neither (it splits queries anyway). `wordlike`
    keeps, per word, whether it is one."""
    content: set[str] = set()
    function: set[str] = set()
    known_function = tokenizer.function_words
    for surface, is_function in words:
        is_word = wordlike.get(surface)
        if is_word is None:
            is_word = wordlike[surface] = any(c.isalnum() for c in surface)
        if is_word:
            (function if is_function or surface in known_function else content).add(surface)
    return frozenset(content), frozenset(function)


def _jieba_words(text: str) -> list[tuple[str, bool]]:
    return [(word, False) for word in _jieba().cut(text) if word.strip()]


def _sudachi_words(text: str) -> list[tuple[str, bool]]:
    tokenizer = _sudachi()
    result: list[tuple[str, bool]] = []
    # Sudachi refuses inputs over 49,149 bytes: one paragraph at a time keeps well below.
    for paragraph in _BLANK.split(text):
        if paragraph:
            result.extend((m.surface(), m.part_of_speech()[0] in JAPANESE_FUNCTION_POS)
                          for m in tokenizer.tokenize(paragraph))
    return result


def _whitespace_words(text: str) -> list[tuple[str, bool]]:
    return [(word, False) for word in _WORD.findall(text)]


# Each tokenizer's name, as catalogues give it, and its splitter: (word, function word?).
_SPLITTERS: dict[str, Callable[[str], list[tuple[str, bool]]]] = {
    "jieba": _jieba_words,
    "sudachi": _sudachi_words,
    "whitespace": _whitespace_words,
}
# The distributions each splitter's words depend on (a new version may cut otherwise).
_DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "jieba": ("jieba", "marisa-trie"),
    "sudachi": ("sudachipy", "sudachidict-core"),
    "whitespace": (),
}


@lru_cache(maxsize=1)
def _jieba():
    """jieba's tokenizer over its dictionary compiled once per machine
    (anshin/search/jieba_dictionary.py): the same words as `jieba.cut`, without loading
    jieba's dictionary on every build."""
    import jieba

    from anshin.search.jieba_dictionary import compiled_tokenizer

    # jieba reports its dictionary loading on stderr at DEBUG level.
    jieba.setLogLevel(logging.WARNING)
    return compiled_tokenizer()


@lru_cache(maxsize=1)
def sudachi_dictionary():
    """Sudachi's core dictionary, loaded once per process (some 70 MB): search's words
    (here) and the furigana readings (anshin/furigana.py) make their tokenizers from it."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@lru_cache(maxsize=1)
def _sudachi():
    from sudachipy import SplitMode

    return sudachi_dictionary().tokenizer(mode=SplitMode.A, fields={"pos"})
