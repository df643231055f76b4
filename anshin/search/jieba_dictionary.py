"""jieba's dictionary, compiled once per machine into a trie that loads in about 10 ms.

jieba (the Chinese tokenizer search uses, anshin/search/words.py) keeps its dictionary as
a Python dict of some 500,000 words and prefixes. Even from jieba's own cache
(`jieba.cache` in the temporary folder) unpickling that dict costs about 0.45 s of CPU on
every build that cuts any Chinese text: as much as the rest of our search indexing, and a
sixth of what a whole build of this site costs beyond plain Material.

So the dictionary is compiled once, into a `marisa_trie.Trie` of its words and an array of
their frequencies, and kept in a file: `$ANSHIN_MACHINE_CACHE`, else
`$XDG_CACHE_HOME/anshin`, else `~/.cache/anshin`. It belongs to the machine, not to the
site: like jieba's own cache, it depends on nothing but the installed jieba and its
dictionary, whose versions and SHA-256 name the file, so upgrading either compiles a new
one. Where the folder cannot be written, the trie is compiled in memory for the build and
nothing is kept. A file that cannot be read, or is not what its header says, is compiled
again.

`TrieTokenizer` is jieba's own tokenizer, given the trie: jieba's code cuts the text, with its
HMM for words its dictionary lacks; only the two steps that look words up (the graph of the
words at each position, and their weights) read the trie instead of the dict. It cuts
every text as `jieba.cut` does, word for word (tests/test_jieba_dictionary.py holds it to
that on the site's text and the test fixtures, some 1.7 million characters).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterator
from importlib import metadata
from math import log
from pathlib import Path

import jieba
import marisa_trie

from anshin.analysis_cache import machine_folder

__all__ = ["TrieTokenizer", "compiled_tokenizer"]

# Bump when the file's layout changes.
_FORMAT = 1
_MAGIC = b"anshin-jieba-dictionary\n"
# Blocks whose cut is kept (a block is a run of Chinese between punctuation, some 10
# characters): enough for a site a hundred times this one's, a few MB.
_KEPT_BLOCKS = 100_000


class TrieTokenizer(jieba.Tokenizer):
    """jieba's tokenizer over a compiled dictionary: `cut` is jieba's."""

    def __init__(self, words: marisa_trie.Trie, frequencies: array, total: int, longest: int) -> None:
        super().__init__()
        self._words = words
        self._frequencies = frequencies
        self._longest = longest
        # What jieba's own code reads: the total of the frequencies, and FREQ.get (whether a
        # run of single characters is one known word).
        self.total = total
        self.FREQ = _Frequencies(words, frequencies)
        self.initialized = True
        self._log_total = log(total)
        self._weights: dict[int, float] = {}          # key id -> log(frequency) - log(total)
        # The graph get_DAG made last, with each word's weight: jieba calls calc right after,
        # on the same sentence and graph, which then needs no lookup of the words again.
        self._last_graph: tuple[dict[int, list[int]], dict[int, list[float]]] | None = None
        self._block_cuts: dict[str, tuple[str, ...]] = {}

    def initialize(self, dictionary: str | None = None) -> None:
        """Already done: the compiled dictionary is the whole of it."""

    def _Tokenizer__cut_DAG(self, block: str) -> Iterator[str]:  # noqa: N802 (jieba's own, as its cut calls it)
        """jieba's cut (with its HMM) of one block of Chinese, worked out once per block: a
        site's texts repeat many of theirs (titles, names, a clause on its page and in its
        print), a third of the characters on this site. Up to _KEPT_BLOCKS are kept."""
        words = self._block_cuts.get(block)
        if words is None:
            if len(self._block_cuts) >= _KEPT_BLOCKS:
                self._block_cuts.clear()
            words = self._block_cuts[block] = tuple(jieba.Tokenizer._Tokenizer__cut_DAG(self, block))
        yield from words

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        """{position: the last position of each dictionary word starting there}, or the
        position itself where none does: jieba's graph, from the trie's prefixes."""
        prefixes, longest = self._words.iter_prefixes_with_ids, self._longest
        known, weight_of = self._weights, self._weight
        no_word = -self._log_total                    # log(1) - log(total): jieba's `or 1`
        graph: dict[int, list[int]] = {}
        weights: dict[int, list[float]] = {}
        for start in range(len(sentence)):
            ends: list[int] = []
            here: list[float] = []
            for word, key in prefixes(sentence[start:start + longest]):
                ends.append(start + len(word) - 1)
                weight = known.get(key)
                here.append(weight_of(key) if weight is None else weight)
            graph[start], weights[start] = (ends, here) if ends else ([start], [no_word])
        self._last_graph = (graph, weights)
        return graph

    def _weight(self, key: int) -> float:
        weight = self._weights[key] = log(self._frequencies[key]) - self._log_total
        return weight

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict) -> None:  # noqa: N803 (jieba's name)
        """The most probable path through the graph, as jieba works it out (a word's weight is
        its log frequency less the log of the total; a character that is no word counts as
        frequency 1), with the same arithmetic in the same order, so the same floats."""
        size = len(sentence)
        route[size] = (0, 0)
        last = self._last_graph
        if last is None or last[0] is not DAG:
            log_total = log(self.total)
            frequency = self.FREQ.get
            for start in range(size - 1, -1, -1):
                route[start] = max((log(frequency(sentence[start:end + 1]) or 1) - log_total + route[end + 1][0], end)
                                   for end in DAG[start])
            return
        weights = last[1]
        for start in range(size - 1, -1, -1):
            ends = DAG[start]
            if len(ends) == 1:                        # most places: one word, or no word
                end = ends[0]
                route[start] = (weights[start][0] + route[end + 1][0], end)
            else:
                route[start] = max((weight + route[end + 1][0], end) for end, weight in zip(ends, weights[start], strict=True))


class _Frequencies:
    """The part of jieba's FREQ dict its cutting reads: `get`."""

    def __init__(self, words: marisa_trie.Trie, frequencies: array) -> None:
        self._words = words
        self._frequencies = frequencies

    def get(self, word: str, default: int | None = None) -> int | None:
        key = self._words.get(word)
        return default if key is None else self._frequencies[key]


