"""Printing: a print button (and, when the PDFs are built, a PDF link) on every document
page, the running header and footer of the printed page, a date line on signature
blocks that have none, and the bilingual agreement pages.

Document pages are those with `source:` or `translation_checked:` in their own or their
translation's front matter, and the bilingual pages. The print stylesheet is
overrides/assets/print.css; tools/make_pdfs.py renders the PDFs from the built site, and
finds the pages to render by the `data-anshin-pdf` name this hook gives each toolbar.

A bilingual page is a stub, `docs/agreements/<name>-bilingual.<lang>.md`, whose front
matter says `bilingual_of: agreements/<name>`; its body is generated here from the two
sources, block beside block (hooks/printing.py aligns them on the clause ids).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from anshin.printing import (
    AlignmentError, Row, align, css_string, has_date_field, is_document, issuer, pdf_filename,
    read_blocks, signature_labels,
)
from anshin.build_context import context, docs_path, render
from anshin.school import fill_blanks
from anshin.languages import relative_url

log = get_plugin_logger(__name__)

# Set by `make build` when tools/make_pdfs.py will run after it: only then do the PDFs exist.
PDF_LINKS_VARIABLE = "ANSHIN_PDF_LINKS"

_SIGNATURE_LIST_END = re.compile(r'(<div class="signature">\s*<ul>.*?)(</ul>)', re.DOTALL)
# What belongs right under the title stays there: the translation notice
# (hooks/translations.py, or a bilingual page's), and the dates (hooks/document_dates.py).
_UNDER_TITLE = re.compile(
    r'</h1>(?:\s*<div class="admonition note anshin-(?:translation|bilingual-notice)"[^>]*>.*?</div>'
    r'|\s*<p class="anshin-dates">.*?</p>)*', re.DOTALL)

def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    _bilingual_pages = build_context.build.bilingual_pages
    split_locale = build_context.languages.split
    docs = Path(config.docs_dir)
    for file in files.documentation_pages():
        meta = _meta(docs / file.src_uri)
        if "bilingual_of" not in meta:
            continue
        _bilingual_pages[str(meta["bilingual_of"]).strip("/") + ".md"] = split_locale(file.src_uri)[0]
        # Reached from its agreement page, so not an orphan if the nav leaves it out; a nav
        # that lists it still shows it (only excluded drafts are kept out of the nav).
        if not file.inclusion.is_excluded():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    target = page.meta.get("bilingual_of")
    if target is None:
        return None
    return _bilingual_markdown(markdown, str(target).strip("/"), page, config)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    docs = Path(config.docs_dir)
    build_context = context(config)
    languages = build_context.languages
    norm, language = languages.split(page.file.src_uri)
    language = language or build_context.language.code
    if not is_document(page.meta, _twin_meta(build_context, norm, language)):
        return None
    blocks = read_blocks(_printed_source(page, docs, language))
    bilingual = build_context.build.bilingual_pages.get(norm)
    toolbar = render(
        config, "partials/anshin/print-toolbar.html", language=language,
        pdf_name=pdf_filename(norm, language),
        pdf_links=os.environ.get(PDF_LINKS_VARIABLE) == "1",
        bilingual_href=relative_url(languages.page_url(bilingual, language), page.url) if bilingual else None,
    ).strip()
    page_style = render(
        config, "partials/anshin/print-page-style.html", language=language,
        title=Markup(css_string(page.title or "")),
        issuer=Markup(css_string(name)) if (name := _issuer(page, blocks, config, language)) else None,
    ).strip()
    if "bilingual_of" not in page.meta and not has_date_field(blocks):
        html = _with_date_field(html, config, language)
    under_title = _UNDER_TITLE.search(html)
    if under_title is None:
        return page_style + "\n" + toolbar + "\n" + html
    end = under_title.end()
    return page_style + "\n" + html[:end] + "\n" + toolbar + html[end:]


def _bilingual_markdown(markdown: str, target: str, page: Page, config: MkDocsConfig) -> str | None:
    docs = Path(config.docs_dir)
    build_context = context(config)
    LOCALES = build_context.languages.codes  # noqa: N806
    page_url = build_context.languages.page_url
    where = f"{docs_path(page)}:{_line_of(page.file.content_string, 'bilingual_of:')}"
    sources = {locale: docs / f"{target}.{locale}.md" for locale in LOCALES}
    missing = [f"docs/{target}.{locale}.md" for locale, path in sources.items() if not path.is_file()]
    if missing:
        log.warning(f"{where}: 'bilingual_of: {target}' needs {' and '.join(missing)}, which "
                    f"{'does' if len(missing) == 1 else 'do'} not exist — fix: give the document's path under docs/ without language or .md, "
                    f"e.g. 'bilingual_of: agreements/pickup'")
        return None
    metas = {locale: _meta(path) for locale, path in sources.items()}
    originals = [locale for locale in LOCALES if "translation_checked" not in metas[locale]]
    if len(originals) != 1:
        log.warning(f"{where}: cannot tell the original of '{target}' from its translation — fix: "
                    f"write 'translation_checked: YYYY-MM-DD' in the translation's front matter only")
        return None
    original = originals[0]
    [translation] = [locale for locale in LOCALES if locale != original]
    texts = {locale: path.read_text(encoding="utf-8") for locale, path in sources.items()}
    try:
        rows = align(texts[original], f"docs/{target}.{original}.md",
                     texts[translation], f"docs/{target}.{translation}.md")
    except AlignmentError as error:
        log.warning(f"{error} (needed by {docs_path(page)})")
        return None

    language = build_context.language.code
    tags = build_context.languages.tags
    # The reader's own language on the left; the original prevails whichever side it is on.
    columns = [language] + [locale for locale in LOCALES if locale != language]
    keep_blanks = page.meta.get("keep_blanks")
    school = build_context.school

    def cell_text(row: Row, locale: str) -> str:
        text = (row.original if locale == original else row.translation).text
        values = school.blanks(locale) if school is not None and not keep_blanks else {}
        return fill_blanks(text, values) if values else text

    body = render(
        config, "partials/anshin/bilingual.html", language=language, original=original, lang_tags=tags,
        columns=[{"locale": c, "lang": tags.get(c, c)} for c in columns],
        titles={locale: metas[locale].get("title", target) for locale in LOCALES},
        hrefs={locale: relative_url(page_url(f"{target}.md", locale), page.url) for locale in LOCALES},
        rows=[{
            "kind": row.kind, "id": row.id,
            "cells": {c: cell_text(row, c) for c in columns},
            "fields": list(zip(*(signature_labels(row.original if c == original else row.translation)
                                 for c in columns))) if row.kind == "signature" else [],
        } for row in rows],
        date_field=not has_date_field(read_blocks(texts[original])),
        intro=markdown.strip(),
    )
    return body


def _with_date_field(html: str, config: MkDocsConfig, language: str) -> str:
    """A printed agreement is signed on a date: add a date line to a signature block that
    has none (only in print, where the form is filled in)."""
    matches = list(_SIGNATURE_LIST_END.finditer(html))
    if not matches:
        return html
    last = matches[-1]
    field = render(config, "partials/anshin/print-date-field.html", languages=[language],
                   lang_tags=context(config).languages.tags).strip()
    return html[: last.start(2)] + field + "\n" + html[last.start(2):]


def _issuer(page: Page, blocks: list, config: MkDocsConfig, language: str) -> str | None:
    named = issuer(page.meta, blocks)
    if named:
        return named
    return context(config).school.name.get(language) or None


def _printed_source(page: Page, docs: Path, language: str) -> str:
    """The Markdown whose signature and closing blocks the page prints: its own, or for a
    bilingual page its document's, in the page's language."""
    target = page.meta.get("bilingual_of")
    source = docs / f"{str(target).strip('/')}.{language}.md" if target else None
    if source is not None and source.is_file():
        return source.read_text(encoding="utf-8")
    return page.file.content_string


def _twin_meta(build_context, norm: str, language: str) -> dict:
    twins = build_context.languages.twins(build_context.docs, norm, language)
    return _meta(next(iter(twins.values()))) if twins else {}


def _meta(path: Path) -> dict:
    try:
        return get_data(path.read_text(encoding="utf-8"))[1]
    except (OSError, UnicodeDecodeError):
        return {}


def _line_of(source: str, key: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith(key):
            return number
    return 1
