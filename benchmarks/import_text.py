"""Importing text: how faithful the text reader and the writer are on the seed texts, which
our transcriptions (docs/) give the answers for, and how fast they are.

    .venv/bin/python -m benchmarks.import_text

For each seed (../shared/seeds/), imported with anshin/importing/plain_text.py and
written by anshin/importing/markdown.py:

- **markers**: the clause markers of the imported page, per agreement template and for the
  policy, equal to those of the page that transcribes it, in order (a template whose
  numbering was corrected, data/corrections, is compared without the corrected clause);
- **line breaks** (read as a text file, and pasted into Word a paragraph per line): every
  break between two non-empty seed lines is a *wrap* when the
  transcription has the two lines run together (the end of one and the start of the next
  stand side by side in one paragraph of a page), else a *break*. Reported: wraps joined
  (n/n) and breaks wrongly joined (n/n);
- **encodings**: each seed saved as GBK/GB18030 (agreements) or UTF-16 (both) reads back
  exactly, with the encoding named;
- the median time of 5 imports of each seed.

Figures are printed, never asserted: tests/test_import.py asserts the round trips.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import yaml

from anshin.clause_numbering import analyse
from anshin.importing.markdown import to_markdown
from anshin.importing.model import Block, Paragraph, Where
from anshin.importing.plain_text import decode, join_broken_paragraphs, read_text_file, rejoin
from anshin.printing import read_blocks, signature_labels
from anshin.search.words import Tokenizer, word_splitter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
AGREEMENTS, POLICY = "000_61c30b1e525480d8.txt", "002_7405379810ed58d9.txt"
_LAYOUT = re.compile(r"[\s=*|#>_`・\-\\]|<[^>]+>|\{[^}]*\}")


def _markers(page: str) -> list[tuple[str, object]]:
    items, _ = analyse(page, "page")
    return [(item.marker.family, item.marker.value or item.marker.character) for item in items if item.marker]


def _plain(text: str) -> str:
    return _LAYOUT.sub("", text)


def _pages(code: str) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob(f"*.{code}.md"))]


def _words(name: str):
    return word_splitter(Tokenizer(name))


def _line_breaks(seed: Path, code: str, tokenizer: str | None, *, as_word: bool = False) -> tuple[int, int, int, int]:
    """(wraps joined, wraps, breaks joined, breaks) of `seed` against the pages in `code`;
    `as_word`: the seed pasted into Word, one paragraph per line (join_broken_paragraphs)."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").split("\n")]
    filled = [line for line in lines if line and "\t" not in line]
    # A page has one paragraph, item or heading per line (CONTENT_CONVENTIONS.md).
    paragraphs = [_plain(line) for page in _pages(code) for line in page.splitlines()]
    if as_word and tokenizer:
        pasted: list[Block] = [Paragraph(line, Where(paragraph=number), bullet=line.startswith(("- ", "・")))
                               for number, line in enumerate(filled, start=1)]
        blocks, _ = join_broken_paragraphs(pasted, _words(tokenizer))
    else:
        blocks, _ = rejoin(seed.read_text(encoding="utf-8"), _words(tokenizer) if tokenizer else None)
    joined_text = [_plain(block.text) for block in blocks if isinstance(block, Paragraph)]
    wraps = wraps_joined = breaks = breaks_joined = 0
    for first, second in zip(filled, filled[1:], strict=False):
        tail, head = _plain(first)[-6:], _plain(second)[:6]
        if len(tail) < 2 or len(head) < 2:
            continue
        together = tail + head
        is_wrap = any(together in paragraph for paragraph in paragraphs)
        joined = any(together in text for text in joined_text)
        if is_wrap:
            wraps, wraps_joined = wraps + 1, wraps_joined + joined
        else:
            breaks, breaks_joined = breaks + 1, breaks_joined + joined
    return wraps_joined, wraps, breaks_joined, breaks


def templates(page: str) -> dict[int, str]:
    """The imported agreements seed, cut at its template headings (篇一 … 篇十), each
    with front matter and a title so that it reads as a page."""
    numerals = "一二三四五六七八九十"
    parts = re.split(r"^## 学生与家长安全协议书篇([一二三四五六七八九十])$", page, flags=re.M)
    return {numerals.index(parts[i]) + 1: "---\n---\n# t\n" + parts[i + 1] for i in range(1, len(parts), 2)}


