"""Printing: a print button (and, when the PDFs are built, a PDF link) on every document
page, the running header and footer of the printed page, a date line on signature
blocks that have none, and the bilingual agreement pages.

Document pages are those with `source:` or `translation_checked:` in their own or their
translation's front matter, and the bilingual pages. The print stylesheet is
overrides/assets/print.css; tools/make_pdfs.py renders the PDFs from the built site, and
finds the pages to render by the `data-anshin-pdf` name this hook gives each toolbar.
Every word the toolbar, the margins and the bilingual pages show is in the catalogues'
`print:` section (locales/<code>.yml).

A bilingual page is a stub, `docs/agreements/<name>-bilingual.<code>.md`, whose front
matter says `bilingual_of: agreements/<name>`; its body is generated here, block beside
block (anshin/printing.py aligns them on the clause ids). Its two columns are the page's
own language and the document's original (the version without `translation_checked`).
On the original's own bilingual page they are the original and its first translation in
mkdocs.yml's order, unless the stub's front matter names another: `bilingual_with: <code>`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, UnderTitle, context, docs_path, plain_text, render
from anshin.catalogue import CatalogueError
from anshin.languages import relative_url
from anshin.printing import (
    AlignmentError,
    MarkdownBlock,
    Row,
    align,
    bilingual_columns,
    css_string,
    has_date_field,
    is_document,
    issuer,
    page_counter,
    pdf_filename,
    read_blocks,
    signature_labels,
)
from anshin.school import fill_blanks
from anshin.source_files import line_of
from anshin.translations import original_of

log = get_plugin_logger(__name__)

# Set by `make build` when tools/make_pdfs.py will run after it: only then do the PDFs exist.
PDF_LINKS_VARIABLE = "ANSHIN_PDF_LINKS"

_SIGNATURE_LIST_END = re.compile(r'(<div class="signature">\s*<ul>.*?)(</ul>)', re.DOTALL)


@dataclass(frozen=True)
class _Bilingual:
    """What a bilingual page in one language sets side by side."""

    target: str                 # the document, without language or .md: agreements/pickup
    original: str               # the original's language code
    columns: tuple[str, str]    # the page's own language, then the other one
    sources: dict[str, Path]    # {code: file} of both columns

    @property
    def translation(self) -> str:
        return next(code for code in self.columns if code != self.original)


class _NoBilingual(Exception):
    """Why a bilingual page cannot be made: the warning's text with its fix, and the front
    matter key to blame (its line is the warning's)."""

    def __init__(self, message: str, key: str = "bilingual_of") -> None:
        super().__init__(message)
        self.key = key


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    bilingual_pages = build_context.build.bilingual_pages
    for file in files.documentation_pages():
        meta = build_context.meta(build_context.docs / file.src_uri)
        if "bilingual_of" not in meta:
            continue
        bilingual_pages[str(meta["bilingual_of"]).strip("/") + ".md"] = build_context.languages.split(file.src_uri)[0]
        # Reached from its agreement page, so not an orphan if the nav leaves it out; a nav
        # that lists it still shows it (only excluded drafts are kept out of the nav).
        if not file.inclusion.is_excluded():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build_context = context(config)
    toolbar = _toolbar(page, build_context, config)
    target = page.meta.get("bilingual_of")
    if target is not None:
        try:
            bilingual = _bilingual(build_context, str(target).strip("/"), build_context.language.code, page.meta)
        except _NoBilingual as problem:
            line = line_of(page.file.content_string, f"{problem.key}:", at_start=True)
            log.warning(f"{docs_path(page)}:{line}: {problem}")
        else:
            # The bilingual page's title and notice are its own HTML: the toolbar goes under them.
            return _bilingual_markdown(markdown, bilingual, page, config, toolbar)
    if toolbar:
        build_context.build.put_under_title(page.file.src_uri, UnderTitle.PRINT_TOOLBAR, toolbar)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build_context = context(config)
    norm, language = build_context.languages.split(page.file.src_uri)
    language = language or build_context.language.code
    if not is_document(page.meta, _twin_meta(build_context, norm, language)):
        return None
    blocks = read_blocks(_printed_source(page, build_context.docs, language))
    page_style = render(
        config, "partials/anshin/print-page-style.html", language=language,
        title=Markup(css_string(plain_text(page.title))),
        issuer=Markup(css_string(name)) if (name := _issuer(page, blocks, config, language)) else None,
        page_numbers=Markup(_page_numbers(build_context)),
    ).strip()
    if "bilingual_of" not in page.meta and not has_date_field(blocks, _date_labels(build_context)):
        html = _with_date_field(html, config, language)
    return page_style + "\n" + html


def _toolbar(page: Page, build_context: BuildContext, config: MkDocsConfig) -> str | None:
    """The print toolbar of a document page (None for other pages)."""
    languages = build_context.languages
    norm, language = languages.split(page.file.src_uri)
    language = language or build_context.language.code
    if not is_document(page.meta, _twin_meta(build_context, norm, language)):
        return None
    bilingual_page = build_context.build.bilingual_pages.get(norm)
    pair = _toolbar_pair(build_context, norm, bilingual_page, language) if bilingual_page else None
    return render(
        config, "partials/anshin/print-toolbar.html", language=language,
        pdf_name=pdf_filename(norm, language),
        pdf_links=os.environ.get(PDF_LINKS_VARIABLE) == "1",
        bilingual_href=relative_url(languages.page_url(bilingual_page, language), page.url) if pair and bilingual_page else None,
        bilingual=pair,
    ).strip()


def _bilingual(build_context: BuildContext, target: str, language: str, stub_meta: Mapping[str, object]) -> _Bilingual:
    """The two versions a bilingual page in `language` shows; _NoBilingual saying why not."""
    languages, docs = build_context.languages, build_context.docs
    norm = f"{target}.md"
    versions = languages.versions(docs, norm)
    # Without its own language's version or any other, the page has nothing to pair.
    missing = [code for code in languages.codes
               if code not in versions and (code == language or len(versions) <= 1)]
    if missing:
        needed = " and ".join(f"docs/{languages.source(norm, code)}" for code in missing)
        raise _NoBilingual(
            f"'bilingual_of: {target}' needs {needed}, which {'does' if len(missing) == 1 else 'do'} not exist"
            f" — fix: give the document's path under docs/ without language or .md, "
            f"e.g. 'bilingual_of: agreements/pickup'")
    originals = [code for code, path in versions.items() if "translation_checked" not in build_context.meta(path)]
    found = original_of(languages, docs, norm, None, build_context.meta)
    if found is None or len(originals) != 1:
        raise _NoBilingual(f"cannot tell the original of '{target}' from its translation — fix: write "
                           f"'translation_checked: YYYY-MM-DD' in the translation's front matter only")
    original = found[0]
    partner = stub_meta.get("bilingual_with")
    try:
        columns = bilingual_columns(language, original, tuple(versions),
                                    str(partner).strip() if partner is not None else None)
    except ValueError as error:
        raise _NoBilingual(f"{error} — fix: remove 'bilingual_with', or name a language the document "
                           f"is translated into", key="bilingual_with") from None
    return _Bilingual(target, original, columns, {code: versions[code] for code in columns})


def _bilingual_markdown(markdown: str, bilingual: _Bilingual, page: Page, config: MkDocsConfig,
                        toolbar: str | None) -> str | None:
    build_context = context(config)
    languages = build_context.languages
    original, translation = bilingual.original, bilingual.translation
    texts = {code: build_context.read(path) for code, path in bilingual.sources.items()}
    pair = build_context.translation_pair(bilingual.sources[translation])
    stale = pair is not None and pair.status.stale
    try:
        # A stale translation no longer lines up with its original: its rows come from
        # the comparison of the two (hooks/translations.py marks the same places).
        rows = _stale_rows(pair.status.rows) if stale and pair is not None else align(
            texts[original], build_context.shown(bilingual.sources[original]),
            texts[translation], build_context.shown(bilingual.sources[translation]))
    except AlignmentError as error:
        log.warning(f"{error} (needed by {docs_path(page)})")
        return None

    keep_blanks = page.meta.get("keep_blanks")
    school = build_context.school

    def version(row: Row, code: str) -> MarkdownBlock:
        return row.original if code == original else row.translation

    def cell_text(row: Row, code: str) -> str:
        text = version(row, code).text
        values = school.blanks(code) if school is not None and not keep_blanks else {}
        return fill_blanks(text, values) if values else text

    columns = bilingual.columns
    return render(
        config, "partials/anshin/bilingual.html", original=original,
        columns=[{"locale": code, "lang": languages.tag(code), "name": build_context.language_name(code),
                  "short": _short_name(build_context, code)} for code in columns],
        titles={code: build_context.meta(path).get("title", bilingual.target)
                for code, path in bilingual.sources.items()},
        hrefs={code: relative_url(languages.page_url(f"{bilingual.target}.md", code), page.url) for code in columns},
        rows=[{
            "kind": row.kind, "id": row.id,
            "cells": {code: cell_text(row, code) for code in columns},
            "fields": list(zip(*(signature_labels(version(row, code)) for code in columns), strict=True))
            if row.kind == "signature" else [],
            "stale": row.stale, "marker": row.marker,
        } for row in rows],
        stale=stale, page_lang=languages.tag(build_context.language.code),
        date_field=not has_date_field(read_blocks(texts[original]), _date_labels(build_context)),
        intro=markdown.strip(),
        toolbar=Markup(toolbar) if toolbar else None,
    )


def _stale_rows(units: list) -> list[Row]:
    """Bilingual rows from a stale translation's comparison with its original: a new clause
    has an empty translation cell, a removed one an empty original cell, and each row says
    what changed."""
    rows = []
    for now, translated, what in units:
        kind = (now or translated).kind
        kind = "text" if kind == "item" else kind
        left = MarkdownBlock(now.line, now.end, kind, now.text) if now else MarkdownBlock(0, 0, kind, "")
        right = MarkdownBlock(translated.line, translated.end, kind, translated.text) if translated else \
            MarkdownBlock(0, 0, kind, "")
        if kind == "signature" and (now is None or translated is None or
                                    len(signature_labels(left)) != len(signature_labels(right))):
            kind = "text"
        rows.append(Row(kind, (now or translated).id, left, right, what, now.marker if now else ""))
    return rows


def _toolbar_pair(build_context: BuildContext, norm: str, bilingual_page: str, language: str) -> dict | None:
    """The short names of the two languages of the bilingual page that a document page in
    `language` links to ({left, right}); None when that page is not built in `language`."""
    stub = build_context.docs / build_context.languages.source(bilingual_page, language)
    if not stub.is_file():
        return None
    try:
        columns = _bilingual(build_context, norm.removesuffix(".md"), language, build_context.meta(stub)).columns
    except _NoBilingual:
        return None  # the bilingual page itself reports it
    left, right = (_short_name(build_context, code) for code in columns)
    return {"left": left, "right": right}


def _short_name(build_context: BuildContext, code: str) -> str:
    """A language in the name of a pair (中日对照): the catalogue's `print.short_names.<code>`,
    else its name, so a new language needs no entry in every other catalogue."""
    key = f"print.short_names.{code}"
    return build_context.catalogue.text(key) if key in build_context.catalogue.strings else build_context.language_name(code)


def _page_numbers(build_context: BuildContext) -> str:
    catalogue = build_context.catalogue
    try:
        return page_counter(catalogue.text("print.page_numbers"))
    except ValueError as error:
        raise PluginError(str(CatalogueError("print.page_numbers", catalogue.path, catalogue.language,
                                             str(error)))) from None


def _date_labels(build_context: BuildContext) -> list[str]:
    """Every language's words for a labelled date field (a form may quote another language's)."""
    labels: list[str] = []
    for catalogue in build_context.catalogues.values():
        words = catalogue.value("print.date_labels")
        labels.extend(str(word) for word in (words if isinstance(words, list) else [words]))
    return labels


def _with_date_field(html: str, config: MkDocsConfig, language: str) -> str:
    """A printed agreement is signed on a date: add a date line to a signature block that
    has none (only in print, where the form is filled in)."""
    matches = list(_SIGNATURE_LIST_END.finditer(html))
    if not matches:
        return html
    last = matches[-1]
    field = render(config, "partials/anshin/print-date-field.html", languages=[language]).strip()
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


def _twin_meta(build_context: BuildContext, norm: str, language: str) -> dict:
    twins = build_context.languages.twins(build_context.docs, norm, language)
    return build_context.meta(next(iter(twins.values()))) if twins else {}
