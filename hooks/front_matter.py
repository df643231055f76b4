"""Front matter checks (anshin/front_matter.py), on every page before MkDocs reads it:
MkDocs silently ignores front matter it cannot parse, so a typo would drop a page's
title and description without a word. Errors (a date that does not exist, front matter
that is not closed or not YAML) stop the build; the rest are warnings, so `--strict`
fails on them too. Every message names the file and line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from anshin.build_context import context, fail
from anshin.errors import DataError
from anshin.front_matter import read_front_matter

log = get_plugin_logger(__name__)


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    if not build_context.language.default:
        return  # every language build sees the same sources: check them once
    for file in files.documentation_pages():
        path = Path(file.abs_src_path)
        try:
            front_matter = read_front_matter(build_context.read(path), build_context.shown(path))
        except DataError as error:
            raise fail(error) from None
        for warning in front_matter.warnings:
            log.warning(str(warning))
