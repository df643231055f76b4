"""A page's HTML cut into the places a search result can lead to (pure, no MkDocs).

A reader looking for 请假 wants the clause that says how to ask for leave, not the top of a
long agreement. So a page becomes several search entries:

- the page itself: its title (the h1) and the text before its first heading or clause;
- every heading with an id (`#いじめの防止`): the heading, and the text under it that is not
  in a clause of its own;
- every block with an id (the clauses, `<p id="c-2-7">`; the glossary's terms,
  `<div id="homeroom-teacher">`): its text, shown under the heading it belongs to.

Permalink signs (¶), scripts and anything marked `data-search-exclude` are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

# Elements whose id makes them a place of their own: clauses, glossary terms, footnotes.
_PLACES = frozenset({"p", "li", "div", "dd", "dt", "blockquote", "section", "details", "table", "tr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that end a run of text: words on either side of them must not run together.
_BREAKS = _HEADINGS | _PLACES | frozenset({
    "address", "article", "aside", "br", "caption", "dl", "figcaption", "figure", "footer", "header",
    "hr", "nav", "ol", "pre", "summary", "tbody", "td", "tfoot", "th", "thead", "ul",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_SKIPPED = frozenset({"script", "style", "template", "svg", "button"})


@dataclass(frozen=True)
class SearchEntry:
    """One place a search result can lead to.

    `kind` is "page", "heading" or "block". A block's `title` is the heading it sits under
    ("" at the top of the page): it is shown with the result but is not what the block
    says, so it is not searched.
    """

    location: str
    title: str
    text: str
    kind: str
    boost: float = 1.0  # from the page's front matter (`search: {boost: 2}`), as in Material


def page_entries(html: str, *, url: str, title: str, boost: float = 1.0) -> list[SearchEntry]:
    """The search entries of one page. `url` is the page's address relative to its
    language's root (`agreements/pickup/`); `title` is used when the page has no h1."""
    parser = _Parser(url)
    parser.feed(html)
    parser.close()
    return [replace(entry, boost=boost) for entry in parser.entries(title)]


@dataclass
class _Draft:
    location: str
    kind: str
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    section: _Draft | None = None  # for blocks: the heading (or page) they sit under


@dataclass(frozen=True)
class _Frame:
    """An open element, and what it means for the text inside it (see _Parser._open)."""

    tag: str
    skipping: bool
    in_title: bool
    collecting: tuple[str, _Draft] | None


_OUTSIDE = _Frame("", skipping=False, in_title=False, collecting=None)


class _Parser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self._url = url
        self._page = _Draft(url, "page")
        self._drafts = [self._page]
        self._section = self._page
        # One frame per open element: its tag and what its content is ("skip", a heading
        # draft collecting a title, a block draft collecting text, or None), with what
        # follows from it and the frames around it, so that no text has to look through
        # all the open elements: whether it is skipped, whether it is in a title, and the
        # innermost role collecting it (None: the current section's text).
        self._open: list[_Frame] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in _BREAKS:
            self._write(" ")
        if tag in _VOID:
            return
        role = self._role(tag, attributes)
        outer = self._open[-1] if self._open else _OUTSIDE
        collecting = role if isinstance(role, tuple) else outer.collecting
        self._open.append(_Frame(tag, outer.skipping or role == "skip",
                                 outer.in_title or (isinstance(role, tuple) and role[0] == "title"), collecting))

    def handle_endtag(self, tag: str) -> None:
        # Browsers close unclosed inner elements at their parent's end tag; so do we.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                break
        if tag in _BREAKS:
            self._write(" ")

    def handle_data(self, data: str) -> None:
        self._write(data)

    def _role(self, tag: str, attributes: dict[str, str]) -> object:
        if (tag in _SKIPPED or "data-search-exclude" in attributes
                or "headerlink" in attributes.get("class", "").split()):
            return "skip"
        if self._skipping():
            return "skip"
        identifier = attributes.get("id")
        if tag == "h1":
            return ("title", self._page)
        if tag in _HEADINGS and identifier:
            self._section = _Draft(f"{self._url}#{identifier}", "heading")
            self._drafts.append(self._section)
            return ("title", self._section)
        if tag in _PLACES and identifier and not self._in_title():
            block = _Draft(f"{self._url}#{identifier}", "block", section=self._section)
            self._drafts.append(block)
            return ("text", block)
        return None

    def _skipping(self) -> bool:
        return bool(self._open) and self._open[-1].skipping

    def _in_title(self) -> bool:
        return bool(self._open) and self._open[-1].in_title

    def _write(self, data: str) -> None:
        if self._skipping():
            return
        collecting = self._open[-1].collecting if self._open else None
        if collecting is not None:
            purpose, draft = collecting
            (draft.title if purpose == "title" else draft.text).append(data)
            return
        self._section.text.append(data)

    def entries(self, fallback_title: str) -> list[SearchEntry]:
        result = []
        for draft in self._drafts:
            title = _collapse(draft.title) or (fallback_title if draft.kind == "page" else "")
            text = _collapse(draft.text)
            if draft.kind == "block":
                if not text:
                    continue
                # Shown under the page's own title: a block at the top of the page needs
                # no heading of its own.
                assert draft.section is not None, "a block is always made under its section"
                title = "" if draft.section is self._page else _collapse(draft.section.title)
            result.append(SearchEntry(draft.location, title, text, draft.kind))
        return result


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())
