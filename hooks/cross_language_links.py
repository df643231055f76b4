"""Links from a page to a page in another language.

mkdocs-static-i18n builds each language separately, so `[…](policy/anti-bullying.ja.md)`
on a Chinese page points at a file the Chinese build does not contain and MkDocs would
report it as missing. This hook resolves such links to the other language's URL, marks
them with `hreflang`, and reports targets that do not exist as build warnings, with the
line of the link. A link with an anchor (`…ja.md#いじめの防止`) is checked against the
ids of the page as built, once every language has been built (MkDocs checks anchors only
within one language's build).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context, docs_path, render
from anshin.languages import Languages, relative_url
from anshin.source_files import line_of

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build_context = context(config)
    languages, language = build_context.languages, build_context.language.code
    link = _link_pattern(languages)
    if not any(m.group("locale") != language for m in link.finditer(markdown)):
        return None

    source = page.file.content_string

    def replace(match: re.Match[str]) -> str:
        if match.group("locale") == language:
            return match.group(0)
        target = PurePosixPath(page.file.src_uri).parent / match.group("target")
        target_uri = _normalise(target)
        if not (build_context.docs / target_uri).is_file():
            line = line_of(source, match.group(0))
            log.warning(
                f"{docs_path(page)}:{line}: link to '{match.group('target')}', which does not exist"
                f" — fix: correct the path, or write the page docs/{target_uri}"
            )
            return match.group(0)
        norm = languages.split(target_uri)[0]
        code = match.group("locale")  # the target's language: the pattern matches only `.<code>.md`
        anchor = match.group("anchor") or ""
        if len(anchor) > 1:
            line = line_of(source, match.group(0))
            build_context.anchored_links.append((languages.page_url(norm, code), anchor[1:], f"{docs_path(page)}:{line}"))
        href = relative_url(languages.page_url(norm, code), page.url) + anchor
        return render(config, "partials/anshin/cross-language-link.html",
                      href=href, hreflang=languages.tag(code), text=match.group("text")).strip()

    return link.sub(replace, markdown)


# After mkdocs-static-i18n's (-100), inside which the other languages are built: by then
# every page of every language is written.
@event_priority(-150)
def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    if not build_context.language.default:
        return
    site = Path(config.site_dir)
    ids: dict[str, set[str]] = {}
    for url, anchor, where in build_context.anchored_links:
        if url not in ids:
            ids[url] = _ids(site / url / "index.html")
        if unquote(anchor) not in ids[url]:
            log.warning(f"{where}: link to '#{anchor}' on {url or 'the home page'}, which has no such anchor "
                        f"— fix: use one of the page's heading or clause anchors (open the page and copy the "
                        f"link of the ¶ sign next to the heading)")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Headings also answer to their clause position id (data-clause; assets/anshin.js).
        self.ids.update(value for name, value in attrs if name in ("id", "data-clause") and value)


def _ids(page: Path) -> set[str]:
    parser = _Ids()
    if page.is_file():
        parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


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
