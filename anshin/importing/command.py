"""`make import SRC=… OUT=…`: the command line of anshin/importing (see its docstring).
tools/import_document.py runs it with the languages of the project's mkdocs.yml.

Exit status 0 when the page was written (the checks' findings are the source's own
faults, printed for the editor to fix in the page); 2 when nothing was written: a source
that cannot be imported, an OUT that is not a page name of this project, or an OUT that
exists (without --force). No Python traceback reaches the editor.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from anshin.importing.model import SourceDocument, SourceError

if TYPE_CHECKING:
    from anshin.writing_systems import WritingSystems

# Large enough for a policy with photographs; beyond it the file is not a policy text.
MAX_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = {
    ".doc": "it is an old Word .doc file — open it in Word and save it as .docx (File > Save As > Word Document)",
    ".jtd": "it is an 一太郎 file — in 一太郎 choose ファイル > 他形式で保存 > Word文書 (.docx), then import that",
    ".jtdc": "it is an 一太郎 file — in 一太郎 choose ファイル > 他形式で保存 > Word文書 (.docx), then import that",
    ".hwp": "it is a Hangul (.hwp) file — in Hangul save it as .docx, then import that",
    ".wps": "it is a WPS Writer file — in WPS save it as .docx (文件 > 另存为 > Word 文件), then import that",
    ".rtf": "it is a Rich Text file — open it in Word and save it as .docx",
    ".odt": "it is an OpenDocument file — in LibreOffice save it as Word (.docx)",
}


@dataclass(frozen=True)
class LanguageHints:
    """What the page's language tells a reader: the characters only it writes (which of
    two encodings reads a file right) and how its text is cut into words (whether a short
    line was wrapped mid-word). From its catalogue, locales/<code>.yml."""

    own_characters: frozenset[str] = frozenset()
    words: Callable[[str], list[tuple[str, bool]]] | None = field(default=None, compare=False)


def main(argv: list[str] | None = None, languages: tuple[str, ...] | None = None) -> int:
    """`languages`: the site's language codes (default first); without them, those with a
    catalogue in locales/."""
    parser = argparse.ArgumentParser(prog="make import", description="Import a Word file, PDF or text file as a page.")
    parser.add_argument("source", metavar="SRC", help="the school's file: .docx, .pdf or .txt")
    parser.add_argument("out", metavar="OUT", help="the page to write, e.g. docs/policy/anti-bullying.ja.md")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    arguments = parser.parse_args(argv)
    try:
        codes = languages or tuple(sorted(path.stem for path in (Path.cwd() / "locales").glob("*.yml")))
        return _import(Path(arguments.source), Path(arguments.out), codes, force=arguments.force)
    except SourceError as error:
        print(f"{error.path}: {error.problem} — {error.fix}. Nothing was written.", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The report piped into `head`: the page is written; stop printing quietly.
        sys.stderr.close()
        return 0


def _import(source: Path, out: Path, languages: tuple[str, ...], *, force: bool) -> int:
    shown_source, shown_out = _shown(source), _shown(out)
    language = _language(out, shown_out, languages)
    if out.exists() and not force:
        raise SourceError(shown_out, "exists already", "choose another OUT, or run again with FORCE=1 (--force) to replace it")
    words_of = {code: _catalogue_words(code) for code in languages}  # each catalogue read once
    hint, hints = words_of[language]
    document = read_source(source, shown_source, hints)
    if document.kind == "docx" and hints.words is not None:
        from anshin.importing.plain_text import join_broken_paragraphs

        document.blocks, joins = join_broken_paragraphs(document.blocks, hints.words)
        if joins:
            document.notes.append(f"{joins} paragraph{'s' if joins != 1 else ''} that Word had broken mid-sentence "
                                  f"(line breaks of a pasted web page) joined to the one before")
    from anshin.importing.markdown import write_page

    written = write_page(document, description_hint=hint, source_name=source.name)
    from anshin.writing_systems import WritingSystems

    systems = WritingSystems({code: found.own_characters for code, (_, found) in words_of.items()})
    other = _other_language(document, language, systems)
    if other:
        written.notes.insert(0, f"the text is written in '{other[0]}' ({other[1]} characters only that language writes, "
                                f"none of those only '{language}' writes), but OUT is a '{language}' page: if that is not meant, "
                                f"import it again as …{other[0]}.md")
    before = out.read_text(encoding="utf-8", errors="replace").splitlines() if out.is_file() else None
    _write(out, written.text)
    print(f"Wrote {shown_out} from {shown_source} ({_kind_name(document)}): {_counts(written.counts)}.")
    if before is not None:
        # FORCE=1 was asked for; still say what the editor's page lost.
        removed, added = _changed_lines(before, written.text.splitlines())
        if not removed and not added:
            print("  the page that was there is unchanged")
        else:
            print(f"  replaced the page that was there: {removed} line{'s' if removed != 1 else ''} removed, {added} added "
                  f"(git diff {shown_out} shows them; git checkout -- {shown_out} brings it back)")
    for note in [*document.notes, *written.notes]:
        print(f"  note: {note}")
    if document.omissions:
        print("Not carried over (add it by hand if the page needs it):")
        for omission in document.omissions:
            print(f"  {shown_source}, {omission}")
    findings = check_page(written.text, shown_out)
    if findings:
        print(f"Checks of {shown_out} ({len(findings)} to fix before the strict build passes):")
        for finding in findings:
            print(f"  {finding}")
        if any("renumber from here" in finding for finding in findings):
            # The numbers are the document's as published: renumbering is the editor's call.
            print(f"  (where the renumbering is certain, 'python -m hooks.clause_numbering --fix {shown_out}' shows it "
                  f"as a diff; add --write to make it)")
    else:
        print(f"Checks of {shown_out}: clause numbering and front matter are in order.")
    twins = [shown_out.removesuffix(f".{language}.md") + f".{code}.md" for code in languages if code != language]
    missing = [twin for twin in twins if not Path(twin).exists()]
    if missing:
        # The build asks for every page in every language (hooks/translations.py).
        print(f"Next: add its translation {' and '.join(missing)} (CONTENT_CONVENTIONS.md, Translations), "
              f"or write 'single_language: true' in its front matter.")
    norm = _norm_path(out, language)
    config = Path.cwd() / "mkdocs.yml"
    if norm and config.is_file() and norm not in config.read_text(encoding="utf-8", errors="replace"):
        print(f"Next: list it in the nav of mkdocs.yml, in each language that has it (plugins > i18n > languages > "
              f"nav), e.g. '- {written.title}: {norm}'.")
    return 0


def _norm_path(out: Path, language: str) -> str | None:
    """OUT as the navigation names it (`policy/imported.md`), when OUT is under docs/."""
    try:
        relative = out.resolve().relative_to((Path.cwd() / "docs").resolve()).as_posix()
    except ValueError:
        return None
    return relative.removesuffix(f".{language}.md") + ".md"


def read_source(source: Path, shown: str, hints: LanguageHints | None = None) -> SourceDocument:
    """The source's blocks, by what the file is (its first bytes, then its name)."""
    if not source.is_file():
        raise SourceError(shown, "no such file" if not source.exists() else "is not a file", "check the path given as SRC")
    size = source.stat().st_size
    if size == 0:
        raise SourceError(shown, "the file is empty", "check that it is the right file, and that it was saved")
    if size > MAX_BYTES:
        raise SourceError(shown, f"the file is {_size(size)}; Anshin imports files up to {_size(MAX_BYTES)}",
                          "split it into one file per document, or compress its pictures (Word: File > Compress Pictures)")
    with source.open("rb") as file:
        head = file.read(2048)
    suffix = source.suffix.lower()
    reader = _reader(head, suffix, shown)
    try:
        return reader(source, shown, hints or LanguageHints())
    except SourceError:
        raise
    except (MemoryError, RecursionError):
        raise SourceError(shown, "the file is too complex to read", "save it again (or print it to PDF) and import that") from None
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside a library
        raise SourceError(shown, f"the file could not be read ({type(error).__name__})",
                          "it may be damaged: open it in the program that made it, save it again, and import that") from None


