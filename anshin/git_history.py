"""When a file last changed, from git (pure, no MkDocs)."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def last_changed(path: Path) -> datetime.date | None:
    """Date of the last commit that touched `path`; None outside git or before its first commit."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = result.stdout.strip()
    if result.returncode != 0 or not text:
        return None
    return datetime.date.fromisoformat(text)
