"""Words of the site's text, per language, for search (pure, no MkDocs).

Search matches the reader's query against the text itself, as characters (so 监护 finds
监护人, and 翻墙 finds 翻爬围墙 through 翻 and 墙). What it needs words for is to split a query
typed without spaces (班主任电话, いじめの防止) into the words a reader means, and to know
which of them carry no meaning of their own (的, の, を). Those words come from a proper
tokenizer run over the site's own text at build time, so the browser needs no dictionary:

- Chinese: jieba, whose dictionary ships inside the package;
- Japanese: Sudachi in its finest split mode (いじめ防止対策推進法 -> いじめ 防止 対策 推進 法),
  with the core dictionary from PyPI (sudachidict-core).

`fold` is the normalisation applied to the text and to every query, here and in
overrides/assets/search.js (keep the two alike): NFKC, so full-width and half-width forms
match (２４ = 24, ｽｸｰﾙ = スクール), then lower case.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("zh", "ja")

# Chinese function words are a small closed class; jieba's part-of-speech tagger would tell
# them apart too, but loading its tag table costs seconds on every build.
# Question words are in it too: a parent types 几点接孩子 or 怎么请假.
CHINESE_FUNCTION_WORDS = frozenset(
    "的 地 得 了 着 过 之 所 在 对 向 把 被 从 给 跟 同 为 于 以 与 和 及 或 或者 并 而 但 如果 因为 所以 "
    "吗 呢 吧 啊 呀 嘛 我 你 他 她 我们 你们 他们 是 有 要 请问 一下 "
    "怎么 怎么办 怎样 如何 什么 什么时候 哪 哪里 哪些 哪个 几 几点 多少 多久 为什么 能不能 可不可以".split())

# Sudachi's parts of speech that carry no meaning of their own in a query: particles (の, を,
# について), auxiliary verbs (です, られる), punctuation and blanks.
JAPANESE_FUNCTION_POS = frozenset({"助詞", "助動詞", "補助記号", "空白"})

_BLANK = re.compile(r"\s+")


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


def tokens(text: str, language: str) -> list[Token]:
    """`text` (already folded) split into words by the language's tokenizer."""
    if language == "zh":
        return _chinese_tokens(text)
    if language == "ja":
        return _japanese_tokens(text)
    raise ValueError(f"no tokenizer for language {language!r}; known: {', '.join(LANGUAGES)}")


def vocabulary(texts: Iterable[str], language: str) -> Vocabulary:
    """Every word in `texts`; a word counts as a function word only if it never occurs as
    anything else (Japanese で is a particle, but 電話で's 電話 is not)."""
    content: set[str] = set()
    function: set[str] = set()
    for text in texts:
        for token in tokens(fold(text), language):
            if any(c.isalnum() for c in token.surface):  # punctuation splits queries anyway
                (function if token.function else content).add(token.surface)
    function -= content
    if language == "zh":
        # Known to the query splitter even where the site never uses them.
        function |= CHINESE_FUNCTION_WORDS
    return Vocabulary(tuple(sorted(content | function)), tuple(sorted(function)))


def _chinese_tokens(text: str) -> list[Token]:
    jieba = _jieba()
    return [Token(word, word in CHINESE_FUNCTION_WORDS) for word in jieba.cut(text) if word.strip()]


def _japanese_tokens(text: str) -> list[Token]:
    tokenizer = _sudachi()
    result: list[Token] = []
    # Sudachi refuses inputs over 49,149 bytes: one paragraph at a time keeps well below.
    for paragraph in _BLANK.split(text):
        if paragraph:
            result.extend(Token(m.surface(), m.part_of_speech()[0] in JAPANESE_FUNCTION_POS)
                          for m in tokenizer.tokenize(paragraph))
    return result


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    # jieba reports its dictionary loading on stderr at DEBUG level.
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _sudachi():
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.A, fields={"pos"})
