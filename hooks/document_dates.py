"""When a document takes effect and when it last changed, under its title.

The effective date is a fact of the original: `effective: 2019-04-01` (or `effective:
signing` for agreements that take effect when signed) in the original's front matter;
translations and the side-by-side pages (`bilingual_of:`, which families sign) show
their original's. "Last changed" comes from git history of the page's
own file (anshin/git_history.py); without history (a download, not a clone) it falls back
to the front matter's `updated:` date, and is left out if there is none: an invented date
would mislead.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, UnderTitle, context, docs_path, render
from anshin.git_history import last_changed
from anshin.languages import relative_url
from anshin.translations import original_of

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not any(key in page.meta for key in ("source", "translation_checked", "bilingual_of")):
        return None
    build_context = context(config)
    languages, language = build_context.languages, build_context.language.code
    original = None
    if "bilingual_of" in page.meta:
        original = _bilingual_original(page, build_context)
        if original is None:
            return None  # hooks/printing.py reports a bilingual page without its document
    own_meta = build_context.meta(original) if original else page.meta
    effective = own_meta.get("effective") or _original_meta(page, build_context).get("effective")
    if effective is not None and effective != "signing" and not isinstance(effective, datetime.date):
        log.warning(f"{docs_path(page)}:1: 'effective: {effective}' is neither a date nor 'signing' — "
                    f"fix: write e.g. 'effective: 2019-04-01', or 'effective: signing'")
        effective = None
    # A page made in memory by a plugin has no source file, so no Git history either.
    source = str(original) if original else page.file.abs_src_path
    changed = (last_changed(Path(source), build_context.history) if source else None) or own_meta.get("updated")
    block = render(config, "partials/anshin/document-dates.html",
                   effective=effective, changed=changed,
                   notes_href=relative_url(languages.page_url("notes/editorial.md", language), page.url)).strip()
    build_context.build.put_under_title(page.file.src_uri, UnderTitle.DOCUMENT_DATES, block)
    return None


def _bilingual_original(page: Page, build_context: BuildContext) -> Path | None:
    """The original of the document a side-by-side page sets out, if it exists."""
    norm = str(page.meta["bilingual_of"]).strip("/") + ".md"
    found = original_of(build_context.languages, build_context.docs, norm, None, build_context.meta)
    return found[1] if found else None


def _original_meta(page: Page, build_context: BuildContext) -> dict:
    if "translation_checked" not in page.meta:
        return {}
    norm, code = build_context.languages.split(page.file.src_uri)
    original = original_of(build_context.languages, build_context.docs, norm, code, build_context.meta)
    return build_context.meta(original[1]) if original else {}
