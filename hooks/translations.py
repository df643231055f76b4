"""Translations: a notice on every translated page, and no page left in one language.

A page whose front matter has `translation_checked: YYYY-MM-DD` is a translation of the
page with the same name in another language (anshin/translations.py finds which). It gets
a notice under its title: a reference translation, the original prevails, a link to the
original and the date the translation was last checked
(overrides/partials/anshin/translation-notice.html, words from locales/<code>.yml).

A page that exists in one language only is reported (so `--strict` fails) unless its
front matter says `single_language: true`.
"""

from __future__ import annotations

import datetime

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import UnderTitle, context, docs_path, render
from anshin.languages import relative_url
from anshin.translations import original_of, single_language_pages

log = get_plugin_logger(__name__)


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    # Every language build sees the same sources; report once, in the default language's.
    if not build_context.language.default:
        return
    languages, docs = build_context.languages, build_context.docs
    for path, code in single_language_pages(languages, docs):
        if build_context.meta(path).get("single_language"):
            continue
        relative = path.relative_to(docs).as_posix()
        norm = languages.split(relative)[0]
        missing = [languages.source(norm, other) for other in languages.others(code or "")]
        log.warning(f"docs/{relative}:1: this page exists in one language only — fix: add its "
                    f"translation docs/{missing[0]}, or write 'single_language: true' in its front matter")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    checked = page.meta.get("translation_checked")
    if checked is None:
        return None
    if not isinstance(checked, datetime.date):
        log.warning(f"{docs_path(page)}:1: 'translation_checked: {checked}' is not a date — "
                    f"fix: write the date as YYYY-MM-DD, e.g. 2026-11-21")
        return None

    build_context = context(config)
    languages = build_context.languages
    norm, language = languages.split(page.file.src_uri)
    language = language or build_context.language.code
    original = original_of(languages, build_context.docs, norm, language, build_context.meta)
    if original is None:
        log.warning(f"{docs_path(page)}:1: marked as a translation, but there is no original "
                    f"in another language — fix: add the original, or remove 'translation_checked'")
        return None
    original_code, original_path = original
    notice = render(
        config, "partials/anshin/translation-notice.html",
        original_language=build_context.language_name(original_code),
        own_language=build_context.language_name(language),
        original_title=build_context.meta(original_path).get("title", norm),
        original_href=relative_url(languages.page_url(norm, original_code), page.url),
        original_lang=languages.tag(original_code),
        checked=checked,
        glossary_href=relative_url(languages.page_url("glossary.md", language), page.url),
    ).strip()
    build_context.build.put_under_title(page.file.src_uri, UnderTitle.TRANSLATION_NOTICE, notice)
    return None
