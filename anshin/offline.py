"""Reading the site without a connection, and keeping it on a phone's home screen (pure,
no MkDocs; hooks/offline.py writes the files).

A parent who has opened the site once can read it again with no signal: the pages they
have seen, and the pages that help in an emergency, in every language. Those are listed
in mkdocs.yml, as pages without their language suffix:

    extra:
      offline_pages:
        - index.md
        - contacts.md
        - calendar.md

Each is kept in every language it is written in; a listed page that the site does not
have is skipped (the build says so). Keep the list short: every page on it is downloaded,
with the stylesheets, scripts and icons it uses, by every visitor's first visit.

What the build writes:

- `sw.js` at the site root: the service worker (its source is overrides/assets/sw.js),
  one for every language, whose scope is the site's root, wherever the site is deployed
  (http://host/anshin/ too). Its BUILD line carries the build: the version, a hash of
  every file of the built site, so that any change of the site is a new worker, a new
  cache, and the old caches deleted (the pages a reader had saved are saved again, in
  their new wording); and the files to save when it installs: the listed
  pages with the files they use, and the search index of each language a reader has
  pages of open or saved (the others' pages open offline, without search).
- `manifest.webmanifest` in each language's root (`ja/manifest.webmanifest`), with that
  language's name for the site (the catalogue's `offline:` section), its `lang`, the
  school's colour and the site's icon (theme.favicon), so that "Add to Home Screen"
  installs the site in the reader's language. Its addresses are relative: it works
  from any sub-path.

Pages are always asked for over the network first, so that a reader with a connection
reads the current policy; the saved copy answers only when the network fails. Only the
site's own GET requests are saved, and only complete successful answers (nothing
redirected, no errors).

Material's `offline` plugin is not used: it is for opening the built site from files
(file://), and it turns search off; it does not make a site readable offline on a phone.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import struct
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from anshin.languages import Language, Languages, relative_url
from anshin.search.corpus import FULL_INDEX, INDEX

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
PAGES_SETTING = "offline_pages"  # mkdocs.yml extra.offline_pages
# Under each language's root, written by hooks/search.py (anshin/search/corpus.py): the
# settings Material's script asks for on every page, and the text the search worker
# fetches on the first query. Both are saved for a reader of the language, so search
# works offline.
SEARCH_FILES = (INDEX, FULL_INDEX)
# The line of overrides/assets/sw.js that the build fills in.
BUILD_LINE = re.compile(r"^const BUILD = /\* anshin:build \*/ .*;$", re.MULTILINE)
# `<link rel=…>` whose target a page fetches to be shown (or installed).
_FETCHED_RELS = {"stylesheet", "icon", "manifest", "preload", "modulepreload", "apple-touch-icon"}
_BASE = "http://site.invalid/"  # stands for the site's root while resolving a page's links


class OfflineSettingError(ValueError):
    """mkdocs.yml's extra.offline_pages cannot be used; the message says what to write."""


def configured_pages(value: object, languages: Languages) -> tuple[str, ...]:
    """mkdocs.yml's `extra.offline_pages`, checked: pages as `contacts.md` (None: no page).
    A page is named without its language suffix: each is kept in every language."""
    if value is None:
        return ()
    example = "e.g. '- contacts.md', one page a line, without the language suffix"
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise OfflineSettingError(f"extra.{PAGES_SETTING} must be a list of pages — fix: {example}")
    for item in value:
        if not item.endswith(".md") or item.startswith("/") or ".." in PurePosixPath(item).parts:
            raise OfflineSettingError(f"extra.{PAGES_SETTING}: '{item}' is not a page of docs/ — fix: {example}")
        norm, code = languages.split(item)
        if code is not None:
            raise OfflineSettingError(f"extra.{PAGES_SETTING}: '{item}' names one language's page — fix: write "
                                      f"'{norm}', which keeps the page in every language it is written in")
    return tuple(dict.fromkeys(value))


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._config: list[str] | None = None  # the text of Material's settings, while in them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and values.get("id") == "__config":
            self._config = []
        elif tag in ("script", "img") and values.get("src"):
            self.found.append(values["src"])
        elif tag == "link" and set(values.get("rel", "").lower().split()) & _FETCHED_RELS and values.get("href"):
            self.found.append(values["href"])

    def handle_data(self, data: str) -> None:
        if self._config is not None:
            self._config.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._config is not None:
            # Material's settings name the search worker, which its script starts on every page.
            try:
                worker = json.loads("".join(self._config)).get("search")
            except (ValueError, AttributeError):
                worker = None
            if isinstance(worker, str) and worker:
                self.found.append(worker)
            self._config = None


