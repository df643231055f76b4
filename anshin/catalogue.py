"""The words of the site's own interface, one catalogue per language (pure, no MkDocs).

Every string that the templates in `overrides/` show and that the hooks generate (print
buttons, the translation notice, calendar labels, date formats, the .ics feed's words)
lives in `locales/<code>.yml`, one file per language, as nested sections:

    print:
      button: 打印
    translation:
      notice: 本页是{original_language}原文的{own_language}参考译文……

Templates ask for `t("print.button")`; placeholders in braces are filled from keyword
arguments (`t("calendar.tentative", label=…)`), always escaped, so data stays text.

Every language's catalogue must have every key of the default language's: the build
stops with the missing key and the file to add it to. A key used but found in no
catalogue stops the build too, naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from anshin.data_files import safe_load
from anshin.errors import DataError, yaml_error
from anshin.source_files import read_text


class CatalogueError(Exception):
    """A key that a catalogue lacks. Not a KeyError on purpose: Jinja turns those into
    silent undefined values, and a missing string must stop the build."""

    def __init__(self, key: str, path: str, language: str, placeholder: str | None = None) -> None:
        self.key, self.path, self.language = key, path, language
        if placeholder is None:
            problem = f"the catalogue has no '{key}'"
            fix = f"add '{key}' to {path} (the {language} words of the site's interface), as in the default language's catalogue"
        else:
            problem, fix = (f"'{key}' has the placeholder {{{placeholder}}}, which the site does not fill in",
                            f"use only the placeholders of '{key}' in the default language's catalogue")
        super().__init__(f"{path}:1: {problem} — fix: {fix}")


@dataclass(frozen=True)
class Catalogue:
    language: str
    path: str                          # as the editor sees it: locales/ja.yml
    strings: Mapping[str, object]      # flattened: {"print.button": "印刷", "calendar.weekdays": [...]}

    def value(self, key: str) -> object:
        """A string, or a list of strings (weekday names)."""
        try:
            return self.strings[key]
        except KeyError:
            raise CatalogueError(key, self.path, self.language) from None

    def text(self, key: str, /, **values: object) -> str:
        """The string for `key` with its {placeholders} filled in, as plain text."""
        template = self.value(key)
        if not isinstance(template, str):
            raise CatalogueError(key, self.path, self.language)
        try:
            return template.format(**values) if values else template
        except (KeyError, IndexError, ValueError) as error:
            raise CatalogueError(key, self.path, self.language, str(error).strip("'")) from None

    def markup(self, key: str, /, **values: object) -> Markup:
        """The string for `key` as HTML: the catalogue's text escaped, and every value
        escaped unless it is already Markup (an escaped title with its `lang` spans)."""
        template = self.value(key)
        if not isinstance(template, str):
            raise CatalogueError(key, self.path, self.language)
        try:
            return Markup(escape(template)).format(**values) if values else Markup(escape(template))
        except (KeyError, IndexError, ValueError) as error:
            raise CatalogueError(key, self.path, self.language, str(error).strip("'")) from None

    def keys(self) -> set[str]:
        return set(self.strings)


def load_catalogue(path: Path, language: str, shown: str) -> Catalogue:
    """Read `locales/<language>.yml`; DataError (with the line) if it cannot be read."""
    if not path.is_file():
        raise DataError(shown, 1, f"there is no catalogue for the language '{language}'",
                        f"copy the default language's catalogue to {shown} and translate its strings")
    text = read_text(path, shown)
    try:
        data = safe_load(text)     # libyaml's parser where there is one
    except yaml.MarkedYAMLError as error:
        raise yaml_error(shown, error) from None
    if not isinstance(data, dict):
        raise DataError(shown, 1, "the catalogue must be sections of 'key: text' lines",
                        "start from the default language's catalogue")
    return Catalogue(language, shown, _flatten(data))


def missing_keys(reference: Catalogue, other: Catalogue) -> list[str]:
    """Keys of `reference` that `other` lacks. (Placeholders may differ: a language may
    leave one out, as Chinese dates leave out the Japanese era; one that is not supplied
    is a CatalogueError when the string is used.)"""
    return sorted(reference.keys() - other.keys())


def _flatten(data: Mapping, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = [str(item) for item in value]
        elif value is not None:
            flat[name] = str(value)
    return flat
