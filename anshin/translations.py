"""Which page is the original and which its translation (pure, no MkDocs).

A page whose front matter has `translation_checked: YYYY-MM-DD` is a translation; the
original is the version of the same page, in another language, that has none. With two
languages that is simply the other one; with more, every translation points at the one
original, and the translations never at each other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from anshin.languages import Languages


def original_of(languages: Languages, docs: Path, norm_src_uri: str, code: str | None,
                meta: Callable[[Path], dict]) -> tuple[str, Path] | None:
    """(code, file) of the original of a page, or None when no other version is one.
    `meta` reads a file's front matter."""
    for other, path in languages.twins(docs, norm_src_uri, code).items():
        if "translation_checked" not in meta(path):
            return other, path
    return None


def single_language_pages(languages: Languages, docs: Path) -> list[tuple[Path, str | None]]:
    """Pages that exist in one language only: (file, its language code)."""
    versions: dict[str, dict[str | None, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        norm, code = languages.split(path.relative_to(docs).as_posix())
        versions.setdefault(norm, {})[code] = path
    return [next(iter((path, code) for code, path in found.items()))
            for found in versions.values() if len(found) == 1 and len(languages) > 1]
