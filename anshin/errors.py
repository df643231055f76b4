"""The one error type for what editors write (pure, no MkDocs).

Every problem in a page, data file or catalogue is a DataError that names the file as
the editor sees it (project-relative: `data/school.yml`), the line, the problem and the
fix. The MkDocs side turns it into a PluginError (anshin.build_context.fail); the
command-line tools print it. No Python traceback reaches the editor.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class DataError(Exception):
    """Bad input in a file an editor maintains; the message names file, line and fix."""

    def __init__(self, path: Path | str, line: int, problem: str, fix: str) -> None:
        self.path, self.line, self.problem, self.fix = str(path), line, problem, fix
        super().__init__(f"{self.path}:{line}: {problem} — fix: {fix}")

    def shown_from(self, root: Path) -> DataError:
        """The same error with its path relative to the project root `root`."""
        path = Path(self.path)
        if path.is_absolute() and path.is_relative_to(root):
            return DataError(path.relative_to(root).as_posix(), self.line, self.problem, self.fix)
        return self


def yaml_error(path: Path | str, error: yaml.MarkedYAMLError, first_line: int = 1) -> DataError:
    """A YAML syntax error at the line where the editor can fix it. `first_line` is the
    file line of the YAML's first line (2 for front matter, after its '---')."""
    # An unclosed bracket is detected at the end of the text; its opening is the useful line.
    mark = error.context_mark or error.problem_mark
    line = mark.line + first_line if mark else first_line
    return DataError(path, line, f"not valid YAML ({error.problem})",
                     "check the indentation, quote text that contains ': ', ' #', '[' or '{', "
                     "and close every bracket and quote")
