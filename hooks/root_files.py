"""The files the theme writes at the site root, per language.

mkdocs-static-i18n runs one full build per language into the same site directory, and
the theme writes its static pages (404.html, sitemap.xml) at the root every time, so
the last language built would win. The default language's stay at the root (the 404
page speaks every language); every other language gets its own sitemap under its
prefix (`ja/sitemap.xml`). The default language's copies are kept on the build's
context between the language builds.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from anshin.build_context import context

ROOT_ONLY = ("404.html",)  # in every language already: one is enough, at the root
PER_LANGUAGE = ("sitemap.xml", "sitemap.xml.gz")


def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    site = Path(config.site_dir)
    language = build_context.language
    for name in ROOT_ONLY + PER_LANGUAGE:
        written = site / name
        if not written.is_file():
            continue
        if language.default:
            build_context.root_files[name] = written.read_bytes()
            continue
        if name in PER_LANGUAGE:
            (site / language.root / name).write_bytes(written.read_bytes())
        original = build_context.root_files.get(name)
        if original is not None:
            written.write_bytes(original)
