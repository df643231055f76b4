"""The built site, page by page: language tags, alternates, metadata, anchors, privacy."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import site_pages
from tests.html_tools import parse
from tests.project import LANGUAGES

LANG_BY_PREFIX = {language.code: language.tag for language in LANGUAGES if not language.default}
DEFAULT_LANG = LANGUAGES.default.tag


def _expected_lang(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return LANG_BY_PREFIX.get(first, DEFAULT_LANG)


def _document(page: Path):
    return parse(page.read_text(encoding="utf-8"))


def test_site_has_both_languages(built_site: Path) -> None:
    pages = [p.relative_to(built_site).as_posix() for p in site_pages(built_site)]
    assert "index.html" in pages and "ja/index.html" in pages
    assert any(p.startswith("agreements/") for p in pages)
    assert "ja/policy/anti-bullying/index.html" in pages
    assert "policy/anti-bullying/index.html" in pages and "ja/agreements/pickup/index.html" in pages


def test_every_page_declares_its_exact_language(built_site: Path) -> None:
    wrong = {}
    for page in site_pages(built_site):
        html = page.read_text(encoding="utf-8")
        declared = re.search(r"<html\s+lang=\"([^\"]*)\"", html)
        expected = _expected_lang(built_site, page)
        if not declared or declared.group(1) != expected:
            wrong[page.relative_to(built_site).as_posix()] = declared and declared.group(1)
    assert not wrong, f"pages with a wrong <html lang>: {wrong}"


def test_no_bare_zh_language_tag_anywhere(built_site: Path) -> None:
    # A bare "zh" lets a browser draw Han characters with Japanese glyph forms.
    offenders = [p.relative_to(built_site).as_posix() for p in site_pages(built_site)
                 if re.search(r"\b(?:lang|hreflang)=\"zh\"", p.read_text(encoding="utf-8"))]
    assert not offenders


def test_every_page_has_a_meta_description_and_title(built_site: Path) -> None:
    missing = []
    for page in site_pages(built_site):
        document = _document(page)
        descriptions = [m.attrs.get("content", "").strip()
                        for m in document.find_all("meta", name="description")]
        titles = [t.text.strip() for t in document.find_all("title")]
        if len(descriptions) != 1 or not descriptions[0] or not titles or not titles[0]:
            missing.append(page.relative_to(built_site).as_posix())
    assert not missing, f"pages without exactly one description and a title: {missing}"


def _sitemap(path: Path) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} from a sitemap with xhtml:link alternates."""
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for url in ET.parse(path).getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    return entries


def test_each_language_has_its_own_sitemap_of_its_pages(built_site: Path, site_url: str) -> None:
    chinese, japanese = _sitemap(built_site / "sitemap.xml"), _sitemap(built_site / "ja" / "sitemap.xml")
    assert all(not u.startswith(site_url + "ja/") for u in chinese)
    assert all(u.startswith(site_url + "ja/") for u in japanese)
    built = {site_url + p.relative_to(built_site).as_posix().removesuffix("index.html")
             for p in site_pages(built_site) if p.name == "index.html"}
    assert set(chinese) | set(japanese) == built


def test_hreflang_alternates_are_absolute_valid_and_reciprocal(built_site: Path, site_url: str) -> None:
    entries = _sitemap(built_site / "sitemap.xml") | _sitemap(built_site / "ja" / "sitemap.xml")
    assert entries[site_url] == {"zh-Hans": site_url, "ja": site_url + "ja/"}
    for loc, alternates in entries.items():
        if not alternates:
            continue
        assert set(alternates) <= {"zh-Hans", "ja"}, alternates
        assert loc in alternates.values(), f"{loc} does not list itself among its alternates"
        for href in alternates.values():
            assert href.startswith(site_url), f"not an absolute URL of this site: {href}"
            assert entries.get(href) == alternates, f"{loc} and {href} do not list the same alternates"


def test_translated_pages_declare_each_other(built_site: Path, site_url: str) -> None:
    entries = _sitemap(built_site / "ja" / "sitemap.xml")
    assert entries[site_url + "ja/policy/anti-bullying/"] == {
        "ja": site_url + "ja/policy/anti-bullying/", "zh-Hans": site_url + "policy/anti-bullying/"}


def test_no_page_head_carries_material_language_root_alternates(built_site: Path) -> None:
    # Material lists each language's home page as an hreflang alternate of every page,
    # which is invalid; translations are declared in the sitemaps instead.
    for page in site_pages(built_site):
        assert not [l for l in _document(page).find_all("link", rel="alternate") if "hreflang" in l.attrs], page


_ASSET_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                "audio": "src", "video": "src", "embed": "src", "object": "data"}
_NON_ASSET_RELS = {"canonical", "alternate", "prev", "next"}


