"""Editorial corrections: every change made to a seed text, as data (pure, no MkDocs).

The editorial-notes pages render these entries, and the fidelity test applies them to
the seeds to prove that nothing else changed. See CONTENT_CONVENTIONS.md for the schema;
CORRECTION (anshin/schema.py) is its field table.

An empty or comment-only corrections file means "no corrections" for its document: it
is read as an empty list, like a directory without corrections files.

Where the seeds themselves are at hand (mkdocs.yml `extra.seeds`, default
`../shared/seeds`, or the environment variable ANSHIN_SEEDS), the build also checks that
every correction's `before` is on its seed line (`seed_mismatches`); a site built
without them is not checked, and does not need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from anshin.data_files import DataEntry, DataError, check_unique_ids, load_entries
from anshin.schema import Field, Schema

__all__ = ["CORRECTION", "KINDS", "Correction", "DataError", "load_all", "load_corrections", "seed_mismatches"]

KINDS = ("ocr", "typo", "numbering", "junk", "layout")
ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"

CORRECTION = Schema("correction", (
    Field("id", pattern=ID, rule="kebab-case ASCII (lower-case letters, digits and '-')", example="pickup-date-ocr"),
    Field("seed", example="000_61c30b1e525480d8.txt", hint="the seed file the text comes from"),
    Field("line", "integer", minimum=1, rule="a positive line number", example="27",
          hint="the 1-based line of the seed where 'before' occurs"),
    Field("kind", choices=KINDS),
    Field("before", empty=True, strip=False, example='"20xx□2□12"', hint="the exact text of the seed, in quotes"),
    Field("after", empty=True, strip=False, example='"20xx.2.12"', hint='what the page has instead, "" for removed text'),
    Field("note", per_language=True, label="the note", hint="the reason, in each language of the site"),
    Field("page", required=False, default=None, example="agreements/pickup.zh.md",
          hint="the page that carries the corrected text; omit it for removed junk"),
    Field("templates", "integer", many=True, required=False, empty=True, minimum=1,
          rule="a list of template numbers", example="[1, 5, 6]"),
    Field("end_line", "integer", required=False, default=None, minimum=1, rule="a positive line number",
          example="262", hint="the last line of the removed block"),
))


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


def _correction(entry: DataEntry, languages: tuple[str, ...]) -> Correction:
    values = CORRECTION.validate(entry, languages)
    if values["end_line"] is not None and values["end_line"] < values["line"]:
        raise entry.error("end_line", f"'end_line' {values['end_line']} comes before 'line' {values['line']}",
                          "give the last line of the removed block")
    return Correction(**values, data_file=str(entry.path), data_line=entry.line)


def seed_mismatches(corrections: list[Correction], seeds: Path) -> list[DataError]:
    """Corrections whose `before` is not on their `line` of the seed, for the seeds found
    under `seeds` (a seed that is not there is not checked: the site never needs them).
    A removed block (`end_line`) is not checked line by line."""
    texts: dict[str, list[str] | None] = {}
    found = []
    for correction in corrections:
        if correction.seed not in texts:
            path = seeds / correction.seed
            texts[correction.seed] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else None
        lines = texts[correction.seed]
        if lines is None or correction.end_line:
            continue
        actual = lines[correction.line - 1] if correction.line <= len(lines) else None
        if actual is None or correction.before not in actual:
            where = f"line {correction.line} of {correction.seed}"
            problem = (f"correction '{correction.id}': {where} does not exist" if actual is None else
                       f"correction '{correction.id}': '{correction.before}' is not on {where}")
            found.append(DataError(correction.data_file, correction.data_line, problem,
                                   "copy 'before' exactly from the seed, and give the seed line it is on"))
    return found
