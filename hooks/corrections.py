"""Editorial-notes pages: every correction made to the seed texts (anshin/corrections.py),
in the page's language.

A page opts in with `editorial_notes: true` in its front matter; the table is rendered
from data/corrections/*.yml by overrides/partials/anshin/editorial-notes.html, so every
language shows the same facts and nothing is typed twice. Where the seed texts are at
hand, every correction's `before` is checked against its seed line (a warning at the
correction's line otherwise; see anshin/corrections.py).
"""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, context, html_block
from anshin.corrections import Correction, load_all, seed_mismatches
from anshin.languages import relative_url

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.meta.get("editorial_notes"):
        return None
    build_context = context(config)
    corrections = build_context.load(load_all, "corrections")
    if build_context.language.default:  # once, not once per language
        for mismatch in seed_mismatches(corrections, _seeds(config, build_context)):
            log.warning(str(mismatch.shown_from(build_context.root)))

    seed_languages = _seed_languages(corrections, build_context)
    documents = [
        _document(page_key, list(entries), page, build_context)
        for page_key, entries in groupby(sorted(corrections, key=_page_key), key=_page_key)
    ]
    for document in documents:
        document["source_lang"] = seed_languages.get(document["seed"], build_context.language.tag)
    table = html_block(config, "partials/anshin/editorial-notes.html",
                       documents=documents, language=build_context.language.code,
                       own_tag=build_context.language.tag, total=len(corrections),
                       writing_systems=build_context.writing_systems)
    return markdown.rstrip() + "\n\n" + table + "\n"


def _seeds(config: MkDocsConfig, build_context: BuildContext) -> Path:
    """Where the seed texts are, if anywhere: $ANSHIN_SEEDS, else mkdocs.yml `extra.seeds`,
    else ../shared/seeds (relative to the project)."""
    configured = os.environ.get("ANSHIN_SEEDS") or config.extra.get("seeds") or "../shared/seeds"
    return (build_context.root / configured).resolve()


def _seed_languages(corrections: list[Correction], build_context: BuildContext) -> dict[str, str]:
    """Each seed's language, as the language of the pages transcribed from it (BCP 47)."""
    languages: dict[str, str] = {}
    for correction in corrections:
        code = build_context.languages.split(correction.page)[1] if correction.page else None
        if code:
            languages.setdefault(correction.seed, build_context.languages.tag(code))
    return languages


def _page_key(correction: Correction) -> str:
    return correction.page or ""


def _document(page_key: str, entries: list[Correction], page: Page, build_context: BuildContext) -> dict:
    """One group of the table: the corrected page (title, link) and its entries by seed line."""
    entries.sort(key=lambda c: (c.seed, c.line))
    if not page_key:
        return {"title": None, "href": None, "hreflang": None, "seed": entries[0].seed, "entries": entries}
    languages, language = build_context.languages, build_context.language.code
    norm, code = languages.split(page_key)
    source = build_context.docs / page_key
    if not source.is_file():
        first = entries[0]
        raise PluginError(
            f"{build_context.shown(first.data_file)}:{first.data_line}: correction '{first.id}' names page "
            f"'{page_key}', which does not exist — fix: give the path under docs/, e.g. agreements/pickup.zh.md"
        )
    return {
        "title": build_context.meta(source).get("title", norm),
        "href": relative_url(languages.page_url(norm, code or language), page.url),
        "hreflang": languages.tag(code) if code and code != language else None,
        "seed": entries[0].seed,
        "entries": entries,
    }
