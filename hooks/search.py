"""One search index per language, so that Chinese pages find Chinese pages and Japanese
pages Japanese ones.

mkdocs-static-i18n builds each language in turn and merges every language's entries into
the one search/search_index.json that Material's search plugin writes. We write our own
per language instead, under the language's root: the default language's at
search/search_index.json, where Material's script looks, and every other one's at
<code>/search/search_index.json (ja/search/search_index.json), where overrides/main.html
(block config) makes it look on that language's pages. That file, fetched by every
page, holds only the settings; the text is in search_index_full.json beside it, which the
search worker fetches on the first query (anshin/search/corpus.py). Each entry is a
page, a heading or a clause (anshin/search/sections.py); each index carries the words of its language
for splitting queries (anshin/search/words.py), found by the tokenizer that the
language's catalogue names (`search.tokenizer` in locales/<code>.yml);
overrides/assets/search.js searches it in the browser, inside Material's search box.

Pages leave search with `search: {exclude: true}` in their front matter, and weigh more or
less with `search: {boost: 2}`, as with Material's own search.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from anshin.analysis_cache import key_of
from anshin.build_context import BuildContext, context, docs_path, fail, plain_text
from anshin.catalogue import CatalogueError
from anshin.errors import DataError
from anshin.search.corpus import FULL_INDEX, INDEX, index_document, loader_document, write_index
from anshin.search.sections import SearchEntry, page_entries
from anshin.search.words import Tokenizer, catalogue_tokenizer
from anshin.source_files import line_of

log = get_plugin_logger(__name__)

# Material's search plugin also runs jieba when it is installed, and jieba announces its
# dictionary loading on stderr at DEBUG level, in the middle of the build's output.
logging.getLogger("jieba").setLevel(logging.WARNING)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Checked before Material's search plugin reads it, which fails with a traceback on a
    # `search:` that is not a mapping.
    page.meta["search"] = _search_settings(page)
    return None


# Before Material's search plugin (0): its index of the page would be thrown away (we
# write our own, below), and making it costs a parse of the page and, when jieba is
# installed, Chinese segmentation of every word: a third of a build's time. The page is
# read here, then marked `exclude` for Material's plugin, its documented way to skip a
# page; its search box and everything else of it stay as they are.
@event_priority(50)
def on_page_context(template_context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    search = page.meta.get("search") or {}
    page.meta["search"] = {**search, "exclude": True}
    if search.get("exclude"):
        return None
    build_context = context(config)
    root = build_context.language.root
    url = page.url[len(root):] if page.url.startswith(root) else page.url
    build_context.build.search_entries.extend(
        _entries(build_context, page.content or "", url, plain_text(page.title), search.get("boost", 1.0)))
    return None


def _entries(build_context: BuildContext, html: str, url: str, title: str, boost: float) -> list[SearchEntry]:
    """The page's search entries; from the build cache when the page is as it was."""
    cache = build_context.analysis_cache("search-entries", ())
    key = key_of((html, url, title, repr(boost)))
    found = cache.get(key)
    if isinstance(found, list):
        return [SearchEntry(**entry) for entry in found]
    entries = page_entries(html, url=url, title=title, boost=boost)
    cache.put(key, [dataclasses.asdict(entry) for entry in entries])
    return entries


# After mkdocs-static-i18n (-100), which rewrites search/search_index.json with every
# language merged once all languages are built; before hooks/build_context.py (-200)
# ends the language's build, and its entries with it.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    language, entries = build_context.language, build_context.build.search_entries
    tokenizer = _tokenizer(build_context)
    started = time.perf_counter()
    try:
        cache = build_context.analysis_cache(f"search-words-{tokenizer.name}", tokenizer.distributions)
        document = index_document(entries, language.code, tokenizer, cache)
    except ImportError as error:
        raise PluginError(f"search: the {tokenizer.name} tokenizer ({language.code} pages) is not installed "
                          f"({error.name}) — fix: .venv/bin/pip install -r requirements.txt") from None
    root = Path(config.site_dir) / language.root
    try:
        size = write_index(root / FULL_INDEX, document)
        write_index(root / INDEX, loader_document(document, language.root))
    except OSError as error:
        raise PluginError(f"search: cannot write {error.filename}: {error.strerror} — "
                          f"fix: make the site directory writable") from None
    log.debug(f"{language.code}: {len(entries)} entries, {size:,} bytes, "
              f"{time.perf_counter() - started:.2f} s")


def _search_settings(page: Page) -> dict[str, object]:
    """The page's `search:` front matter as Material reads it ({exclude, boost}), with
    whatever is wrong in it reported and left out."""
    search = page.meta.get("search")
    if search is None:
        return {}
    if not isinstance(search, dict):
        log.warning(f"{_where(page, 'search')}: front matter 'search' must be a mapping — "
                    f"fix: write e.g. 'search: {{exclude: true}}' or 'search: {{boost: 2}}'")
        return {}
    settings = dict(search)
    boost = settings.get("boost", 1.0)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)) or boost <= 0:
        log.warning(f"{_where(page, 'search')}: front matter 'search: boost' is {boost!r} — "
                    f"fix: use a number above 0, e.g. 'boost: 2' (more) or 'boost: 0.5' (less)")
        settings.pop("boost")
    return settings


def _where(page: Page, key: str) -> str:
    """`docs/x.md:LINE` of a front matter key (the file's first line if not found)."""
    return f"{docs_path(page)}:{line_of(page.file.content_string, f'{key}:', at_start=True)}"


def _tokenizer(build_context: BuildContext) -> Tokenizer:
    """The tokenizer the language's catalogue names (`search: {tokenizer: …}`)."""
    try:
        return catalogue_tokenizer(build_context.catalogue)
    except DataError as error:
        raise fail(error) from None
    except CatalogueError as error:
        raise PluginError(f"{error} (needed by hooks/search.py)") from None
