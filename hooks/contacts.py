"""Who to call, one tap away: the contacts of data/contacts.yml on the pages, and every
phone number of the site a `tel:` link.

A page places contacts with a marker on a line of its own:
`<!-- anshin:contacts agency -->` is the table of the agencies (name, number);
`<!-- anshin:contacts consultation hours -->` the consultation lines with their hours
column; `<!-- anshin:contacts page -->` the "who to call" page (docs/contacts.<code>.md):
the school, emergencies, consultation lines and agencies, each with its number as a big
link, who it is for, its hours as text, and whether it answers now (worked out in the
browser, overrides/assets/contacts.js, in the school's time zone with Japan's national
holidays; without JavaScript the hours are still there as text).

- `on_files`: finds this language's "who to call" page (docs/contacts.<code>.md); the
  header links it from every page (overrides/partials/header.html).
- `on_env`: gives the theme's templates `anshin_help`, that page's URL.
- `on_page_markdown`: markers become the rendered tables (data/contacts.yml is read and
  checked once per build, with file:line on any problem); a page with a contacts table
  gets a link to the "who to call" page at its top.
- `on_page_content`: every phone number written in a page's text (not in code, and not
  already a link) becomes a `tel:` link, E.164 in the href, shown as written, named for
  screen readers in the page's language. Only what libphonenumber accepts as a number of
  the school's country is linked, so dates and clause numbers are left alone.
"""

from __future__ import annotations

import datetime
import json
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, UnderTitle, context, docs_path, html_block, render
from anshin.contacts import (
    GROUPS,
    Contact,
    PhoneNumber,
    hours_text,
    link_numbers,
    parse_number,
    time_zone,
    zone_offset,
)
from anshin.languages import relative_url
from anshin.source_files import line_of

log = get_plugin_logger(__name__)

HELP_PAGE = "contacts.md"
_MARKER = re.compile(r"^<!--\s*anshin:contacts(?P<args>[^>]*?)\s*-->[ \t]*$", re.MULTILINE)


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    code = build_context.language.code
    # docs/contacts.<code>.md; its URL from the languages model, as mkdocs-static-i18n
    # gives the pages their language's root after this event.
    if build_context.languages.source(HELP_PAGE, code) in {file.src_uri for file in files.documentation_pages()}:
        build_context.build.help_page_url = build_context.languages.page_url(HELP_PAGE, code)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["anshin_help"] = context(config).build.help_page_url or None
    return env


@event_priority(10)  # before hooks/build_context.py puts what stands under the title in place
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    markers = list(_MARKER.finditer(markdown))
    if not markers:
        return None
    build_context = context(config)
    contacts = build_context.contacts
    parts, position, tables = [], 0, False
    for marker in markers:
        parts.append(markdown[position:marker.start()])
        position = marker.end()
        args = marker["args"].split()
        problem = _marker_problem(args)
        line = line_of(page.file.content_string, marker.group(0).strip())
        if problem:
            log.warning(f"{docs_path(page)}:{line}: {problem} — fix: write <!-- anshin:contacts GROUP --> with "
                        f"GROUP one of {', '.join(GROUPS)} (add 'hours' for an hours column), or "
                        f"<!-- anshin:contacts page -->")
            continue
        if not contacts:
            raise PluginError(f"{docs_path(page)}:{line}: this page shows contacts, but there is no "
                              f"data/contacts.yml — fix: restore it (git checkout data/contacts.yml), "
                              f"or remove the marker")
        if args[0] == "page":
            html = html_block(config, "partials/anshin/contacts-page.html", **_page_values(build_context, page))
        else:
            tables = True
            chosen = [_shown(build_context, contact) for contact in contacts if contact.group == args[0]]
            html = html_block(config, "partials/anshin/contacts-table.html", contacts=chosen,
                              hours="hours" in args[1:])
        # Blank lines around the HTML keep Markdown from reading it as part of a paragraph.
        parts.append("\n" + html + "\n")
    parts.append(markdown[position:])
    if tables and build_context.build.help_page_url:
        link = relative_url(build_context.build.help_page_url, page.url)
        build_context.build.put_under_title(page.file.src_uri, UnderTitle.HELP_LINK,
                                            render(config, "partials/anshin/contacts-link.html", href=link))
    return "".join(parts)


