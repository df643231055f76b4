"""Front matter, checked as the editor wrote it (pure, no MkDocs).

MkDocs silently ignores front matter it cannot parse, so a typo would drop a page's title
and description without a word, and a date that does not exist (`effective: 2019-04-31`)
stops YAML with no line. Here every page's front matter is read with its lines:

- **errors** (the page cannot be published as meant): front matter that is not closed or
  not valid YAML, a date that does not exist;
- **warnings** (`--strict` fails on them too): no `title` or `description`, a
  description that is still the placeholder `make import` wrote, a key that
  is not known (with the known key it most likely means: `efective` → `effective`), a
  key written twice.

Keys are Anshin's own (see CONTENT_CONVENTIONS.md) and those of MkDocs and Material.
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
from dataclasses import dataclass, field

import yaml

from anshin.errors import DataError, yaml_error

# The same pattern MkDocs uses to find YAML front matter.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
REQUIRED_KEYS = ("title", "description")
ANSHIN_KEYS = ("title", "description", "effective", "updated", "source", "issuer", "translation_checked",
               "translation_fingerprint",
               "single_language", "bilingual_of", "keep_blanks", "clause_numbering", "glossary", "editorial_notes")
THEME_KEYS = ("hide", "search", "template", "icon", "status", "subtitle", "tags", "comments")
KNOWN_KEYS = ANSHIN_KEYS + THEME_KEYS
# What `make import` writes for the description it cannot know (anshin/importing/markdown.py):
# a page is not published until an editor has replaced it.
DESCRIPTION_PLACEHOLDER = "TODO(import)"


@dataclass
class FrontMatter:
    data: dict
    key_lines: dict[str, int] = field(default_factory=dict)
    warnings: list[DataError] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def read_front_matter(text: str, path: str) -> FrontMatter:
    """The front matter of a page's text (after any BOM); DataError for what stops the page."""
    found = _read(text, path)
    return FrontMatter(copy.deepcopy(found.data), dict(found.key_lines), list(found.warnings))


# `make serve` reads every page's front matter again on every save, and PyYAML's parser (the
# one with line numbers) is slow: a text read before gives what it gave, copied.
@functools.lru_cache(maxsize=4096)
def _read(text: str, path: str) -> FrontMatter:
    if not text.startswith("---"):
        return FrontMatter({}, warnings=[DataError(path, 1, "no front matter",
                                                   "start the file with '---', 'title: …', 'description: …' and a closing '---'")])
    match = _FRONT_MATTER.match(text)
    if not match:
        raise DataError(path, 1, "front matter is not closed", "add a line '---' after the last key")
    source = match.group(1)
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        found = yaml_error(path, error, first_line=2)
        raise DataError(path, found.line, f"front matter is {found.problem}", found.fix) from None
    except yaml.reader.ReaderError as error:
        # A control character, often pasted from another program: YAML refuses the text.
        line = source.count("\n", 0, error.position) + 2
        raise DataError(path, line, f"front matter has a character YAML does not allow (U+{error.character:04X})"
                        if isinstance(error.character, int) else "front matter has a character YAML does not allow",
                        "delete it: it is invisible, and often comes with text pasted from another program") from None
    except yaml.YAMLError as error:
        raise DataError(path, 2, f"front matter cannot be read ({error})", "write plain 'key: value' lines") from None
    if node is None:
        return FrontMatter({}, warnings=_missing_required({}, path))
    if not isinstance(node, yaml.MappingNode):
        raise DataError(path, 2, "front matter must be 'key: value' lines", "write e.g. 'title: …'")

    front_matter = FrontMatter({})
    constructor = yaml.SafeLoader("")
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
        key = str(key_node.value)
        if key in front_matter.key_lines:
            front_matter.warnings.append(DataError(
                path, line, f"'{key}' is written twice (the first, at line {front_matter.key_lines[key]}, is ignored)",
                f"keep one '{key}:'"))
        front_matter.key_lines[key] = line
        try:
            value = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError) as error:
            value_line = value_node.start_mark.line + 2
            if isinstance(error, ValueError) and value_node.tag.endswith(":timestamp"):
                # PyYAML reads 2019-04-31 as a date and fails without a position.
                raise DataError(path, value_line, f"'{key}: {value_node.value}' is not a date that exists",
                                "write a real date as YYYY-MM-DD, e.g. 2019-04-30") from None
            # Explicit tags (!!bool maybe, !!binary ?) and the like: PyYAML fails in many ways.
            problem = getattr(error, "problem", None) or type(error).__name__
            raise DataError(path, value_line, f"'{key}' cannot be read ({problem})",
                            "write plain text, a number or a date, without a '!!' tag") from None
        front_matter.data[key] = value
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
            fix = f"did you mean '{close[0]}'? Correct the key" if close else \
                f"remove it, or use one of: {', '.join(ANSHIN_KEYS)} (CONTENT_CONVENTIONS.md)"
            front_matter.warnings.append(DataError(path, line, f"unknown front matter key '{key}'", fix))
    front_matter.warnings.extend(_missing_required(front_matter.data, path))
    description = front_matter.data.get("description")
    if isinstance(description, str) and description.strip().startswith(DESCRIPTION_PLACEHOLDER):
        front_matter.warnings.append(DataError(
            path, front_matter.line_of("description"), "the description is still the placeholder 'make import' wrote",
            "replace it with one sentence saying what the page is (it shows in search results and link previews)"))
    return front_matter


def _missing_required(data: dict, path: str) -> list[DataError]:
    return [DataError(path, 1, f"front matter has no '{key}'",
                      f"add '{key}: …' (the title shows in the browser tab; the description in search results)")
            for key in REQUIRED_KEYS if not str(data.get(key) or "").strip()]
