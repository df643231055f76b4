"""Glossary pages: a page with `glossary: true` in its front matter gets the table of
school terms from data/glossary.yml, in its own language, from one data file."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.data_files import DataError  # noqa: E402
from hooks.glossary import load_glossary  # noqa: E402
from hooks.rendering import render  # noqa: E402


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.meta.get("glossary"):
        return None
    path = Path(config.config_file_path).parent / "data" / "glossary.yml"
    try:
        terms = load_glossary(path)
    except DataError as error:
        raise PluginError(str(error)) from None
    language = config.theme["language"]
    other = "ja" if language == "zh" else "zh"
    tags = config.extra.get("lang_tags", {})
    table = render(config, "partials/anshin/glossary.html", terms=terms, language=language,
                   other=other, other_tag=tags.get(other, other))
    return markdown.rstrip() + "\n\n" + table + "\n"
