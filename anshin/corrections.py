"""Editorial corrections: every change made to a seed text, as data (pure, no MkDocs).

The editorial-notes pages render these entries, and the fidelity test applies them to
the seeds to prove that nothing else changed. See CONTENT_CONVENTIONS.md for the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from anshin.data_files import DataError, Entry, check_keys, check_unique_ids, load_entries

__all__ = ["KINDS", "Correction", "DataError", "load_all", "load_corrections"]

KINDS = ("ocr", "typo", "numbering", "junk", "layout")
REQUIRED = ("id", "seed", "line", "kind", "before", "after", "note")
OPTIONAL = ("page", "templates", "end_line")


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


def load_corrections(path: Path, languages: tuple[str, ...]) -> list[Correction]:
    """Read and validate one corrections file; raise DataError at the first problem.
    Every note is written in each of `languages` (the site's language codes)."""
    entries = load_entries(path, "correction")
    check_unique_ids(entries)
    return [_correction(entry, languages) for entry in entries]


def load_all(directory: Path, languages: tuple[str, ...]) -> list[Correction]:
    """All corrections files in a directory, ids unique across them."""
    entries = [entry for path in sorted(directory.glob("*.yml")) for entry in load_entries(path, "correction")]
    check_unique_ids(entries)
    return [_correction(entry, languages) for entry in entries]


def _correction(entry: Entry, languages: tuple[str, ...]) -> Correction:
    check_keys(entry, REQUIRED, OPTIONAL, "correction")
    data = entry.data
    if data["kind"] not in KINDS:
        raise entry.error("kind", f"unknown kind '{data['kind']}'", f"use one of: {', '.join(KINDS)}")
    if not isinstance(data["line"], int) or data["line"] < 1:
        raise entry.error("line", "'line' must be a positive line number",
                          "give the 1-based line of the seed where 'before' occurs")
    end_line = data.get("end_line")
    if end_line is not None and (not isinstance(end_line, int) or end_line < data["line"]):
        raise entry.error("end_line", "'end_line' must not come before 'line'",
                          "give the last line of the removed block")
    note = data["note"]
    missing = [lang for lang in languages if not isinstance(note, dict) or not str(note.get(lang) or "").strip()]
    if missing:
        raise entry.error("note", f"the note has no '{missing[0]}' text",
                          f"write the reason in each language of the site under 'note:' ({', '.join(languages)})")
    templates = data.get("templates") or []
    if not isinstance(templates, list) or not all(isinstance(t, int) and t > 0 for t in templates):
        raise entry.error("templates", "'templates' must be a list of template numbers",
                          "write e.g. 'templates: [1, 5, 6]'")
    for key in ("before", "after"):
        if not isinstance(data[key], str):
            raise entry.error(key, f"'{key}' must be text", f"quote the value of '{key}'")

    return Correction(
        id=str(data["id"]), seed=str(data["seed"]), line=data["line"], kind=data["kind"],
        before=data["before"], after=data["after"],
        note={lang: str(note[lang]).strip() for lang in languages},
        page=data.get("page"), templates=tuple(templates), end_line=end_line,
        data_file=str(entry.path), data_line=entry.line,
    )