def _reader(head: bytes, suffix: str, shown: str) -> Callable[[Path, str, LanguageHints], SourceDocument]:
    if b"%PDF-" in head[:1024]:
        from anshin.importing.pdf import read_pdf

        return lambda path, shown_as, _own: read_pdf(path, shown_as)
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".docx", ".docm", ".dotx") or b"word/" in head:
            from anshin.importing.word import read_docx

            return lambda path, shown_as, _own: read_docx(path, shown_as)
        if b"opendocument.text" in head or suffix == ".odt":
            raise SourceError(shown, _SAVE_AS_DOCX[".odt"], "nothing else is needed")
        raise SourceError(shown, "it is a zip file, not a Word .docx", "import the .docx, .pdf or .txt itself")
    if head.startswith(_OLE):
        if suffix == ".docx":
            # Word keeps a password-protected .docx in this container too.
            raise SourceError(shown, "it is password-protected, or an old .doc renamed .docx",
                              "in Word remove the password (File > Info > Protect Document) or save it as .docx, "
                              "then import that")
        raise SourceError(shown, *_save_as(suffix, "it is an old Office file (.doc or similar)"))
    if suffix in _SAVE_AS_DOCX:
        raise SourceError(shown, *_save_as(suffix, ""))
    if head.startswith(b"{\\rtf"):
        raise SourceError(shown, *_save_as(".rtf", ""))
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        raise SourceError(shown, "it is a picture, which has no text to import",
                          "if it is a scan, make a PDF with a text layer by OCR (e.g. 'ocrmypdf'), then import that")
    if suffix in (".xls", ".xlsx", ".ppt", ".pptx", ".html", ".htm", ".zip"):
        raise SourceError(shown, f"a {suffix} file cannot be imported",
                          "save the document as .docx or PDF, or copy its text into a .txt file, and import that")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(shown, "it is not a text file, a Word .docx or a PDF",
                          "save the document as .docx or PDF, or its text as a .txt file, and import that")
    from anshin.importing.plain_text import read_text_file

    return lambda path, shown_as, hints: read_text_file(path, shown_as, hints.own_characters, hints.words)


