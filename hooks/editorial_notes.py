"""Editorial-notes pages: every correction made to the seed texts, in the page's language.

A page opts in with `editorial_notes: true` in its front matter; the table is rendered
from data/corrections/*.yml by overrides/partials/anshin/editorial-notes.html, so both
languages show the same facts and nothing is typed twice.
"""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.corrections import Correction, DataError, load_all  # noqa: E402
from hooks.rendering import render  # noqa: E402
from hooks.site_paths import page_url, relative_url, split_locale  # noqa: E402


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.meta.get("editorial_notes"):
        return None

    root = Path(config.config_file_path).parent
    try:
        corrections = load_all(root / "data" / "corrections")
    except DataError as error:
        raise PluginError(str(error)) from None

    language = config.theme["language"]
    seed_languages = _seed_languages(corrections, config)
    documents = [
        _document(page_key, list(entries), Path(config.docs_dir), page, language, config)
        for page_key, entries in groupby(sorted(corrections, key=_page_key), key=_page_key)
    ]
    for document in documents:
        document["source_lang"] = seed_languages.get(document["seed"], language)
    table = render(config, "partials/anshin/editorial-notes.html",
                   documents=documents, language=language,
                   own_tag=config.extra.get("lang_tags", {}).get(language, language),
                   lang_tags=config.extra.get("lang_tags", {}),
                   total=len(corrections))
    return markdown.rstrip() + "\n\n" + table + "\n"


def _seed_languages(corrections: list[Correction], config: MkDocsConfig) -> dict[str, str]:
    """Each seed's language, as the language of the pages transcribed from it (BCP 47)."""
    tags = config.extra.get("lang_tags", {})
    languages: dict[str, str] = {}
    for correction in corrections:
        locale = split_locale(correction.page)[1] if correction.page else None
        if locale:
            languages.setdefault(correction.seed, tags.get(locale, locale))
    return languages


def _page_key(correction: Correction) -> str:
    return correction.page or ""


def _document(page_key: str, entries: list[Correction], docs_dir: Path, page: Page,
              language: str, config: MkDocsConfig) -> dict:
    """One group of the table: the corrected page (title, link) and its entries by seed line."""
    entries.sort(key=lambda c: (c.seed, c.line))
    if not page_key:
        return {"title": None, "href": None, "hreflang": None, "seed": entries[0].seed, "entries": entries}
    norm, locale = split_locale(page_key)
    source = docs_dir / page_key
    if not source.is_file():
        first = entries[0]
        raise PluginError(
            f"{first.data_file}:{first.data_line}: correction '{first.id}' names page '{page_key}',"
            f" which does not exist — fix: give the path under docs/, e.g. agreements/pickup.zh.md"
        )
    meta = get_data(source.read_text(encoding="utf-8"))[1]
    tags = config.extra.get("lang_tags", {})
    return {
        "title": meta.get("title", norm),
        "href": relative_url(page_url(norm, locale or language), page.url),
        "hreflang": tags.get(locale, locale) if locale and locale != language else None,
        "seed": entries[0].seed,
        "entries": entries,
    }
