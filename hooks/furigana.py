"""ふりがな on the pages of a language whose catalogue names a reader (locales/ja.yml:
`furigana: {reader: sudachi}`); anshin/furigana.py explains what the reader sees, and why
it is built this way.

- `on_page_context`: gives the page's header its toggle: `anshin_furigana`, the URLs of
  the page's readings file and of the script, which overrides/partials/anshin/
  header-furigana.html shows the button for (pages of other languages get nothing).
- `on_post_page`: reads the page as it is served, works out the readings of its
  document's text (Sudachi, then data/readings.yml, read with file:line on any problem)
  and writes them beside the page, as furigana.json. The page itself is not changed. A
  page whose texts are as in the last build gets its readings from the build cache
  (anshin/analysis_cache.py), without Sudachi.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from anshin.analysis_cache import AnalysisCache, key_of
from anshin.build_context import BuildContext, context, fail
from anshin.catalogue import CatalogueError
from anshin.errors import DataError
from anshin.furigana import (
    Word,
    catalogue_reader,
    notation,
    page_texts,
    readings_json,
    readings_path,
    readings_table,
    sudachi_words,
)
from anshin.languages import relative_url

log = get_plugin_logger(__name__)

SCRIPT = "assets/furigana.js"         # one copy, at the site root
# Texts whose words are kept for the other pages of the build (LanguageBuild.furigana_words):
# the ones that repeat are headings, names and events, met again soon; a site a hundred
# times this one's keeps a few tens of MB, not all of its text.
_KEPT_TEXTS = 20_000


def on_page_context(template_context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    if _reader(context(config)) is None:
        return None
    template_context["anshin_furigana"] = {
        "readings": relative_url(readings_path(page.file.dest_uri), page.url),
        "script": relative_url(SCRIPT, page.url),
    }
    return template_context


# After the hooks that change a page's HTML (none does so here yet: the default is 0);
# mkdocs-static-i18n's (-100) only reads it.
@event_priority(-90)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    build_context = context(config)
    if _reader(build_context) is None:
        return None
    started = time.perf_counter()
    cache = _cache(build_context)
    # The page as served names its texts' entry (no parse); another page with the same
    # texts (a new menu entry changes every page) finds it by the texts.
    page_key = key_of(("page", output))
    texts_key = cache.get(page_key)
    readings = cache.get(texts_key) if isinstance(texts_key, str) else None
    if not isinstance(readings, dict):
        texts = page_texts(output, build_context.language.tag)
        texts_key = key_of(texts)
        readings = cache.get(texts_key)
        if not isinstance(readings, dict):
            readings = readings_json(_readings_table(build_context, texts))
            cache.put(texts_key, readings)
        cache.put(page_key, texts_key)
    path = Path(config.site_dir) / readings_path(page.file.dest_uri)
    data = json.dumps(readings, ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
    except OSError as error:
        raise PluginError(f"furigana: cannot write {path}: {error.strerror} — fix: make the site directory "
                          f"writable") from None
    log.debug(f"{page.file.dest_uri}: {len(readings)} entries, {len(data.encode()):,} bytes, "
              f"{time.perf_counter() - started:.2f} s")
    return None


def _cache(build_context: BuildContext) -> AnalysisCache:
    """The readings files already worked out, by the page's texts: valid for this code,
    this Sudachi and its dictionary, and these data/readings.yml entries."""
    overrides = build_context.readings
    return build_context.analysis_cache(
        "furigana", ("sudachipy", "sudachidict-core"),
        tuple(f"{word}\t{notation(override.pieces)}" for word, override in sorted(overrides.items())))


def _readings_table(build_context: BuildContext, texts: list[str]) -> dict:
    overrides = build_context.readings   # data/readings.yml, read once per build
    known = build_context.build.furigana_words

    def _read(text: str) -> list[Word]:
        words = known.get(text)
        if words is None:
            if len(known) >= _KEPT_TEXTS:
                known.clear()
            words = known[text] = sudachi_words(text, overrides)
        return words

    try:
        return readings_table(texts, _read)
    except ImportError as error:
        raise PluginError(f"furigana: Sudachi is not installed ({error.name}), which reads the "
                          f"{build_context.language.code} pages — fix: .venv/bin/pip install -r requirements.txt") from None


def _reader(build_context: BuildContext) -> str | None:
    """The reader the language's catalogue names (`furigana: {reader: …}`), None for none."""
    try:
        return catalogue_reader(build_context.catalogue)
    except DataError as error:
        raise fail(error) from None
    except CatalogueError as error:
        raise PluginError(f"{error} (needed by hooks/furigana.py)") from None
