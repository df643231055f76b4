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


def last_changed(path: Path) -> datetime.date | None:
    """Date of the last commit that touched `path`; None outside git or before its first commit."""
    text = (_git(path.parent, "log", "-1", "--format=%cs", "--", path.name) or "").strip()
    return datetime.date.fromisoformat(text) if text else None


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
