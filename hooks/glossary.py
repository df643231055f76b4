"""Glossary pages: a page with `glossary: true` in its front matter gets the school terms
of data/glossary.yml (anshin/glossary.py), in its own language with the term in every
other language beside it, from one data file."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context, html_block
from anshin.glossary import load_glossary


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.meta.get("glossary"):
        return None
    build_context = context(config)
    terms = build_context.load(load_glossary, "glossary.yml")
    language = build_context.language.code
    table = html_block(config, "partials/anshin/glossary.html", terms=terms, language=language,
                       others=build_context.languages.others(language))
    return markdown.rstrip() + "\n\n" + table + "\n"
