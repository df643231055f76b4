"""`make import`: a school's text file becomes a page in Anshin's conventions, what the
page holds is what the source displays, and a source that cannot be imported writes
nothing (anshin/importing).

The Word and PDF readers have their own feature tests (test_import_word.py,
test_import_pdf.py); this module holds the text reader, the writer every source goes
through, the command line, and the round trips through the seed texts.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from anshin.clause_markers import read_marker
from anshin.clause_numbering import analyse
from anshin.corrections import load_all
from anshin.front_matter import read_front_matter
from anshin.importing import command
from anshin.importing.markdown import to_markdown, write_page
from anshin.importing.model import Paragraph, SourceDocument, SourceError, Table, Where
from anshin.importing.plain_text import decode, read_text_file, rejoin
from anshin.writing_systems import characters
from benchmarks.import_text import signature_fields, templates
from tests.conftest import ROOT, SEEDS, copy_project, run_build
from tests.project import LANGUAGES

FIXTURES = ROOT / "tests" / "fixtures" / "importing"
AGREEMENTS_SEED = "000_61c30b1e525480d8.txt"
POLICY_SEED = "002_7405379810ed58d9.txt"
_EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.mark"]


def _own(code: str) -> frozenset[str]:
    catalogue = yaml.safe_load((ROOT / "locales" / f"{code}.yml").read_text(encoding="utf-8"))
    return characters(catalogue["writing_system"]["only"])


def _document(*texts: str) -> SourceDocument:
    return SourceDocument([Paragraph(text, Where(line=n)) for n, text in enumerate(texts, start=1)], "text")


def _body(page: str) -> str:
    return page.split("---\n", 2)[2]


def _html(page: str) -> str:
    return python_markdown.markdown(_body(page), extensions=_EXTENSIONS)


def _markers(page: str) -> list[tuple[str, object]]:
    items, _ = analyse(page, "page")
    return [(item.marker.family, item.marker.value or item.marker.character) for item in items if item.marker]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tools.import_document", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


# --- Encodings -------------------------------------------------------------------------

_JAPANESE = (FIXTURES / "policy.ja.txt").read_text(encoding="utf-8")
_CHINESE = (FIXTURES / "agreement.zh.txt").read_text(encoding="utf-8")
_TRADITIONAL = (FIXTURES / "agreement.hant.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "codec", "code", "reported"), [
    (_JAPANESE, "utf-8", "ja", "UTF-8"),
    (_JAPANESE, "utf-8-sig", "ja", "UTF-8 with BOM"),
    (_JAPANESE, "utf-16", "ja", "UTF-16"),
    (_JAPANESE, "cp932", "ja", "Shift_JIS (CP932)"),
    (_JAPANESE, "shift_jis", "ja", "Shift_JIS (CP932)"),
    (_JAPANESE, "euc_jp", "ja", "EUC-JP"),
    (_CHINESE, "gbk", "zh", "GBK (GB18030)"),
    (_CHINESE, "gb18030", "zh", "GBK (GB18030)"),
    (_CHINESE, "utf-16-le", "zh", None),  # no BOM: refused below, not guessed
    (_CHINESE, "utf-8-sig", "zh", "UTF-8 with BOM"),
    (_TRADITIONAL, "big5", "zh", "Big5"),
])
def test_each_encoding_is_read_exactly_and_named(text: str, codec: str, code: str, reported: str | None) -> None:
    raw = text.encode(codec)
    if reported is None:
        with pytest.raises(SourceError):
            decode(raw, "f.txt", _own(code))
        return
    # Whatever the page's language, the bytes decide: the other language's hint must not
    # turn a Shift_JIS file into GBK.
    for own in (_own(code), _own("zh" if code == "ja" else "ja"), frozenset()):
        assert decode(raw, "f.txt", own) == (text, reported)


def test_a_legacy_encoded_seed_reads_back_as_the_seed() -> None:
    seed = (SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8")
    assert decode(seed.encode("gbk"), "seed.txt", _own("zh")) == (seed, "GBK (GB18030)")


def test_bytes_that_are_no_known_encoding_are_refused_not_guessed() -> None:
    with pytest.raises(SourceError, match="encoding could not be recognised|has bytes that are not"):
        decode(bytes(range(0x80, 0x100)) * 8, "f.txt", frozenset())


def test_the_report_names_the_encoding_used(tmp_path: Path) -> None:
    source = tmp_path / "方針.txt"
    source.write_bytes(_JAPANESE.encode("cp932"))
    result = _run(str(source), str(tmp_path / "out" / "policy.ja.md"))
    assert result.returncode == 0, result.stderr
    assert "note: encoding: Shift_JIS (CP932) (detected)" in result.stdout
    page = (tmp_path / "out" / "policy.ja.md").read_text(encoding="utf-8")
    assert "ア 日頃から生徒の様子を観察し、小さな変化も見逃さないようにします。" in page


# --- Wrapped lines -----------------------------------------------------------------------

def test_wrapped_lines_are_joined_with_nothing_between_cjk_characters() -> None:
    seed = (SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8")
    blocks, joins = rejoin(seed)
    texts = [block.text for block in blocks if isinstance(block, Paragraph)]
    # The seed breaks clause 四 of 篇一 after 完全, with a blank line before 行为能力的.
    assert any(text.endswith("安全责任由家长和被委托人负责。被委托人在法律上不具备完全行为能力的，由家长负全责。") for text in texts)
    assert not any(text.startswith("行为能力的") for text in texts)
    assert joins == 7


def _words(name: str):
    from anshin.search.words import Tokenizer, word_splitter

    return word_splitter(Tokenizer(name))


def test_a_short_line_that_ends_inside_a_word_was_wrapped() -> None:
    # From the agreements seed (篇三): 有关 is cut in two by the copy from the web page.
    text = "1、监护人应遵守《义务教育法》、《未成年人保护法》等有\n关法律法规，承担相应的法律责任。\n"
    joined = "1、监护人应遵守《义务教育法》、《未成年人保护法》等有关法律法规，承担相应的法律责任。"
    assert [b.text for b in rejoin(text, _words("jieba"))[0]] == [joined]
    # In the seed, where wrapped lines are twice as long, only the words tell.
    seed = (SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8")
    assert joined not in [b.text for b in rejoin(seed)[0] if isinstance(b, Paragraph)]
    assert joined in [b.text for b in rejoin(seed, _words("jieba"))[0] if isinstance(b, Paragraph)]
    title = "学生与家长安全协议书篇二\n学生的安全要靠家庭、社会、学校共同教育和管理。\n"
    assert len(rejoin(title, _words("jieba"))[0]) == 2
    japanese = "保護者への連絡は、学級担任が行い\nます。\n"
    assert [b.text for b in rejoin(japanese, _words("sudachi"))[0]] == ["保護者への連絡は、学級担任が行います。"]


def test_wrapped_latin_text_keeps_one_space_between_words() -> None:
    long_line = "The school will contact the parents by telephone when a student is absent without"
    blocks, _ = rejoin(f"{long_line}\nnotice, and will record the call.\n")
    assert [block.text for block in blocks if isinstance(block, Paragraph)] == [
        f"{long_line} notice, and will record the call."]


@pytest.mark.parametrize(("first", "second"), [
    ("三、活动期间学生须听从带队教师的安排，并遵守下列规定，不得擅自离开队伍", "1、不得在河边、水库等危险地带逗留；"),  # a clause starts
    ("「いじめは、どの学校でも、どの子にも起こりうる」という危機意識をもつこと", "「いじめられている子どもを最後まで守り抜く」という信念をもつこと"),
    ("学生与家长安全协议书篇二", "学生的安全要靠家庭、社会、学校共同教育和管理。"),  # a short line is a line
    ("各位家长如有疑问请在本周五之前与班主任联系或者直接拨打学校办公室电话", "- 家长（签名）："),
    ("いじめの未然防止のため、全ての教職員が日頃から生徒の様子を観察し、変化に気付いたときは", "・学年主任に報告する。"),
])
def test_lines_that_start_or_end_something_are_not_joined(first: str, second: str) -> None:
    blocks, joins = rejoin(f"{first}\n{second}\n")
    assert ([block.text for block in blocks if isinstance(block, Paragraph)], joins) == ([first, second], 0)


def test_text_made_from_a_pdf_with_its_layout_imports_as_the_document_reads() -> None:
    # The shape of `pdftotext -layout` output that schools post (a real 定時制 policy was
    # the model; the text is ours): a centred title, wraps with a blank line between,
    # 第 / 13 条 broken across lines, definitions indented under their (1).
    document = read_text_file(FIXTURES / "policy-layout.ja.txt", "policy-layout.ja.txt", _own("ja"))
    page = to_markdown(document)
    assert re.findall(r"^# (.*)$", page, flags=re.M) == ["令和 6 年度 ==○○市立△△中学校== いじめ防止基本方針"]
    assert _body(page).split("\n\n")[1:] == [
        "この基本方針は、平成 25 年 6 月 28 日に公布された「いじめ防止対策推進法」(以下「法」という。)第13 条に基づき、"
        "本校におけるいじめの防止、早期発見及びいじめへの対処のための対策を総合的かつ効果的に推進するために定めるものである。",
        "1 いじめの防止等に関する基本的な考え方",
        "(1)いじめの定義",
        "「いじめ」とは、生徒に対して、当該生徒が在籍する学校に在籍している等当該生徒と一定の人的関係にある他の生徒が行う"
        "心理的又は物理的な影響を与える行為であって、当該行為の対象となった生徒が心身の苦痛を感じているものをいう。",
        "※いじめは、どの学校でも、どの生徒にも起こり得るという認識のもと、未然防止に努める。",
        "(2)基本理念",
        "全ての教職員が、いじめは人として決して許されない行為であるという認識をもち、組織的に対応する。",
        "2 いじめの防止等のための組織",
        "(1)名称",
        "いじめ防止対策委員会",  # indented under (1): its text, not a heading
        "(2)構成員",
        "校長、教頭、生徒指導主事、学年主任、養護教諭、スクールカウンセラー\n",
    ]
    assert analyse(page, "page")[1] == []  # `13 条` at a line's start is no clause 13


def test_lines_with_tabs_are_a_table_row_each() -> None:
    blocks, _ = rejoin("年間計画\n期日\t活動内容\n4月12日\t校内研修会\n～18日\t\n\n本文です。\n")
    tables = [block for block in blocks if isinstance(block, Table)]
    assert [table.rows for table in tables] == [[["期日", "活動内容"], ["4月12日", "校内研修会"], ["～18日", ""]]]


# --- The writer: conventions for every source -------------------------------------------

def test_markers_are_written_as_displayed_and_never_become_an_ordered_list() -> None:
    page = to_markdown(_document("规则", "1. 按时到校。", "2. 不得迟到。", "4. 注意安全。"))
    html = _html(page)
    assert "<ol" not in html and "<li" not in html
    assert [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html)] == ["1. 按时到校。", "2. 不得迟到。", "4. 注意安全。"]
    # The gap stays in the page, and the page's own check finds it at its line.
    _, findings = analyse(page, "p.zh.md")
    lines = page.splitlines()
    assert [(f.kind, lines[f.line - 1]) for f in findings] == [("gap", "4\\. 注意安全。")]


def test_typed_bullets_become_list_items_without_the_bullet() -> None:
    page = to_markdown(_document("方針", "・学級活動で指導する。", "● 面談を行う。", "- 記録する。", "○ 見守る。", "※ 注意事項"))
    assert "- 学級活動で指導する。\n- 面談を行う。\n- 記録する。" in page
    # ○ and ※ are the policy's own markers (CONTENT_CONVENTIONS.md): they stay text.
    assert "\n\n○ 見守る。\n\n※ 注意事項\n" in page


@pytest.mark.parametrize(("typed", "written"), [
    ("请于20xx年xx月xx日前交回。", "请于==20xx==年==xx==月==xx==日前交回。"),
    ("xx小学全体教师", "==xx小学==全体教师"),
    ("○○市立○○中学校の生徒", "==○○市立○○中学校==の生徒"),
    ("联系电话：____________。", "联系电话：==&#12288;&#12288;==。"),
    ("学年（　　）組", "学年（==&#12288;&#12288;==）組"),
    ("由责任人xxx负责联系。", "由责任人==xxx==负责联系。"),
])
def test_blanks_are_marked(typed: str, written: str) -> None:
    page = to_markdown(_document("题目", typed))
    assert page.rstrip().endswith(written)


def test_signature_lines_become_the_signature_block_and_the_closing_follows() -> None:
    written = write_page(_document(
        "安全协议书", "六、请各位家长按时来校接送学生，否则由家长负全责。家长（签名）：班主任（签名）：电话：",
        "被委托人（签名）：", "班主任电话：科任教师电话：古今小学20xx.2.12", "xx小学", "20xx年xx月xx日"))
    assert written.text.count('<div class="signature" markdown>') == 1
    assert signature_fields(written.text) == [
        "家长（签名）：", "班主任（签名）：", "电话：", "被委托人（签名）：", "班主任电话：", "科任教师电话："]
    assert "六、请各位家长按时来校接送学生，否则由家长负全责。\n" in written.text
    closing = written.text.split('<div class="closing" markdown>')[1].split("</div>")[0]
    assert closing.split() == ["古今小学==20xx==.2.12", "==xx小学==", "==20xx==年==xx==月==xx==日"]
    assert any("moved into the signature block" in note and "line 2" in note for note in written.notes)


def test_signature_fields_with_their_blank_lines_dates_and_seals() -> None:
    page = to_markdown(_document("安全协议书", "一、学生应按时到校。", "家长签名：________    学生签名：________",
                                 "日期：____年__月__日", "保護者氏名　　　　　　　　　　㊞", "保護者署名：＿＿＿＿＿＿＿＿　（印）"))
    assert signature_fields(page) == ["家长签名：", "学生签名：", "日期：", "保護者氏名（㊞）：", "保護者署名（印）："]


def test_a_table_that_only_lays_out_signature_fields_is_the_signature_block() -> None:
    fields = Table([["家长签名：", "日期：____年__月__日"], ["班主任签名：", ""]], Where(table=2))
    contacts = Table([["电话：", "0931-1234567"]], Where(table=1))
    written = write_page(SourceDocument([Paragraph("安全协议书", Where(paragraph=1)), contacts,
                                         Paragraph("一、学生应按时到校。", Where(paragraph=2)), fields], "docx"))
    assert signature_fields(written.text) == ["家长签名：", "日期：", "班主任签名："]
    assert "| 电话： | 0931-1234567 |" in written.text  # a table with a value in it stays a table
    assert "table 2: a table of signature fields became the signature block" in written.notes


def test_text_is_text_whatever_markdown_characters_it_holds() -> None:
    typed = ["注意：<script>alert(1)</script> と *強調* と `コード` と [リンク](http://example.org)。",
             "# これは見出しではありません。", "> 引用でもありません。", "1) 括弧の番号。", "a == b です。", "&amp; はそのまま。"]
    page = to_markdown(_document("題名", *typed))
    html = _html(page)
    assert "<script" not in html and "<em>" not in html and "<code>" not in html and "<a " not in html
    assert "<h1>これは" not in html and "<blockquote>" not in html and "<mark>" not in html
    import html as html_module

    shown = [html_module.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", html, flags=re.S)]
    assert shown == typed


def test_a_table_keeps_its_cells_and_escapes_bars() -> None:
    document = SourceDocument([Paragraph("相談窓口", Where(line=1)),
                               Table([["名称", "電話"], ["子どもSOS | 24時間", "0120-0-78310"], ["", ""]], Where(table=1))], "docx")
    html = _html(to_markdown(document))
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)]
    assert cells == ["名称", "電話", "子どもSOS | 24時間", "0120-0-78310", "", ""]


def test_the_title_survives_yaml_and_is_the_one_top_heading() -> None:
    title = 'いじめ防止基本方針: "改訂版" # 2026'
    page = to_markdown(SourceDocument([Paragraph(title, Where(paragraph=1)), Paragraph("本文です。", Where(paragraph=2))],
                                      "docx", title=title))
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"] == title
    assert re.findall(r"<h1>(.*?)</h1>", _html(page)) == ['いじめ防止基本方針: "改訂版" # 2026']
    assert page.count("いじめ防止基本方針") == 2  # front matter and heading, not a third time as a paragraph


def test_the_description_placeholder_fails_the_front_matter_check_until_written() -> None:
    page = to_markdown(_document("题目", "正文。"), "用一句话说明本页内容")
    warnings = [str(w) for w in read_front_matter(page, "docs/x.zh.md").warnings]
    assert warnings == ["docs/x.zh.md:3: the description is still the placeholder 'make import' wrote — fix: replace it "
                        "with one sentence saying what the page is (it shows in search results and link previews)"]
    edited = page.replace(page.splitlines()[2], "description: 学校校外活动的安全协议。")
    assert read_front_matter(edited, "docs/x.zh.md").warnings == []


# --- Round trips through the seeds ----------------------------------------------------------

def test_the_policy_seed_imports_with_the_clause_tree_of_our_transcription() -> None:
    page = to_markdown(read_text_file(SEEDS / POLICY_SEED, "seed", _own("ja")))
    transcribed = _markers((ROOT / "docs" / "policy" / "anti-bullying.ja.md").read_text(encoding="utf-8"))
    assert len(transcribed) == 62
    assert _markers(page) == transcribed


def test_the_agreements_seed_imports_with_each_templates_clauses_apart_from_the_recorded_corrections() -> None:
    page = to_markdown(read_text_file(SEEDS / AGREEMENTS_SEED, "seed", _own("zh")))
    sections = templates(page)
    assert sorted(sections) == list(range(1, 11))
    renumbered = [c for c in load_all(ROOT / "data" / "corrections", LANGUAGES.codes)
                  if c.seed == AGREEMENTS_SEED and c.kind == "numbering"]
    compared = 0
    for path in sorted((ROOT / "docs" / "agreements").glob(f"*.{LANGUAGES.default.code}.md")):
        text = path.read_text(encoding="utf-8")
        source = yaml.safe_load(text.split("---\n")[1]).get("source") or {}
        for template in source.get("templates") or []:
            imported, transcribed = _markers(sections[template]), _markers(text)
            for correction in (c for c in renumbered if template in c.templates):
                # The page moved the renumbered clause to its place (the correction's note):
                # every other clause stands in the same order.
                wrong = read_marker(correction.before)
                right = read_marker(correction.after)
                assert wrong is not None and right is not None
                imported.remove((wrong.family, wrong.value))
                transcribed.remove((right.family, right.value))
            assert imported == transcribed, f"{path.name}, template {template}"
            compared += 1
    assert compared == 10


# --- The command line ---------------------------------------------------------------------

def test_the_command_writes_the_page_and_reports_what_it_did(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "agreements" / "outing.zh.md"
    result = _run(str(FIXTURES / "agreement.zh.txt"), str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Wrote {out} from tests/fixtures/importing/agreement.zh.txt (text): ")
    assert "8 clauses" in lines[0] and "1 signature block" in lines[0]
    assert "  note: 1 wrapped line joined into its paragraph" in lines
    # The checks the build would make, with the page's file and line.
    assert f"  {out}:3: the description is still the placeholder 'make import' wrote" in result.stdout
    assert out.read_text(encoding="utf-8").startswith('---\ntitle: "xx小学学生校外活动安全协议书"\n')


def test_the_command_reports_the_sources_own_numbering_faults_at_their_lines(tmp_path: Path) -> None:
    source = tmp_path / "rules.txt"
    source.write_text("校规\n\n1、按时到校。\n\n2、不得迟到。\n\n4、注意安全。\n", encoding="utf-8")
    out = tmp_path / "rules.zh.md"
    result = _run(str(source), str(out))
    assert result.returncode == 0
    page_lines = out.read_text(encoding="utf-8").splitlines()
    reported = re.findall(rf"^  {re.escape(str(out))}:(\d+):\d+: gap", result.stdout, flags=re.M)
    assert [page_lines[int(line) - 1] for line in reported] == ["4、注意安全。"]
    assert f"'python -m hooks.clause_numbering --fix {out}' shows it as a diff; add --write to make it" in result.stdout
    fixed = subprocess.run([sys.executable, "-m", "hooks.clause_numbering", "--fix", str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert "-4、注意安全。" in fixed.stdout and "+3、注意安全。" in fixed.stdout
    assert out.read_text(encoding="utf-8").splitlines() == page_lines  # shown, not written


def test_a_text_in_the_other_language_is_imported_but_the_report_says_so(tmp_path: Path) -> None:
    japanese = _run(str(FIXTURES / "policy.ja.txt"), str(tmp_path / "policy.zh.md"))
    assert japanese.returncode == 0
    assert "note: the text is written in 'ja' (" in japanese.stdout and "but OUT is a 'zh' page" in japanese.stdout
    chinese = _run(str(FIXTURES / "agreement.zh.txt"), str(tmp_path / "agreement.zh.md"))
    assert "is written in" not in chinese.stdout


def test_an_existing_page_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "policy.ja.md"
    out.write_text("an editor's page\n", encoding="utf-8")
    result = _run(str(FIXTURES / "policy.ja.txt"), str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{out}: exists already — choose another OUT, or run again with FORCE=1 (--force) "
                                     f"to replace it. Nothing was written.")
    assert out.read_text(encoding="utf-8") == "an editor's page\n"
    forced = _run(str(FIXTURES / "policy.ja.txt"), str(out), "--force")
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("---\ntitle:")
    added = len(out.read_text(encoding="utf-8").splitlines())
    assert (f"  replaced the page that was there: 1 line removed, {added} added (git diff {out} shows them; "
            f"git checkout -- {out} brings it back)") in forced.stdout


def test_make_import_is_the_interface(tmp_path: Path) -> None:
    out = tmp_path / "policy.ja.md"
    make = ["make", "--no-print-directory", "import", f"SRC={FIXTURES / 'policy.ja.txt'}", f"OUT={out}"]
    first = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "exists already" in again.stderr
    forced = subprocess.run([*make, "FORCE=1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert forced.returncode == 0, forced.stderr
    usage = subprocess.run(["make", "--no-print-directory", "import"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "usage: make import SRC=" in usage.stderr


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _zip_without_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word file")


def _scanned_pdf() -> bytes:
    """A PDF as a scanner makes it: a picture of a page, no text layer."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("empty.txt", b"", "the file is empty"),
    ("scan.pdf", _scanned_pdf(), "no text layer: run OCR first"),
    ("locked.pdf", (ROOT / "tests" / "fixtures" / "pdf" / "encrypted.pdf").read_bytes(), "password"),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
    ("old.doc", _OLE, "it is an old Word .doc file — open it in Word and save it as .docx"),
    ("locked.docx", _OLE, "it is password-protected, or an old .doc renamed .docx"),
    ("方針.jtd", _OLE, "it is an 一太郎 file — in 一太郎 choose ファイル > 他形式で保存 > Word文書 (.docx)"),
    ("policy.hwp", b"HWP Document File" + bytes(100), "it is a Hangul (.hwp) file — in Hangul save it as .docx"),
    ("policy.rtf", b"{\\rtf1\\ansi hello}", "it is a Rich Text file — open it in Word and save it as .docx"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "it is a picture, which has no text to import"),
    ("archive.docx", None, "the file is damaged or not a Word .docx"),
    ("archive.zip", None, "it is a zip file, not a Word .docx"),
    ("binary.txt", b"\x00\x01\x02\x03" * 64, "it is not a text file, a Word .docx or a PDF"),
    ("mojibake.txt", bytes(range(0x80, 0x100)) * 8, "encoding"),
    ("blank.txt", "\n \n\u3000\n".encode(), "the file has no text"),
])
def test_a_source_that_cannot_be_imported_gets_one_line_and_nothing_is_written(
        tmp_path: Path, name: str, content: bytes | None, problem: str) -> None:
    source = tmp_path / name
    if content is None:
        _zip_without_word(source)
    else:
        source.write_bytes(content)
    out = tmp_path / "docs" / "page.zh.md"
    result = _run(str(source), str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and message.startswith(f"{source}: ") and problem in message
    assert message.endswith("Nothing was written.")
    assert not out.exists() and not (tmp_path / "docs").exists()


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "big.txt"
    source.write_text("第1条 目的\n" * 400, encoding="utf-8")
    monkeypatch.setattr(command, "MAX_BYTES", 1024)
    monkeypatch.chdir(ROOT)
    assert command.main([str(source), str(tmp_path / "big.zh.md")], ("zh", "ja")) == 2
    assert capsys.readouterr().err.strip() == (
        f"{source}: the file is {source.stat().st_size / 1024:.1f} KB; Anshin imports files up to 1.0 KB — split it into one file per document, or "
        f"compress its pictures (Word: File > Compress Pictures). Nothing was written.")
    assert not (tmp_path / "big.zh.md").exists()


def test_a_library_failing_inside_a_damaged_file_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture) -> None:
    import anshin.importing.plain_text as plain_text

    def broken(*_: object) -> SourceDocument:
        raise KeyError("/Root")

    monkeypatch.setattr(plain_text, "read_text_file", broken)
    monkeypatch.chdir(ROOT)
    source = tmp_path / "damaged.txt"
    source.write_text("本文", encoding="utf-8")
    assert command.main([str(source), str(tmp_path / "damaged.zh.md")], ("zh", "ja")) == 2
    assert capsys.readouterr().err.strip() == (
        f"{source}: the file could not be read (KeyError) — it may be damaged: open it in the program that made it, "
        f"save it again, and import that. Nothing was written.")
    assert not (tmp_path / "damaged.zh.md").exists()


