"""The glossary of school terms (pure, no MkDocs): data/glossary.yml.

A list of terms, checked against the field table made by `term_schema(languages)`
(anshin/schema.py): an `id` (kebab-case ASCII, unique), the term under each language's
code (`zh: 班主任`, `ja: 担任`), its `origin` and an `explain` text in every language.
A site language added in mkdocs.yml is one more required key in every term. Two ids for
the same term (the same in every language) are an error; a term shared by one language
only (保護者 for both 家长 and 监护人) is not.

An empty or comment-only glossary file is an error, not an empty glossary: the glossary
pages exist to show the terms, and a file emptied by mistake must not publish an empty
table. To drop the glossary, remove its pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anshin.data_files import DataError, check_unique_ids, load_entries
from anshin.schema import Field, Schema

ORIGINS = ("cn", "jp", "both")
ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]       # the term in each language: {code: term}
    origin: str
    explain: dict[str, str]

    def term(self, language: str) -> str:
        return self.names[language]


def term_schema(languages: tuple[str, ...]) -> Schema:
    """The fields of a term: its name is a key per site language."""
    return Schema("term", (
        Field("id", pattern=ID, rule="kebab-case ASCII (lower-case letters, digits and '-')",
              example="homeroom-teacher"),
        *(Field(code, label=f"the '{code}' form of the term", hint=f"the term as the '{code}' pages name it")
          for code in languages),
        Field("origin", choices=ORIGINS),
        Field("explain", per_language=True, label="the explanation",
              hint="one line for the readers of each language"),
    ), described_in="the comments at the top of data/glossary.yml")


def load_glossary(path: Path, languages: tuple[str, ...]) -> list[Term]:
    """Read and check data/glossary.yml: each term in every one of `languages` (codes)."""
    entries = load_entries(path, "term")
    if not entries:
        raise DataError(path, 1, "the glossary has no terms (the file is empty or holds only comments)",
                        "restore it from the repository, or write its terms as '- id: …' entries; "
                        "to drop the glossary, remove its pages instead")
    check_unique_ids(entries)
    schema = term_schema(languages)
    terms = []
    first: dict[tuple[str, ...], tuple[Term, int]] = {}
    for entry in entries:
        values = schema.validate(entry, languages)
        term = Term(id=values["id"], names={code: values[code] for code in languages},
                    origin=values["origin"], explain=values["explain"])
        names = tuple(term.names.values())
        if names in first:
            other, line = first[names]
            raise entry.error("id", f"the term {' / '.join(names)} is already in the glossary as '{other.id}' "
                                    f"(line {line})", "merge the two entries, or correct the term in one of them")
        first[names] = (term, entry.line)
        terms.append(term)
    return terms
