"""YAML data files that editors maintain, read with line numbers (pure, no MkDocs), so
every problem can be reported as `file:line: problem — fix: …`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from anshin.errors import DataError, yaml_error
from anshin.source_files import read_text

__all__ = ["DataError", "Entry", "check_keys", "check_unique_ids", "load_entries", "yaml_error"]


@dataclass(frozen=True)
class Entry:
    """One mapping of a YAML list, with the line of the entry and of each key."""

    path: Path
    line: int
    data: dict
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def error(self, key: str | None, problem: str, fix: str) -> DataError:
        return DataError(self.path, self.line_of(key) if key else self.line, problem, fix)


def load_entries(path: Path, what: str) -> list[Entry]:
    """A YAML file holding a list of mappings (`what` names one entry in messages)."""
    try:
        loader = yaml.SafeLoader(read_text(path))
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else []
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise yaml_error(path, error) from None

    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(path, 1, f"expected a list of {what}s", "start each entry with '- id: …'")
    entries = []
    for node, item in zip(root.value, data):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise DataError(path, line, f"each {what} must be a mapping", "write 'key: value' lines under '- '")
        key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value if hasattr(key, "value")}
        entries.append(Entry(path, line, item, key_lines))
    return entries


def check_keys(entry: Entry, required: tuple[str, ...], optional: tuple[str, ...], what: str) -> None:
    for key in required:
        if key not in entry.data:
            raise entry.error(None, f"{what} '{entry.data.get('id', '?')}' has no '{key}'",
                              f"add '{key}:' (see CONTENT_CONVENTIONS.md)")
    unknown = sorted(set(entry.data) - set(required) - set(optional))
    if unknown:
        raise entry.error(unknown[0], f"unknown key '{unknown[0]}'",
                          "remove it or correct its spelling (see CONTENT_CONVENTIONS.md)")


def check_unique_ids(entries: list[Entry]) -> None:
    seen: dict[str, Entry] = {}
    for entry in entries:
        key = str(entry.data.get("id"))
        if key in seen:
            first = seen[key]
            raise entry.error("id", f"duplicate id '{key}'",
                              f"rename it; the id is already used at {first.path}:{first.line}")
        seen[key] = entry
