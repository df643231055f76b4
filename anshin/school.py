"""The school's configuration, data/school.yml (pure, no MkDocs): its facts, and the
template blanks they fill (==xx小学== becomes the school's name once it is set)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from anshin.errors import DataError, yaml_error
from anshin.source_files import read_text

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_BLANK = re.compile(r"==([^=\n]+)==")


@dataclass(frozen=True)
class School:
    name: dict[str, str]
    address: dict[str, str]
    phone: str
    responsible_person: dict[str, str]
    year: str
    school_year: int
    logo: str
    colours: dict[str, str]

    def blanks(self, language: str) -> dict[str, str]:
        """Template blank -> the value that fills it in `language` (only the ones set)."""
        values = {"xx小学": self.name.get(language, ""), "20xx": self.year,
                  "xxx": self.responsible_person.get(language, "")}
        return {blank: value for blank, value in values.items() if value}


def load_school(path: Path, languages: tuple[str, ...]) -> School:
    """Read and check data/school.yml; `languages` are the site's language codes, the
    default first. Raise DataError at the first problem."""
    try:
        text = read_text(path)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
    except FileNotFoundError:
        raise DataError(path, 1, "the school configuration is missing",
                        "restore data/school.yml from the repository") from None
    except yaml.MarkedYAMLError as error:
        raise yaml_error(path, error) from None
    lines = {key.value: key.start_mark.line + 1 for key, _ in getattr(node, "value", [])} if node else {}

    def fail(key: str, problem: str, fix: str) -> DataError:
        return DataError(path, lines.get(key, 1), problem, fix)

    known = {"name", "address", "phone", "responsible_person", "year", "school_year", "logo", "colours"}
    for key in data:
        if key not in known:
            raise fail(key, f"unknown key '{key}'", f"use only: {', '.join(sorted(known))}")

    def bilingual(key: str) -> dict[str, str]:
        value = data.get(key) or {}
        names = " and ".join(f"'{code}'" for code in languages)
        if not isinstance(value, dict) or set(value) - set(languages):
            raise fail(key, f"'{key}' must give a value in each language: {names}",
                       f"write '{key}:' then one line per language under it: " + ", ".join(f"'{c}: …'" for c in languages))
        values = {lang: str(value.get(lang) or "").strip() for lang in languages}
        missing = [code for code in languages if not values[code]]
        if missing and len(missing) < len(languages):
            raise fail(key, f"'{key}' is not set in every language", f"add the '{missing[0]}' value too, or empty them all")
        return values

    school_year = data.get("school_year")
    if not isinstance(school_year, int) or not 2000 <= school_year <= 2100:
        raise fail("school_year", f"'school_year' must be a year such as 2019, not {school_year!r}",
                   "write the year the school year starts in April, e.g. 'school_year: 2019'")
    colours = data.get("colours") or {}
    for role in ("primary", "accent"):
        colour = str(colours.get(role, ""))
        if not _COLOUR.match(colour):
            raise fail("colours", f"colour '{role}' must be written #rrggbb, not {colour!r}",
                       f"write e.g. '{role}: \"#00695c\"' (with the quotes)")
        if contrast(colour, "#ffffff") < 4.5:
            raise fail("colours", f"colour '{role}' {colour} has only {contrast(colour, '#ffffff'):.1f}:1 "
                                  f"contrast with white text", "choose a darker colour (4.5:1 or more)")
    year = str(data.get("year") or "").strip()
    if year and not re.fullmatch(r"20\d\d", year):
        raise fail("year", f"'year' must be a year such as 2026, not {year!r}", "write e.g. 'year: \"2026\"' or leave it empty")
    return School(name=bilingual("name"), address=bilingual("address"), phone=str(data.get("phone") or "").strip(),
                  responsible_person=bilingual("responsible_person"), year=year, school_year=school_year,
                  logo=str(data.get("logo") or "").strip(), colours={r: str(colours[r]) for r in ("primary", "accent")})


def fill_blanks(markdown: str, values: dict[str, str]) -> str:
    """Replace ==blank== with its configured value; blanks without a value stay marked."""
    return _BLANK.sub(lambda m: values.get(m.group(1), m.group(0)), markdown)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
