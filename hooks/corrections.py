"""Editorial corrections: every change made to a seed text, as data (pure, no MkDocs).

The editorial-notes pages render these entries, and the fidelity test applies them to
the seeds to prove that nothing else changed. See CONTENT_CONVENTIONS.md for the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("ocr", "typo", "numbering", "junk", "layout")
NOTE_LANGUAGES = ("zh", "ja")
REQUIRED = ("id", "seed", "line", "kind", "before", "after", "note")


class DataError(Exception):
    """Bad data in a file an editor maintains; the message names file, line and fix."""

    def __init__(self, path: Path | str, line: int, problem: str, fix: str) -> None:
        self.path, self.line, self.problem, self.fix = str(path), line, problem, fix
        super().__init__(f"{self.path}:{line}: {problem} — fix: {fix}")


@dataclass(frozen=True)
class Correction:
    id: str
    seed: str
    line: int
    kind: str
    before: str
    after: str
    note: dict[str, str]
    page: str | None = None
    templates: tuple[int, ...] = ()
    end_line: int | None = None
    data_file: str = field(default="", compare=False)
    data_line: int = field(default=0, compare=False)


def load_corrections(path: Path) -> list[Correction]:
    """Read and validate one corrections file; raise DataError at the first problem."""
    try:
        loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else []
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else 1
        raise DataError(path, line, f"not valid YAML ({error.problem})",
                        "check indentation and quote text that contains ':' or '#'") from None

    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(path, 1, "expected a list of corrections", "start each entry with '- id: …'")
    return [_correction(path, node, entry) for node, entry in zip(root.value, data)]


def load_all(directory: Path) -> list[Correction]:
    """All corrections files in a directory, ids unique across them."""
    corrections: list[Correction] = []
    seen: dict[str, Correction] = {}
    for path in sorted(directory.glob("*.yml")):
        for correction in load_corrections(path):
            if correction.id in seen:
                first = seen[correction.id]
                raise DataError(path, correction.data_line, f"duplicate id '{correction.id}'",
                                f"rename it; the id is already used at {first.data_file}:{first.data_line}")
            seen[correction.id] = correction
            corrections.append(correction)
    return corrections


def _correction(path: Path, node: yaml.Node, entry: object) -> Correction:
    line = node.start_mark.line + 1
    if not isinstance(entry, dict):
        raise DataError(path, line, "an entry must be a mapping", "write 'key: value' lines under '- '")

    def key_line(key: str) -> int:
        for key_node, _ in getattr(node, "value", []):
            if getattr(key_node, "value", None) == key:
                return key_node.start_mark.line + 1
        return line

    for key in REQUIRED:
        if key not in entry:
            raise DataError(path, line, f"entry '{entry.get('id', '?')}' has no '{key}'",
                            f"add '{key}:' (see CONTENT_CONVENTIONS.md)")
    unknown = set(entry) - set(REQUIRED) - {"page", "templates", "end_line"}
    if unknown:
        name = sorted(unknown)[0]
        raise DataError(path, key_line(name), f"unknown key '{name}'",
                        "remove it or correct its spelling (see CONTENT_CONVENTIONS.md)")
    if entry["kind"] not in KINDS:
        raise DataError(path, key_line("kind"), f"unknown kind '{entry['kind']}'",
                        f"use one of: {', '.join(KINDS)}")
    if not isinstance(entry["line"], int) or entry["line"] < 1:
        raise DataError(path, key_line("line"), "'line' must be a positive line number",
                        "give the 1-based line of the seed where 'before' occurs")
    end_line = entry.get("end_line")
    if end_line is not None and (not isinstance(end_line, int) or end_line < entry["line"]):
        raise DataError(path, key_line("end_line"), "'end_line' must not come before 'line'",
                        "give the last line of the removed block")
    note = entry["note"]
    if not isinstance(note, dict) or any(not str(note.get(lang) or "").strip() for lang in NOTE_LANGUAGES):
        raise DataError(path, key_line("note"), "the note needs both 'zh' and 'ja' text",
                        "write the reason in Chinese under 'zh:' and in Japanese under 'ja:'")
    templates = entry.get("templates") or []
    if not isinstance(templates, list) or not all(isinstance(t, int) and t > 0 for t in templates):
        raise DataError(path, key_line("templates"), "'templates' must be a list of template numbers",
                        "write e.g. 'templates: [1, 5, 6]'")
    for key in ("before", "after"):
        if not isinstance(entry[key], str):
            raise DataError(path, key_line(key), f"'{key}' must be text", f"quote the value of '{key}'")

    return Correction(
        id=str(entry["id"]), seed=str(entry["seed"]), line=entry["line"], kind=entry["kind"],
        before=entry["before"], after=entry["after"],
        note={lang: str(note[lang]).strip() for lang in NOTE_LANGUAGES},
        page=entry.get("page"), templates=tuple(templates), end_line=end_line,
        data_file=str(path), data_line=line,
    )
