"""Field tables for the data files editors write (pure, no MkDocs).

A data file's schema is declared once, as a table of fields, instead of a hand-written
check per key:

    CORRECTION = Schema("correction", (
        Field("id", pattern=ID, rule="kebab-case ASCII", example="pickup-date-ocr"),
        Field("line", "integer", minimum=1, rule="a positive line number", example="27"),
        Field("kind", choices=("ocr", "typo", …)),
        Field("note", per_language=True, label="the note"),
        Field("templates", "integer", many=True, required=False, empty=True, minimum=1),
    ))
    values = CORRECTION.validate(entry, languages)     # {name: checked value}

`validate` takes an entry of `anshin.data_files` (which knows the line of every key) and
raises a DataError at the line of the key concerned, with the problem and the fix:

- an unknown key, with a did-you-mean when a field's name is close (`colour` →
  `colours`), found before the missing keys so that a misspelling is named as one;
- a missing required key, at the entry's line;
- a value of the wrong type or shape (`colours: teal`, a list where text belongs), out of
  range, against its pattern, or not one of its choices;
- a per-language text (`note: {zh: …, ja: …}`): a mapping with a text in every one of the
  site's languages, which are passed in (the codes of `Languages.codes`), never named
  here. A code that is not a site language is an unknown key. With `empty=True` the
  value may be left empty, but then in every language: half a translation is an error.

Text fields take a plain scalar as the editor wrote it (`110`, `2026`, `yes` stay text).
A field's `convert` may check or transform further and raise `Invalid(problem, fix)`,
reported at the field's line: that is how a data file with its own mini-language (the
calendar's `when: 4月23日～5月7日`) plugs its parser in. Checks across fields (an
`end_line` before its `line`, colour contrast) stay in the loader, after `validate`,
using `entry.error(key, …)`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from anshin.data_files import DataEntry, DataError, Key, describe

__all__ = ["Field", "Invalid", "Schema", "DataError"]

KINDS = ("text", "integer", "boolean", "mapping", "any")
_MISSING: Any = object()


class Invalid(Exception):
    """Raised by a Field's `convert`: what is wrong with the value and how to fix it."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem, self.fix = problem, fix


@dataclass(frozen=True)
class Field:
    """One key of an entry and what its value must be."""

    name: str
    kind: str = "text"                 # text | integer | boolean | mapping | any
    required: bool = True
    choices: tuple = ()                # the value must be one of these
    pattern: str | None = None         # text that must match this regex entirely
    minimum: int | None = None         # integers
    maximum: int | None = None
    per_language: bool = False         # {code: value} with every site language
    many: bool = False                 # a list of such values
    unique: bool = False               # ... each at most once
    empty: bool = False                # "" (or an empty list) is allowed
    strip: bool = True                 # text: drop surrounding white space
    fields: tuple[Field, ...] = ()     # kind mapping: its own keys
    default: Any = _MISSING            # an optional key's value when absent (else an empty value of its shape)
    convert: Callable[[Any], Any] | None = None   # a last check or transformation; raises Invalid
    label: str = ""                    # how messages name the value: "the note" (default: 'name')
    rule: str = ""                     # what a good value is: "a positive line number"
    example: str = ""                  # a good value as YAML, for the fix: '"#00695c"'
    hint: str = ""                     # more for the fix: where the value comes from

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for field {self.name!r}; use one of {KINDS}")


@dataclass(frozen=True)
class Schema:
    """The fields of one kind of entry; `what` names an entry in messages ("correction")."""

    what: str
    fields: tuple[Field, ...]
    described_in: str = "CONTENT_CONVENTIONS.md"     # where an editor reads the schema

    def validate(self, entry: DataEntry, languages: Sequence[str]) -> dict[str, Any]:
        """{field name: checked value} of `entry`; DataError at the first problem."""
        return _Check(entry, self, tuple(languages)).mapping((), entry.data, self.fields, None)


