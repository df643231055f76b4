"""The bilingual glossary of school terms (pure, no MkDocs): data/glossary.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hooks.data_files import Entry, check_keys, check_unique_ids, load_entries

ORIGINS = ("cn", "jp", "both")
LANGUAGES = ("zh", "ja")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    ja: str
    origin: str
    explain: dict[str, str]

    def term(self, language: str) -> str:
        return self.zh if language == "zh" else self.ja


def load_glossary(path: Path) -> list[Term]:
    entries = load_entries(path, "term")
    check_unique_ids(entries)
    return [_term(entry) for entry in entries]


def _term(entry: Entry) -> Term:
    check_keys(entry, ("id", "zh", "ja", "origin", "explain"), (), "term")
    data = entry.data
    if not _ID.match(str(data["id"])):
        raise entry.error("id", f"id '{data['id']}' is not kebab-case ASCII",
                          "use lower-case letters, digits and '-', e.g. 'homeroom-teacher'")
    if data["origin"] not in ORIGINS:
        raise entry.error("origin", f"unknown origin '{data['origin']}'", f"use one of: {', '.join(ORIGINS)}")
    for language in LANGUAGES:
        if not str(data[language] or "").strip():
            raise entry.error(language, f"the term has no '{language}' form", f"write the term under '{language}:'")
    explain = data["explain"]
    if not isinstance(explain, dict) or any(not str(explain.get(lang) or "").strip() for lang in LANGUAGES):
        raise entry.error("explain", "the explanation needs both 'zh' and 'ja' text",
                          "write one line for Chinese readers under 'zh:' and one for Japanese readers under 'ja:'")
    return Term(id=data["id"], zh=str(data["zh"]).strip(), ja=str(data["ja"]).strip(), origin=data["origin"],
                explain={lang: str(explain[lang]).strip() for lang in LANGUAGES})
