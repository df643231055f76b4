"""When a document takes effect and when it last changed, under its title.

The effective date is a fact of the original: `effective: 2019-04-01` (or `effective:
signing` for agreements that take effect when signed) in the original's front matter;
translations show their original's. "Last changed" comes from git history of the page's
own file; without history (a download, not a clone) it falls back to the front matter's
`updated:` date, and is left out if there is none: an invented date would mislead.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.git_history import last_changed  # noqa: E402
from hooks.rendering import docs_path, render  # noqa: E402
from hooks.site_paths import page_url, relative_url, split_locale, twin_source  # noqa: E402

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "source" not in page.meta and "translation_checked" not in page.meta:
        return None
    docs = Path(config.docs_dir)
    effective = page.meta.get("effective") or _original_meta(docs, page).get("effective")
    if effective is not None and effective != "signing" and not isinstance(effective, datetime.date):
        log.warning(f"{docs_path(page)}:1: 'effective: {effective}' is neither a date nor 'signing' — "
                    f"fix: write e.g. 'effective: 2019-04-01', or 'effective: signing'")
        effective = None
    changed = last_changed(docs / page.file.src_uri) or page.meta.get("updated")
    language = config.theme["language"]
    block = render(config, "partials/anshin/document-dates.html", language=language,
                   effective=effective, changed=changed,
                   notes_href=relative_url(page_url("notes/editorial.md", language), page.url)).strip()
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block, ""] + lines[index + 1:])
    return block + "\n\n" + markdown


def _original_meta(docs: Path, page: Page) -> dict:
    twin = twin_source(docs, *split_locale(page.file.src_uri))
    return get_data(twin[0].read_text(encoding="utf-8"))[1] if twin else {}
