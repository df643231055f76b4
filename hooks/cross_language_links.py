"""Links from a page to a page in another language.

mkdocs-static-i18n builds each language separately, so `[…](policy/anti-bullying.ja.md)`
on a Chinese page points at a file the Chinese build does not contain and MkDocs would
report it as missing. This hook resolves such links to the other language's URL, marks
them with `hreflang`, and reports targets that do not exist as build warnings.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context, docs_path, first_body_line, render
from anshin.languages import Languages, relative_url

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build_context = context(config)
    languages, language = build_context.languages, build_context.language.code
    link = _link_pattern(languages)
    if not any(m.group("locale") != language for m in link.finditer(markdown)):
        return None

    body_line = first_body_line(page)

    def replace(match: re.Match[str]) -> str:
        if match.group("locale") == language:
            return match.group(0)
        target = PurePosixPath(page.file.src_uri).parent / match.group("target")
        target_uri = _normalise(target)
        if not (build_context.docs / target_uri).is_file():
            line = body_line + markdown.count("\n", 0, match.start())
            log.warning(
                f"{docs_path(page)}:{line}: link to '{match.group('target')}', which does not exist"
                f" — fix: correct the path, or write the page docs/{target_uri}"
            )
            return match.group(0)
        norm, code = languages.split(target_uri)
        href = relative_url(languages.page_url(norm, code), page.url) + (match.group("anchor") or "")
        return render(config, "partials/anshin/cross-language-link.html",
                      href=href, hreflang=languages.tag(code), text=match.group("text")).strip()

    return link.sub(replace, markdown)


def _link_pattern(languages: Languages) -> re.Pattern[str]:
    codes = "|".join(re.escape(code) for code in languages.codes)
    return re.compile(
        r"\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s#]+\.(?P<locale>" + codes + r")\.md)"
        r"(?P<anchor>#[^)\s]*)?\)"
    )


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
