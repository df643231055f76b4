"""Where a Markdown source ends up on the site, per language (pure, no MkDocs).

Mirrors mkdocs-static-i18n's suffix layout with directory URLs: `policy/x.ja.md` is
served at `ja/policy/x/`; the default language has no prefix.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from posixpath import relpath

LOCALES = ("zh", "ja")
DEFAULT_LOCALE = "zh"


def split_locale(src_uri: str) -> tuple[str, str | None]:
    """`agreements/pickup.zh.md` -> (`agreements/pickup.md`, `zh`)."""
    path = PurePosixPath(src_uri)
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-2][1:] in LOCALES:
        locale = suffixes[-2][1:]
        return str(path.with_name(path.name.replace(f".{locale}.md", ".md"))), locale
    return src_uri, None


def twin_source(docs: Path, norm_src_uri: str, language: str | None) -> tuple[Path, str] | None:
    """The same page in the other language (its file and locale), if it exists."""
    stem = norm_src_uri.removesuffix(".md")
    for locale in LOCALES:
        twin = docs / f"{stem}.{locale}.md"
        if locale != language and twin.is_file():
            return twin, locale
    return None


def page_url(norm_src_uri: str, locale: str, default_locale: str = DEFAULT_LOCALE) -> str:
    """Site-root-relative URL of a page, e.g. `ja/policy/anti-bullying/` ('' is the root)."""
    path = PurePosixPath(norm_src_uri)
    parts = list(path.parent.parts) if str(path.parent) != "." else []
    if path.stem not in ("index", "README"):
        parts.append(path.stem)
    if locale != default_locale:
        parts.insert(0, locale)
    return "/".join(parts) + "/" if parts else ""


def relative_url(target_url: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target_url` (both site-root-relative, directory URLs)."""
    rel = relpath("/" + target_url, "/" + from_url)
    if rel == ".":
        return "./"
    is_directory = target_url == "" or target_url.endswith("/")
    return rel + "/" if is_directory else rel
