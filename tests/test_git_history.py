"""When a file last changed (anshin/git_history.py): one `git log` for the whole repository
(History) gives every file the date that `git log -1 -- FILE` gives it, with one git
process for the history however many files are asked about."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest

from anshin import git_history
from anshin.git_history import History, last_changed


def _git(repository: Path, *arguments: str, date: str | None = None) -> None:
    environment = {**os.environ, **({"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {})}
    subprocess.run(["git", "-c", "user.name=Anshin", "-c", "user.email=anshin@example.invalid", *arguments],
                   cwd=repository, check=True, capture_output=True, timeout=60, env=environment)


def _commit(repository: Path, files: dict[str, str], date: str, message: str = "change") -> None:
    for name, text in files.items():
        path = repository / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "school"
    root.mkdir()
    _git(root, "init", "-q")
    _commit(root, {"docs/index.zh.md": "# 首页\n", "docs/policy/anti-bullying.ja.md": "# 方針\n",
                   "docs/agreements/接送.zh.md": "# 接送\n"}, "2025-04-01T09:00:00+09:00")
    _commit(root, {"docs/policy/anti-bullying.ja.md": "# 方針\n\n1 目的\n"}, "2025-09-10T09:00:00+09:00")
    _git(root, "mv", "docs/index.zh.md", "docs/home.zh.md")
    _git(root, "commit", "-q", "-m", "rename", date="2026-01-15T09:00:00+09:00")
    _commit(root, {"docs/agreements/接送.zh.md": "# 接送\n\n1、放学时间\n"}, "2026-03-02T09:00:00+09:00")
    (root / "docs" / "new.ja.md").write_text("# 新しい\n", encoding="utf-8")         # not committed
    return root


FILES = ("docs/home.zh.md", "docs/policy/anti-bullying.ja.md", "docs/agreements/接送.zh.md", "docs/new.ja.md",
         "mkdocs.yml")


def test_one_log_gives_every_file_the_date_git_gives_it_alone(repository: Path) -> None:
    history = History()
    expected = {
        "docs/home.zh.md": datetime.date(2026, 1, 15),                  # its history starts at the rename
        "docs/policy/anti-bullying.ja.md": datetime.date(2025, 9, 10),
        "docs/agreements/接送.zh.md": datetime.date(2026, 3, 2),         # a name git would quote
        "docs/new.ja.md": None,                                          # not committed yet
        "mkdocs.yml": None,                                              # not there at all
    }
    assert {name: history.last_changed(repository / name) for name in FILES} == expected
    assert {name: last_changed(repository / name) for name in FILES} == expected   # one git log per file


def test_the_history_is_read_once_for_all_files(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = git_history._git

    def counting(cwd: Path, *arguments: str) -> str | None:
        calls.append(arguments)
        return real(cwd, *arguments)

    monkeypatch.setattr(git_history, "_git", counting)
    history = History()
    for _ in range(3):
        for name in FILES:
            history.last_changed(repository / name)
    assert [call[0] for call in calls] == ["rev-parse"] + ["-c"]        # find the repository, then one log
    assert sum("log" in call for call in calls) == 1


def test_outside_a_repository_no_date_is_invented(tmp_path: Path) -> None:
    page = tmp_path / "download" / "docs" / "index.zh.md"
    page.parent.mkdir(parents=True)
    page.write_text("# 首页\n", encoding="utf-8")
    assert History().last_changed(page) is None and last_changed(page) is None
