"""Printing and PDFs: agreements print as forms to sign (A4, at most two pages, blank
lines to fill in), the site around them stays off the paper, the bilingual pages align
clause by clause, and tools/make_pdfs.py renders PDFs with the right CJK fonts,
selectable text, title and language.

The PDFs come from a fresh strict build told they will exist (ANSHIN_PDF_LINKS=1), so
the pages' PDF links can be checked against the files. poppler-utils (pdfinfo, pdffonts,
pdftotext) read them back.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from anshin.clause_numbering import analyse
from anshin.printing import (
    AlignmentError,
    align,
    bilingual_columns,
    css_string,
    has_date_field,
    is_document,
    issuer,
    page_counter,
    pdf_filename,
    read_blocks,
    signature_labels,
)
from tests.conftest import ROOT, PdfSite, copy_project, run_build
from tests.html_tools import parse
from tests.project import LANGUAGES as PROJECT_LANGUAGES
from tests.project import catalogue

AGREEMENTS = ["pickup", "campus-rules", "duties", "duties-brief", "homeroom", "middle-school"]
# {code: (URL root, BCP 47 tag)}, from mkdocs.yml
LANGUAGES = {language.code: (language.root, language.tag) for language in PROJECT_LANGUAGES}
# Every language's words for a labelled date field, as the build passes them.
DATE_LABELS = [label for code in LANGUAGES for label in catalogue(code).value("print.date_labels")]
CJK_FAMILY = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP"}
MAX_PAGES = 2
# A clause and a signature label of the pickup agreement, in each language.
PICKUP_TEXT = {
    "zh": ("二、送孩子入校时，必须将孩子亲自送进校门", "家长（签名）："),
    "ja": ("二、お子さんを登校させるときは", "保護者（署名）："),
}
# Site chrome as it would print: skip link, site name, search box, toolbar, permalinks.
CHROME_TEXT = {
    "zh": ["跳转至", "安心 · 家校安全文件", "搜索", "打印", "下载 PDF", "¶", "来源与版本说明", "回到页面顶部"],
    "ja": ["コンテンツにスキップ", "安心 · 学校の安全と方針", "検索", "印刷", "PDF をダウンロード", "¶",
           "出典と版についての説明", "ページトップ"],
}


# ------------------------------------------------------------------ pure logic

_ORIGINAL = """---
title: 协议
---

# 协议

??? info "来源与版本说明"
    说明。

尊敬的家长：

一、第一条。

二、第二条。

<div class="signature" markdown>

- 家长（签名）：
- 电话：

