"""Language metadata for every page: valid, reciprocal hreflang alternates.

Material links every language's home page as an "alternate" of every page. That is
wrong for pages without a translation and invalid for hreflang (alternates must be
the same content and must link back). We list only the translations that exist.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    alternates = getattr(page.file, "alternates", None)
    if not alternates or len(alternates) < 2:
        context["anshin_alternates"] = []
        return context

    lang_tags = config.extra.get("lang_tags", {})
    base = (config.site_url or "/").rstrip("/") + "/"
    context["anshin_alternates"] = [
        {"hreflang": lang_tags.get(locale, locale), "href": base + _site_relative(file.url)}
        for locale, file in sorted(alternates.items())
    ]
    return context


def _site_relative(url: str) -> str:
    # MkDocs gives the root page the URL "./"; hreflang needs the bare site URL.
    return "" if url in (".", "./") else url
