"""Per-language files that the theme writes at the site root.

mkdocs-static-i18n runs one full build per language into the same site directory, and
the theme writes its static pages (404.html, sitemap.xml) at the root every time, so
the last language built would win. We keep the default language's at the root and give
every other language its own sitemap under its prefix (`ja/sitemap.xml`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.rendering import default_language  # noqa: E402

ROOT_ONLY = ("404.html",)  # bilingual already: one is enough, at the root
PER_LANGUAGE = ("sitemap.xml", "sitemap.xml.gz")

_default_copies: dict[tuple[str, str], bytes] = {}


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    language = config.theme["language"]
    default = default_language(config)
    for name in ROOT_ONLY + PER_LANGUAGE:
        written = site / name
        if not written.is_file():
            continue
        if language == default:
            _default_copies[(config.site_dir, name)] = written.read_bytes()
            continue
        if name in PER_LANGUAGE:
            (site / language / name).write_bytes(written.read_bytes())
        original = _default_copies.get((config.site_dir, name))
        if original is not None:
            written.write_bytes(original)