</div>
"""


def test_blocks_keep_clause_ids_and_leave_out_title_and_notes() -> None:
    blocks = read_blocks(_ORIGINAL)
    assert [b.kind for b in blocks] == ["title", "note", "text", "text", "text", "signature"]
    assert [b.id for b in blocks[2:5]] == [None, "c-1", "c-2"]
    assert blocks[3].line == 12
    assert signature_labels(blocks[-1]) == ["家长（签名）：", "电话："]


def test_alignment_pairs_each_block_with_its_translation() -> None:
    translation = (_ORIGINAL.replace("尊敬的家长：", "保護者の皆様").replace("第一条", "第一条です")
                   .replace("家长（签名）：", "保護者（署名）："))
    rows = align(_ORIGINAL, "docs/a.zh.md", translation, "docs/a.ja.md")
    assert [(r.kind, r.id) for r in rows] == [("text", None), ("text", "c-1"), ("text", "c-2"),
                                               ("signature", None)]
    assert rows[0].translation.text == "保護者の皆様"


def test_alignment_names_the_first_block_that_drifts() -> None:
    merged = _ORIGINAL.replace("尊敬的家长：\n\n一、", "尊敬的家长：一、")
    with pytest.raises(AlignmentError) as caught:
        align(_ORIGINAL, "docs/a.zh.md", merged, "docs/a.ja.md")
    message = str(caught.value)
    assert message.startswith("docs/a.ja.md:12: a text block with 二、 (c-1) stands where docs/a.zh.md:12 "
                              "has a text block with 一、 (c-1) — fix: "), message


def test_alignment_checks_signature_fields() -> None:
    fewer = _ORIGINAL.replace("- 电话：\n", "")
    with pytest.raises(AlignmentError, match=r"docs/a\.ja\.md:16: the signature block has 1 fields"):
        align(_ORIGINAL, "docs/a.zh.md", fewer, "docs/a.ja.md")


@pytest.mark.parametrize(("closing", "expected"), [
    ("==xx小学==\n\n==20xx==.2.12", True),
    ("日期：==20xx==年==xx==月==xx==日", True),
    ("==&#12288;&#12288;==年==&#12288;&#12288;==月", True),
    ("甲方：==xx小学==", False),
])
def test_date_field_is_recognised(closing: str, expected: bool) -> None:
    text = f'<div class="closing" markdown>\n\n{closing}\n\n</div>\n'
    assert has_date_field(read_blocks(text), DATE_LABELS) is expected


def test_date_labels_come_from_the_caller() -> None:
    text = '<div class="closing" markdown>\n\nDate: ______\n\n</div>\n'
    assert not has_date_field(read_blocks(text), DATE_LABELS)
    assert has_date_field(read_blocks(text), ["Date"])


def test_bilingual_columns_are_the_own_language_and_the_original_for_any_languages() -> None:
    # A translation's page: its own language beside the original, whatever the codes.
    assert bilingual_columns("vi", "ko", ("ko", "en", "vi")) == ("vi", "ko")
    assert bilingual_columns("en", "ko", ("ko", "en", "vi")) == ("en", "ko")
    # The original's page: its first translation in configuration order, or the one named.
    assert bilingual_columns("ko", "ko", ("ko", "en", "vi")) == ("ko", "en")
    assert bilingual_columns("ko", "ko", ("ko", "en", "vi"), partner="vi") == ("ko", "vi")
    with pytest.raises(ValueError, match="bilingual_with: fr"):
        bilingual_columns("ko", "ko", ("ko", "en", "vi"), partner="fr")
    with pytest.raises(ValueError, match="only for the original"):
        bilingual_columns("vi", "ko", ("ko", "en", "vi"), partner="en")
    with pytest.raises(ValueError, match="no translation"):
        bilingual_columns("ko", "ko", ("ko",))


def test_alignment_names_any_languages_files() -> None:
    translation = _ORIGINAL.replace("尊敬的家长：", "Dear parents,")
    rows = align(_ORIGINAL, "docs/a.ko.md", translation, "docs/a.vi.md")
    assert rows[0].original.text == "尊敬的家长：" and rows[0].translation.text == "Dear parents,"
    with pytest.raises(AlignmentError, match=r"^docs/a\.vi\.md:\d+: .* docs/a\.ko\.md:"):
        align(_ORIGINAL, "docs/a.ko.md", translation.replace("\n\n一、", "一、"), "docs/a.vi.md")


def test_page_counter_turns_placeholders_into_css_counters() -> None:
    assert page_counter("第 {page} 页，共 {pages} 页") == '"第 " counter(page) " 页，共 " counter(pages) " 页"'
    assert page_counter("{page} / {pages} ページ") == 'counter(page) " / " counter(pages) " ページ"'
    assert page_counter('Page {page} "of" {pages}') == '"Page " counter(page) " \\22 of\\22  " counter(pages)'
    with pytest.raises(ValueError, match="total"):
        page_counter("{page} / {total}")


def test_issuer_comes_from_front_matter_or_a_named_closing_line() -> None:
    closing = read_blocks('<div class="closing" markdown>\n\n==xx==年\n\n八道河中学\n\n</div>\n')
    assert issuer({}, closing) == "八道河中学"
    assert issuer({"issuer": "古今小学"}, closing) == "古今小学"
    assert issuer({}, read_blocks('<div class="closing" markdown>\n\n甲方：==xx小学==\n\n</div>\n')) is None


def test_documents_and_pdf_names() -> None:
    assert is_document({"translation_checked": "2026-11-21"}, None)
    assert is_document({}, {"source": {}})  # the original of a translated page, or vice versa
    assert not is_document({"glossary": True}, {"glossary": True})
    assert pdf_filename("agreements/pickup.md", "zh") == "anshin-pickup-zh.pdf"
    assert pdf_filename("agreements/index.md", "ja") == "anshin-agreements-ja.pdf"


def test_css_strings_cannot_leave_their_quotes_or_the_style_element() -> None:
    quoted = css_string('安全"协议\\</style><b>\n')
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert '"' not in inner and "<" not in inner and "\n" not in inner
    assert inner.startswith("安全\\22 协议\\5c \\3c /style")


# ------------------------------------------------------------------ the built pages

def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_page_has_a_print_toolbar_and_other_pages_none(built_site: Path, language: str) -> None:
    prefix = LANGUAGES[language][0]
    documents = ([f"agreements/{n}/" for n in AGREEMENTS] + [f"agreements/{n}-bilingual/" for n in AGREEMENTS]
                 + ["policy/anti-bullying/"])
    for path in documents:
        toolbar = parse(_html(built_site, prefix + path)).find_all("button")
        assert any("data-anshin-print" in b.attrs for b in toolbar), f"{prefix}{path}: no print button"
    for path in ("", "glossary/", "notes/editorial/"):
        assert "data-anshin-pdf" not in _html(built_site, prefix + path), f"{prefix}{path} is not a document"


def test_pdf_links_only_when_the_build_is_told_pdfs_exist(built_site: Path) -> None:
    told = os.environ.get("ANSHIN_PDF_LINKS") == "1"  # the session's build inherits the environment
    for language, (prefix, _) in LANGUAGES.items():
        html = _html(built_site, prefix + "agreements/pickup/")
        assert f'data-anshin-pdf="anshin-pickup-{language}.pdf"' in html
        assert (f'href="anshin-pickup-{language}.pdf" type="application/pdf"' in html) is told


@pytest.mark.parametrize("name", AGREEMENTS)
def test_agreement_pages_link_their_bilingual_version(built_site: Path, name: str) -> None:
    for prefix, _ in LANGUAGES.values():
        hrefs = [a.attrs.get("href") for a in parse(_html(built_site, f"{prefix}agreements/{name}/")).find_all("a")]
        assert f"../{name}-bilingual/" in hrefs, f"{prefix}agreements/{name}/ does not link its bilingual page"


@pytest.mark.parametrize("name", AGREEMENTS)
def test_bilingual_page_aligns_every_clause_once_with_each_language_marked(built_site: Path, name: str) -> None:
    original = (ROOT / "docs" / "agreements" / f"{name}.zh.md").read_text(encoding="utf-8")
    clause_ids = [item.id for item in analyse(original, name)[0]]
    assert len(clause_ids) >= 3
    tags = [tag for _, tag in LANGUAGES.values()]  # the site's two languages
    for prefix, own_tag in LANGUAGES.values():
        html = _html(built_site, f"{prefix}agreements/{name}-bilingual/")
        document = parse(html)
        for clause_id in clause_ids:
            assert html.count(f'id="{clause_id}"') == 1, f"{prefix}{name}-bilingual: {clause_id} not exactly once"
            row = re.search(rf'<tr [^>]*id="{clause_id}"[^>]*>(.*?)</tr>', html, re.DOTALL)
            assert row, f"{clause_id} is not a row"
            languages = re.findall(r'<td lang="([^"]+)"', row.group(1))
            assert languages[0] == own_tag and sorted(languages) == sorted(tags), (clause_id, languages)
        labels = {s.attrs.get("lang") for s in document.find_all("span") if s.text.endswith("：")}
        assert set(tags) <= labels, "the signature block lacks labels in both languages"


def test_bilingual_page_fills_its_signature_with_both_languages(built_site: Path) -> None:
    html = _html(built_site, "agreements/pickup-bilingual/")
    assert ('<li class="anshin-field anshin-field--signature"><span lang="zh-Hans">家长（签名）：</span>'
            '<span lang="ja">保護者（署名）：</span></li>') in html


def test_signature_without_a_date_gets_a_printed_date_line(built_site: Path) -> None:
    duties = _html(built_site, "agreements/duties/")
    assert '<li class="anshin-print-only"><span>日期：</span></li>' in duties
    assert "anshin-print-only" not in _html(built_site, "agreements/pickup/")  # it has a date blank


def test_running_header_is_written_for_each_page(built_site: Path) -> None:
    html = _html(built_site, "ja/agreements/middle-school/")
    style = re.search(r'<style media="print">(.*?)</style>', html, re.DOTALL).group(1)
    assert '@top-left { content: "中学校における生徒管理と安全に関する家庭・学校協定書"; }' in style
    assert '@top-right { content: "八道河中学"; }' in style
    assert 'counter(page) " / " counter(pages) " ページ"' in style


# ------------------------------------------------------------------ the build's messages

@pytest.mark.slow
def test_bilingual_problems_fail_the_build_with_file_line_and_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    agreements = project / "docs" / "agreements"
    for language in ("zh", "ja"):
        stub = agreements / f"lost-bilingual.{language}.md"
        stub.write_text("---\ntitle: 对照\ndescription: 对照。\nbilingual_of: agreements/lost\n---\n",
                        encoding="utf-8")
    translation = agreements / "pickup.ja.md"
    # Two paragraphs run together: the first clause then stands where a paragraph should.
    text = translation.read_text(encoding="utf-8").replace("保護者の皆様\n\n", "保護者の皆様　", 1)
    translation.write_text(text, encoding="utf-8")
    line = text[: text.index("\n一、")].count("\n") + 2

    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert ("docs/agreements/lost-bilingual.zh.md:4: 'bilingual_of: agreements/lost' needs "
            "docs/agreements/lost.zh.md and docs/agreements/lost.ja.md") in output
    assert f"docs/agreements/pickup.ja.md:{line}: " in output and "docs/agreements/pickup.zh.md:" in output
    assert output.count("— fix: ") >= 2
    assert "Traceback" not in output


# ------------------------------------------------------------------ PDFs

def _pdf(site: PdfSite, language: str, name: str) -> Path:
    prefix = LANGUAGES[language][0]
    return site.dir / prefix / "agreements" / name / pdf_filename(f"agreements/{name}.md", language)


def _info(pdf: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in output.splitlines())}


def _text(pdf: Path, *crop: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *crop, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


ALL_FORMS = [(lang, name) for name in AGREEMENTS + [f"{n}-bilingual" for n in AGREEMENTS] for lang in LANGUAGES]


@pytest.mark.slow
@pytest.mark.browser
def test_make_pdfs_times_each_file_and_the_total(pdf_site: PdfSite) -> None:
    lines = pdf_site.report.strip().splitlines()
    timed = [line for line in lines if re.match(r"^\s*\d+\.\d\d s\s+[\d.]+ KiB\s+\S+\.pdf$", line)]
    assert len(timed) >= 2 * 2 * len(AGREEMENTS) + 2
    assert re.match(rf"^{len(timed)} PDFs in \d+\.\d\d s", lines[-1])


@pytest.mark.slow
@pytest.mark.browser
def test_every_pdf_link_points_at_a_rendered_pdf(pdf_site: PdfSite) -> None:
    links = 0
    for page in pdf_site.dir.rglob("index.html"):
        for link in parse(page.read_text(encoding="utf-8")).find_all("a", type="application/pdf"):
            target = page.parent / link.attrs["href"]
            assert target.is_file() and target.stat().st_size > 10_000, f"{page}: {link.attrs['href']}"
            assert link.text.strip() in ("下载 PDF", "PDF をダウンロード")
            links += 1
    assert links >= 2 * 2 * len(AGREEMENTS) + 2


@pytest.mark.slow
@pytest.mark.browser
def test_agreements_fit_on_two_a4_pages(pdf_site: PdfSite) -> None:
    counts, sizes = {}, set()
    for language, name in ALL_FORMS:
        info = _info(_pdf(pdf_site, language, name))
        counts[f"{name}.{language}"] = int(info["Pages"])
        sizes.add(info["Page size"])
    print("pages per form:", counts)
    assert all(re.match(r"^59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)$", size) for size in sizes), sizes
    too_long = {name: pages for name, pages in counts.items() if pages > MAX_PAGES}
    assert not too_long, f"more than {MAX_PAGES} A4 pages: {too_long} (all: {counts})"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("language", "name"), ALL_FORMS, ids=[f"{n}-{lang}" for lang, n in ALL_FORMS])
def test_pdf_embeds_the_right_cjk_fonts_and_keeps_text(pdf_site: PdfSite, language: str, name: str) -> None:
    pdf = _pdf(pdf_site, language, name)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(re.search(r"\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$", r) for r in rows), fonts
    # Chromium embeds the CFF-flavoured Noto Sans CJK as Type 3 fonts, which pdffonts lists
    # without a name; their font descriptors still name the family.
    families = {f.decode() for f in re.findall(rb"/FontFamily \(([^)]*)\)", pdf.read_bytes())}
    assert CJK_FAMILY[language] in families, families
    # The other language's font only where the page quotes that language (lang="…").
    article = _html(pdf_site.dir, f"{LANGUAGES[language][0]}agreements/{name}/").split("<article", 1)[1]
    for other in PROJECT_LANGUAGES.others(language):
        quotes_other = f'lang="{LANGUAGES[other][1]}"' in article.split("</article>", 1)[0]
        assert (CJK_FAMILY[other] in families) is quotes_other, (other, families, quotes_other)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_text_is_the_document_and_nothing_of_the_site(pdf_site: PdfSite, language: str) -> None:
    pdf = _pdf(pdf_site, language, "pickup")
    text = _text(pdf)
    clause, label = PICKUP_TEXT[language]
    assert clause in text and label in text
    for chrome in CHROME_TEXT[language]:
        assert chrome not in text, f"{chrome!r} printed on {pdf.name}"
    assert "http" not in text


@pytest.mark.slow
@pytest.mark.browser
def test_bilingual_pdf_holds_both_languages_and_signature_labels(pdf_site: PdfSite) -> None:
    text = _text(_pdf(pdf_site, "ja", "pickup-bilingual"))
    for clause, label in PICKUP_TEXT.values():
        assert clause in text and label in text
    assert "日付" not in text  # pickup has its own date blank


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_title_language_and_running_header(pdf_site: PdfSite) -> None:
    pdf = _pdf(pdf_site, "ja", "middle-school")
    title = parse(_html(pdf_site.dir, "ja/agreements/middle-school/")).find_all("title")[0].text.strip()
    assert _info(pdf)["Title"] == title
    assert b"/Lang (ja)" in pdf.read_bytes()
    header = _text(pdf, "-f", "1", "-l", "1", "-y", "0", "-H", "45", "-x", "0", "-W", "600")
    assert "中学校における生徒管理と安全に関する家庭・学校協定書" in header and "八道河中学" in header
    footer = _text(pdf, "-f", "1", "-l", "1", "-y", "790", "-H", "52", "-x", "0", "-W", "600")
    assert "1 / 2 ページ" in footer
    assert b"/Lang (zh-Hans)" in _pdf(pdf_site, "zh", "pickup").read_bytes()
    assert "第 1 页，共 1 页" in _text(_pdf(pdf_site, "zh", "pickup"))


@pytest.mark.slow
@pytest.mark.browser
def test_added_date_line_prints(pdf_site: PdfSite) -> None:
    assert "日期：" in _text(_pdf(pdf_site, "zh", "duties"))
    assert "日付：" in _text(_pdf(pdf_site, "ja", "homeroom"))


# ------------------------------------------------------------------ in the browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-search", ".md-select", ".anshin-print", "[data-anshin-print]", ".md-typeset details",
          ".anshin-clauselink", ".md-typeset .headerlink"]


def _open(browser, url: str, media: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.emulate_media(media=media)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("path", ["agreements/pickup/", "ja/agreements/pickup/", "ja/agreements/duties-bilingual/",
                                  "policy/anti-bullying/"])
def test_print_media_shows_the_document_and_none_of_the_site(browser, site_url: str, path: str) -> None:
    context, page = _open(browser, site_url + path, "screen")
    try:
        on_screen = [s for s in CHROME if page.locator(s).first.is_visible()]
        # The test can fail: on screen, the header, search and print button are there.
        assert {".md-header", "[data-anshin-print]", ".anshin-print"} <= set(on_screen), on_screen
        page.emulate_media(media="print")
        printed = [s for s in CHROME if any(e.is_visible() for e in page.locator(s).all())]
        assert not printed, f"{path}: printed {printed}"
        assert page.locator("article h1").first.is_visible()
        if path.startswith("ja/agreements/pickup"):
            assert page.locator(".anshin-translation").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_printed_forms_keep_clauses_rows_and_signatures_whole(browser, site_url: str) -> None:
    context, page = _open(browser, site_url + "agreements/pickup-bilingual/", "print")
    try:
        style = page.evaluate("""() => {
            const css = (s) => getComputedStyle(document.querySelector(s));
            return {row: css("table.anshin-bilingual tbody tr").breakInside,
                    head: css("table.anshin-bilingual thead").display,
                    signature: css(".signature").breakInside,
                    h2: getComputedStyle(document.querySelector(".md-typeset h2") || document.body).breakAfter,
                    mark: css("mark").color, markLine: css("mark").borderBottomStyle,
                    dateLine: css(".signature li:last-child").display};
        }""")
        assert style["row"] == "avoid" and style["head"] == "table-header-group" and style["signature"] == "avoid"
        assert style["mark"] == "rgba(0, 0, 0, 0)" and style["markLine"] == "solid"  # a blank to write on
        context.close()
        context, page = _open(browser, site_url + "agreements/duties/", "print")
        style = page.evaluate("""() => ({
            clause: getComputedStyle(document.querySelector(".anshin-clause")).breakInside,
            heading: getComputedStyle(document.querySelector("article h2")).breakAfter,
            date: getComputedStyle(document.querySelector(".anshin-print-only")).display})""")
        assert style == {"clause": "avoid", "heading": "avoid", "date": "flex"}
        page.emulate_media(media="screen")
        assert not page.locator(".anshin-print-only").is_visible()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "label"), [("agreements/duties/", "打印"), ("ja/agreements/duties/", "印刷")])
def test_print_button_is_visible_and_works_from_the_keyboard(browser, site_url: str, path: str, label: str) -> None:
    context, page = _open(browser, site_url + path, "screen")
    try:
        button = page.locator("[data-anshin-print]")
        assert button.is_visible() and button.inner_text().strip() == label
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('[data-anshin-print]')"):
                break
        else:
            pytest.fail("the print button cannot be reached with the Tab key")
        page.keyboard.press("Enter")
        page.keyboard.press("Space")
        assert page.evaluate("window.__printed") == 2
    finally:
        context.close()
