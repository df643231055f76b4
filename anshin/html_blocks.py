"""Blocks of HTML that hooks write into a page, kept out of Python-Markdown's way.

A calendar of a school year, the contacts page or the glossary is a few hundred elements
of HTML that a hook renders from data/ (a Jinja template in overrides/) and puts into the
page's Markdown, where Markdown should leave it as it is. It does, but only after reading
all of it: md_in_html parses every block of HTML in the Markdown (to find `markdown="1"`),
and MkDocs parses the whole page again for its anchors. On this site that reading was
about a fifth of all Markdown conversion (some 0.08 of 0.4 s of CPU a build), and the
one part that grows with the data rather than with what editors write.

So such a block goes into the Markdown as a placeholder, an HTML comment of one line
naming the block by the SHA-256 of its HTML (`<!-- anshin-block 3f2a… -->`), and comes
back in place of it as soon as the page is converted (hooks/build_context.py
`on_page_content`, before any other hook reads the HTML), with the ids it holds added to
the page's anchors, as MkDocs would have found them. The page is byte for byte what it
was. The name is the block's content, so a page whose blocks changed is a new text to the
conversion kept between builds (hooks/render_cache.py), and one whose blocks did not is
converted no more.

Only blocks whose HTML is final go this way: a template with `markdown="1"` in it (the
bilingual pages) needs Markdown to read inside it, and goes into the Markdown as HTML.

Pure: HTML in, placeholders and HTML out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from html import unescape

__all__ = ["anchor_ids", "placeholder", "placeholder_keys", "restored"]

_PREFIX = "<!-- anshin-block "
_PLACEHOLDER = re.compile(r"<!-- anshin-block ([0-9a-f]{32}) -->")
# The ids MkDocs' own reading of raw HTML finds (mkdocs/structure/pages.py _HTMLHandler):
# every element's id, and an <a>'s name.
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAME = re.compile(r"""<a\s[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def placeholder(html: str) -> tuple[str, str]:
    """(the placeholder that stands for `html` in the Markdown, its key)."""
    key = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{_PREFIX}{key} -->", key


def restored(content: str, blocks: Mapping[str, str]) -> str | None:
    """`content` (a page's HTML) with each placeholder of `blocks` replaced by its block;
    None where it has none. A placeholder of no known block (written by hand) stays."""
    if _PREFIX not in content:
        return None
    return _PLACEHOLDER.sub(lambda match: blocks.get(match.group(1), match.group(0)), content)


def placeholder_keys(content: str) -> list[str]:
    """The keys of the placeholders in `content`, in order."""
    return _PLACEHOLDER.findall(content) if _PREFIX in content else []


def anchor_ids(html: str) -> set[str]:
    """The anchors a block of HTML gives the page: its elements' ids, its <a>s' names."""
    return {unescape(match.group(1) if match.group(1) is not None else match.group(2))
            for pattern in (_ID, _NAME) for match in pattern.finditer(html)}
