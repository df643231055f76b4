"""Front matter checks: MkDocs silently ignores front matter it cannot parse, so a typo
would drop a page's title and description without a word. Report it, with the line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import docs_path

log = get_plugin_logger(__name__)

# The same pattern MkDocs uses to find YAML front matter.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
REQUIRED_KEYS = ("title", "description")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    source = page.file.content_string
    where = docs_path(page)
    if not source.startswith("---"):
        log.warning(f"{where}:1: no front matter — fix: start the file with '---', "
                    f"'title: …', 'description: …' and a closing '---'")
        return None

    match = _FRONT_MATTER.match(source)
    if not match:
        log.warning(f"{where}:1: front matter is not closed — fix: add a line '---' after the last key")
        return None

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.MarkedYAMLError as error:
        # An unclosed bracket is detected at the end of the text; its opening is the useful line.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        log.warning(f"{where}:{line}: front matter is not valid YAML ({error.problem}) — fix: "
                    f"quote values that contain ':', '#', '[' or '{{', and close every bracket")
        return None

    if not isinstance(data, dict):
        log.warning(f"{where}:2: front matter must be 'key: value' lines — fix: write e.g. 'title: …'")
        return None
    for key in REQUIRED_KEYS:
        if not str(data.get(key) or "").strip():
            log.warning(f"{where}:1: front matter has no '{key}' — fix: add '{key}: …' "
                        f"(the title shows in the browser tab; the description in search results)")
    return None
