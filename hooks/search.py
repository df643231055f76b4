"""One search index per language, so that Chinese pages find Chinese pages and Japanese
pages Japanese ones.

mkdocs-static-i18n builds each language in turn and merges every language's entries into
the one search/search_index.json that Material's search plugin writes. We write our own
per language instead: the Chinese one at search/search_index.json, where Material's script
looks on Chinese pages, and the Japanese one at ja/search/search_index.json, where
overrides/main.html (block config) makes it look on Japanese pages. Each entry is a page, a
heading or a clause (hooks/search_sections.py); each index carries the words of its
language for splitting queries (hooks/search_words.py); overrides/assets/search.js searches
it in the browser, inside Material's search box.

Pages leave search with `search: {exclude: true}` in their front matter, and weigh more or
less with `search: {boost: 2}`, as with Material's own search.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from anshin.build_context import context, docs_path
from anshin.search.corpus import index_document, write_index
from anshin.search.sections import Entry, page_entries

log = get_plugin_logger(__name__)

# Material's search plugin also runs jieba when it is installed, and jieba announces its
# dictionary loading on stderr at DEBUG level, in the middle of the build's output.
logging.getLogger("jieba").setLevel(logging.WARNING)

# mkdocs-static-i18n runs the next language's build inside this one's on_post_build, so
# builds nest: one frame per build in progress, the innermost last.
_builds: list[tuple[str, list[Entry]]] = []


def on_pre_build(*, config: MkDocsConfig) -> None:
    _builds.append((context(config).language.code, []))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Checked before Material's search plugin reads it, which fails with a traceback on a
    # `search:` that is not a mapping.
    page.meta["search"] = _search_settings(page)
    return None


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    search = page.meta.get("search") or {}
    if not _builds or search.get("exclude"):
        return None
    language, entries = _builds[-1]
    root = _language_root(config, language)
    url = page.url[len(root):] if page.url.startswith(root) else page.url
    entries.extend(page_entries(page.content or "", url=url, title=page.title or "",
                                boost=search.get("boost", 1.0)))
    return None


# After mkdocs-static-i18n (-100), which rewrites search/search_index.json with every
# language merged once all languages are built.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _builds:
        return
    language, entries = _builds.pop()
    started = time.perf_counter()
    try:
        document = index_document(entries, language)
    except ImportError as error:
        raise PluginError(f"search: the {language} tokenizer is not installed ({error.name}) — "
                          f"fix: .venv/bin/pip install -r requirements.txt") from None
    path = Path(config.site_dir) / _language_root(config, language) / "search" / "search_index.json"
    try:
        size = write_index(path, document)
    except OSError as error:
        raise PluginError(f"search: cannot write {path}: {error.strerror} — "
                          f"fix: make the site directory writable") from None
    log.debug(f"{language}: {len(entries)} entries, {size:,} bytes, "
              f"{time.perf_counter() - started:.2f} s")


def on_build_error(*, error: Exception) -> None:
    _builds.clear()


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
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return f"{docs_path(page)}:{number}"
    return f"{docs_path(page)}:1"


def _language_root(config: MkDocsConfig, language: str) -> str:
    """Where a language's pages live under the site: '' for the default one, 'ja/' else."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or language
    return "" if language == default else f"{language}/"
