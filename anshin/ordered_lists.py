"""Ordered lists that show the numbers as written (a Python-Markdown extension).

Python-Markdown numbers an ordered list by counting: `1.` `2.` `4.` is shown as 1, 2, 3.
In a school's rules that silently changes the text: the reader sees a clause 3 that the
source does not have, and the gap that the clause checker reports is hidden. With this
extension every item of an ordered list carries its own number (`<li value="4">`), so
the displayed number is always the number in the source; the checker
(anshin/clause_numbering.py) reads the same numbers and reports the gap.

Use it in mkdocs.yml:

    markdown_extensions:
      - anshin.ordered_lists

Everything else about lists is Python-Markdown's own (the processor below is its
`OListProcessor`, and its bullets are untouched).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import OListProcessor
from markdown.extensions import Extension

__all__ = ["OrderedListsAsWritten", "makeExtension"]


class _NumbersAsWritten(OListProcessor):
    """Python-Markdown's ordered-list processor, which then gives each new item the number
    its line starts with."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        # The numbers of the items this block starts, read before parsing: parsing the
        # items' content may run this processor again for a nested list.
        numbers = [match.group(2) for line in blocks[0].split("\n") if (match := self.CHILD_RE.match(line))]
        sibling = self.lastChild(parent)
        if sibling is not None and sibling.tag in self.SIBLING_TAGS:
            target: etree.Element | None = sibling
        elif parent.tag in ("ol", "ul"):
            target = parent
        else:
            target = None  # a new list: the processor appends it to `parent`
        before = len(target) if target is not None else 0
        super().run(parent, blocks)
        target = target if target is not None else self.lastChild(parent)
        if target is None or target.tag != "ol":
            return
        new_items = [child for child in list(target)[before:] if child.tag == "li"]
        for item, number in zip(new_items, numbers, strict=False):
            if number:  # a bullet line inside an ordered list keeps the count
                item.set("value", number.rstrip("."))


class OrderedListsAsWritten(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Same name and priority as the processor it replaces.
        md.parser.blockprocessors.register(_NumbersAsWritten(md.parser), "olist", 40)


def makeExtension(**kwargs: object) -> OrderedListsAsWritten:  # noqa: N802 (Python-Markdown's entry point)
    return OrderedListsAsWritten(**kwargs)