def compiled_tokenizer(folder: Path | None = None) -> TrieTokenizer:
    """A tokenizer over jieba's default dictionary, compiled into `folder` (by default
    the machine's, anshin/analysis_cache.py `machine_folder`) the first time, read from there after."""
    source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    path = (folder or machine_folder()) / f"jieba-{_identity(source)}.dictionary"
    loaded = _read(path)
    if loaded is not None:
        return TrieTokenizer(*loaded)
    words, frequencies, total, longest = _compile()
    _write(path, words, frequencies, total, longest)
    return TrieTokenizer(words, frequencies, total, longest)


def _identity(source: Path) -> str:
    """Names the compiled file: this layout, jieba's and marisa-trie's versions and the
    dictionary's bytes."""
    digest = hashlib.sha256()
    for part in (str(_FORMAT), metadata.version("jieba"), metadata.version("marisa-trie"), sys.byteorder):
        digest.update(part.encode() + b"\0")
    digest.update(source.read_bytes())
    return digest.hexdigest()[:24]


def _compile() -> tuple[marisa_trie.Trie, array, int, int]:
    """jieba's own reading of its dictionary (its cache file where there is one), as a trie
    of the words with a frequency and their frequencies by the trie's key ids."""
    plain = jieba.Tokenizer()
    plain.initialize()
    counts = {word: count for word, count in plain.FREQ.items() if count}   # prefixes have 0
    words = marisa_trie.Trie(counts)
    frequencies = array("I", bytes(4 * len(words)))
    for word, count in counts.items():
        frequencies[words.key_id(word)] = count
    return words, frequencies, plain.total, max(map(len, counts))


def _read(path: Path) -> tuple[marisa_trie.Trie, array, int, int] | None:
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        header_end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC):header_end])
        start = header_end + 1
        (size,) = struct.unpack_from("<Q", data, start)
        frequencies = array("I")
        frequencies.frombytes(data[start + 8:start + 8 + 4 * size])
        words = marisa_trie.Trie().frombytes(data[start + 8 + 4 * size:])
        if len(words) != size or len(frequencies) != size:
            return None
        return words, frequencies, int(header["total"]), int(header["longest"])
    except (OSError, ValueError, KeyError, TypeError, struct.error, RuntimeError):
        return None   # compiled again


def _write(path: Path, words: marisa_trie.Trie, frequencies: array, total: int, longest: int) -> None:
    """One replace, so a reader sees the old file or the new one; not written at all where
    the folder cannot be (the build goes on with the trie in memory)."""
    data = b"".join((_MAGIC, json.dumps({"total": total, "longest": longest}).encode(), b"\n",
                     struct.pack("<Q", len(words)), frequencies.tobytes(), words.tobytes()))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        pass
