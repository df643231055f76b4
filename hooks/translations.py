"""Translations: a notice on every translated page, marks where its original changed since
it was checked, its facts checked against the original's, and no page left in one language.

A page whose front matter has `translation_checked: YYYY-MM-DD` is a translation of the
page with the same name in another language (anshin/translations.py finds which). It gets
a notice under its title: a reference translation, the original prevails, a link to the
original and the date the translation was last checked
(overrides/partials/anshin/translation-notice.html, words from locales/<code>.yml).

**Stale translations.** When the original changed after the check
(anshin/translation_status.py: from the fingerprint the check recorded, else from git
history), the translation is not an error, so a school can publish an urgent change to
its original the same day. Instead:

- the notice says so, in the reader's language, with both dates;
- every clause that changed is marked where it stands in the translation, with the
  original's current wording beside it (in the original's language, with its `lang`) and a
  link to that clause of the original; new clauses are shown where they were added,
  removed ones and renumbered ones are marked (overrides/partials/anshin/stale-clause.html);
- the build says so (an INFO line: it does not fail `--strict`), the editorial notes list
  it, and the print shows all of it, so a stale translation is never signed unknowingly.

Until a translator updates the translation and records the check
(`make check-translation PAGE=agreements/pickup.ja.md`), this is the state of the page;
the clause-tree comparison with the original waits too.

**Facts.** In every clause whose original did not change since the check, the phone
numbers, dates, times, amounts, ages, grades and blanks (anshin/facts.py) must be the
same as the original's: a difference is a warning (so `--strict` fails) naming both lines.

A page that exists in one language only is reported (so `--strict` fails) unless its
front matter says `single_language: true`.

Command line: `python -m hooks.translations report` (`make translations`) prints one row
per translation; `python -m hooks.translations check PAGE...` records a check.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, UnderTitle, context, docs_path, first_body_line, render
from anshin.clause_numbering import is_permalink_attribute
from anshin.languages import relative_url
from anshin.school import fill_blanks
from anshin.translation_status import Change, Pair, Unit
from anshin.translations import original_of, single_language_pages

log = get_plugin_logger(__name__)

_CHANGE_KINDS = ("changed", "new", "removed", "renumbered")


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    # Every language build sees the same sources; report once, in the default language's.
    if not build_context.language.default:
        return
    languages, docs = build_context.languages, build_context.docs
    for path, code in single_language_pages(languages, docs):
        if build_context.meta(path).get("single_language"):
            continue
        relative = path.relative_to(docs).as_posix()
        norm = languages.split(relative)[0]
        missing = [languages.source(norm, other) for other in languages.others(code or "")]
        log.warning(f"docs/{relative}:1: this page exists in one language only — fix: add its "
                    f"translation docs/{missing[0]}, or write 'single_language: true' in its front matter")


# After hooks/clause_numbering.py (40), which adds the clause ids, and the blanks and links
# (0); before hooks/build_context.py (-50) puts the notice under the title.
@event_priority(-40)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.meta.get("editorial_notes"):
        return markdown.rstrip() + "\n\n" + _waiting(page, config) + "\n"
    checked = page.meta.get("translation_checked")
    if checked is None:
        return None
    if not isinstance(checked, datetime.date):
        log.warning(f"{docs_path(page)}:1: 'translation_checked: {checked}' is not a date — "
                    f"fix: write the date as YYYY-MM-DD, e.g. 2026-11-21")
        return None

    build_context = context(config)
    languages = build_context.languages
    norm, language = languages.split(page.file.src_uri)
    language = language or build_context.language.code
    original = original_of(languages, build_context.docs, norm, language, build_context.meta)
    if original is None:
        log.warning(f"{docs_path(page)}:1: marked as a translation, but there is no original "
                    f"in another language — fix: add the original, or remove 'translation_checked'")
        return None
    original_code, original_path = original
    pair = build_context.translation_pair(Path(page.file.abs_src_path)) if page.file.abs_src_path else None
    original_href = relative_url(languages.page_url(norm, original_code), page.url)
    status = pair.status if pair else None
    counts = [(kind, n) for kind in _CHANGE_KINDS if status and (n := status.count(kind))]
    notice = render(
        config, "partials/anshin/translation-notice.html",
        original_language=build_context.language_name(original_code),
        own_language=build_context.language_name(language),
        original_title=build_context.meta(original_path).get("title", norm),
        original_href=original_href,
        original_lang=languages.tag(original_code),
        checked=checked,
        glossary_href=relative_url(languages.page_url("glossary.md", language), page.url),
        changes=counts, total=sum(n for _, n in counts),
        original_changed=pair.original_changed if pair else None,
    ).strip()
    build_context.build.put_under_title(page.file.src_uri, UnderTitle.TRANSLATION_NOTICE, notice)
    if pair is None:
        return None
    _report(pair, build_context, docs_path(page))
    return _marked(markdown, page, config, pair, original_href) if pair.status.stale else None


def _waiting(page: Page, config: MkDocsConfig) -> str:
    """The editorial notes' list of stale translations."""
    build_context = context(config)
    languages, docs = build_context.languages, build_context.docs
    waiting = []
    for path in sorted(docs.rglob("*.md")):
        pair = build_context.translation_pair(path) if "translation_checked" in build_context.meta(path) else None
        if pair is None or not pair.status.stale:
            continue
        norm, code = languages.split(path.relative_to(docs).as_posix())
        waiting.append({
            "title": build_context.meta(path).get("title", norm), "lang": languages.tag(code or ""),
            "href": relative_url(languages.page_url(norm, code or ""), page.url),
            "changed": pair.original_changed, "checked": pair.status.checked,
            "parts": [(kind, n) for kind in _CHANGE_KINDS if (n := pair.status.count(kind))],
        })
    return render(config, "partials/anshin/translations-waiting.html", waiting=waiting).strip()


