"""Broken internal links and anchors in a built site (standard library only)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.html_tools import parse

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
_NOT_FETCHED = {"canonical", "alternate"}


def broken_links(site: Path, base_url: str) -> list[str]:
    """Every internal link (and #anchor) of every page that does not resolve, as
    'page: href'. `base_url` is where the site is served, e.g. http://127.0.0.1:8000/sub/."""
    base_path = urlsplit(base_url).path
    ids: dict[Path, set[str]] = {}
    problems = []
    for page in sorted(site.rglob("*.html")):
        page_url = urljoin(base_url, page.relative_to(site).as_posix().removesuffix("index.html"))
        if page.name == "404.html":
            page_url = base_url + "does/not/exist/"  # served at any missing address
        for element in parse(page.read_text(encoding="utf-8")).elements:
            attribute = _LINKING.get(element.tag)
            value = element.attrs.get(attribute or "")
            if not value or value.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            if element.tag == "link" and set(element.attrs.get("rel", "").split()) & _NOT_FETCHED:
                continue
            target = urlsplit(urljoin(page_url, value))
            if target.netloc != urlsplit(base_url).netloc:
                continue  # another host: the privacy tests forbid loading from one
            if not target.path.startswith(base_path):
                problems.append(f"{page.relative_to(site)}: {value} (outside {base_path})")
                continue
            file = site / unquote(target.path[len(base_path):])
            if target.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{page.relative_to(site)}: {value}")
                continue
            if target.fragment and file.suffix == ".html":
                if file not in ids:
                    document = parse(file.read_text(encoding="utf-8"))
                    ids[file] = document.ids() | {e.attrs["data-clause"] for e in document.elements
                                                  if "data-clause" in e.attrs}
                if unquote(target.fragment) not in ids[file]:
                    problems.append(f"{page.relative_to(site)}: {value} (no such anchor)")
    return problems


