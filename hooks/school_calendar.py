"""The school calendar on the pages and in calendar apps, from data/calendar/<year>.yml.

A page places a table with a marker on a line of its own (hooks/school_calendar.py):
`<!-- anshin:calendar 2019 plan 1 -->` is the plan's 1学期 table, in the original's order;
`<!-- anshin:calendar 2019 months -->` is the whole school year month by month, with the
link to the language's .ics feed; `school-year` in place of the year is the one set in
data/school.yml (the calendar pages use it). Both languages render the same data. Each language
build writes its feed under its own root: calendar/anshin-2019.ics, ja/calendar/anshin-2019.ics.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context, docs_path, render
from anshin.school_calendar import (
    Calendar, DataError, WhenError, block_context, find_markers, holiday_warnings, ics_path,
    load_calendars, parse_marker, template_for, to_ics,
)
from anshin.languages import relative_url

log = get_plugin_logger(__name__)

_calendars: dict[int, Calendar] = {}
_pages: dict[int, str] = {}  # school year → the page that shows its month view (for the feed's URL)


def on_pre_build(*, config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        calendars = load_calendars(root / "data" / "calendar")
    except DataError as error:
        raise PluginError(_for_editors(error, root)) from None
    _calendars.clear()
    _calendars.update((c.year, c) for c in calendars)
    _pages.clear()
    # Every language build reads the same data: report once, in the default language's.
    if context(config).language.default:
        for warning in (w for c in calendars for w in holiday_warnings(c)):
            log.warning(_for_editors(warning, root))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    markers = find_markers(markdown)
    if not markers:
        return None
    language = context(config).language.code
    tags = context(config).languages.tags
    parts, position = [], 0
    for marker in markers:
        parts.append(markdown[position:marker.start()])
        position = marker.end()
        try:
            block = parse_marker(marker["args"], set(_calendars), context(config).school.school_year)
        except WhenError as error:
            log.warning(f"{docs_path(page)}:{_source_line(page, marker.group(0))}: {error.problem} — fix: {error.fix}")
            continue
        feed = _language_root(language, config) + ics_path(block.year)
        values = block_context(_calendars[block.year], block, language, tags, context(config).writing_systems,
                                ics_href=relative_url(feed, page.url))
        values["heading_level"] = _level_below(markdown[:marker.start()])
        if block.view == "months":
            _pages[block.year] = page.canonical_url or ""
        # Blank lines around the HTML keep Markdown from reading it as part of a paragraph.
        parts.append("\n" + render(config, template_for(block), **values).strip() + "\n")
    parts.append(markdown[position:])
    return "".join(parts)


def on_post_build(*, config: MkDocsConfig) -> None:
    language = context(config).language.code
    tag = context(config).language.tag
    for year, calendar in _calendars.items():
        target = Path(config.site_dir) / (_language_root(language, config) + ics_path(year))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(to_ics(calendar, language, tag, url=_pages.get(year) or None))


def _level_below(markdown_before: str) -> int:
    """The month view's heading level: a sub-section of the section it is in (one below the
    last h1 or h2 before it), so it sits beside the term tables' headings, not under them."""
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,2})\s", markdown_before, re.MULTILINE)]
    return (levels[-1] if levels else 1) + 1


def _language_root(language: str, config: MkDocsConfig) -> str:
    return context(config).languages[language].root



def _for_editors(error: DataError, root: Path) -> str:
    """The message with the path as the editor sees it, from the project root."""
    path = Path(error.path)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else error.path
    return f"{shown}:{error.line}: {error.problem} — fix: {error.fix}"


def _source_line(page: Page, marker: str) -> int:
    """Line of the marker in the file the editor edits (other hooks have moved lines since)."""
    source = page.file.content_string
    index = source.find(marker.strip())
    return source[:index].count("\n") + 1 if index >= 0 else 1

