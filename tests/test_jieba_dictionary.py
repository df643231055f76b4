"""jieba's dictionary compiled into a trie (anshin/search/jieba_dictionary.py): it cuts as
jieba does, is compiled once per machine, and survives a bad or unwritable cache."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from anshin.search import jieba_dictionary
from anshin.search.jieba_dictionary import compiled_tokenizer

from .project import ROOT

# Texts jieba finds hard or that are easy to get wrong at the edges: nothing, spaces only,
# ASCII only, Latin and digits inside Chinese, full-width digits, a run of characters no
# dictionary word covers (jieba's HMM finds the words), a line break, emoji, Japanese kana.
_EDGE_TEXTS = [
    "",
    " ",
    "\n\n",
    "ASCII only, 2026-12-04 v1.2",
    "家长请于2026年9月1日前签署《学生安全协议书》并交回班主任。",
    "电话：０７５－１２３－４５６７（总务处）",
    "我来到北京清华大学，他来到了网易杭研大厦",
    "氵冫犭亻扌",
    "第一条\n第二条",
    "上学路上注意安全🚸，放学后按时回家。",
    "いじめ防止基本方針と学生安全",
    "，。、；：？！",
]


def _site_and_fixture_texts() -> list[tuple[str, str]]:
    """Every Markdown and text file of the site and of the test fixtures that has any
    Chinese in it (Japanese files count: jieba cuts their kanji too)."""
    texts = []
    for folder in (ROOT / "docs", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in {".md", ".txt"} or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue   # the fixtures saved in other encodings on purpose
            if any("\u4e00" <= character <= "\u9fff" for character in text):
                texts.append((path.relative_to(ROOT).as_posix(), text))
    return texts


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compiled_tokenizer(tmp_path_factory.mktemp("dictionary"))


def test_it_cuts_the_sites_text_and_the_fixtures_word_for_word_as_jieba_does(compiled) -> None:
    texts = _site_and_fixture_texts()
    assert len(texts) > 100   # the whole of docs/ and the clause-numbering sets, not a sample
    different = [name for name, text in texts if list(compiled.cut(text)) != list(jieba.cut(text))]
    assert different == []


@pytest.mark.parametrize("text", _EDGE_TEXTS)
def test_it_cuts_edge_cases_as_jieba_does(compiled, text: str) -> None:
    assert list(compiled.cut(text)) == list(jieba.cut(text))


def test_it_cuts_without_the_hmm_as_jieba_does(compiled) -> None:
    text = "我来到北京清华大学，他来到了网易杭研大厦。家长请于开学前签署协议书。"
    assert list(compiled.cut(text, HMM=False)) == list(jieba.cut(text, HMM=False))


@pytest.mark.parametrize("text", ["我来到北京清华大学", "家长请于开学前签署协议书。", "氵冫犭亻扌", "第一条"])
def test_its_graph_and_route_are_jiebas(compiled, text: str) -> None:
    # The graph and the most probable path through it, as jieba's own dict-based code
    # works them out: calc reads the weights get_DAG kept for its graph, and works them out
    # from FREQ for a graph it did not make (jieba.dt's), to the same floats.
    jieba.initialize()
    graph = compiled.get_DAG(text)
    assert graph == jieba.dt.get_DAG(text)
    expected: dict = {}
    jieba.dt.calc(text, jieba.dt.get_DAG(text), expected)
    from_kept: dict = {}
    compiled.calc(text, graph, from_kept)
    from_frequencies: dict = {}
    compiled.calc(text, jieba.dt.get_DAG(text), from_frequencies)
    assert from_kept == expected
    assert from_frequencies == expected


def test_a_block_is_cut_once_and_then_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokenizer = compiled_tokenizer(tmp_path)
    text = "家长请签署协议书。家长请签署协议书，学生安全第一。"
    expected, expected_other = list(jieba.cut(text)), list(jieba.cut("安全教育很重要"))
    cuts: list[str] = []
    original = jieba.Tokenizer._Tokenizer__cut_DAG

    def counted(self, block):
        cuts.append(block)
        return original(self, block)

    monkeypatch.setattr(jieba.Tokenizer, "_Tokenizer__cut_DAG", counted)
    first, again = list(tokenizer.cut(text)), list(tokenizer.cut(text))
    assert first == again == expected
    assert cuts == ["家长请签署协议书", "学生安全第一"]   # each block cut once, however often it comes
    monkeypatch.setattr(jieba_dictionary, "_KEPT_BLOCKS", 2)   # full: the kept cuts are let go
    assert list(tokenizer.cut("安全教育很重要")) == expected_other
    assert list(tokenizer.cut(text)) == first
    assert cuts[2:] == ["安全教育很重要", "家长请签署协议书", "学生安全第一"]


def test_it_knows_the_words_and_frequencies_of_jiebas_dictionary(compiled) -> None:
    jieba.initialize()
    assert compiled.total == jieba.dt.total
    for word in ("安全", "家长", "协议书", "北京", "的"):
        assert compiled.FREQ.get(word) == jieba.dt.FREQ[word]
    # A prefix jieba keeps with frequency 0 is no word; nor is what is not in the dictionary.
    prefixes = [word for word, count in jieba.dt.FREQ.items() if count == 0][:1000]
    assert len(prefixes) == 1000
    assert [compiled.FREQ.get(prefix) for prefix in prefixes] == [None] * 1000
    assert compiled.FREQ.get("安全协议书签署") is None
    assert compiled.FREQ.get("x", 7) == 7


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    compiles: list[int] = []
    original = jieba_dictionary._compile

    def counted():
        compiles.append(1)
        return original()

    monkeypatch.setattr(jieba_dictionary, "_compile", counted)
    return compiles


def _only_file(folder: Path) -> Path:
    files = list(folder.iterdir())
    assert len(files) == 1, files
    assert files[0].name.startswith("jieba-") and files[0].suffix == ".dictionary"
    return files[0]


def test_it_is_compiled_once_and_read_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiles = _counting_compiles(monkeypatch)
    first = compiled_tokenizer(tmp_path)
    path = _only_file(tmp_path)
    written = path.read_bytes()
    second = compiled_tokenizer(tmp_path)
    assert len(compiles) == 1
    assert path.read_bytes() == written
    assert _only_file(tmp_path) == path   # no temporary file left behind
    text = "学校安全工作领导小组负责本协议的解释。"
    assert list(second.cut(text)) == list(first.cut(text)) == list(jieba.cut(text))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong count"])
def test_a_damaged_file_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    compiled_tokenizer(tmp_path)
    path = _only_file(tmp_path)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not a dictionary" * 100)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) * 2 // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        # The header says one word more than the file holds.
        header_end = good.index(b"\n", len(jieba_dictionary._MAGIC)) + 1
        size = int.from_bytes(good[header_end:header_end + 8], "little")
        path.write_bytes(good[:header_end] + (size + 1).to_bytes(8, "little") + good[header_end + 8:])
    compiles = _counting_compiles(monkeypatch)
    again = compiled_tokenizer(tmp_path)
    assert len(compiles) == 1
    assert path.read_bytes() == good
    text = "放学后学生应按时回家，不得在路上逗留。"
    assert list(again.cut(text)) == list(jieba.cut(text))


def test_where_the_folder_cannot_be_written_it_still_cuts(tmp_path: Path) -> None:
    # A file where the folder should be: no user, root included, can make a folder there.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("taken", encoding="utf-8")
    tokenizer = compiled_tokenizer(blocked / "anshin")
    text = "家长应教育孩子遵守交通规则。"
    assert list(tokenizer.cut(text)) == list(jieba.cut(text))
    assert blocked.read_text(encoding="utf-8") == "taken"
    assert [path.name for path in tmp_path.iterdir()] == ["not-a-folder"]


def test_the_file_is_named_after_what_it_was_compiled_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("安全 100 n\n", encoding="utf-8")
    name = jieba_dictionary._identity(source)
    assert jieba_dictionary._identity(source) == name
    source.write_text("安全 101 n\n", encoding="utf-8")
    assert jieba_dictionary._identity(source) != name
    source.write_text("安全 100 n\n", encoding="utf-8")
    monkeypatch.setattr(jieba_dictionary, "_FORMAT", jieba_dictionary._FORMAT + 1)
    assert jieba_dictionary._identity(source) != name
    monkeypatch.undo()
    versions = {"jieba": "0.42.1", "marisa-trie": "1.4.1"}
    monkeypatch.setattr(jieba_dictionary.metadata, "version", lambda name: versions[name])
    pinned = jieba_dictionary._identity(source)
    versions["marisa-trie"] = "1.4.2"
    assert jieba_dictionary._identity(source) != pinned
