"""The site's languages, and where each page's source and output are (pure, no MkDocs).

Every language fact comes from configuration, once: the codes, names and the default
language from mkdocs-static-i18n's `languages:` in mkdocs.yml, and the BCP 47 tags from
`extra.lang_tags` there. Nothing in the code names a language; adding one is a matter of
an entry in mkdocs.yml, a catalogue file in `locales/` and the translated pages.

Paths follow mkdocs-static-i18n's suffix layout with directory URLs: `policy/x.ja.md` is
the Japanese version of `policy/x.md`, served at `ja/policy/x/`; the default language
has no prefix and is served from the site root.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from posixpath import relpath


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str       # the file suffix and URL prefix: `ja` in pickup.ja.md and /ja/
    tag: str        # BCP 47, for `lang` and `hreflang`: zh-Hans (a bare zh lets browsers pick Japanese glyphs)
    name: str       # its own name, as the language switch shows it: 中文, 日本語
    default: bool   # built at the site root

    @property
    def root(self) -> str:
        """Where its pages live, relative to the site root: '' or 'ja/'."""
        return "" if self.default else f"{self.code}/"


class LanguageError(ValueError):
    """Language configuration that cannot work; the message says what to change."""


@dataclass(frozen=True)
class Languages:
    """The languages the site is built in, the default one first."""

    all: tuple[Language, ...]

    @classmethod
    def from_config(cls, languages: list[dict], lang_tags: dict[str, str] | None = None) -> Languages:
        """From mkdocs-static-i18n's `languages:` entries (`locale`, `name`, `default`,
        `build`) and `extra.lang_tags` ({code: BCP 47 tag}; the code itself if absent)."""
        tags = lang_tags or {}
        built = [entry for entry in languages if entry.get("build", True)]
        defaults = [entry for entry in built if entry.get("default")]
        if not built:
            raise LanguageError("no language is built — fix: give mkdocs.yml's i18n plugin at least one language")
        if len(defaults) > 1:
            raise LanguageError("more than one default language — fix: set 'default: true' on one language only")
        default = (defaults or built)[0]["locale"]
        ordered = sorted(built, key=lambda entry: entry["locale"] != default)
        return cls(tuple(Language(code=entry["locale"], tag=str(tags.get(entry["locale"], entry["locale"])),
                                  name=str(entry.get("name") or entry["locale"]),
                                  default=entry["locale"] == default) for entry in ordered))

    def __iter__(self) -> Iterator[Language]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise KeyError(code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> Language:
        return self.all[0]

    @property
    def tags(self) -> dict[str, str]:
        """{code: BCP 47 tag}, for templates."""
        return {language.code: language.tag for language in self.all}

    def tag(self, code: str) -> str:
        return self[code].tag if code in self else code

    def others(self, code: str) -> tuple[str, ...]:
        return tuple(other for other in self.codes if other != code)

    def split(self, src_uri: str) -> tuple[str, str | None]:
        """`agreements/pickup.zh.md` -> (`agreements/pickup.md`, `zh`); no suffix -> None."""
        path = PurePosixPath(src_uri)
        suffixes = path.suffixes
        if len(suffixes) >= 2 and suffixes[-2][1:] in self.codes and path.name.endswith(".md"):
            code = suffixes[-2][1:]
            return str(path.with_name(path.name.removesuffix(f".{code}.md") + ".md")), code
        return src_uri, None

    def named_language(self, src_uri: str) -> str | None:
        """The language a file's name gives it, pages and other files alike
        (`agreements/form.ja.pdf` -> `ja`; `agreements/form.pdf` -> None)."""
        suffixes = PurePosixPath(src_uri).suffixes
        return suffixes[-2][1:] if len(suffixes) >= 2 and suffixes[-2][1:] in self.codes else None

    def source(self, norm_src_uri: str, code: str) -> str:
        """`agreements/pickup.md`, `ja` -> `agreements/pickup.ja.md`."""
        return f"{norm_src_uri.removesuffix('.md')}.{code}.md"

    def versions(self, docs: Path, norm_src_uri: str) -> dict[str, Path]:
        """{code: file} of every language the page exists in."""
        found = {}
        for code in self.codes:
            path = docs / self.source(norm_src_uri, code)
            if path.is_file():
                found[code] = path
        return found

    def twins(self, docs: Path, norm_src_uri: str, code: str | None) -> dict[str, Path]:
        """The same page in the other languages: {code: file}, in configuration order."""
        return {other: path for other, path in self.versions(docs, norm_src_uri).items() if other != code}

    def page_url(self, norm_src_uri: str, code: str) -> str:
        """Site-root-relative URL of a page, e.g. `ja/policy/anti-bullying/` ('' is the root)."""
        path = PurePosixPath(norm_src_uri)
        parts = list(path.parent.parts) if str(path.parent) != "." else []
        if path.stem not in ("index", "README"):
            parts.append(path.stem)
        url = "/".join(parts) + "/" if parts else ""
        return self[code].root + url if code in self else url


def relative_url(target_url: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target_url` (both site-root-relative, directory URLs)."""
    rel = relpath("/" + target_url, "/" + from_url)
    if rel == ".":
        return "./"
    is_directory = target_url == "" or target_url.endswith("/")
    return rel + "/" if is_directory else rel
