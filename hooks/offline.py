"""The site readable offline and installable on a phone's home screen: the service worker
and each language's web app manifest. anshin/offline.py is the guide (what is kept
offline, and why); the pages to keep are mkdocs.yml's `extra.offline_pages`.

- `on_config`: checks `extra.offline_pages`; a bad value stops the build, with the fix.
- `on_files`: the worker's source (overrides/assets/sw.js) is not copied into assets/:
  a worker only controls the pages under its own folder, so the build writes it at the
  site's root instead, with its version.
- `on_post_build`, once the whole site is written (in the first language's build, after
  mkdocs-static-i18n has built the other languages inside it): each language's
  manifest; then the files to save, the site's version, and sw.js.

The pages link their language's manifest and register the worker once they have loaded
(overrides/main.html, blocks extrahead and scripts), so neither holds up the first view.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from anshin.build_context import BuildContext, context
from anshin.catalogue import CatalogueError
from anshin.languages import Language
from anshin.offline import (
    MANIFEST,
    PAGES_SETTING,
    SEARCH_FILES,
    WORKER,
    OfflineSettingError,
    configured_pages,
    icon_entry,
    precache_urls,
    site_version,
    web_manifest,
    worker_script,
    worker_url,
)
from anshin.source_files import line_of

log = get_plugin_logger(__name__)
WORKER_SOURCE = f"assets/{WORKER}"  # in the theme's folders (overrides/assets/sw.js)


def on_config(config: MkDocsConfig) -> None:
    _pages(config)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    source = files.get_file_from_path(WORKER_SOURCE)
    if source is not None:
        files.remove(source)
    return files


# After mkdocs-static-i18n (-100), which builds the other languages inside the first
# one's on_post_build, and hooks/search.py (-110), which writes the first language's
# index; before hooks/build_context.py (-200) ends the build.
@event_priority(-150)
def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    if len(build_context.builds) > 1:
        return  # a language built inside the first one's build: the site is not complete yet
    site = Path(config.site_dir)
    for language in build_context.languages:
        _write_manifest(build_context, config, site, language)
    precache = _precache(build_context, site, _pages(config))
    source = _worker_source(config)
    version = site_version(((p.relative_to(site).as_posix(), p.read_bytes()) for p in sorted(site.rglob("*"))
                            if p.is_file() and p != site / WORKER), source)
    try:
        script = worker_script(source, version, [worker_url(url) for url in precache], _language_files(build_context, site))
    except ValueError as error:
        raise PluginError(f"overrides/{WORKER_SOURCE}:1: {error} — fix: restore that line "
                          f"(git checkout overrides/{WORKER_SOURCE})") from None
    (site / WORKER).write_text(script, encoding="utf-8")
    if log.isEnabledFor(logging.DEBUG):   # compressing every saved file is no work for a build to do
        contents = [_site_file(site, url).read_bytes() for url in precache]
        log.debug(f"{WORKER} {version}: {len(precache)} files saved on the first visit, "
                  f"{sum(map(len, contents)):,} bytes ({sum(len(gzip.compress(c)) for c in contents):,} compressed)")


def _pages(config: MkDocsConfig) -> tuple[str, ...]:
    try:
        return configured_pages(config.extra.get(PAGES_SETTING), context(config).languages)
    except OfflineSettingError as error:
        line = line_of(Path(config.config_file_path).read_text(encoding="utf-8"), f"{PAGES_SETTING}:")
        raise PluginError(f"mkdocs.yml:{line}: {error}") from None


def _precache(build_context: BuildContext, site: Path, pages: tuple[str, ...]) -> list[str]:
    """The listed pages in every language they are written in, and the files they use."""
    languages, kept = build_context.languages, []
    for norm in pages:
        versions = languages.versions(build_context.docs, norm)
        if not versions:
            log.info(f"extra.{PAGES_SETTING}: this site has no page {norm} (docs/{languages.source(norm, '<code>')}); "
                     f"it is not kept for reading offline")
        for code in versions:
            url = languages.page_url(norm, code)
            built = _site_file(site, url)
            if not built.is_file():
                log.warning(f"mkdocs.yml: extra.{PAGES_SETTING} lists {norm}, but the build wrote no {url or './'} "
                            f"for docs/{languages.source(norm, code)} — fix: build the page, or remove it from the list")
                continue
            kept.append((url, built.read_text(encoding="utf-8")))
    urls = []
    for url in precache_urls(kept):
        if _site_file(site, url).is_file():
            urls.append(url)
        else:  # saving a missing file would fail the worker's installation, and with it every page
            log.warning(f"offline: a page kept offline uses {url}, which is not in the site — fix: restore the file "
                        f"or the link to it; it is not saved")
    return urls


def _language_files(build_context: BuildContext, site: Path) -> dict[str, list[str]]:
    """{language root: its search index files}, for the languages that have them."""
    return {language.root: [language.root + file for file in SEARCH_FILES] for language in build_context.languages
            if all((site / language.root / file).is_file() for file in SEARCH_FILES)}


def _site_file(site: Path, url: str) -> Path:
    """The built file a site-root-relative URL is served from."""
    path = site / unquote(url.split("?", 1)[0])
    return path / "index.html" if url == "" or url.endswith("/") else path


def _write_manifest(build_context: BuildContext, config: MkDocsConfig, site: Path, language: Language) -> None:
    catalogue = build_context.catalogues[language.code]
    favicon = str(config.theme.get("favicon") or "")
    icon_file = site / favicon
    icon = icon_entry(favicon, icon_file.read_bytes(), language.root) if favicon and icon_file.is_file() else None
    if icon is None:
        log.warning(f"mkdocs.yml: theme.favicon '{favicon}' is not an SVG or PNG file of the site, so phones will not "
                    f"install the site — fix: point theme.favicon to an SVG icon (as assets/favicon.svg)")
    try:
        manifest = web_manifest(language, name=catalogue.text("offline.name"),
                                short_name=catalogue.text("offline.short_name"),
                                description=catalogue.text("offline.description"),
                                theme_colour=build_context.school.colours["primary"], icon=icon)
    except CatalogueError as error:
        raise PluginError(f"{error} (needed by hooks/offline.py)") from None
    target = site / language.root / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _worker_source(config: MkDocsConfig) -> str:
    for folder in config.theme.dirs:
        path = Path(folder) / WORKER_SOURCE
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise PluginError(f"overrides/{WORKER_SOURCE}:1: the offline worker's source is missing — fix: restore it "
                      f"(git checkout overrides/{WORKER_SOURCE})")
