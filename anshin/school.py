"""The school's configuration, data/school.yml (pure, no MkDocs): its facts, and the
template blanks they fill (==xx小学== becomes the school's name once it is set).

The file is one mapping, checked against the field table SCHOOL (anshin/schema.py). The
texts that fill blanks (name, address, responsible_person) are given in every language of
the site or left empty in all of them: an empty value keeps the blank to fill by hand.
`school_year` and both colours are required. An empty or comment-only file, or one
written as a list, is an error at its line: the site cannot be built without the school
year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from anshin.contacts import Dialling, parse_number, time_zone
from anshin.data_files import load_mapping
from anshin.schema import Field, Invalid, Schema

_BLANK = re.compile(r"==([^=\n]+)==")
# HTML's own characters and those of Markdown's inline syntax (emphasis, links, code,
# ==mark==, ~~, ^^, tables, attribute lists, backslash escapes).
_MARKUP = frozenset("&<>\"'\\`*_[]{}=~^|")


class _ColourRule(TypedDict):
    """What both colour fields require (a TypedDict, so that `Field(**_COLOUR)` is checked)."""

    pattern: str
    rule: str
    hint: str


_COLOUR: _ColourRule = {"pattern": r"#[0-9a-fA-F]{6}", "rule": "a colour written #rrggbb",
                        "hint": "with the quotes: after an unquoted '#', YAML reads a comment"}
ROLES = ("primary", "accent")

SCHOOL = Schema("school configuration", (
    Field("name", per_language=True, required=False, empty=True, hint="it fills the blank ==xx小学=="),
    Field("address", per_language=True, required=False, empty=True),
    Field("phone", required=False, empty=True, example='"093-000-0000"'),
    Field("country", required=False, empty=True, pattern=r"[A-Z]{2}", rule="a two-letter country code (ISO 3166)",
          example="JP", hint="the country the school's phone numbers are dialled in"),
    Field("area_code", required=False, empty=True, pattern=r"0\d{1,4}", rule="an area code such as 093",
          example='"093"', hint="the area code of numbers written without one, or leave it empty"),
    Field("time_zone", required=False, empty=True, example="Asia/Tokyo", hint="the contacts' hours are in it",
          convert=lambda name: time_zone(name) and name),
    Field("responsible_person", per_language=True, required=False, empty=True, hint="it fills the blank ==xxx=="),
    Field("year", required=False, empty=True, pattern=r"20\d\d", rule="a year such as 2026", example='"2026"',
          hint="the calendar year agreements are issued in, or leave it empty"),
    Field("school_year", "integer", minimum=2000, maximum=2100, rule="a year such as 2019", example="2019",
          hint="the year the school year starts in April"),
    Field("logo", required=False, empty=True, example="assets/logo.svg", hint="an image under docs/, or leave it empty"),
    Field("colours", "mapping", fields=(Field("primary", example='"#00695c"', **_COLOUR),
                                        Field("accent", example='"#00564b"', **_COLOUR))),
), described_in="the comments in the repository's data/school.yml")


@dataclass(frozen=True)
class School:
    name: dict[str, str]
    address: dict[str, str]
    phone: str
    country: str
    area_code: str
    time_zone: str
    responsible_person: dict[str, str]
    year: str
    school_year: int
    logo: str
    colours: dict[str, str]

    @property
    def dialling(self) -> Dialling | None:
        """How the school's numbers are dialled (None until `country` is set)."""
        return Dialling(self.country, self.area_code) if self.country else None

    def blanks(self, language: str) -> dict[str, str]:
        """Template blank -> the value that fills it in `language` (only the ones set)."""
        values = {"xx小学": self.name.get(language, ""), "20xx": self.year,
                  "xxx": self.responsible_person.get(language, "")}
        return {blank: value for blank, value in values.items() if value}


def load_school(path: Path, languages: tuple[str, ...]) -> School:
    """Read and check data/school.yml; `languages` are the site's language codes, the
    default first. Raise DataError at the first problem."""
    entry = load_mapping(path, "school configuration")
    values = SCHOOL.validate(entry, languages)
    colours = values["colours"]
    for role in ROLES:
        ratio = contrast(colours[role], "#ffffff")
        if ratio < 4.5:
            raise entry.error(("colours", role), f"colour '{role}' {colours[role]} has only {ratio:.1f}:1 "
                                                 f"contrast with white text", "choose a darker colour (4.5:1 or more)")
    if values["phone"] and values["country"]:
        # The school's number heads the "who to call" page: it must be one that can be dialled.
        try:
            parse_number(values["phone"], Dialling(values["country"], values["area_code"]))
        except Invalid as error:
            raise entry.error("phone", error.problem, error.fix) from None
    return School(name=values["name"], address=values["address"], phone=values["phone"],
                  country=values["country"], area_code=values["area_code"], time_zone=values["time_zone"],
                  responsible_person=values["responsible_person"], year=values["year"],
                  school_year=values["school_year"], logo=values["logo"],
                  colours={role: colours[role] for role in ROLES})


def fill_blanks(markdown: str, values: dict[str, str]) -> str:
    """Replace ==blank== with its configured value; blanks without a value stay marked.

    A value is text, never markup: it is inserted into Markdown (or the HTML around it)
    with each character that HTML or Markdown reads as syntax as a numeric reference, so
    `<script>`, `*`, `[link](…)` or `==` in the school's name show as typed and do
    nothing. The references read the same in Markdown, in HTML blocks and in attributes."""
    return _BLANK.sub(lambda m: _as_text(values[m.group(1)]) if m.group(1) in values else m.group(0), markdown)


def _as_text(value: str) -> str:
    return "".join(f"&#{ord(c)};" if c in _MARKUP else c for c in value)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