def signature_fields(page: str) -> list[str]:
    """The labels of every signature block of `page`, in order (anshin/printing.py reads them)."""
    return [label for block in read_blocks(page) if block.kind == "signature" for label in signature_labels(block)]


def _pages_of_templates() -> list[tuple[str, int]]:
    """(page text, template) for each agreement template the pages stand for."""
    found = []
    for path in sorted((ROOT / "docs" / "agreements").glob("*.zh.md")):
        text = path.read_text(encoding="utf-8")
        found += [(text, template) for template in (yaml.safe_load(text.split("---\n")[1]).get("source") or {}).get("templates") or []]
    return found


def _template_markers() -> tuple[int, int]:
    imported = templates(to_markdown(read_text_file(SEEDS / AGREEMENTS, "seed")))
    pages = _pages_of_templates()
    return sum(_markers(imported.get(template, "")) == _markers(text) for text, template in pages), len(pages)


def _signature_templates() -> tuple[int, int]:
    """Templates whose signature labels, imported from the seed after its recorded
    corrections, equal their page's."""
    from anshin.importing.model import SourceDocument
    from tests.test_fidelity import corrected_seed  # the tests' reading of data/corrections

    blocks, _ = rejoin("\n".join(corrected_seed(AGREEMENTS).lines), _words("jieba"))
    imported = templates(to_markdown(SourceDocument(blocks, "text")))
    pages = _pages_of_templates()
    return sum(signature_fields(imported.get(template, "")) == signature_fields(text) for text, template in pages), len(pages)


def main() -> None:
    print("Import of the seed texts (anshin/importing, text reader)")
    policy = _markers(to_markdown(read_text_file(SEEDS / POLICY, "seed")))
    transcribed = _markers((ROOT / "docs" / "policy" / "anti-bullying.ja.md").read_text(encoding="utf-8"))
    same = sum(a == b for a, b in zip(policy, transcribed, strict=False)) if len(policy) == len(transcribed) else 0
    print(f"  markers, policy:                 {same}/{len(transcribed)} in order")
    same, total = _template_markers()
    print(f"  markers, agreement templates:    {same}/{total} templates identical (the others: the one recorded "
          f"renumbering, data/corrections)")
    same, total = _signature_templates()
    print(f"  signature fields, agreement templates (after the recorded corrections): {same}/{total} identical")
    for seed, code, tokenizer in ((AGREEMENTS, "zh", "jieba"), (POLICY, "ja", "sudachi")):
        for splitter in (None, tokenizer):
            wraps_joined, wraps, breaks_joined, breaks = _line_breaks(SEEDS / seed, code, splitter)
            print(f"  line breaks, {seed}, {'line length only' if splitter is None else 'and ' + splitter + ' words'}: "
                  f"wraps joined {wraps_joined}/{wraps}, breaks wrongly joined {breaks_joined}/{breaks}")
        wraps_joined, wraps, breaks_joined, breaks = _line_breaks(SEEDS / seed, code, tokenizer, as_word=True)
        print(f"  line breaks, {seed} pasted into Word (a paragraph per line): "
              f"wraps joined {wraps_joined}/{wraps}, breaks wrongly joined {breaks_joined}/{breaks}")
    for seed, codecs in ((AGREEMENTS, ("gbk", "gb18030", "utf-16")), (POLICY, ("utf-16",))):
        text = (SEEDS / seed).read_text(encoding="utf-8")
        for codec in codecs:
            decoded, name = decode(text.encode(codec), seed)
            print(f"  {seed} saved as {codec}: read back {'exactly' if decoded == text else 'DIFFERENTLY'} as {name}")
    for seed in (AGREEMENTS, POLICY):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            to_markdown(read_text_file(SEEDS / seed, "seed"))
            times.append(time.perf_counter() - start)
        print(f"  import time, {seed} ({(SEEDS / seed).stat().st_size // 1024} KiB): median {statistics.median(times) * 1000:.0f} ms of 5")


if __name__ == "__main__":
    main()
