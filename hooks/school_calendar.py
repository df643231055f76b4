"""The school calendar on the pages and in calendar apps, from data/calendar/<year>.yml.

A page places a table with a marker on a line of its own:
`<!-- anshin:calendar 2019 plan 1 -->` is the plan's 1学期 table, in the original's order;
`<!-- anshin:calendar 2019 months -->` is the whole school year month by month, with the
link to the language's .ics feed; `school-year` in place of the year is the one set in
data/school.yml (the calendar pages use it). Every language renders the same data, with
the words of its catalogue (locales/<code>.yml, `calendar:`). Each language build writes
its feed under its own root: calendar/anshin-2019.ics, ja/calendar/anshin-2019.ics.

- `on_config`: reads mkdocs.yml's `extra.holidays` (whose national holidays, and the
  language their names are in) into the build context.
- `on_pre_build`: the calendars are read once per build (`BuildContext.calendars`); the
  default language's build reports events on holidays, once.
- `on_page_markdown`: markers become the rendered tables; the page with a month view is
  remembered (the feed links it).
- `on_post_build`: writes the language's .ics feeds.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, context, docs_path, fail, html_block
from anshin.catalogue import CatalogueError
from anshin.errors import DataError
from anshin.languages import relative_url
from anshin.school_calendar import (
    HOLIDAY_CALENDARS,
    HOLIDAY_ENTRIES,
    Holidays,
    Presentation,
    WhenError,
    block_context,
    find_markers,
    holiday_warnings,
    ics_path,
    parse_marker,
    template_for,
    to_ics,
)
from anshin.source_files import line_of

log = get_plugin_logger(__name__)


class _HolidaysConfig(Config):
    """mkdocs.yml `extra.holidays`."""

    calendar = config_options.Choice(HOLIDAY_CALENDARS)
    # the code of the language the holiday names are written in (a site language or not)
    language = config_options.Type(str)


def on_config(config: MkDocsConfig) -> None:
    build_context = context(config)
    if build_context.holidays is None:  # mkdocs-static-i18n runs on_config again per language
        # Each month's holidays kept for the machine (jpholiday takes some 40 ms a year, and
        # nothing but jpholiday's version changes them).
        build_context.holidays = dataclasses.replace(_holidays(config), cache=build_context.machine_cache(
            "holidays", ("jpholiday",), (HOLIDAY_ENTRIES,)))


def on_pre_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    calendars = build_context.calendars  # read (and checked) on first use, once per build
    # Every language build shows the same data: report once, in the default language's.
    if not build_context.language.default:
        return
    holidays = _configured_holidays(build_context)
    # The dates are written as the holidays' own language writes them, if it has a catalogue.
    catalogue = build_context.catalogues.get(holidays.language, build_context.catalogue)
    try:
        warnings = [w for calendar in calendars.values() for w in holiday_warnings(calendar, holidays, catalogue)]
    except (CatalogueError, DataError) as error:
        raise PluginError(str(error)) from None
    for warning in warnings:
        log.warning(str(warning.shown_from(build_context.root)))
    for calendar in calendars.values():
        if not calendar.events:
            # An emptied file would publish an empty calendar and an empty feed without a word.
            log.warning(f"{build_context.shown(calendar.path)}:1: the school year {calendar.year} has no events, so its "
                        f"calendar pages and .ics feeds would be empty — fix: restore the events (git checkout "
                        f"{build_context.shown(calendar.path)}), or remove the file and its calendar markers")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    markers = find_markers(markdown)
    if not markers:
        return None
    build_context = context(config)
    calendars = build_context.calendars
    parts, position = [], 0
    headings = _top_headings(markdown)
    for marker in markers:
        parts.append(markdown[position:marker.start()])
        position = marker.end()
        try:
            block = parse_marker(marker["args"], set(calendars), build_context.school.school_year)
        except WhenError as error:
            line = line_of(page.file.content_string, marker.group(0).strip())
            log.warning(f"{docs_path(page)}:{line}: {error.problem} — fix: {error.fix}")
            continue
        feed = build_context.language.root + ics_path(block.year)
        try:
            values = block_context(calendars[block.year], block, _presentation(build_context),
                                   ics_href=relative_url(feed, page.url))
        except (CatalogueError, DataError) as error:
            raise PluginError(str(error)) from None
        values["heading_level"] = _level_below(headings, marker.start())
        if block.view == "months":
            build_context.build.calendar_pages[block.year] = page.canonical_url or ""
        # Blank lines around the HTML keep Markdown from reading it as part of a paragraph.
        parts.append("\n" + html_block(config, template_for(block), **values) + "\n")
    parts.append(markdown[position:])
    return "".join(parts)


def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    language = build_context.language
    for year, calendar in build_context.calendars.items():
        target = Path(config.site_dir) / (language.root + ics_path(year))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            feed = to_ics(calendar, build_context.catalogue, language.tag,
                          url=build_context.build.calendar_pages.get(year) or None)
        except (CatalogueError, DataError) as error:
            raise PluginError(str(error)) from None
        target.write_bytes(feed)


def _holidays(config: MkDocsConfig) -> Holidays:
    """mkdocs.yml `extra.holidays`, checked; a build error saying what to write otherwise."""
    fix = ("write 'holidays: {calendar: jp, language: <code>}' under 'extra:' in mkdocs.yml, with the code of "
           f"the language the holiday names are in; calendars known: {', '.join(HOLIDAY_CALENDARS)}")
    line = _line_of(Path(config.config_file_path), r"^\s+holidays:")
    raw = config.extra.get("holidays")
    if not isinstance(raw, dict):
        raise fail(DataError("mkdocs.yml", line, "extra.holidays is missing or not a mapping", fix))
    settings = _HolidaysConfig(config_file_path=config.config_file_path)
    settings.load_dict(raw)
    failed, unknown = settings.validate()
    for key, error in failed + unknown:  # an unknown key is a misspelt one: stop too
        raise fail(DataError("mkdocs.yml", line, f"extra.holidays.{key}: {error}", fix))
    return Holidays(calendar=settings.calendar, language=settings.language)


def _line_of(path: Path, pattern: str) -> int:
    """The first line of `path` that matches `pattern` (1 if none), for messages."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(pattern, text):
            return number
    return 1


def _configured_holidays(build_context: BuildContext) -> Holidays:
    """The holidays on_config set: every build event after it has them."""
    assert build_context.holidays is not None, "on_config sets the holidays before the build starts"
    return build_context.holidays


def _presentation(build_context: BuildContext) -> Presentation:
    return Presentation(build_context.catalogue, build_context.languages.tags, build_context.writing_systems,
                        _configured_holidays(build_context))


_TOP_HEADING = re.compile(r"^(#{1,2})\s", re.MULTILINE)


def _top_headings(markdown: str) -> tuple[list[int], list[int]]:
    """Where each h1 and h2 of the page ends, and its level: read once per page, not once
    per marker (a long page with many markers would be read again for each)."""
    found = list(_TOP_HEADING.finditer(markdown))
    return [m.end() for m in found], [len(m.group(1)) for m in found]


def _level_below(headings: tuple[list[int], list[int]], position: int) -> int:
    """The month view's heading level: a sub-section of the section it is in (one below the
    last h1 or h2 before `position`), so it sits beside the term tables' headings, not under them."""
    ends, levels = headings
    before = bisect.bisect_right(ends, position)
    return (levels[before - 1] if before else 1) + 1