@dataclass(frozen=True)
class _Check:
    entry: DataEntry
    schema: Schema
    languages: tuple[str, ...]

    # -- mappings and their keys

    def mapping(self, path: Key, data: dict, fields: tuple[Field, ...], parent: Field | None) -> dict[str, Any]:
        names = [f.name for f in fields]
        unknown = sorted((key for key in data if str(key) not in names),
                         key=lambda key: self.entry.line_of((*path, str(key))))
        if unknown:
            key = str(unknown[0])
            where = f" under '{parent.name}'" if parent else ""
            has = f"{'it' if parent else _a(self.schema.what)} has: {', '.join(names)}"
            raise self.entry.error((*path, key), f"unknown key '{key}'{where}",
                                   f"{_did_you_mean(key, names)}remove it or correct its spelling; {has} "
                                   f"(see {self.schema.described_in})")
        values = {}
        for spec in fields:
            value = data.get(spec.name, _MISSING)
            values[spec.name] = self.field((*path, spec.name), spec, value, parent)
        return values

    def field(self, path: Key, spec: Field, value: Any, parent: Field | None) -> Any:
        label = spec.label or (f"'{spec.name}' under '{parent.name}'" if parent else f"'{spec.name}'")
        if value is None and not spec.required:
            value = _MISSING               # `end_line:` with nothing after it: as if not written
        if value is _MISSING:
            if spec.required:
                raise self.entry.error(path[:-1] or None, f"{self._whose(parent)} has no '{spec.name}'",
                                       f"add '{spec.name}:{self._example(spec, ' ')}' (see {self.schema.described_in})")
            if spec.default is not _MISSING:
                return spec.default
            value = None
        if spec.per_language:
            return self.per_language(path, spec, value, label)
        return self.value(path, spec, value, label)

    def _whose(self, parent: Field | None) -> str:
        if parent is not None:
            return f"'{parent.name}'"
        ident = self.entry.data.get("id")
        return f"the {self.schema.what}" + (f" '{ident}'" if isinstance(ident, str | int) and ident != "" else "")

    # -- per-language texts

    def per_language(self, path: Key, spec: Field, value: Any, label: str) -> dict[str, Any]:
        codes = self.languages
        if value is None and (spec.empty or not spec.required):
            value = {}
        if not isinstance(value, dict):
            raise self.entry.error(path, f"{label} must give a text in each language ({', '.join(codes)}), "
                                         f"not {describe(value)}", self._language_fix(spec))
        unknown = sorted((key for key in value if str(key) not in codes),
                         key=lambda key: self.entry.line_of((*path, str(key))))
        if unknown:
            key = str(unknown[0])
            raise self.entry.error((*path, key), f"{label} has a text in '{key}', which is not a language of the "
                                                 f"site ({', '.join(codes)})",
                                   f"{_did_you_mean(key, codes)}remove it, or add the language to mkdocs.yml")
        texts = {}
        for code in codes:
            text = self.value((*path, code), spec, value.get(code), f"{label} in '{code}'")
            if _is_empty(text) and not spec.empty:
                raise self.entry.error((*path, code), f"{label} has no '{code}' text",
                                       f"write the '{code}' text under '{spec.name}:'"
                                       + (f" ({spec.hint})" if spec.hint else ""))
            texts[code] = text
        missing = [code for code in codes if _is_empty(texts[code])]
        if missing and len(missing) < len(codes):
            extent = "in one language only" if len(codes) - len(missing) == 1 else "not in every language"
            raise self.entry.error((*path, missing[0]), f"{label} is set {extent}: it has no '{missing[0]}' text",
                                   f"add the '{missing[0]}' value too, or empty them all")
        return texts

    def _language_fix(self, spec: Field) -> str:
        lines = ", ".join(f"'{code}: …'" for code in self.languages)
        return f"write '{spec.name}:' then one line per language under it: {lines}"

    # -- single values and lists of them

    def value(self, path: Key, spec: Field, value: Any, label: str) -> Any:
        if spec.many:
            if value is None:
                value = []
            if not isinstance(value, list):
                raise self._wrong(path, spec, value, label)
            items = tuple(self.single((*path, index), spec, item, label) for index, item in enumerate(value))
            if not items and not spec.empty:
                raise self.entry.error(path, f"{label} lists nothing", self._fix(spec))
            if spec.unique and len(set(map(repr, items))) != len(items):
                raise self.entry.error(path, f"{label} lists a value twice", f"list each value once; {self._fix(spec)}")
            return self._converted(path, spec, items)
        return self._converted(path, spec, self.single(path, spec, value, label))

    def _converted(self, path: Key, spec: Field, value: Any) -> Any:
        if spec.convert is None or _is_empty(value):
            return value
        try:
            return spec.convert(value)
        except Invalid as error:
            raise self.entry.error(path, error.problem, error.fix) from None

    def single(self, path: Key, spec: Field, value: Any, label: str) -> Any:
        if spec.kind == "text":
            value = self._text(path, spec, value, label)
            if value == "":
                if spec.empty or spec.per_language:
                    return value
                raise self.entry.error(path, f"{label} is empty", self._fix(spec))
        elif spec.kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool) or not _in_range(value, spec):
                raise self._wrong(path, spec, value, label)
        elif spec.kind == "boolean":
            if not isinstance(value, bool):
                raise self._wrong(path, spec, value, label)
        elif spec.kind == "mapping":
            if value is None and spec.empty:
                value = {}
            if not isinstance(value, dict):
                raise self._wrong(path, spec, value, label)
            if spec.fields:
                value = self.mapping(path, value, spec.fields, spec)
        if spec.choices and not _one_of(value, spec.choices):
            shown = str(value)
            close = _close(shown, [str(c) for c in spec.choices])
            raise self.entry.error(path, f"unknown {spec.name} '{shown}'",
                                   f"use one of: {', '.join(map(str, spec.choices))}"
                                   + (f" ({spec.hint})" if spec.hint else "")
                                   + (f" (did you mean '{close}'?)" if close else ""))
        if spec.pattern is not None and not re.fullmatch(spec.pattern, str(value)):
            raise self._wrong(path, spec, value, label)
        return value

    def _text(self, path: Key, spec: Field, value: Any, label: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            if isinstance(value, dict | list):
                raise self._wrong(path, spec, value, label)
            # 110, 2026, yes, 2019-04-01: text as the editor wrote it, not as YAML read it.
            value = self.entry.written.get(path, str(value))
        return value.strip() if spec.strip else value

    def _wrong(self, path: Key, spec: Field, value: Any, label: str) -> DataError:
        return self.entry.error(path, f"{label} must be {_rule(spec)}, not {describe(value)}", self._fix(spec))

    def _fix(self, spec: Field) -> str:
        if spec.kind == "mapping" and spec.fields and not spec.example:
            lines = ", ".join(f"'{f.name}: …'" for f in spec.fields)
            fix = f"write '{spec.name}:' then one line per key under it: {lines}"
        else:
            fix = f"write e.g. '{spec.name}:{self._example(spec, ' ')}'" if spec.example else f"write it after '{spec.name}:'"
        return f"{fix} ({spec.hint})" if spec.hint else fix

    def _example(self, spec: Field, before: str) -> str:
        return f"{before}{spec.example}" if spec.example else ""


def _rule(spec: Field) -> str:
    if spec.rule:
        return spec.rule
    single = {"text": "text", "integer": "a whole number", "boolean": "true or false", "any": "a value",
              "mapping": f"'key: value' lines ({', '.join(f.name for f in spec.fields)})" if spec.fields
              else "'key: value' lines"}[spec.kind]
    if spec.kind == "integer" and (spec.minimum is not None or spec.maximum is not None):
        low = "" if spec.minimum is None else f" from {spec.minimum}"
        high = "" if spec.maximum is None else f" up to {spec.maximum}"
        single += low + high
    return f"a list of {single}" if spec.many else single


def _a(what: str) -> str:
    """'a correction', 'an event'."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def _in_range(value: int, spec: Field) -> bool:
    return (spec.minimum is None or value >= spec.minimum) and (spec.maximum is None or value <= spec.maximum)


def _one_of(value: Any, choices: tuple) -> bool:
    try:
        return value in choices and not isinstance(value, bool)
    except TypeError:                  # an unhashable value is no choice
        return False


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == {}


def _did_you_mean(key: str, names: Sequence[str]) -> str:
    """"did you mean 'colours'? Otherwise " when a name is close to `key`, else ''."""
    close = _close(key, names)
    return f"did you mean '{close}'? Otherwise " if close else ""


def _close(key: str, names: Sequence[str]) -> str | None:
    """The name closest to `key` (case aside), if one is close enough to be a misspelling."""
    lowered = {name.lower(): name for name in names}
    # Language codes are two letters: 'jp' for 'ja' shares only half of them.
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.5 if len(key) <= 3 else 0.6)
    return lowered[close[0]] if close else None
