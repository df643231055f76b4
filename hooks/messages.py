"""File and line on MkDocs' own messages.

MkDocs reports a link to a missing page or anchor, and a nav entry that names no page,
with the file but not the line ("Doc file 'x.md' contains a link 'y.md', but …"). This
hook finds the line (the first line of the file, or of mkdocs.yml, that has the link) and
puts `docs/x.md:LINE:` in front of the message, as every Anshin message has, with the fix.
A logging filter on MkDocs' own loggers does it, so the messages stay MkDocs' and still
count under `--strict`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from anshin.build_context import context
from anshin.errors import DataError

_DOC_LINK = re.compile(r"^Doc file '(?P<src>[^']+)' contains (?:an unrecognized relative )?(?:a )?link (?:to )?'(?P<link>[^']+)'")
_NAV = re.compile(r"^A reference to '(?P<link>[^']+)' is included in the 'nav' configuration")
LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


def on_config(config: MkDocsConfig) -> None:
    build_context = context(config)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        # One filter per logger, for this build's project (a previous build's is replaced).
        for old in [f for f in logger.filters if type(f).__name__ == _WithLines.__name__]:
            logger.removeFilter(old)
        logger.addFilter(_WithLines(build_context.docs, Path(config.config_file_path)))


class _WithLines(logging.Filter):
    def __init__(self, docs: Path, config_file: Path) -> None:
        super().__init__()
        self.docs, self.config_file = docs, config_file

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if (link := _DOC_LINK.match(message)) is not None:
            source = self.docs / link["src"]
            line = _line_of(source, link["link"])
            shown = f"docs/{link['src']}"
            fix = "correct the link's path or anchor, or write the page it names"
        elif (nav := _NAV.match(message)) is not None:
            source, line, shown = self.config_file, _line_of(self.config_file, nav["link"]), "mkdocs.yml"
            fix = "correct the path in 'nav', or write the page under docs/"
        else:
            return True
        record.msg, record.args = str(DataError(shown, line, message, fix)), ()
        return True


def _line_of(path: Path, link: str) -> int:
    """The first line of `path` with `link` in it (1 if none, or if the file cannot be read)."""
    target = link.split("#")[0] or link
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for wanted in (f"]({link}", f"({link})", link, target):
        for number, text in enumerate(lines, start=1):
            if wanted in text:
                return number
    return 1
