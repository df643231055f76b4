"""When a file last changed, from git (pure, no MkDocs)."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def _git(cwd: Path, *arguments: str) -> str | None:
    """The output of a git command, or None (no git, not a repository, or it failed)."""
    try:
        result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def last_changed(path: Path, history: History | None = None) -> datetime.date | None:
    """Date of the last commit that touched `path`; None outside git or before its first
    commit. With `history`, read from its one `git log` of the whole repository."""
    if history is not None:
        return history.last_changed(path)
    text = (_git(path.parent, "log", "-1", "--format=%cs", "--", path.name) or "").strip()
    return datetime.date.fromisoformat(text) if text else None


class History:
    """When each file of a repository last changed, from one `git log` over all of it,
    run when it is first asked (a build asks for every document page and translation:
    one git process, not one per file, however many pages a school has).

    Files are told apart by their path, as `git log -- FILE` does without --follow: a
    renamed file's history starts at the rename. A merge counts where a commit on its
    first-parent side changed the file (`git log --name-only` lists no files for merges)."""

    _COMMIT = "\x01"

    def __init__(self) -> None:
        self._dates: dict[Path, dict[str, datetime.date]] = {}   # repository root → path → date

    def last_changed(self, path: Path) -> datetime.date | None:
        path = path.resolve()
        for root, dates in self._dates.items():
            if path.is_relative_to(root):
                return dates.get(path.relative_to(root).as_posix())
        root_text = (_git(path.parent, "rev-parse", "--show-toplevel") or "").strip()
        if not root_text:
            return None
        root = Path(root_text).resolve()
        self._dates[root] = self._read(root)
        return self._dates[root].get(path.relative_to(root).as_posix()) if path.is_relative_to(root) else None

    def _read(self, root: Path) -> dict[str, datetime.date]:
        output = _git(root, "-c", "core.quotePath=false", "log", f"--format={self._COMMIT}%cs", "--name-only",
                      "--no-renames") or ""
        dates: dict[str, datetime.date] = {}
        date: datetime.date | None = None
        for line in output.splitlines():
            if line.startswith(self._COMMIT):
                date = datetime.date.fromisoformat(line[1:].strip())
            elif line and date is not None:
                dates.setdefault(line, date)      # newest first: the first date seen is the last change
        return dates


def original_when_checked(translation: Path, original: Path, checked_line: str) -> str | None:
    """The original's text as it was when its translation was last checked: in the commit
    that last changed the translation's `translation_checked:` line. The original as it is
    now when that line (`checked_line`, as the file has it now) is not committed yet (the
    check is newer than any commit); None without git history."""
    commit = _git(translation.parent, "log", "-1", "--format=%H", "-G^translation_checked:", "--", translation.name)
    if not commit or not commit.strip():
        return None
    commit = commit.strip()
    committed = _git(translation.parent, "show", f"{commit}:./{translation.name}") or ""
    if checked_line not in committed.splitlines():
        return original.read_text(encoding="utf-8-sig")
    return _git(original.parent, "show", f"{commit}:./{original.name}") or ""