@event_priority(-100)  # after every other hook has written the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build_context = context(config)
    dialling = build_context.school.dialling
    if dialling is None:
        return None
    # A number of data/contacts.yml is named for screen readers; another reads as its digits.
    code = build_context.language.code
    labels = {contact.number.dial: _call_label(build_context, contact.number, contact.names[code])
              for contact in build_context.contacts}
    return link_numbers(html, dialling, labels)


def _marker_problem(args: list[str]) -> str:
    if not args:
        return "the contacts marker does not say which contacts"
    if args[0] == "page":
        return "" if len(args) == 1 else f"'page' takes nothing after it, found '{' '.join(args[1:])}'"
    if args[0] not in GROUPS:
        return f"'{args[0]}' is not a group of contacts"
    extra = [arg for arg in args[1:] if arg != "hours"]
    return f"'{' '.join(extra)}' is not something a contacts table can show" if extra else ""


def _shown(build_context: BuildContext, contact: Contact) -> dict[str, object]:
    """A contact as the templates show it on this language's pages."""
    code = build_context.language.code
    catalogue = build_context.catalogue
    official = contact.official if contact.official and contact.official != code else ""
    return {
        "id": contact.id,
        "name": contact.names[code],
        "official": contact.names[official] if official else "",
        "body": contact.body[code],
        "body_official": contact.body[official] if official else "",
        "official_lang": build_context.languages.tags.get(official, official),
        "audience": contact.audience[code],
        "link": _link(build_context, contact.number, contact.names[code]),
        "hours": hours_text(contact.hours, catalogue.text),
        "published": contact.hours is not None,
        "closed_on_holidays": bool(contact.hours and not contact.hours.always and not contact.hours.on_holidays),
        "hours_json": json.dumps(contact.hours.as_json(), separators=(",", ":")) if contact.hours else "",
    }


def _link(build_context: BuildContext, number: PhoneNumber, name: str) -> dict[str, str]:
    return {"href": number.href, "text": number.written, "label": _call_label(build_context, number, name)}


def _call_label(build_context: BuildContext, number: PhoneNumber, name: str) -> str:
    """The link's accessible name: the number as shown, then whose it is (WCAG 2.5.3)."""
    return build_context.catalogue.text("contacts.call", number=number.written, name=name)


def _page_values(build_context: BuildContext, page: Page) -> dict[str, object]:
    school = build_context.school
    if not school.time_zone:
        raise PluginError("data/school.yml:1: the contacts page needs the time zone of the hours in "
                          "data/contacts.yml — fix: add 'time_zone: Asia/Tokyo' (the school's IANA time zone)")
    zone = time_zone(school.time_zone)
    groups = []
    if school.phone and school.dialling:
        code = build_context.language.code
        name = school.name.get(code) or build_context.catalogue.text("contacts.groups.school")
        own = Contact(id="school", group="school", names={code: name}, official="", body={code: ""},
                      number=parse_number(school.phone, school.dialling),   # checked by anshin/school.py
                      hours=None, audience={code: ""}, line=0)
        groups.append({"id": "school", "contacts": [_shown(build_context, own)]})
    for group in GROUPS:
        chosen = [_shown(build_context, contact) for contact in build_context.contacts if contact.group == group]
        if chosen:
            groups.append({"id": group, "contacts": chosen})
    today = datetime.date.today()
    return {
        "groups": groups,
        "zone": zone_offset(zone, today),
        "script": relative_url("assets/contacts.js", page.url),   # one copy, at the site root
        "browser_data": {
            "zone": school.time_zone,
            "holidays": [day.isoformat() for day in _holidays(build_context, today)],
            "status": {key: build_context.catalogue.text(f"contacts.status.{key}") for key in ("open", "closed", "holiday")},
        },
    }


def _holidays(build_context: BuildContext, today: datetime.date) -> list[datetime.date]:
    """National holidays for "open now": the school year and the next, and the year the
    site is built in and the next (a site kept up for years still knows this year's)."""
    holidays = build_context.holidays
    if holidays is None:
        return []
    first_years = sorted({build_context.school.school_year, today.year - (today.month < 4)})
    days: set[datetime.date] = set()
    for year in first_years:
        days.update(day for day, _ in holidays.between(datetime.date(year, 4, 1), datetime.date(year + 2, 3, 31)))
    return sorted(days)
