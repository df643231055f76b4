"""Material's navigation, pruned on a large site.

Material writes the whole navigation into every page. On a site of a few dozen pages that
is what lets a parent open any section from the drawer; on a site of thousands (a
district, a school with ten years of policies) every page carries thousands of links, and
the build costs the square of the site's size: a third of a build of the site ×30 was
Material's nav-item.html, and the site ×100 (2,812 pages) took 212 s, 102 s pruned
(`benchmarks/scale.py`).

So from `extra.navigation_prune_from` pages in a language's navigation (default 200), the
build turns on Material's `navigation.prune`: a page carries the links of its own section
and of the sections above it, and each other section is one link, to its index page or
first page. A smaller site keeps its whole navigation. A site that lists
`navigation.prune` in mkdocs.yml's `theme.features` has it at any size.

- `on_nav`: counts the language's pages in the navigation and adds the feature where there
  are that many (once added, it stays for the build's other languages: they are the same
  site).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from anshin.source_files import line_of

PRUNE = "navigation.prune"
SETTING = "navigation_prune_from"
DEFAULT_PAGES = 200


# After mkdocs-static-i18n's (-100), which makes the navigation this language's.
@event_priority(-110)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    features = config.theme["features"]
    if PRUNE in features or len(nav.pages) < _pages_to_prune_from(config):
        return
    features.append(PRUNE)


def _pages_to_prune_from(config: MkDocsConfig) -> int:
    value = config.extra.get(SETTING, DEFAULT_PAGES)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        line = line_of(Path(config.config_file_path).read_text(encoding="utf-8"), f"{SETTING}:")
        raise PluginError(f"mkdocs.yml:{line}: extra.{SETTING} is {value!r}, not a number of pages — fix: write a whole "
                          f"number, e.g. '{SETTING}: {DEFAULT_PAGES}' (the navigation is pruned from that many "
                          f"pages on)")
    return value
