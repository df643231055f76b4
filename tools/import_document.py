"""`make import SRC=… OUT=…`: a page from the school's Word file, PDF or text file.

    .venv/bin/python -m tools.import_document SRC OUT [--force]

The work is anshin/importing (its docstring is the guide); this reads the languages the
project builds from mkdocs.yml, so that OUT's suffix is checked against them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from anshin.importing.command import main


def _languages() -> tuple[str, ...] | None:
    if not (Path.cwd() / "mkdocs.yml").is_file():
        return None
    from mkdocs.exceptions import ConfigurationError, PluginError

    from anshin.build_context import project_languages

    try:
        return project_languages(Path.cwd()).codes
    except (ConfigurationError, PluginError, OSError) as error:
        print(f"mkdocs.yml could not be read ({error}); the languages are those of locales/", file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main(languages=_languages()))