@pytest.mark.parametrize("name", ["page.md", "page.en.md", "page.ja.txt", "page.zh"])
def test_out_must_name_a_page_in_one_of_the_sites_languages(tmp_path: Path, name: str) -> None:
    result = _run(str(FIXTURES / "policy.ja.txt"), str(tmp_path / name))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "OUT must be a page name ending in .zh.md or .ja.md" in result.stderr
    assert not (tmp_path / name).exists()


def test_no_half_written_page_is_left_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    monkeypatch.chdir(ROOT)
    with pytest.raises(KeyboardInterrupt):
        command.main([str(FIXTURES / "policy.ja.txt"), str(tmp_path / "policy.ja.md")], ("zh", "ja"))
    assert list(tmp_path.iterdir()) == []


# --- The page in a real build ----------------------------------------------------------------

def test_an_imported_page_builds_once_its_description_is_written(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path / "project")
    out = project / "docs" / "policy" / "imported.ja.md"
    result = _run(str(FIXTURES / "policy.ja.txt"), "docs/policy/imported.ja.md", cwd=project)
    assert result.returncode == 0, result.stderr
    failed = run_build(project, tmp_path / "site")
    assert failed.returncode != 0
    warnings = [line for line in failed.stderr.splitlines() if "docs/policy/imported.ja.md" in line]
    # The two things the command's report told the editor to do, and nothing else.
    assert len(warnings) == 2, warnings
    assert "docs/policy/imported.ja.md:3: the description is still the placeholder" in warnings[0]
    assert "docs/policy/imported.ja.md:1: this page exists in one language only" in warnings[1]
    assert ("Next: add its translation docs/policy/imported.zh.md (CONTENT_CONVENTIONS.md, Translations), or write "
            "'single_language: true' in its front matter.") in result.stdout
    assert ("Next: list it in the nav of mkdocs.yml, in each language that has it (plugins > i18n > languages > nav), "
            "e.g. '- ○○市立○○中学校 いじめ防止基本方針: policy/imported.md'.") in result.stdout
    config = project / "mkdocs.yml"
    entry = "            - いじめ防止基本方針: policy/anti-bullying.md\n"
    assert config.read_text(encoding="utf-8").count(entry) == 1
    config.write_text(config.read_text(encoding="utf-8").replace(entry, entry + "            - 導入した方針: policy/imported.md\n"),
                      encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    out.write_text(re.sub(r"^description: .*$", "description: ○○中学校のいじめ防止基本方針です。\nsingle_language: true",
                          text, count=1, flags=re.M), encoding="utf-8")
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    html = (tmp_path / "site" / "ja" / "policy" / "imported" / "index.html").read_text(encoding="utf-8")
    assert "ア 日頃から生徒の様子を観察し" in html
    assert re.search(r'<div class="signature"', html)
    # On a phone: the page fits, its blanks are blanks, its numbers are the source's.
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    handler.log_message = lambda *_: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/ja/policy/imported/")
        assert page.evaluate("document.documentElement.lang") == "ja"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("article h1").inner_text().strip().removesuffix("¶") == "○○市立○○中学校 いじめ防止基本方針"
        assert page.locator("article h1 mark").all_inner_texts() == ["○○市立○○中学校"]
        paragraphs = [text.strip() for text in page.locator("article p").all_inner_texts()]
        assert [p.split(" ")[0] for p in paragraphs if re.match(r"^(?:\d|\(\d\)|ア|イ) ", p)] == [
            "1", "2", "(1)", "(2)", "1", "2", "ア", "イ"]
        # (the site adds the date line that every signature block gets, from the catalogue)
        assert page.locator("article .signature li").all_inner_texts()[:2] == ["保護者署名：", "生徒氏名："]
        page.close()
    finally:
        server.shutdown()


def test_a_word_files_numbers_reach_the_page_as_word_displays_them(tmp_path: Path) -> None:
    from anshin.importing.word import read_docx
    from tests.fixtures.word.make_fixtures import build

    source = build("structure", tmp_path)
    numbered = [block.text for block in read_docx(source, "structure.docx").blocks
                if isinstance(block, Paragraph) and block.numbered]
    assert numbered[:6] == ["一、总则", "（一）目的", "（二）依据", "1. 范围", "2. 对象", "(1)学生"]  # as Word shows them
    out = tmp_path / "structure.zh.md"
    result = _run(str(source), str(out))
    assert result.returncode == 0, result.stderr
    assert f"note: {len(numbered)} list numbers computed from Word's automatic numbering" in result.stdout
    html = _html(out.read_text(encoding="utf-8"))
    assert "<ol" not in html
    shown = [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<(?:p|h\d)[^>]*>(.*?)</(?:p|h\d)>", html)]
    # Every computed number is on the page exactly as Word displays it, in Word's order.
    remaining = iter(shown)
    assert all(text in remaining for text in numbered)  # (each found after the one before)


# Text that the writer must show as it is: Markdown's and HTML's characters among CJK text
# (no blank or bullet characters, which the writer converts on purpose).
_TEXT = st.text(alphabet=st.sampled_from(list("学校いじめ方針。、：「」（）()#*`<>&[]|\\!=+-.~^0123 abAB")),
                min_size=1, max_size=40).map(str.strip).filter(lambda text: text and not text.startswith(("-", "+")))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_any_text_shows_as_written(text: str) -> None:
    import html as html_module

    sentence = text + "。"  # a sentence, so that the writer makes it a paragraph
    page = to_markdown(_document("題名", sentence))
    rendered = _html(page)
    body = rendered.split("</h1>", 1)[1]
    assert "<" not in re.sub(r"</?p>", "", body).replace("\n", ""), rendered
    assert html_module.unescape(re.sub(r"</?p>", "", body)).strip() == sentence.strip()


def test_the_agreements_seed_after_its_recorded_corrections_imports_with_each_templates_signature_fields() -> None:
    from tests.test_fidelity import corrected_seed

    blocks, _ = rejoin("\n".join(corrected_seed(AGREEMENTS_SEED).lines), _words("jieba"))
    imported = templates(to_markdown(SourceDocument(blocks, "text")))

    compared = 0
    for path in sorted((ROOT / "docs" / "agreements").glob(f"*.{LANGUAGES.default.code}.md")):
        text = path.read_text(encoding="utf-8")
        for template in (yaml.safe_load(text.split("---\n")[1]).get("source") or {}).get("templates") or []:
            # Labels typed after a clause (篇一), on one line (篇五), with a placeholder
            # (责任人：xxx), or with no word of signing where the document ends (乙方（学生）：).
            assert signature_fields(imported[template]) == signature_fields(text), f"{path.name}, template {template}"
            compared += 1
    assert compared == 10


def test_paragraphs_that_word_broke_mid_sentence_are_joined(tmp_path: Path) -> None:
    import docx

    # Text pasted into Word from a web page, its line breaks become paragraph marks.
    document = docx.Document()
    for text in ["学生与家长安全协议书", "尊敬的家长：", "为确保学生的安全，学校与家长共同订立如下协议，望家长理解配",
                 "合。", "四、接送孩子时原则上由监护人接送，安全责任由家长和被委托人负责。被委托人在法律上不具备完全",
                 "行为能力的，由家长负全责。", "五、孩子来校、离校路上的安全责任由家长负责。", "学生与家长安全协议书篇二",
                 "学生的安全要靠家庭、社会、学校共同教育和管理。"]:
        document.add_paragraph(text)
    source = tmp_path / "pasted.docx"
    document.save(str(source))
    out = tmp_path / "pasted.zh.md"
    result = _run(str(source), str(out))
    assert result.returncode == 0, result.stderr
    assert "note: 2 paragraphs that Word had broken mid-sentence (line breaks of a pasted web page) joined" in result.stdout
    paragraphs = _body(out.read_text(encoding="utf-8")).strip().split("\n\n")[1:]
    assert paragraphs == ["尊敬的家长：", "为确保学生的安全，学校与家长共同订立如下协议，望家长理解配合。",
                          "四、接送孩子时原则上由监护人接送，安全责任由家长和被委托人负责。被委托人在法律上不具备完全行为能力的，由家长负全责。",
                          "五、孩子来校、离校路上的安全责任由家长负责。", "学生与家长安全协议书篇二",
                          "学生的安全要靠家庭、社会、学校共同教育和管理。"]
