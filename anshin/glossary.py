"""The bilingual glossary of school terms (pure, no MkDocs): data/glossary.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from anshin.data_files import Entry, check_keys, check_unique_ids, load_entries

ORIGINS = ("cn", "jp", "both")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]       # the term in each language: {code: term}
    origin: str
    explain: dict[str, str]

    def term(self, language: str) -> str:
        return self.names[language]


def load_glossary(path: Path, languages: tuple[str, ...]) -> list[Term]:
    """Read and check data/glossary.yml: each term in every one of `languages` (codes)."""
    entries = load_entries(path, "term")
    check_unique_ids(entries)
    return [_term(entry, languages) for entry in entries]


def _term(entry: Entry, languages: tuple[str, ...]) -> Term:
    check_keys(entry, ("id", *languages, "origin", "explain"), (), "term")
    data = entry.data
    if not _ID.match(str(data["id"])):
        raise entry.error("id", f"id '{data['id']}' is not kebab-case ASCII",
                          "use lower-case letters, digits and '-', e.g. 'homeroom-teacher'")
    if data["origin"] not in ORIGINS:
        raise entry.error("origin", f"unknown origin '{data['origin']}'", f"use one of: {', '.join(ORIGINS)}")
    for language in languages:
        if not str(data[language] or "").strip():
            raise entry.error(language, f"the term has no '{language}' form", f"write the term under '{language}:'")
    explain = data["explain"]
    if not isinstance(explain, dict) or any(not str(explain.get(lang) or "").strip() for lang in languages):
        missing = next((lang for lang in languages if not isinstance(explain, dict) or not str(explain.get(lang) or "").strip()))
        raise entry.error("explain", f"the explanation has no '{missing}' text",
                          f"write one line for the readers of each language under 'explain:' ({', '.join(languages)})")
    return Term(id=data["id"], names={lang: str(data[lang]).strip() for lang in languages}, origin=data["origin"],
                explain={lang: str(explain[lang]).strip() for lang in languages})
