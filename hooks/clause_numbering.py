"""Clause numbering in the build: report numbering faults and translation mismatches as
warnings (so `--strict` fails), notes (anshin/clause_numbering.py's `Finding.certain`)
as information, and give every clause a permalink.

The checking itself is anshin/clause_numbering.py, which also runs without a build:
`python -m hooks.clause_numbering docs` (this module's command line: it reads the
project's languages from mkdocs.yml and hands them to that one's).

Clause lines are found in the file as written, so this hook's `on_page_markdown` runs
before every other hook that inserts lines (explicit priority, whatever the order in
mkdocs.yml); if a clause is ever not where the file has it, the build says so.

Every numbered clause gets the id of its position in the document's tree (`c-2-7`),
which is the same in every language, and a permalink that shows on hover and focus, as
headings have. Headings keep their readable anchors and carry the position id as
`data-clause`; overrides/assets/anshin.js uses it to keep the reader's place when they
switch language.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, context, docs_path, first_body_line, project_languages, render
from anshin.clause_numbering import Item, analyse, main, marker_of, parity, permalink_attribute
from anshin.translations import original_of

log = get_plugin_logger(__name__)

_ATTR_LIST = re.compile(r"\s*\{([^}]*)\}\s*$")
_LIST_ITEM = re.compile(r"^(\s*)([-*+] +|\d+\. +)")
_BULLET = re.compile(r"^(\s*)([-*+] +)")


# Before the other hooks (priority 0), which add lines under the title, and after none
# that could move the clauses: mkdocs-static-i18n (50) leaves the lines where they are.
@event_priority(40)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    source = page.file.content_string
    where = docs_path(page)
    items, findings = analyse(source, where, check=page.meta.get("clause_numbering", True) is not False)
    for finding in findings:
        if not finding.certain:
            # A note (as likely a list the checker misread as a fault): shown, not failing --strict.
            log.info(f"{finding} — {finding.hint}")
            continue
        log.warning(f"{finding} — fix: {finding.hint} (or, for quoted text whose numbers are not this "
                    f"document's, put it between <!-- clause-numbering: off --> and <!-- clause-numbering: on -->)")
    if page.meta.get("translation_checked") and not _stale(page, context(config)):
        # (A stale translation differs from its original by definition: it is marked on
        # the page instead, hooks/translations.py, until a translator catches up.)
        _check_parity(page, items, context(config), where)
    if not items:
        return None
    return _with_permalinks(markdown, items, first_body_line(page), config, where)


def _stale(page: Page, build_context: BuildContext) -> bool:
    pair = build_context.translation_pair(Path(page.file.abs_src_path)) if page.file.abs_src_path else None
    return pair is not None and pair.status.stale


def _check_parity(page: Page, items: list[Item], build_context: BuildContext, where: str) -> None:
    norm, code = build_context.languages.split(page.file.src_uri)
    original = original_of(build_context.languages, build_context.docs, norm, code, build_context.meta)
    if original is None:
        return
    original_path = original[1]
    original_items, _ = analyse(build_context.read(original_path), "")
    mismatch = parity(original_items, items, build_context.shown(original_path), where)
    if mismatch:
        log.warning(f"{mismatch} — fix: {mismatch.hint}")


def _with_permalinks(markdown: str, items: list[Item], body_line: int, config: MkDocsConfig, where: str) -> str:
    lines = markdown.split("\n")
    # The attribute lines go after the line they follow, once all are known: inserting
    # each into the list would move every line below it, for every clause (quadratic).
    after: dict[int, list[str]] = {}
    for item in sorted(items, key=lambda i: i.line, reverse=True):
        index = item.line - body_line
        if not 0 <= index < len(lines) or not _starts_with(lines[index], item):
            # Something moved the lines: leave the clause without an id rather than put
            # the id on the wrong paragraph, and say so (it must never pass silently).
            log.warning(f"{where}:{item.line}: clause {item.id} is not at its line in the Markdown this hook "
                        f"received, so it gets no permalink — fix: keep hooks/clause_numbering.py's "
                        f"on_page_markdown before any hook or plugin that adds lines above the clauses")
            continue
        if item.kind != "clause":
            lines[index] = _with_data_attribute(lines[index], item.id)
            continue
        if item.marker is None:
            continue  # a clause that lost its number: reported, and left as it is
        last = _block_end(lines, index)
        link = render(config, "partials/anshin/clause-link.html", id=item.id, marker=marker_of(item).text).strip()
        lines[last] = lines[last].rstrip() + " " + link
        list_item = _LIST_ITEM.match(lines[index])
        indent = " " * (len(list_item.group(0)) + 2) if list_item else ""
        # Clauses are done from the last, so a later one's line ends up nearer its clause.
        after.setdefault(last, []).insert(0, permalink_attribute(item.id, indent))
    if not after:
        return "\n".join(lines)
    return "\n".join(line for index, text in enumerate(lines) for line in (text, *after.get(index, ())))


def _starts_with(line: str, item: Item) -> bool:
    text = _BULLET.sub("", line.lstrip("# ").lstrip())
    return item.marker is None or text.startswith(item.marker.text)


def _block_end(lines: list[str], index: int) -> int:
    """Last line of the paragraph or list item that starts at `index`."""
    last = index
    while last + 1 < len(lines) and lines[last + 1].strip() and not _LIST_ITEM.match(lines[last + 1]) \
            and not lines[last + 1].lstrip().startswith(("#", "<", "|", "{:")):
        last += 1
    return last


def _with_data_attribute(line: str, clause_id: str) -> str:
    attribute = f'data-clause="{clause_id}"'
    existing = _ATTR_LIST.search(line)
    if existing:
        return line[: existing.start()] + f" {{{existing.group(1).strip()} {attribute}}}"
    return f"{line.rstrip()} {{ {attribute} }}"


def _command_line() -> int:
    from mkdocs.exceptions import ConfigurationError, PluginError

    # Outside a project (a folder of documents only), languages are read off the file names.
    languages = None
    if (Path.cwd() / "mkdocs.yml").is_file():
        try:
            languages = project_languages(Path.cwd()).codes
        except (ConfigurationError, PluginError, OSError) as error:
            print(f"mkdocs.yml could not be read ({error}); languages are taken from the file names", file=sys.stderr)
    return main(languages=languages)


if __name__ == "__main__":
    sys.exit(_command_line())