def _report(pair: Pair, build_context: BuildContext, where: str) -> None:
    """What the build says of a translation (its page is built once, in its language's build)."""
    status, original = pair.status, build_context.shown(pair.original)
    page = pair.translation.relative_to(build_context.docs).as_posix()
    if not status.aligned and not status.stale:
        line, original_line = status.first_difference or (1, 1)
        log.warning(f"{where}:{line}: the translation no longer has one paragraph, clause or list item for each of "
                    f"{original}'s ({status.translation_units} against {status.original_units}); the first that "
                    f"does not line up is this one, against {original}:{original_line} — fix: give the translation "
                    f"the original's paragraphs and clauses in the same order (do not merge, split or add them), "
                    f"then run 'make check-translation PAGE={page}'")
    if status.stale:
        parts = ", ".join(f"{n} {kind}" for kind in _CHANGE_KINDS if (n := status.count(kind)))
        since = f"on {pair.original_changed}" if pair.original_changed else "since"
        log.info(f"stale translation: {where} — {original} changed {since}, the translation was checked on "
                 f"{status.checked} ({parts}; the page marks each one) — fix: update the translation, then run "
                 f"'make check-translation PAGE={page}'")
    for mismatch in status.mismatches:
        differs = "; ".join(part for part in (
            f"only the original has {', '.join(mismatch.only_in_original)}" if mismatch.only_in_original else "",
            f"only the translation has {', '.join(mismatch.only_in_translation)}"
            if mismatch.only_in_translation else "") if part)
        log.warning(f"{where}:{mismatch.translation_line}: a fact differs from the original "
                    f"{original}:{mismatch.original_line} — {differs} — fix: copy the value from the original "
                    f"(numbers, dates and times are copied, never retyped)")


def _marked(markdown: str, page: Page, config: MkDocsConfig, pair: Pair, original_href: str) -> str:
    """The page's Markdown with a mark before each translated unit whose original changed
    (was removed, renumbered), and the original's new units where they were added."""
    lines = markdown.split("\n")
    index_of = _source_line_indexes(lines, first_body_line(page))
    before: dict[int, list[str]] = {}   # marks that go before a line (changed, removed, renumbered)
    after: dict[int, list[str]] = {}    # marks that go after one (a new clause after its predecessor)
    unplaced = 0
    for change in pair.status.changes:
        mark = _mark(change, config, pair, original_href)
        if change.kind != "new":
            position = index_of.get(change.translation.line) if change.translation else None
            if position is None:
                unplaced += 1
                continue
            before.setdefault(position, []).append(mark)
            continue
        if change.after is None:
            position = min(index_of.values()) if index_of else None
            if position is None:
                unplaced += 1
                continue
            before.setdefault(position, []).append(mark)
            continue
        position = index_of.get(change.after.end)
        if position is None:
            unplaced += 1
            continue
        # After the unit and the clause-id line hooks/clause_numbering.py put under it.
        while position + 1 < len(lines) and is_permalink_attribute(lines[position + 1]):
            position += 1
        after.setdefault(position, []).append(mark)
    if unplaced:
        log.warning(f"{docs_path(page)}: {unplaced} change(s) of the original could not be placed on the page — "
                    f"fix: keep hooks/translations.py's on_page_markdown after hooks/clause_numbering.py's and "
                    f"before any hook that adds lines")
    return "\n".join(line for index, text in enumerate(lines)
                     for line in (*before.get(index, ()), text, *after.get(index, ())))


def _source_line_indexes(lines: list[str], body_line: int) -> dict[int, int]:
    """Source line number → index in `lines`, skipping the lines hooks/clause_numbering.py added."""
    found: dict[int, int] = {}
    source_line = body_line
    for index, line in enumerate(lines):
        if is_permalink_attribute(line):
            continue
        found[source_line] = index
        source_line += 1
    return found


def _mark(change: Change, config: MkDocsConfig, pair: Pair, original_href: str) -> str:
    build_context = context(config)
    original_unit: Unit | None = change.original
    shown = ""
    if change.kind in ("changed", "new") and original_unit is not None:
        blanks = build_context.school.blanks(pair.original_code)
        shown = fill_blanks(_unit_markdown(original_unit), blanks) if blanks else _unit_markdown(original_unit)
    href = original_href + (f"#{original_unit.id}" if original_unit is not None and original_unit.id else "")
    html = render(config, "partials/anshin/stale-clause.html", kind=change.kind, original=shown,
                  original_language=build_context.language_name(pair.original_code),
                  original_lang=build_context.languages.tag(pair.original_code),
                  original_href=href if change.kind != "removed" else original_href,
                  marker=original_unit.marker if original_unit is not None else "")
    return "\n" + html.strip() + "\n"


_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")


def _unit_markdown(unit: Unit) -> str:
    """A unit of the original as Markdown that stands on its own: a list item without its
    bullet (its number, if it has one, stays as text), and links as their text: the mark
    links to the original's clause, and a link written for the original's page would be
    checked again, and reported, as the translation's."""
    text = re.sub(r"^[-*+]\s+", "", unit.text)
    text = _LINK.sub(r"\1", text)
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)


def _command_line() -> int:
    from mkdocs.exceptions import ConfigurationError, PluginError

    from anshin.build_context import project_languages
    from anshin.translation_commands import main

    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        print("run this in the project's folder (the one with mkdocs.yml)", file=sys.stderr)
        return 2
    try:
        languages = project_languages(root)
    except (ConfigurationError, PluginError, OSError) as error:
        print(f"mkdocs.yml could not be read: {error}", file=sys.stderr)
        return 2
    return main(root, languages, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(_command_line())
