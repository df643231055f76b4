"""A page's Markdown is turned into HTML again only when that Markdown changed.

Python-Markdown's conversion is the largest single cost of a build of this site after
the word analyses (a third of a `make serve` rebuild), and a rebuild after one edit
converts every page of every language again, though all but one are what they were.
So each conversion is kept in the build cache (anshin/analysis_cache.py, a file per
page under `.build-cache/pages/`), keyed by what it is a function of:

- the page's Markdown as MkDocs converts it, after every hook has had its say (the
  notices, dates, furigana marks that hooks write into it are in the key, so a change to
  data/ or a twin that changes them changes the key);
- where the page is written (its source, destination and URL: relative links are
  written from there);
- every file of the build, with its URL and whether it is in the site: a link is checked
  against them and written to their URL, so adding, removing or moving any file converts
  every page again;
- the tool converting it (MkDocs or ProperDocs);
- the cache file's environment: the anshin package's source (anshin.ordered_lists is one
  of the extensions), the versions of MkDocs, Python-Markdown and pymdown-extensions, and
  mkdocs.yml (the extensions' settings and `validation:`).

What a conversion gives MkDocs is kept whole: the HTML, the table of contents, the
title the `# ` heading gives, the ids on the page and the anchors it links to (MkDocs
checks those against the other pages after every page is converted, so a wrong anchor
is still reported from a kept page).

A conversion that logged anything (a link to a missing page, an anchor not found) is not
kept, so its warning is given again on every build, and fails it under `--strict`, until
it is mended. Nor is one that set anything on the page beyond those five (another MkDocs
version, ProperDocs, could) nor one made with MkDocs logging at debug level, which keeps
different things.

The site a build with a warm cache writes is byte for byte the one a build without the
cache writes (tests/test_render_cache.py). `extra.build_cache: ''` turns it off with the
other caches.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from anshin.analysis_cache import EntryFiles, key_of
from anshin.build_context import context

CACHE_NAME = "pages"
# What the conversion of a page depends on besides its text and the files (see above).
DISTRIBUTIONS = ("mkdocs", "properdocs", "markdown", "pymdown-extensions")
# What MkDocs' Page.render sets (mkdocs/structure/pages.py); a render that sets anything
# else is not kept.
RENDERED = frozenset({"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"})
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


@event_priority(-200)
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    # After every other hook and plugin (mkdocs-static-i18n, at -100, picks this language's
    # files) has added or removed its files: the links go to these.
    build = context(config).build
    build.files_key = key_of(f"{file.src_uri}\0{file.url}\0{file.inclusion.name}"
                             for file in sorted(files, key=lambda file: file.src_uri))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if _cache(config).folder is None or _PAGES_LOG.getEffectiveLevel() <= logging.DEBUG:
        return
    # The page's own render, for this page only: MkDocs calls it right after this event.
    page.render = partial(_render, page)  # type: ignore[method-assign]


def _cache(config: MkDocsConfig) -> EntryFiles:
    build_context = context(config)
    return build_context.entry_files(CACHE_NAME, DISTRIBUTIONS, (build_context.config_text,))


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    del page.render  # the class's own again, for whoever renders this page next
    cache, build = _cache(config), context(config).build
    # The tool's own Page class is in the key: MkDocs and ProperDocs (its fork) each convert
    # with their own code, and a project built with both keeps both's conversions apart.
    key = key_of((page.markdown or "", page.file.src_uri, page.file.dest_uri, page.file.url, build.files_key,
                  type(page).__module__))
    kept = cache.get(key)
    if isinstance(kept, dict) and _restore(page, kept, files):
        return
    before = dict(vars(page))
    with _logged() as records:
        page.render(config, files)
    changed = {name for name, value in vars(page).items() if name not in before or before[name] is not value}
    if not records and changed <= RENDERED:
        cache.put(key, _kept(page))


@contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    """The records logged by this thread meanwhile (the preview's server logs from others)."""
    records: list[logging.LogRecord] = []
    thread = threading.get_ident()
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record) if record.thread == thread else None  # type: ignore[method-assign]
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)


def _kept(page: Page) -> dict:
    kept: dict = {
        "content": page.content,
        "toc": [_link_json(link) for link in page.toc],
        "title": page._title_from_render,
        "ids": sorted(page.present_anchor_ids or ()),
    }
    links = vars(page).get("links_to_anchors")
    if links is not None:
        kept["links"] = {target.src_uri: dict(anchors) for target, anchors in links.items()}
    return kept


def _restore(page: Page, kept: dict, files: Files) -> bool:
    links = {}
    for src_uri, anchors in kept.get("links", {}).items():
        target = files.get_file_from_path(src_uri)
        if target is None:  # cannot be, as the files are in the key: convert again
            return False
        links[target] = dict(anchors)
    page.content = kept["content"]
    page.toc = TableOfContents([_link(entry) for entry in kept["toc"]])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["ids"])
    if "links" in kept:
        page.links_to_anchors = links
    return True


def _link_json(link: AnchorLink) -> dict:
    return {"title": link.title, "id": link.id, "level": link.level,
            "children": [_link_json(child) for child in link.children]}


def _link(entry: dict) -> AnchorLink:
    link = AnchorLink(entry["title"], entry["id"], entry["level"])
    link.children = [_link(child) for child in entry["children"]]
    return link
