"""The translation commands (pure, no MkDocs; hooks/translations.py hands in the languages).

    python -m hooks.translations report          # make translations
    python -m hooks.translations check PAGE...   # make check-translation PAGE=agreements/pickup.ja.md

`report` prints one row per translation: the page, when its original last changed,
when the translation was last checked, whether it is stale and how many clauses changed,
are new, were removed or renumbered, and the facts that differ. It exits 1 when a
translation has facts that differ or no longer lines up with its original (errors of
the translation), 0 otherwise: a stale translation is a state, not an error.

`check PAGE` records that the translation PAGE (relative to docs/, or to the project)
was checked against its original as it is now: it sets `translation_checked` to today and
writes the original's fingerprint (`translation_fingerprint`), prints the change as a
diff, and touches nothing else. It refuses, writing nothing, while the translation does
not line up with the original clause by clause or a fact differs: those are what the
translator fixes first.
"""

from __future__ import annotations

import datetime
import difflib
import sys
from pathlib import Path

from anshin.clause_numbering import analyse, parity
from anshin.errors import DataError
from anshin.facts import facts
from anshin.front_matter import read_front_matter
from anshin.git_history import History
from anshin.languages import Languages
from anshin.source_files import read_text
from anshin.translation_status import Pair, pair_status, units, with_check_recorded
from anshin.translations import original_of

__all__ = ["main", "pairs"]

_KINDS = ("changed", "new", "removed", "renumbered")


def _meta(path: Path) -> dict:
    """A page's front matter, read as the build reads it (DataError with its line if bad)."""
    shown = _shown(path)
    return read_front_matter(read_text(path, shown), shown).data


def _shown(path: Path) -> str:
    """`path` as the editor sees it: relative to the project folder the command runs in."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def pairs(docs: Path, languages: Languages) -> list[Pair]:
    """Every translation under `docs` with its original and status."""
    found = []
    history = History()
    for path in sorted(docs.rglob("*.md")):
        meta = _meta(path)
        if "translation_checked" not in meta:
            continue
        norm, code = languages.split(path.relative_to(docs).as_posix())
        original = original_of(languages, docs, norm, code, _meta)
        if original is None:
            continue
        found.append(pair_status(path, original[1], original[0], read_text(path), read_text(original[1]), meta,
                                 _meta(original[1]), history))
    return found


def _report(root: Path, docs: Path, languages: Languages) -> int:
    rows: list[tuple[str, ...]] = [
        ("page", "original changed", "checked", "state", "changed", "new", "removed", "renumbered", "facts")]
    errors = 0
    for pair in pairs(docs, languages):
        status = pair.status
        state = "stale" if status.stale else "up to date" if status.aligned else "does not line up"
        if status.basis == "unknown" and not status.stale:
            state += " (no fingerprint, no history)"
        mismatches = "; ".join(f"{m.translation.line}↔{m.original.line}: "
                               f"{','.join(m.only_in_original) or '—'} / {','.join(m.only_in_translation) or '—'}"
                               for m in status.mismatches) or "—"
        errors += bool(status.mismatches) or not status.aligned
        rows.append((pair.translation.relative_to(docs).as_posix(), str(pair.original_changed or "?"),
                     str(status.checked or "?"), state, *(str(status.count(kind)) for kind in _KINDS), mismatches))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    if errors:
        print(f"\n{errors} translation(s) need a translator: facts that differ, or clauses that do not line up",
              file=sys.stderr)
    return 1 if errors else 0


def _check(root: Path, docs: Path, languages: Languages, pages: list[str], today: datetime.date) -> int:
    if not pages:
        print("usage: python -m hooks.translations check PAGE...  (e.g. agreements/pickup.ja.md)", file=sys.stderr)
        return 2
    status_code = 0
    for page in pages:
        path = _page_path(root, docs, page)
        if path is None:
            print(f"{page}: no such page under docs/", file=sys.stderr)
            status_code = 2
            continue
        shown = path.relative_to(root).as_posix()
        if "translation_checked" not in _meta(path):
            print(f"{shown}:1: not a translation (no 'translation_checked' in its front matter) — fix: add "
                  f"'translation_checked: {today.isoformat()}' if it is one", file=sys.stderr)
            status_code = 1
            continue
        norm, code = languages.split(path.relative_to(docs).as_posix())
        found = original_of(languages, docs, norm, code, _meta)
        if found is None:
            print(f"{shown}:1: there is no original in another language", file=sys.stderr)
            status_code = 1
            continue
        original_path = found[1]
        problems = _problems(path, original_path, root)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{shown}: not recorded as checked (nothing written)", file=sys.stderr)
            status_code = 1
            continue
        text = read_text(path)
        updated = with_check_recorded(text, today, units(read_text(original_path)))
        if updated == text:
            print(f"{shown}: already recorded as checked today against the original as it is", file=sys.stderr)
            continue
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(keepends=True), updated.splitlines(keepends=True),
                                                   fromfile=f"a/{shown}", tofile=f"b/{shown}"))
        path.write_text(updated, encoding="utf-8")
        print(f"{shown}: recorded as checked on {today.isoformat()} against {original_path.relative_to(root).as_posix()}",
              file=sys.stderr)
    return status_code


def _page_path(root: Path, docs: Path, page: str) -> Path | None:
    for candidate in (docs / page, root / page, Path(page)):
        if candidate.is_file() and candidate.resolve().is_relative_to(docs.resolve()):
            return candidate.resolve()
    return None


def _problems(translation: Path, original: Path, root: Path) -> list[str]:
    """What stops a check being recorded: the clauses do not line up, or a fact differs."""
    shown_t, shown_o = translation.relative_to(root).as_posix(), original.relative_to(root).as_posix()
    translation_text, original_text = read_text(translation), read_text(original)
    problems = []
    mismatch = parity(analyse(original_text, shown_o)[0], analyse(translation_text, shown_t)[0], shown_o, shown_t)
    if mismatch:
        problems.append(f"{mismatch} — fix: {mismatch.hint}")
    left, right = units(original_text), units(translation_text)
    if len(left) != len(right):
        problems.append(f"{shown_t}:1: {len(right)} paragraphs, clauses and list items, {shown_o} has {len(left)} "
                        f"— fix: translate each one, in the same order")
        return problems
    for a, b in zip(left, right, strict=True):
        only_original, only_translation = facts(a.text) - facts(b.text), facts(b.text) - facts(a.text)
        if only_original or only_translation:
            problems.append(f"{shown_t}:{b.line}: a fact differs from {shown_o}:{a.line} — only the original has "
                            f"{', '.join(sorted(only_original.elements())) or 'nothing more'}; only the translation "
                            f"has {', '.join(sorted(only_translation.elements())) or 'nothing more'} — fix: copy "
                            f"the value from the original")
    return problems


def main(root: Path, languages: Languages, argv: list[str], today: datetime.date | None = None) -> int:
    docs = root / "docs"
    command, *rest = argv or ["report"]
    try:
        if command == "report":
            return _report(root, docs, languages)
        if command == "check":
            return _check(root, docs, languages, rest, today or datetime.date.today())
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    print("usage: python -m hooks.translations report | check PAGE...", file=sys.stderr)
    return 2