def _foreign_hosts(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or url.strip().startswith("//")


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in site_pages(built_site):
        for element in _document(page).elements:
            attribute = _ASSET_ATTRS.get(element.tag)
            if element.tag == "link" and not (set(element.attrs.get("rel", "").split()) & _NON_ASSET_RELS):
                attribute = "href"
            value = element.attrs.get(attribute or "", "")
            if attribute and value and _foreign_hosts(value):
                offenders.append(f"{page.relative_to(built_site)}: <{element.tag} {attribute}={value}>")
            if "srcset" in element.attrs and "//" in element.attrs["srcset"]:
                offenders.append(f"{page.relative_to(built_site)}: srcset {element.attrs['srcset']}")
    for stylesheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text(encoding="utf-8")):
            if _foreign_hosts(url) and not url.startswith("data:"):
                offenders.append(f"{stylesheet.relative_to(built_site)}: url({url})")
        for rule in re.findall(r"@import\s+[^;]+;", stylesheet.read_text(encoding="utf-8")):
            offenders.append(f"{stylesheet.relative_to(built_site)}: {rule}")
    assert not offenders, "\n".join(offenders)


def test_no_web_fonts_or_font_services(built_site: Path) -> None:
    for page in site_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


@pytest.mark.parametrize(("page", "anchor"), [
    ("agreements/duties/index.html", "甲方职责"),
    ("agreements/duties/index.html", "乙方职责"),
    ("ja/policy/anti-bullying/index.html", "いじめの防止"),
    ("ja/policy/anti-bullying/index.html", "いじめの早期発見"),
    ("ja/policy/anti-bullying/index.html", "年間計画"),
])
def test_cjk_heading_anchors_exist(built_site: Path, page: str, anchor: str) -> None:
    assert anchor in _document(built_site / page).ids()


def test_japanese_headings_keep_cjk_in_generated_anchors(built_site: Path) -> None:
    ids = _document(built_site / "ja/policy/anti-bullying/index.html").ids()
    generated = [i for i in ids if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", i)]
    # Beyond the seven explicit section ids, sub-headings get CJK slugs from pymdownx.slugs.
    assert len(generated) > 20, sorted(ids)


AGREEMENTS = ["pickup", "campus-rules", "duties", "duties-brief", "homeroom", "middle-school"]


@pytest.mark.parametrize("name", AGREEMENTS)
def test_agreements_have_structured_signature_fields(built_site: Path, name: str) -> None:
    document = _document(built_site / "agreements" / name / "index.html")
    blocks = [e for e in document.find_all("div") if "signature" in e.attrs.get("class", "").split()]
    assert blocks, f"{name}: no signature block"
    labels = [li.text.strip() for li in document.find_all("li") if li.text.strip().endswith("：")]
    assert labels, f"{name}: signature block has no labelled fields"


def test_template_placeholders_are_marked_as_blanks(built_site: Path) -> None:
    marks = {m.text for page in (built_site / "agreements").rglob("*.html")
             for m in _document(page).find_all("mark")}
    assert {"xx小学", "20xx"} <= marks, marks
    for page in (built_site / "agreements").rglob("*.html"):
        text = re.sub(r"<mark>[^<]*</mark>", "", page.read_text(encoding="utf-8"))
        body = text.split('<article', 1)[-1]
        assert not re.search(r"(?<![\w=])(?:xx小学|20xx)", body), f"unmarked placeholder in {page}"


def test_landing_pages_link_to_every_document_in_their_language(built_site: Path) -> None:
    documents = [f"agreements/{name}/" for name in AGREEMENTS] + ["policy/anti-bullying/", "glossary/", "calendar/"]
    for landing, prefix in (("index.html", ""), ("ja/index.html", "ja/")):
        hrefs = {a.attrs.get("href", "") for a in _document(built_site / landing).find_all("a")}
        resolved = {_resolve(prefix, h) for h in hrefs}
        expected = {prefix + d for d in documents}
        assert expected <= resolved, f"{landing} misses {expected - resolved}"


def test_chinese_landing_links_the_japanese_original_of_the_policy(built_site: Path) -> None:
    hrefs = {a.attrs.get("href", "") for a in _document(built_site / "index.html").find_all("a")}
    assert "ja/policy/anti-bullying/" in hrefs


def _resolve(base: str, href: str) -> str:
    from posixpath import normpath
    joined = normpath(base + href) + "/"
    return "" if joined == "./" else joined


def test_cross_language_links_carry_hreflang(built_site: Path) -> None:
    document = _document(built_site / "index.html")
    policy = [a for a in document.find_all("a") if a.attrs.get("href") == "ja/policy/anti-bullying/"]
    assert policy and policy[0].attrs.get("hreflang") == "ja"


def test_editorial_notes_list_every_correction_in_both_languages(built_site: Path) -> None:
    from anshin.corrections import load_all
    from tests.conftest import ROOT

    ids = {c.id for c in load_all(ROOT / "data" / "corrections", LANGUAGES.codes)}
    assert len(ids) >= 20
    for page in ("notes/editorial/index.html", "ja/notes/editorial/index.html"):
        rows = {tr.attrs["id"] for tr in _document(built_site / page).find_all("tr") if "id" in tr.attrs}
        assert rows == ids, f"{page}: missing {ids - rows}"
