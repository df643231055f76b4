"""A class set: one copy of an agreement per student of a class list, each in its
family's language, in one PDF ready to print (`make forms`; tools/make_forms.py prints it).

    make forms ROSTER=rosters/3-2.csv DOC=agreements/pickup [DUPLEX=1]

- **Which page.** A family's language is a language the site is built in: their copy is
  that language's page of the document. `both` (anshin/forms/roster.py) is the
  side-by-side page (`bilingual_of:`) in the document's original language, whose text
  prevails. A language the document is not written in stops the run before anything is
  printed, naming the rows that ask for it.
- **What is filled in.** The fields the page's signature block gives for the student's
  name, class and number, and the guardian's name (hooks/forms.py marks them
  `data-anshin-fill`); the school's name and year are already in the built page
  (data/school.yml). Signature lines, phones and dates stay blank, to be written by hand.
- **Each copy** starts on a new sheet; with `DUPLEX=1` on an odd page, so that no sheet
  carries two families' papers (a blank page follows a copy with an odd page count).
  Its footer names the student and counts that copy's own pages (第 1 页，共 2 页).

Nothing here reads files or starts a browser: this is the plan of the copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from anshin.catalogue import Catalogue
from anshin.errors import DataError
from anshin.forms.roster import BOTH, Roster, Student
from anshin.front_matter import read_front_matter
from anshin.languages import Languages
from anshin.printing import read_blocks
from anshin.source_files import read_text
from anshin.translations import original_of


@dataclass(frozen=True)
class Document:
    """The agreement a class set is printed from: its pages, by language."""

    name: str                           # agreements/pickup
    title: str                          # the original's title (the PDF's metadata)
    original: str                       # the original's language code
    urls: Mapping[str, str]             # language code -> the page's site-relative URL
    bilingual_url: str | None = None    # the side-by-side page in the original's language


@dataclass(frozen=True)
class Copy:
    """One student's copy."""

    student: Student
    url: str                  # the page it is printed from, site-relative: ja/agreements/pickup/
    language: str             # the language of that page (its footer's words)
    footer: str               # the left footer: the student's name and class (and number)
    values: dict[str, str] = field(default_factory=dict)   # data-anshin-fill -> text


class DocumentError(DataError):
    """A DOC that cannot be printed as a class set."""


def find_document(name: str, docs: Path, languages: Languages) -> Document:
    """The document `agreements/pickup` under `docs`; DocumentError saying why not."""
    norm = name.strip().strip("/").removesuffix(".md")
    for code in languages.codes:
        norm = norm.removesuffix(f".{code}")
    shown = f"docs/{norm}"
    versions = languages.versions(docs, f"{norm}.md")
    if not versions:
        raise DocumentError(shown, 1, f"there is no document '{name}' ({shown}.<language>.md)",
                            "give its path under docs/ without the language and .md, e.g. DOC=agreements/pickup")
    texts = {path: read_text(path, _shown(path, docs)) for path in versions.values()}
    metas = {path: read_front_matter(text, _shown(path, docs)).data for path, text in texts.items()}
    found = original_of(languages, docs, f"{norm}.md", None, metas.__getitem__)
    original, original_path = found or next(iter(versions.items()))
    if not any(block.kind == "signature" for block in read_blocks(texts[original_path])):
        raise DocumentError(_shown(original_path, docs), 1,
                            "this document has no signature block, so it is not a form to send home and sign",
                            "choose an agreement (make forms DOC=agreements/pickup), or give this one a "
                            "<div class=\"signature\" markdown> block (CONTENT_CONVENTIONS.md)")
    return Document(norm, str(metas[original_path].get("title") or norm), original,
                    {code: languages.page_url(f"{norm}.md", code) for code in versions},
                    _bilingual_url(norm, docs, languages, original))


def _bilingual_url(norm: str, docs: Path, languages: Languages, original: str) -> str | None:
    for path in sorted(docs.rglob(f"*.{original}.md")):
        text = read_text(path, _shown(path, docs))
        if "bilingual_of:" not in text:
            continue
        meta = read_front_matter(text, _shown(path, docs)).data
        if str(meta.get("bilingual_of", "")).strip("/") == norm:
            stub, _ = languages.split(path.relative_to(docs).as_posix())
            return languages.page_url(stub, original)
    return None


def _shown(path: Path, docs: Path) -> str:
    return f"docs/{path.relative_to(docs).as_posix()}"


def plan(roster: Roster, document: Document, catalogues: Mapping[str, Catalogue], shown: str) -> list[Copy]:
    """Every student's copy, in the roster's order; DocumentError for rows whose language
    the document is not written in (all of them named by row)."""
    missing: dict[str, list[int]] = {}
    copies = []
    for student in roster.students:
        if student.language == BOTH:
            url, language = document.bilingual_url, document.original
        else:
            url, language = document.urls.get(student.language), student.language
        if url is None:
            missing.setdefault(student.language, []).append(student.row)
            continue
        copies.append(Copy(student, url, language, footer(catalogues[language], student), fill_values(student)))
    if missing:
        wanted = "; ".join(f"{'the side-by-side version' if code == BOTH else code} (row{'s' if len(rows) > 1 else ''} "
                           f"{', '.join(map(str, rows))})" for code, rows in missing.items())
        first = min(row for rows in missing.values() for row in rows)
        raise DocumentError(shown, first, f"docs/{document.name} has no page for {wanted}",
                            f"write that version of the document first, or change those rows' language to one of "
                            f"{', '.join(sorted(document.urls))}" + (", both" if document.bilingual_url else ""))
    return copies


def footer(catalogue: Catalogue, student: Student) -> str:
    """The left footer of a copy: whose it is, in the copy's language."""
    if student.number:
        return catalogue.text("forms.footer_number", name=student.name, **{"class": student.class_name},
                              number=student.number)
    return catalogue.text("forms.footer", name=student.name, **{"class": student.class_name})


def fill_values(student: Student) -> dict[str, str]:
    """What fills the fields marked `data-anshin-fill` (hooks/forms.py)."""
    return {"name": student.name, "class": student.class_name, "number": student.number,
            "guardian": student.guardian}


def blank_pages_after(pages: int, duplex: bool) -> int:
    """Blank pages after a copy of `pages` pages, so that the next copy starts on its own
    sheet's front: one after an odd count when printing on both sides."""
    return 1 if duplex and pages % 2 else 0
