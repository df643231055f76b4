"""Front matter checks (anshin/front_matter.py), on every page before MkDocs reads it:
MkDocs silently ignores front matter it cannot parse, so a typo would drop a page's
title and description without a word. Errors (a date that does not exist, front matter
that is not closed or not YAML) stop the build; the rest are warnings, so `--strict`
fails on them too. Every message names the file and line.

Front matter is text, not markup: MkDocs' theme templates print `title` and
`description` without escaping them (its Jinja environment does not autoescape), in
`<title>`, the navigation, the header and `<meta name="description">`. So both are
escaped once, as the page is read (`on_page_markdown`, first): a `<script>` in a title
shows as text everywhere. They become `Markup`, so the autoescaping templates of
overrides/ do not escape them twice.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context, fail
from anshin.errors import DataError
from anshin.front_matter import read_front_matter

log = get_plugin_logger(__name__)


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    if not build_context.language.default:
        return  # every language build sees the same sources: check them once
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue  # made in memory by a plugin: no source file whose front matter to check
        path = Path(file.abs_src_path)
        try:
            front_matter = read_front_matter(build_context.read(path), build_context.shown(path))
        except DataError as error:
            raise fail(error) from None
        for warning in front_matter.warnings:
            log.warning(str(warning))


# Front matter the theme prints as it is.
_PRINTED_KEYS = ("title", "description")


@event_priority(90)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    for key in _PRINTED_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    return None
