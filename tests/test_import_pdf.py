"""Importing PDFs (anshin/importing/pdf.py): our own policy page printed by our pipeline
and imported back keeps its clause markers, paragraphs and table cells; small PDFs
printed by Chromium here show each rule (running headers and page numbers dropped,
wrapped lines joined, tables with merged cells, bullets, headings); bad files are
refused with one line that says what to do.

The round trip uses the `pdf_site` fixture (tests/conftest.py: a strict build rendered by
tools/make_pdfs.py). Browser tests fail, never skip, without Chromium.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest

from anshin.importing.model import Paragraph, SourceDocument, SourceError, Table, Where
from anshin.importing.pdf import read_pdf
from benchmarks.import_pdf import LANGUAGE_ROOTS, POLICY, normalised, page_text, policy_pdf, round_trip
from tests.conftest import PdfSite

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
LANGUAGES = list(LANGUAGE_ROOTS)


def _paragraphs(document: SourceDocument) -> list[Paragraph]:
    return [block for block in document.blocks if isinstance(block, Paragraph)]


def _tables(document: SourceDocument) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


# ------------------------------------------------------------------ our own policy, printed and imported back

@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_round_trip_keeps_the_clause_markers_in_order(pdf_site: PdfSite, language: str) -> None:
    result = round_trip(pdf_site.dir, language)
    assert len(result.source_markers) > 50
    assert result.imported_markers == result.source_markers


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_round_trip_gives_a_page_the_checker_finds_as_clean_as_the_source(pdf_site: PdfSite, language: str) -> None:
    # The source has no numbering faults, so neither may its import: heading sizes half a
    # point apart (h3 11 pt over the 10.5 pt body) keep their levels, and the ○ items
    # of the policy keep their ○.
    from anshin.clause_numbering import analyse
    from anshin.importing.markdown import to_markdown

    source = (Path(__file__).parents[1] / "docs" / f"{POLICY}.{language}.md").read_text(encoding="utf-8")
    imported = to_markdown(read_pdf(policy_pdf(pdf_site.dir, language), "policy.pdf"))
    assert analyse(source, "source")[1] == []
    assert [str(finding) for finding in analyse(imported, "imported")[1]] == []
    circled = [line for line in source.splitlines() if line.startswith("○ ")]
    assert circled and [line for line in imported.splitlines() if line.startswith("○ ")] == circled


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_round_trip_rejoins_every_paragraph(pdf_site: PdfSite, language: str) -> None:
    result = round_trip(pdf_site.dir, language)
    assert result.paragraphs > 200
    assert result.missing_paragraphs == []


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_round_trip_keeps_the_tables_cells(pdf_site: PdfSite, language: str) -> None:
    html = (pdf_site.dir / f"{LANGUAGE_ROOTS[language]}{POLICY}" / "index.html").read_text(encoding="utf-8")
    built = page_text(html)
    document = read_pdf(policy_pdf(pdf_site.dir, language), "policy.pdf")
    imported = [[[normalised(cell) for cell in row] for row in table.rows] for table in _tables(document)]
    assert len(imported) == len(built.tables)
    # Every table as many rows and columns as the page's, a long table across pages one table.
    assert [(len(t), len(t[0])) for t in imported] == [(len(t), len(t[0])) for t in built.tables]
    # The members' and contacts' tables word for word (a calendar cell's lines may be
    # read as one line: benchmarks/import_pdf.py counts those).
    plain = [index for index, table in enumerate(built.tables) if table[0][0] in ("役職", "职务", "機関名", "机构名称")]
    assert len(plain) == 4
    for index in plain:
        assert imported[index] == built.tables[index]
    assert round_trip(pdf_site.dir, language).cells_equal >= 0.9 * sum(len(row) for t in built.tables for row in t)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_running_header_and_page_footer_are_dropped_and_counted(pdf_site: PdfSite, language: str) -> None:
    document = read_pdf(policy_pdf(pdf_site.dir, language), "policy.pdf")
    texts = [p.text for p in _paragraphs(document)]
    assert not [t for t in texts if re.fullmatch(r"\d+\s*/\s*\d+.*", t) or re.search(r"第\s*\d+\s*页", t)]
    header = texts.count(texts[0]) if texts else 0
    assert header <= 1
    pages = int(document.notes[0].split()[0])
    dropped = next(note for note in document.notes if "running header" in note)
    assert int(dropped.split()[0]) >= 2 * pages - 1
    assert document.title and document.title.startswith("2019（平成31）")
    assert all(isinstance(p.where.page, int) and p.where.line and p.where.line >= 1 for p in _paragraphs(document))


# ------------------------------------------------------------------ small PDFs printed here

_STYLE = """<style>
  body { font: 11pt 'Noto Sans CJK JP', sans-serif; margin: 0; }
  h1 { font-size: 20pt; } h2 { font-size: 15pt; }
  table { border-collapse: collapse; margin: 8pt 0; } td, th { border: 1px solid #000; padding: 3pt 6pt; }
  p { margin: 0 0 8pt; }
</style>"""
_LONG_JA = "いじめは、いじめを受けた生徒の教育を受ける権利を著しく侵害し、その心身の健全な成長に重大な影響を与える。"
_LATIN = ("The school shares this policy with every family at the start of the year, and reviews it each spring "
          "with parents, teachers and the local community so that everyone knows what to do.")


def _print(browser, html: str, path: Path, *, header: bool = True, tagged: bool = False, title: str = "方針") -> Path:
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><html lang=ja><head><meta charset=utf-8><title>{title}</title>{_STYLE}</head>"
                         f"<body>{html}</body></html>")
        options: dict[str, object] = {"path": str(path), "format": "A5", "margin": {"top": "2cm", "bottom": "2cm",
                                                                                    "left": "1.5cm", "right": "1.5cm"}}
        if header:
            options.update(display_header_footer=True,
                           header_template="<div style='font-size:8px;margin-left:1.5cm'>黒崎中学校 いじめ防止基本方針</div>",
                           footer_template="<div style='font-size:8px;width:100%;text-align:center'>- "
                                           "<span class=pageNumber></span> -</div>")
        if tagged:
            options["tagged"] = True
        page.pdf(**options)
    finally:
        page.close()
    return path


def _three_pages() -> str:
    paragraphs = "".join(f"<p>（{n}）{_LONG_JA * 3}</p>" for n in range(1, 9))
    return ("<h1>学校いじめ防止基本方針</h1><h2>第1 基本的な考え方</h2>"
            f"<p>{_LONG_JA * 4}</p><ul><li>「いじめは、人間として絶対に許されない」という強い認識をもつこと</li>"
            "<li>いじめられている子どもを最後まで守り抜くという信念をもつこと</li></ul>"
            f"<p>・保護者と連絡を密にする。</p><p>{_LATIN}</p>{paragraphs}"
            "<h2>第2 組織</h2><table><tr><th>役職</th><th colspan=2>氏名と担当</th></tr>"
            "<tr><td rowspan=2>校長</td><td>鶴田 豊</td><td>総括</td></tr><tr><td>長瀬 雅美</td><td>副総括</td></tr>"
            "<tr><td>教務主任</td><td>垂水 芳和</td><td>計画</td></tr></table>"
            f"<p>一、{_LONG_JA * 2}</p><p>二、{_LONG_JA}</p>")


@pytest.fixture(scope="module")
def three_pages(browser, tmp_path_factory: pytest.TempPathFactory) -> SourceDocument:
    path = _print(browser, _three_pages(), tmp_path_factory.mktemp("pdf") / "three.pdf")
    return read_pdf(path, "three.pdf")


@pytest.mark.browser
def test_running_header_and_page_numbers_are_dropped(three_pages: SourceDocument) -> None:
    texts = [p.text for p in _paragraphs(three_pages)]
    assert not [t for t in texts if "黒崎中学校 いじめ防止基本方針" in t or re.fullmatch(r"- \d+ -", t)]
    pages = int(three_pages.notes[0].split()[0])
    assert pages >= 3
    assert f"{2 * pages} running header, footer and page-number lines dropped" in three_pages.notes


@pytest.mark.browser
def test_wrapped_lines_are_joined_without_spaces_between_cjk(three_pages: SourceDocument) -> None:
    texts = [p.text for p in _paragraphs(three_pages)]
    assert _LONG_JA * 4 in texts
    assert f"一、{_LONG_JA * 2}" in texts and f"二、{_LONG_JA}" in texts
    for n in range(1, 9):
        assert f"（{n}）{_LONG_JA * 3}" in texts, n    # one of them runs across a page break
    assert any(p.where.page and p.where.page > 1 for p in _paragraphs(three_pages) if p.text.startswith("（"))


@pytest.mark.browser
def test_latin_text_keeps_one_space_at_each_wrap(three_pages: SourceDocument) -> None:
    assert _LATIN in [p.text for p in _paragraphs(three_pages)]


@pytest.mark.browser
def test_headings_by_font_size_and_the_title(three_pages: SourceDocument) -> None:
    headings = [(p.heading, p.text) for p in _paragraphs(three_pages) if p.heading]
    assert headings[:2] == [(1, "学校いじめ防止基本方針"), (2, "第1 基本的な考え方")]
    assert (2, "第2 組織") in headings
    assert three_pages.title == "学校いじめ防止基本方針"


@pytest.mark.browser
def test_bullets_drawn_and_typed_lose_their_bullet(three_pages: SourceDocument) -> None:
    bullets = [p.text for p in _paragraphs(three_pages) if p.bullet]
    assert bullets == ["「いじめは、人間として絶対に許されない」という強い認識をもつこと",
                       "いじめられている子どもを最後まで守り抜くという信念をもつこと", "保護者と連絡を密にする。"]


@pytest.mark.browser
def test_ruled_table_with_merged_cells(three_pages: SourceDocument) -> None:
    [table] = _tables(three_pages)
    assert table.rows == [["役職", "氏名と担当", ""], ["校長", "鶴田 豊", "総括"], ["", "長瀬 雅美", "副総括"],
                          ["教務主任", "垂水 芳和", "計画"]]
    assert table.merged == ["row 1, columns 2–3", "rows 2–3, column 1"]
    assert table.where.table == 1
    texts = " ".join(p.text for p in _paragraphs(three_pages))
    assert "鶴田" not in texts      # text in the table is not also a paragraph


@pytest.mark.browser
def test_tagged_table_with_merged_cells_is_read_from_the_structure_tree(browser, tmp_path: Path) -> None:
    html = ("<p>表</p><table><tr><th>役職</th><th colspan=2>氏名と担当</th></tr>"
            "<tr><td rowspan=2>校長</td><td>鶴田 豊</td><td>総括</td></tr><tr><td>長瀬 雅美</td><td>副総括</td></tr></table>")
    document = read_pdf(_print(browser, html, tmp_path / "tagged.pdf", header=False, tagged=True), "tagged.pdf")
    [table] = _tables(document)
    assert table.rows == [["役職", "氏名と担当", ""], ["校長", "鶴田 豊", "総括"], ["", "長瀬 雅美", "副総括"]]
    assert table.merged == ["row 1, columns 2–3", "rows 2–3, column 1"]


@pytest.mark.browser
def test_a_table_across_a_page_break_is_one_table(browser, tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>{n}月{n}日</td><td>校内研修会 第{n}回</td></tr>" for n in range(1, 41))
    html = f"<table><thead><tr><th>期日</th><th>活動内容</th></tr></thead>{rows}</table>"
    document = read_pdf(_print(browser, html, tmp_path / "long-table.pdf"), "long-table.pdf")
    [table] = _tables(document)
    assert table.rows[0] == ["期日", "活動内容"]
    assert [row[0] for row in table.rows[1:]] == [f"{n}月{n}日" for n in range(1, 41)]


@pytest.mark.browser
def test_page_numbers_in_their_usual_shapes_are_dropped(browser, tmp_path: Path) -> None:
    shapes = ["― 1 ―", "1/1", "第 1 页 共 1 页", "Page 1 of 1", "p. 1", "（1）", "1"]
    for index, shape in enumerate(shapes):
        page = browser.new_page()
        page.set_content(f"<!doctype html><meta charset=utf-8>{_STYLE}<p>{_LONG_JA}</p>")
        path = tmp_path / f"shape{index}.pdf"
        page.pdf(path=str(path), format="A5", display_header_footer=True, header_template="<span></span>",
                 footer_template=f"<div style='font-size:9px;width:100%;text-align:center'>{shape}</div>",
                 margin={"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"})
        page.close()
        document = read_pdf(path, path.name)
        assert [p.text for p in _paragraphs(document)] == [_LONG_JA], shape


@pytest.mark.browser
def test_images_links_and_pages_without_text_are_reported(browser, tmp_path: Path) -> None:
    png = _png()
    html = (f"<p>本文です。<a href='https://example.org/policy'>リンク</a></p><img src='data:image/png;base64,{png}' width=80>"
            f"<div style='break-before:page'><img src='data:image/png;base64,{png}' width=200></div>")
    document = read_pdf(_print(browser, html, tmp_path / "mixed.pdf", header=False), "mixed.pdf")
    found = [str(omission) for omission in document.omissions]
    assert "page 1: image (figures are not carried over)" in found
    assert any(text.startswith("page 1: link (the text is kept, not the target: https://example.org/policy") for text in found)
    assert any(text.startswith("page 2: page without text") for text in found)
    assert [p.text for p in _paragraphs(document)] == ["本文です。リンク"]


@pytest.mark.browser
def test_a_file_name_in_the_info_title_is_not_the_title(browser, tmp_path: Path) -> None:
    document = read_pdf(_print(browser, f"<p>{_LONG_JA}</p>", tmp_path / "t.pdf", header=False,
                               title="Microsoft Word - 方針.docx"), "t.pdf")
    assert document.title is None
    named = read_pdf(_print(browser, f"<p>{_LONG_JA}</p>", tmp_path / "n.pdf", header=False, title="いじめ防止基本方針"), "n.pdf")
    assert named.title == "いじめ防止基本方針"


# ------------------------------------------------------------------ files that cannot be imported

def _png(width: int = 40, height: int = 40) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _refused(path: Path) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_pdf(path, f"docs/{path.name}")
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"docs/{path.name}: ") and " — " in message
    return caught.value


def test_a_scan_without_a_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    scan = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(scan).rectangle((60, 80, 560, 120), fill="black")
    path = tmp_path / "scan.pdf"
    scan.save(path)
    error = _refused(path)
    assert error.problem == "no text layer: run OCR first"
    assert "ocrmypdf" in error.fix


def test_a_password_protected_pdf_is_refused() -> None:
    # tests/fixtures/pdf/make_encrypted.py wrote it (RC4, user password "anshin").
    error = _refused(FIXTURES / "encrypted.pdf")
    assert "password" in error.problem


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    whole = (FIXTURES / "encrypted.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[:300])
    error = _refused(path)
    assert "damaged or incomplete" in error.problem


def test_a_text_file_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    path.write_text("学校いじめ防止基本方針\n第1 基本的な考え方\n", encoding="utf-8")
    error = _refused(path)
    assert "is not a PDF" in error.problem


def test_where_names_page_and_line() -> None:
    assert str(Where(page=3, line=7)) == "page 3, line 7"


def test_a_pdf_exported_by_libreoffice_reads_back_as_libreoffice_prints_it() -> None:
    # Another producer than Chromium: short one-line clauses, no line reaching the right
    # margin (each must stay its own paragraph), list labels printed by Writer. The
    # expectation is Writer's own text export of the same document (fixtures/pdf/README.md).
    import re

    printed = [re.sub(r"\s", "", line) for line in
               (FIXTURES / "libreoffice-structure.txt").read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    document = read_pdf(FIXTURES / "libreoffice-structure.pdf", "libreoffice-structure.pdf")
    read = [("•" if block.bullet else "") + re.sub(r"\s", "", block.text) for block in _paragraphs(document)]
    assert len(printed) == 54
    assert read == printed


def test_a_ruled_table_exported_by_libreoffice_reads_back_cell_for_cell() -> None:
    # Typed in Word as: (python-docx, "Table Grid"; row 4's last two cells merged)
    typed = [["名称", "電話", "受付時間"], ["子どもSOS", "0120-0-78310", "24時間"],
             ["教育相談", "093-000-0000", "平日 9時〜17時"], ["備考", "土日祝日は休み", ""]]
    document = read_pdf(FIXTURES / "libreoffice-table.pdf", "libreoffice-table.pdf")
    tables = _tables(document)
    assert [table.rows for table in tables] == [typed]
    assert tables[0].merged == ["row 4, columns 2–3"]
    # Writer sets Latin and digits apart from kanji; that gap is no space in the text.
    assert "子どもSOS" in tables[0].rows[1] and "24時間" in tables[0].rows[1]