def page_assets(html: str, page_url: str) -> list[str]:
    """The site's own files that a page fetches to be shown: stylesheets, scripts (the
    search worker that Material's settings name too), icons, images, its manifest; as
    site-root-relative URLs (`assets/anshin.js`), in the page's order. Links to another host are left out: the site never uses one.
    (Material's stylesheets draw their icons from data: URLs, so no stylesheet is read.)"""
    return list(_page_assets(html, page_url))


# `make serve` rebuilds on every save, and most kept pages are the same HTML as last time:
# parsing them again was about 0.02 s of each rebuild.
@functools.lru_cache(maxsize=256)
def _page_assets(html: str, page_url: str) -> tuple[str, ...]:
    parser = _References()
    parser.feed(html)
    found = []
    for reference in parser.found:
        target = urlsplit(urljoin(_BASE + page_url, reference.strip()))
        if f"{target.scheme}://{target.netloc}/" != _BASE:
            continue
        url = target.path.removeprefix("/") + (f"?{target.query}" if target.query else "")
        if url and url not in found:
            found.append(url)
    return tuple(found)


def precache_urls(pages: Sequence[tuple[str, str]]) -> list[str]:
    """The pages to keep, `(site-root-relative URL, HTML)`, then every file they use,
    each once: what the worker saves when it installs."""
    urls = [url for url, _ in pages]
    for url, html in pages:
        urls += page_assets(html, url)
    return list(dict.fromkeys(urls))


def worker_url(path: str) -> str:
    """A site-root-relative URL as the worker asks for it, relative to its own scope:
    the root page is './' (an empty address would be the worker itself)."""
    return path or "./"


def site_version(files: Iterable[tuple[str, bytes]], worker_source: str) -> str:
    """A hash of every file of the built site (path and bytes) and of the worker's own
    source: the same site gives the same version, any change gives another. A .gz file
    counts by what it holds: MkDocs writes the day of the build into sitemap.xml.gz's
    header, which would make every day's build of an unchanged site a new version."""
    # One file at a time: a site of thousands of pages is gigabytes, never all in memory.
    hashed = sorted((path, hashlib.sha256(_unzipped(path, content)).digest()) for path, content in files)
    digest = hashlib.sha256(worker_source.encode("utf-8"))
    for path, file_digest in hashed:
        digest.update(path.encode("utf-8") + b"\0" + file_digest)
    return digest.hexdigest()[:16]


def _unzipped(path: str, content: bytes) -> bytes:
    if not path.endswith(".gz"):
        return content
    try:
        return gzip.decompress(content)
    except (OSError, EOFError):
        return content  # not gzip after all: its bytes are what it is


def worker_script(source: str, version: str, precache: Sequence[str],
                  language_files: Mapping[str, Sequence[str]] | None = None) -> str:
    """overrides/assets/sw.js with its BUILD line filled in: the version, the files to
    save, and, by language root, the files saved for a reader of that language (its
    search index: saved for the languages of the pages a reader opens, not for every
    language, which would double what the first visit downloads). ValueError if the
    source has no BUILD line (the worker would run without knowing its version)."""
    languages = {root: list(files) for root, files in (language_files or {}).items()}
    build = json.dumps({"version": version, "precache": list(precache), "languages": languages}, ensure_ascii=True)
    filled, count = BUILD_LINE.subn(lambda _: f"const BUILD = /* anshin:build */ {build};", source, count=1)
    if count != 1:
        raise ValueError("the worker has no 'const BUILD = /* anshin:build */ …;' line")
    return filled


def icon_entry(icon_path: str, content: bytes, from_url: str) -> dict[str, str] | None:
    """The manifest's entry for the site's icon (site-root-relative `icon_path`), linked
    from the manifest at `from_url`: an SVG fits any size; a PNG says its own. None for
    another format, which phones do not accept as the installed site's icon."""
    src = relative_url(icon_path, from_url)
    suffix = PurePosixPath(icon_path).suffix.lower()
    if suffix == ".svg":
        return {"src": src, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
    if suffix == ".png" and content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR":
        width, height = struct.unpack(">II", content[16:24])
        return {"src": src, "sizes": f"{width}x{height}", "type": "image/png", "purpose": "any"}
    return None


def web_manifest(language: Language, *, name: str, short_name: str, description: str,
                 theme_colour: str, icon: dict[str, str] | None) -> dict[str, object]:
    """The web app manifest of one language, written at `<language root>manifest.webmanifest`.
    It starts on the language's home page; its scope is the whole site, so that a link to
    another language's page stays inside the installed site."""
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": language.tag,
        "start_url": "./",
        "scope": relative_url("", language.root),
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": "#ffffff",
        "icons": [icon] if icon else [],
    }


__all__ = ["BUILD_LINE", "MANIFEST", "PAGES_SETTING", "SEARCH_FILES", "WORKER", "OfflineSettingError", "configured_pages", "icon_entry",
           "page_assets", "precache_urls", "site_version", "web_manifest", "worker_script", "worker_url"]
