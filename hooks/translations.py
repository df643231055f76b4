"""Translations: a notice on every translated page, and no page left in one language.

A page whose front matter has `translation_checked: YYYY-MM-DD` is a translation of the
page with the same name in the other language. It gets a notice under its title: a
reference translation, the original prevails, a link to the original and the date the
translation was last checked (overrides/partials/anshin/translation-notice.html).

A page that exists in one language only is reported (so `--strict` fails) unless its
front matter says `single_language: true`.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.rendering import docs_path, render  # noqa: E402
from hooks.site_paths import LOCALES, page_url, relative_url, split_locale, twin_source  # noqa: E402

log = get_plugin_logger(__name__)

_H1 = re.compile(r"^# .*$", re.MULTILINE)


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    # Every language build sees the same sources; report once, in the default language's.
    if config.theme["language"] != LOCALES[0]:
        return
    docs = Path(config.docs_dir)
    by_name: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        norm, locale = split_locale(path.relative_to(docs).as_posix())
        by_name.setdefault(norm, {})[locale or ""] = path
    for versions in by_name.values():
        if len(versions) != 1:
            continue
        [(locale, path)] = versions.items()
        if get_data(path.read_text(encoding="utf-8"))[1].get("single_language"):
            continue
        relative = path.relative_to(docs).as_posix()
        others = [loc for loc in LOCALES if loc != locale]
        twin = relative.replace(f".{locale}.md", f".{others[0]}.md") if locale else relative
        log.warning(f"docs/{relative}:1: this page exists in one language only — fix: add its "
                    f"translation docs/{twin}, or write 'single_language: true' in its front matter")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    checked = page.meta.get("translation_checked")
    if checked is None:
        return None
    if not isinstance(checked, datetime.date):
        log.warning(f"{docs_path(page)}:1: 'translation_checked: {checked}' is not a date — "
                    f"fix: write the date as YYYY-MM-DD, e.g. 2026-11-21")
        return None

    norm, language = split_locale(page.file.src_uri)
    original = twin_source(Path(config.docs_dir), norm, language)
    if original is None:
        log.warning(f"{docs_path(page)}:1: marked as a translation, but there is no original "
                    f"in another language — fix: add the original, or remove 'translation_checked'")
        return None
    original_path, original_locale = original
    tags = config.extra.get("lang_tags", {})
    notice = render(
        config, "partials/anshin/translation-notice.html",
        language=language,
        original_title=get_data(original_path.read_text(encoding="utf-8"))[1].get("title", norm),
        original_href=relative_url(page_url(norm, original_locale), page.url),
        original_lang=tags.get(original_locale, original_locale),
        checked=checked,
        glossary_href=relative_url(page_url("glossary.md", language), page.url),
    ).strip()
    heading = _H1.search(markdown)
    if heading is None:
        return notice + "\n\n" + markdown
    return markdown[: heading.end()] + "\n\n" + notice + "\n" + markdown[heading.end():]


