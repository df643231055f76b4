"""The project's configuration as the tests see it: the same Languages model the build
uses, from mkdocs.yml (mkdocs-static-i18n's languages and extra.lang_tags), not a copy."""

from __future__ import annotations

from pathlib import Path

from anshin.build_context import project_languages

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = project_languages(ROOT)


def catalogue(code: str):
    """A language's catalogue, as the build reads it."""
    from anshin.catalogue import load_catalogue

    return load_catalogue(ROOT / "locales" / f"{code}.yml", code, f"locales/{code}.yml")


def only_characters(code: str) -> frozenset[str]:
    """The characters only `code` writes (its catalogue's writing_system.only)."""
    from anshin.writing_systems import characters

    return characters(catalogue(code).text("writing_system.only"))


def writing_systems():
    from anshin.writing_systems import WritingSystems

    return WritingSystems.from_catalogues({code: catalogue(code).text("writing_system.only") for code in LANGUAGES.codes})
