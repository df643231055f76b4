"""The theme's files are listed without walking Material's 14,000 icons, on every build.

Each language's build lists every file of the theme, to copy its assets (scripts, style
sheets, fonts of the search) into the site: MkDocs walks the theme's folders through
Jinja's loader, then matches every name against its exclusion patterns, which leave out
everything under a folder whose name starts with a dot. Material's `.icons/` holds
14,348 of its 14,509 files, so nearly all of that work is thrown away: a tenth of a
`make serve` rebuild.

`on_config` gives the theme a loader that does not go into such folders when it lists
files. It reads from them as before (Material's templates include icons by name), and
the files copied into the site are the same ones (tests/test_render_cache.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme


def on_config(config: MkDocsConfig) -> None:
    theme = config.theme
    # mkdocs-static-i18n runs on_config again for each language, on the same theme.
    if isinstance(getattr(theme, "get_env", None), _ListingVisibleFiles):
        return
    theme.get_env = _ListingVisibleFiles(theme)  # type: ignore[method-assign]


class _ListingVisibleFiles:
    """The theme's own get_env, with a loader that lists no file under a dot-folder."""

    def __init__(self, theme: Theme) -> None:
        self._get_env: Callable[[], jinja2.Environment] = theme.get_env

    def __call__(self) -> jinja2.Environment:
        env = self._get_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:   # not another theme's own loader
            env.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader, whose listing leaves out the folders whose names start
    with a dot (and so every file MkDocs' '.*' and '*/.*' patterns would drop)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    template = (os.path.join(dirpath, filename)[len(searchpath):]
                                .strip(os.path.sep).replace(os.path.sep, "/"))
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)
