"""YAML data files that editors maintain, read with line numbers (pure, no MkDocs), so
every problem can be reported as `file:line: problem — fix: …`.

Two shapes: a list of entries (`load_entries`: the glossary, the corrections, a
calendar year) and one mapping (`load_mapping`: data/school.yml). Each entry keeps the
line of every key, nested ones too (`entry.line_of(("colours", "primary"))`), and the
text of each plain scalar as the editor wrote it, so a text field reads `0110` as
"0110", not as the octal number YAML 1.1 makes of it. `anshin.schema` checks the
entries against their field tables.

Nothing but DataError leaves this module: a file that is missing or not UTF-8, YAML that
does not parse, a control character YAML refuses, a date that does not exist
(`2019-02-30`, which PyYAML turns into a ValueError with no position), a value that
contradicts its explicit tag (`!!int x`) and a key written twice all name the file and
the line.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.reader import ReaderError

from anshin.errors import DataError, yaml_error
from anshin.source_files import read_text

__all__ = ["DataError", "DataEntry", "UnreadableValue", "check_unique_ids", "describe", "load_entries", "load_mapping", "safe_load",
           "yaml_error"]

Key = tuple[str | int, ...]          # a path into an entry: ("note", "ja"), ("templates", 0)

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class DataEntry:
    """One mapping of a data file, with the line of the entry and of each key."""

    path: Path
    line: int
    data: dict
    key_lines: dict[str, int]                               # top-level keys
    lines: Mapping[Key, int] = field(default_factory=dict)  # every key and list item, nested too
    written: Mapping[Key, str] = field(default_factory=dict)  # plain scalars that YAML did not read as text

    def line_of(self, key: str | Key | None) -> int:
        """The line of `key` (a name or a path); of its nearest written parent if absent."""
        if key is None:
            return self.line
        path = (key,) if isinstance(key, str) else tuple(key)
        while path:
            if path in self.lines:
                return self.lines[path]
            if len(path) == 1 and isinstance(path[0], str) and path[0] in self.key_lines:
                return self.key_lines[path[0]]
            path = path[:-1]
        return self.line

    def error(self, key: str | Key | None, problem: str, fix: str) -> DataError:
        return DataError(self.path, self.line_of(key), problem, fix)


class UnreadableValue(DataError, ValueError):
    """A value that YAML cannot construct. Also a ValueError, as PyYAML's own error was, so
    a loader that explains its own date format (the calendar's) can still catch it."""


def load_entries(path: Path, what: str) -> list[DataEntry]:
    """A YAML file holding a list of mappings (`what` names one entry in messages). An
    empty or comment-only file is an empty list: the caller says what that means."""
    text = _text(path)
    return list(_entries(path, what, text))


# `make serve` reads every data file again on every save, and they seldom change: the
# entries of a text read before are that text's entries (nothing changes a DataEntry).
@functools.lru_cache(maxsize=256)
def _entries(path: Path, what: str, text: str) -> tuple[DataEntry, ...]:
    root, data, walks = _parse(path, text, lambda node: node.value if isinstance(node, yaml.SequenceNode) else [])
    if data is None:
        return ()
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise DataError(path, _line(root), f"expected a list of {what}s, not {describe(data)}",
                        "start each entry with '- id: …'")
    entries = []
    for node, item, walk in zip(root.value, data, walks, strict=True):
        if not isinstance(item, dict) or not isinstance(node, yaml.MappingNode):
            raise DataError(path, _line(node), f"each {what} must be 'key: value' lines, not {describe(item)}",
                            "write 'key: value' lines under '- ', indented by two spaces")
        entries.append(walk.entry(path, _line(node), item))
    return tuple(entries)


def load_mapping(path: Path, what: str) -> DataEntry:
    """A YAML file holding one mapping (data/school.yml). Empty, comment-only or any other
    shape (a list, a single text) is a DataError at the line to fix."""
    root, data, walks = _load(path, lambda node: [node])
    if data is None:
        raise DataError(path, 1, f"the file is empty or holds only comments; it must hold the {what}",
                        "restore it from the repository, or write its 'key: value' lines")
    if isinstance(data, list):
        raise DataError(path, _line(root), f"the {what} must be 'key: value' lines, not a list",
                        "remove the '- ' in front of the keys: each key starts at the beginning of its line")
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise DataError(path, _line(root), f"the {what} must be 'key: value' lines, not {describe(data)}",
                        "write one 'key: value' per line")
    return walks[0].entry(path, _line(root), data)


def check_unique_ids(entries: list[DataEntry]) -> None:
    seen: dict[str, DataEntry] = {}
    for entry in entries:
        key = str(entry.data.get("id"))
        if key in seen:
            first = seen[key]
            raise entry.error("id", f"duplicate id '{key}'",
                              f"rename it; the id is already used at {first.path}:{first.line}")
        seen[key] = entry


def describe(value: object) -> str:
    """A value as an editor would name it in a message: `the text 'teal'`, `a list`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"the text '{shown}'" if value.strip() else "empty text"
    if isinstance(value, dict):
        return "'key: value' lines"
    if isinstance(value, list | tuple | set):
        return "a list"
    return f"a {type(value).__name__}"


# ---------------------------------------------------------------------------------------
# Reading


@dataclass
class _Walk:
    """What the composed nodes of one entry tell before construction (which rewrites `<<`
    merges): key lines, scalars as written, and keys written twice."""

    lines: dict[Key, int] = field(default_factory=dict)
    written: dict[Key, str] = field(default_factory=dict)
    twice: list[tuple[int, str, int]] = field(default_factory=list)   # (line, key, first line)

    def visit(self, node: yaml.Node, path: Key = (), seen: set[int] | None = None) -> _Walk:
        seen = set() if seen is None else seen
        if id(node) in seen:          # an alias: its anchor was visited already (or it is recursive)
            return self
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if key.tag == _MERGE or not isinstance(key, yaml.ScalarNode):
                    continue
                line = _line(key)
                if key.value in first:
                    self.twice.append((line, key.value, first[key.value]))
                    continue
                first[key.value] = line
                self.lines.setdefault((*path, key.value), line)
                self.visit(value, (*path, key.value), seen)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines.setdefault((*path, index), _line(item))
                self.visit(item, (*path, index), seen)
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _STR:
            # A plain scalar: its style is None from PyYAML's parser, "" from libyaml's.
            self.written.setdefault(path, node.value)
        return self

    def entry(self, path: Path, line: int, data: dict) -> DataEntry:
        if self.twice:
            line_twice, key, first = min(self.twice)
            raise DataError(path, line_twice, f"'{key}' is written twice (first on line {first})",
                            "remove one of them: YAML keeps only the last one, so the other is silently lost")
        key_lines = {str(key[0]): number for key, number in self.lines.items() if len(key) == 1}
        return DataEntry(path, line, data, key_lines, dict(self.lines), dict(self.written))


class _BadValue(yaml.MarkedYAMLError):
    """A scalar that its tag cannot construct (`2019-02-30`, `!!int x`), at its position."""

    def __init__(self, node: yaml.Node, cause: Exception) -> None:
        super().__init__(problem=str(cause), problem_mark=node.start_mark)
        self.node = node


class _Constructing:
    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (yaml.YAMLError, RecursionError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as error:
            # PyYAML's constructors fail without a position: an impossible date, a value
            # against its explicit tag. The node knows where it is.
            raise _BadValue(node, error) from None


class _Loader(_Constructing, yaml.SafeLoader):
    """PyYAML's own parser: what every problem is reported from."""


# libyaml's parser, when PyYAML has it: the same nodes, ten times faster, for files that
# read without a problem (a problem is read again by _Loader, so its message is the same).
_FastLoader = type("_FastLoader", (_Constructing, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None
# libyaml nests in C: a file nested thousands deep would overflow the stack, not raise.
_FAST_DEPTH = 1000


def _shallow(text: str) -> bool:
    """True when `text` cannot nest deeper than _FAST_DEPTH: fewer brackets than that, and
    no line indented (or opening `- ` items) that far."""
    if text.count("[") + text.count("{") >= _FAST_DEPTH:
        return False
    return all(len(line) - len(line.lstrip(" -?:")) < _FAST_DEPTH for line in text.splitlines())


def safe_load(text: str) -> object:
    """`yaml.safe_load(text)`, by libyaml where PyYAML has it and the text is not nested
    too deep for it: the same data, several times faster; PyYAML's own parser for a text
    with any problem, so that the error raised is the one it raises."""
    if _FastLoader is not None and _shallow(text):
        loader = yaml.CSafeLoader(text)
        try:
            return loader.get_single_data()
        except Exception:   # noqa: BLE001, S110 - read again, and reported, by PyYAML's parser
            pass
        finally:
            loader.dispose()
    return yaml.safe_load(text)


def _fast_load(text: str, entry_nodes) -> tuple[yaml.Node | None, object, list[_Walk]] | None:
    """The file read by libyaml, or None where it cannot be, or has any problem."""
    if _FastLoader is None or not _shallow(text):
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
        walks = [_Walk().visit(node) for node in entry_nodes(root)] if root is not None else []
        data = loader.construct_document(root) if root is not None else None
    except Exception:   # noqa: BLE001 - every problem is read again, and reported, by _Loader
        return None
    finally:
        loader.dispose()
    return root, data, walks


def _load(path: Path, entry_nodes) -> tuple[yaml.Node | None, object, list[_Walk]]:
    """(root node, constructed data, one _Walk per entry node that `entry_nodes(root)` names)."""
    return _parse(path, _text(path), entry_nodes)


def _text(path: Path) -> str:
    try:
        return read_text(path)
    except OSError as error:
        raise DataError(path, 1, f"the file cannot be read ({error.strerror or error})",
                        "restore it from the repository") from None


def _parse(path: Path, text: str, entry_nodes) -> tuple[yaml.Node | None, object, list[_Walk]]:
    fast = _fast_load(text, entry_nodes)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
    except ReaderError as error:
        raise _reader_error(path, text, error) from None
    try:
        root = loader.get_single_node()
        walks = [_Walk().visit(node) for node in entry_nodes(root)] if root is not None else []
        data = loader.construct_document(root) if root is not None else None
    except _BadValue as error:
        raise _bad_value(path, error) from None
    except yaml.MarkedYAMLError as error:
        raise yaml_error(path, error) from None
    except yaml.YAMLError as error:
        raise DataError(path, 1, f"not valid YAML ({error})", "check the file against the one in the repository") from None
    except RecursionError:
        raise DataError(path, 1, "the YAML is nested too deeply to read",
                        "check the indentation and close every bracket") from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as error:
        # A constructor failing outside any one node (PyYAML builds mappings in a second pass).
        raise UnreadableValue(path, 1, f"cannot be read ({error})",
                              "correct the value, or put it in quotes to keep it as text") from None
    finally:
        loader.dispose()
    return root, data, walks


def _bad_value(path: Path, error: _BadValue) -> DataError:
    node, line = error.node, _line(error.node)
    if node.tag == _TIMESTAMP:
        return UnreadableValue(path, line, f"'{node.value}' is not a date that exists",
                               "write a real date (YYYY-MM-DD), or put the value in quotes if it is text")
    tag = node.tag.rsplit(":", 1)[-1]
    return UnreadableValue(path, line, f"'{getattr(node, 'value', '')}' cannot be read as {tag} ({error.problem})",
                           f"correct the value, or remove its '!!{tag}' tag and put it in quotes to keep it as text")


def _reader_error(path: Path, text: str, error: ReaderError) -> DataError:
    line = text[: error.position].count("\n") + 1
    character = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return DataError(path, line, f"the line holds the invisible control character U+{character:04X}, "
                                 "which YAML does not allow",
                     "delete it: retype the line (or show invisible characters in the editor to find it)")


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1