def _save_as(suffix: str, default: str) -> tuple[str, str]:
    problem = _SAVE_AS_DOCX.get(suffix, default)
    what, _, fix = problem.partition(" — ")
    return what, fix or "open it in Word and save it as .docx, then import that"


def check_page(text: str, shown: str) -> list[str]:
    """The clause-numbering and front-matter findings for the page's text, `file:line: …`."""
    from anshin.clause_numbering import analyse
    from anshin.errors import DataError
    from anshin.front_matter import read_front_matter

    findings: list[str] = []
    try:
        front_matter = read_front_matter(text, shown)
        findings += [str(warning) for warning in front_matter.warnings]
    except DataError as error:
        findings.append(str(error))
    _, clause_findings = analyse(text, shown)
    # Notes do not fail the strict build, so they are not among what is to fix.
    findings += [f"{finding} — fix: {finding.hint}" if finding.hint else str(finding)
                 for finding in clause_findings if finding.certain]
    return findings


def _language(out: Path, shown: str, codes: tuple[str, ...]) -> str:
    """The page's language, from OUT's suffix (`….ja.md`), one of the project's."""
    parts = out.name.split(".")
    if len(parts) < 3 or parts[-1] != "md" or parts[-2] not in codes:
        example = f"docs/policy/anti-bullying.{codes[-1]}.md" if codes else "docs/policy/anti-bullying.<language>.md"
        raise SourceError(shown, f"OUT must be a page name ending in {' or '.join(f'.{code}.md' for code in codes)}",
                          f"name the page with its language, e.g. {example}")
    return parts[-2]


def _other_language(document: SourceDocument, language: str, systems: WritingSystems) -> tuple[str, int] | None:
    """Another of the site's languages that the text is plainly in (characters only it
    writes, 20 or more, and none that only the page's language writes): a Japanese PDF
    imported as a Chinese page."""
    from anshin.importing.model import Paragraph

    text = "".join(block.text for block in document.blocks if isinstance(block, Paragraph))
    if set(text) & systems.only.get(language, frozenset()):
        return None
    counts = {code: sum(char in own for char in text) for code, own in systems.only.items() if code != language}
    best = max(counts.items(), key=lambda item: item[1], default=None)
    return best if best and best[1] >= 20 else None


def _catalogue_words(language: str) -> tuple[str, LanguageHints]:
    """The description placeholder's words and the language's hints, from its catalogue
    (locales/<language>.yml); defaults without one."""
    from anshin.catalogue import CatalogueError, load_catalogue
    from anshin.errors import DataError
    from anshin.importing.markdown import DEFAULT_DESCRIPTION_HINT
    from anshin.writing_systems import characters

    path = Path.cwd() / "locales" / f"{language}.yml"
    try:
        catalogue = load_catalogue(path, language, f"locales/{language}.yml")
    except DataError:
        return DEFAULT_DESCRIPTION_HINT, LanguageHints()
    try:
        hint = catalogue.text("import.description")
    except CatalogueError:
        hint = DEFAULT_DESCRIPTION_HINT
    try:
        own = characters(str(catalogue.value("writing_system.only")))
    except CatalogueError:
        own = frozenset()
    try:
        from anshin.search.words import catalogue_tokenizer, word_splitter

        tokenizer = catalogue_tokenizer(catalogue)
    except (CatalogueError, DataError):
        return hint, LanguageHints(own)
    return hint, LanguageHints(own, word_splitter(tokenizer))


def _write(out: Path, text: str) -> None:
    """Write the page whole or not at all (an interrupted import leaves no half page)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _changed_lines(before: list[str], after: list[str]) -> tuple[int, int]:
    import difflib

    lines = list(difflib.unified_diff(before, after, lineterm="", n=0))
    return (sum(line.startswith("-") and not line.startswith("---") for line in lines),
            sum(line.startswith("+") and not line.startswith("+++") for line in lines))


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.1f} KB"


def _kind_name(document: SourceDocument) -> str:
    return {"text": "text", "docx": "Word", "pdf": "PDF"}.get(document.kind, document.kind)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name if count != 1 else name.rstrip('s').replace('blocks', 'block')}"
                     for name, count in counts.items()) or "no text"

