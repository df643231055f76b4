"""Blocks of HTML that hooks put into the Markdown as placeholders (anshin/html_blocks.py):
the page converted with a placeholder, then restored, is the page converted with the HTML
itself, byte for byte, and it has the same anchors as MkDocs would have found in it."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import _HTMLHandler

from anshin.html_blocks import anchor_ids, placeholder, placeholder_keys, restored
from tests.conftest import ROOT

# Blocks shaped like the ones the hooks render (overrides/partials/anshin/): nested
# tables with ids, character references, attributes in both quotes, a <details>, blank
# lines and comments inside, Chinese and Japanese text, and a <script> of JSON.
BLOCKS = [
    '<table class="anshin-cal" id="plan-2026">\n<caption>年間計画 &amp; 行事</caption>\n'
    '<tr id="e-1"><th scope="row">4月</th><td><span lang="zh-Hans">家长会</span> &lt;全员&gt;</td></tr>\n</table>',
    '<section class="anshin-contacts" aria-labelledby="c-head">\n\n<h2 id="c-head">相談窓口</h2>\n\n'
    '<!-- a comment inside -->\n<ul>\n<li><a href="tel:+81-3-0000-0000" id=\'tel-1\'>03-0000-0000</a></li>\n'
    '</ul>\n\n</section>',
    '<details class="anshin-notes" id="notes"><summary>修正记录 (3)</summary>\n<div>\n\n<p>第 1 条 → 第 2 条</p>\n'
    '\n</div>\n</details>',
    '<div class="anshin-glossary">\n<dl>\n<dt id="term-%E3%81%84%E3%81%98%E3%82%81">いじめ</dt>\n'
    '<dd lang="zh-Hans">欺凌</dd>\n</dl>\n<a name="old-anchor"></a>\n</div>',
    '<script type="application/json" id="anshin-data">{"a": "<b>", "holidays": ["2026-04-29"]}</script>',
]


def _converter() -> markdown.Markdown:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})


def _page(block: str) -> str:
    return f"# 标题\n\n前面的段落。\n\n{block}\n\n1. 第一项\n2. 第二项\n\n后面的段落。\n"


@pytest.mark.parametrize("block", BLOCKS)
def test_a_page_with_a_placeholder_converts_to_the_page_with_the_block(block: str) -> None:
    line, key = placeholder(block)
    as_html = _converter().convert(_page(block))
    with_placeholder = _converter().convert(_page(line))
    assert line in with_placeholder
    assert restored(with_placeholder, {key: block}) == as_html


@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_gives_the_anchors_mkdocs_finds_in_it(block: str) -> None:
    handler = _HTMLHandler()
    handler.feed(block)
    handler.close()
    assert anchor_ids(block) == handler.present_anchor_ids
    assert anchor_ids(block)                        # each sample has some


def test_the_placeholder_is_named_by_the_block() -> None:
    first, second = placeholder(BLOCKS[0]), placeholder(BLOCKS[1])
    assert first == placeholder(BLOCKS[0]) and first[1] != second[1]
    assert "\n" not in first[0] and first[0].startswith("<!--") and first[0].endswith("-->")
    assert placeholder_keys(f"<p>x</p>\n{first[0]}\n{second[0]}") == [first[1], second[1]]


def test_a_page_without_placeholders_is_left_alone() -> None:
    assert restored("<p>第 1 条</p>", {placeholder(BLOCKS[0])[1]: BLOCKS[0]}) is None
    assert placeholder_keys("<p>第 1 条</p>") == []


def test_a_placeholder_of_no_known_block_stays_as_written() -> None:
    line, key = placeholder(BLOCKS[0])
    unknown = "<!-- anshin-block " + "0" * 32 + " -->"
    assert restored(f"{unknown}\n{line}", {key: BLOCKS[0]}) == f"{unknown}\n{BLOCKS[0]}"
