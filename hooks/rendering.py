"""Small MkDocs helpers shared by the hooks: theme templates and source line numbers."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from hooks.quoted_text import mark_quoted


def render(config: MkDocsConfig, template: str, **context: object) -> str:
    """Render a template from `overrides/` (or the theme) with autoescaping on."""
    return _environment(tuple(config.theme.dirs)).get_template(template).render(**context)


@lru_cache(maxsize=4)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    # The theme's own environment is only built after pages are converted, so hooks
    # that run on Markdown need their own, over the same template directories.
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["mark_quoted"] = mark_quoted
    return environment


def first_body_line(page: Page) -> int:
    """1-based line in the source file where the Markdown body (after front matter) begins.

    Measured on the file itself: other plugins may already have reflowed the Markdown
    a hook receives (mkdocs-static-i18n drops its trailing newline, for one).
    """
    source = page.file.content_string
    body, _ = get_data(source)
    return source[: len(source) - len(body)].count("\n") + 1


def default_language(config: MkDocsConfig) -> str:
    """The language built at the site root (mkdocs-static-i18n's default)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "default_language", None) or config.theme["language"]


def docs_path(page: Page) -> str:
    """The page's source path as editors see it, e.g. `docs/agreements/pickup.zh.md`."""
    return f"docs/{page.file.src_uri}"
