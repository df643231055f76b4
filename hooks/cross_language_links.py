"""Links from a page to a page that exists only in the other language.

mkdocs-static-i18n builds each language separately, so `[…](policy/anti-bullying.ja.md)`
on a Chinese page points at a file the Chinese build does not contain and MkDocs would
report it as missing. This hook resolves such links to the other language's URL, marks
them with `hreflang`, and reports targets that do not exist as build warnings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.rendering import docs_path, first_body_line, render  # noqa: E402
from hooks.site_paths import LOCALES, page_url, relative_url, split_locale  # noqa: E402

log = get_plugin_logger(__name__)

_LINK = re.compile(
    r"\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s#]+\.(?P<locale>" + "|".join(LOCALES) + r")\.md)"
    r"(?P<anchor>#[^)\s]*)?\)"
)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    language = config.theme["language"]
    if not any(m.group("locale") != language for m in _LINK.finditer(markdown)):
        return None

    body_line = first_body_line(page)
    docs_dir = Path(config.docs_dir)

    def replace(match: re.Match[str]) -> str:
        if match.group("locale") == language:
            return match.group(0)
        target = PurePosixPath(page.file.src_uri).parent / match.group("target")
        target_uri = _normalise(target)
        if not (docs_dir / target_uri).is_file():
            line = body_line + markdown.count("\n", 0, match.start())
            log.warning(
                f"{docs_path(page)}:{line}: link to '{match.group('target')}', which does not exist"
                f" — fix: correct the path, or write the page docs/{target_uri}"
            )
            return match.group(0)
        norm, locale = split_locale(target_uri)
        href = relative_url(page_url(norm, locale), page.url) + (match.group("anchor") or "")
        tags = config.extra.get("lang_tags", {})
        return render(config, "partials/anshin/cross-language-link.html",
                      href=href, hreflang=tags.get(locale, locale), text=match.group("text")).strip()

    return _LINK.sub(replace, markdown)


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
