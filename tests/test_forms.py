"""Fill in on screen (issue 17): what each field of a signature block is, the inputs the
built pages give them, and the dates the side-by-side pages carry.

The expectations are the labels' meaning as a reader understands them, written out by
hand for every label the seed agreements use; the built pages are checked against the
sources they come from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anshin.forms.fields import (
    CLASS,
    DATE,
    GUARDIAN,
    NAME,
    NUMBER,
    PHONE,
    SIGNATURE,
    SOMEONE_ELSE,
    STUDENT,
    UNNAMED,
    FieldWords,
    classify,
)
from anshin.printing import read_blocks, signature_labels
from tests.conftest import ROOT
from tests.html_tools import Document, Element, parse
from tests.project import LANGUAGES, catalogue

WORDS = FieldWords.from_catalogues({code: catalogue(code) for code in LANGUAGES.codes})
DOCS = ROOT / "docs"

# Every label of the seed's signature blocks: (kind, whose, filled from a class list by).
SEED_LABELS = {
    "家长（签名）：": (SIGNATURE, GUARDIAN, None),
    "班主任（签名）：": (SIGNATURE, SOMEONE_ELSE, None),
    "电话：": (PHONE, UNNAMED, None),
    "被委托人（签名）：": (SIGNATURE, SOMEONE_ELSE, None),
    "被委托人班级：": (CLASS, SOMEONE_ELSE, None),   # the delegate's class, not the student's
    "班主任电话：": (PHONE, SOMEONE_ELSE, None),
    "科任教师电话：": (PHONE, SOMEONE_ELSE, None),
    "分管校长电话：": (PHONE, SOMEONE_ELSE, None),
    "保護者（署名）：": (SIGNATURE, GUARDIAN, None),
    "担任（署名）：": (SIGNATURE, SOMEONE_ELSE, None),
    "電話：": (PHONE, UNNAMED, None),
    "受託者（代理の送迎者）（署名）：": (SIGNATURE, SOMEONE_ELSE, None),
    "受託者の学級：": (CLASS, SOMEONE_ELSE, None),
    "担任の電話：": (PHONE, SOMEONE_ELSE, None),
    "教科担当教員の電話：": (PHONE, SOMEONE_ELSE, None),
    "担当副校長の電話：": (PHONE, SOMEONE_ELSE, None),
    "责任人：": (NAME, SOMEONE_ELSE, None),
    "責任者：": (NAME, SOMEONE_ELSE, None),
    "乙方（签字）：": (SIGNATURE, UNNAMED, None),
    "甲方（盖章）：": (SIGNATURE, SOMEONE_ELSE, None),
    "乙（署名）：": (SIGNATURE, UNNAMED, None),
    "甲（押印）：": (SIGNATURE, SOMEONE_ELSE, None),
    "乙方（学生）：": (NAME, STUDENT, "name"),
    "（学生家长）：": (NAME, GUARDIAN, "guardian"),
    "乙（児童）：": (NAME, STUDENT, "name"),
    "（児童の保護者）：": (NAME, GUARDIAN, "guardian"),
    "乙方签字：": (SIGNATURE, UNNAMED, None),
    "甲方签字：": (SIGNATURE, SOMEONE_ELSE, None),
    "联系电话：": (PHONE, UNNAMED, None),
    "乙 署名：": (SIGNATURE, UNNAMED, None),
    "甲 署名：": (SIGNATURE, SOMEONE_ELSE, None),
    "連絡先電話番号：": (PHONE, UNNAMED, None),
    "学生签字：": (SIGNATURE, STUDENT, None),
    "家长签字：": (SIGNATURE, GUARDIAN, None),
    "生徒署名：": (SIGNATURE, STUDENT, None),
    "保護者署名：": (SIGNATURE, GUARDIAN, None),
}

# Labels other schools write, beyond the seed's.
OTHER_LABELS = {
    "学生姓名：": (NAME, STUDENT, "name"),
    "班级：": (CLASS, UNNAMED, "class"),
    "学号：": (NUMBER, UNNAMED, "number"),
    "日期：": (DATE, UNNAMED, None),
    "家长姓名：": (NAME, GUARDIAN, "guardian"),
    "家长手机：": (PHONE, GUARDIAN, None),
    "生徒氏名：": (NAME, STUDENT, "name"),
    "出席番号：": (NUMBER, UNNAMED, "number"),
    "学級：": (CLASS, UNNAMED, "class"),
    "保護者氏名（自署）：": (SIGNATURE, GUARDIAN, None),
    "保護者氏名：": (NAME, GUARDIAN, "guardian"),
    "年月日：": (DATE, UNNAMED, None),
    "生徒　　年　　組　　番　氏名": (NAME, STUDENT, "name"),
    "班主任：": (NAME, SOMEONE_ELSE, None),
}


def _agreement_sources() -> list[Path]:
    return sorted(path for path in (DOCS / "agreements").glob("*.md")
                  if "bilingual" not in path.name and "signature" in path.read_text(encoding="utf-8"))


def test_every_seed_label_is_in_the_table() -> None:
    labels = {label for path in _agreement_sources()
              for block in read_blocks(path.read_text(encoding="utf-8")) if block.kind == "signature"
              for label in signature_labels(block)}
    assert labels == set(SEED_LABELS)


@pytest.mark.parametrize("label", sorted({**SEED_LABELS, **OTHER_LABELS}))
def test_a_label_says_what_it_asks_for_and_whose_it_is(label: str) -> None:
    kind, whose, roster = {**SEED_LABELS, **OTHER_LABELS}[label]
    field = classify(label, WORDS)
    assert (field.kind, field.whose, field.roster_field) == (kind, whose, roster)
    assert field.typed == (kind != SIGNATURE)


def test_a_signature_in_either_language_of_a_bilingual_field_makes_it_a_signature() -> None:
    assert classify(("乙方（学生）：", "乙（署名）："), WORDS).kind == SIGNATURE
    assert classify(("电话：", "電話："), WORDS).kind == PHONE


# --- the built pages -------------------------------------------------------------------

def _page(site: Path, url: str) -> tuple[str, Document]:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return html, parse(html)


def _classed(document: Document, name: str) -> list[Element]:
    return [e for e in document.elements if name in e.attrs.get("class", "").split()]


def _signature_html(html: str) -> str:
    match = re.search(r'<div class="signature">.*?</ul>', html, re.DOTALL)
    assert match, "no signature block"
    return match.group(0)


def _agreement_pages() -> list[tuple[str, Path]]:
    """(built URL, source) of every agreement page with a signature block, and of its
    side-by-side pages (with their original's source)."""
    pages = []
    for source in _agreement_sources():
        norm, code = LANGUAGES.split(source.relative_to(DOCS).as_posix())
        pages.append((LANGUAGES.page_url(norm, code), source))
        bilingual = norm.replace(".md", "-bilingual.md")
        if (DOCS / LANGUAGES.source(bilingual, code)).is_file():
            pages.append((LANGUAGES.page_url(bilingual, code), source))
    return pages


def test_every_field_a_family_fills_in_is_a_labelled_input_and_signatures_stay_lines(built_site: Path) -> None:
    checked = 0
    for url, source in _agreement_pages():
        html, _ = _page(built_site, url)
        block = parse(_signature_html(html))
        [labels] = [signature_labels(b) for b in read_blocks(source.read_text(encoding="utf-8")) if b.kind == "signature"]
        items = [e for e in block.find_all("li") if "anshin-field" in e.attrs.get("class", "")]
        own = [e for e in items if e.attrs.get("data-anshin-field", "f").startswith("f")
               or "anshin-field--signature" in e.attrs["class"]]
        assert len(own) == len(labels), url
        inputs = {e.attrs["id"]: e for e in block.find_all("input")}
        for_ids = [e.attrs["for"] for e in block.find_all("label")]
        # Every input has exactly one label, and every label an input.
        assert sorted(for_ids) == sorted(inputs), url
        signatures = [e for e in items if "anshin-field--signature" in e.attrs["class"]]
        expected_signatures = sum(classify(label, WORDS).kind == SIGNATURE for label in labels)
        assert len(signatures) == expected_signatures, url
        assert len(inputs) == len(items) - len(signatures), url
        checked += 1
    assert checked == 24  # six agreements with a signature block, in two languages and side by side in each


def test_a_block_without_a_line_for_the_student_gets_name_and_class_and_others_do_not(built_site: Path) -> None:
    for url, source in _agreement_pages():
        html, _ = _page(built_site, url)
        block = parse(_signature_html(html))
        keys = [e.attrs.get("data-anshin-field") for e in block.find_all("li") if "data-anshin-field" in e.attrs]
        [labels] = [signature_labels(b) for b in read_blocks(source.read_text(encoding="utf-8")) if b.kind == "signature"]
        has_name = any(classify(label, WORDS).roster_field == "name" for label in labels)
        assert (keys[:2] == ["student-name", "student-class"]) == (not has_name), url


def test_the_class_list_fills_only_the_fields_that_mean_the_student_and_guardian(built_site: Path) -> None:
    _, duties = _page(built_site, "ja/agreements/duties")
    fills = [(e.attrs["data-anshin-field"], e.attrs.get("data-anshin-fill")) for e in duties.find_all("li")
             if "data-anshin-field" in e.attrs]
    assert fills == [("f1", "name"), ("f2", "guardian")]
    _, pickup = _page(built_site, "agreements/pickup")
    fills = {e.attrs["data-anshin-field"]: e.attrs.get("data-anshin-fill") for e in pickup.find_all("li")
             if "data-anshin-field" in e.attrs}
    assert fills == {"student-name": "name", "student-class": "class", "f3": None, "f5": None, "f6": None,
                     "f7": None, "f8": None}


def test_the_side_by_side_page_has_one_input_per_field_labelled_in_both_languages(built_site: Path) -> None:
    html, _ = _page(built_site, "agreements/pickup-bilingual")
    block = parse(_signature_html(html))
    labels = block.find_all("label")
    assert len(labels) == len(block.find_all("input")) == 7
    for label in labels:
        spans = [e for e in block.elements if e.tag == "span" and e.attrs.get("lang") and e.text and e.text in label.text]
        assert {e.attrs["lang"] for e in spans} == {"zh-Hans", "ja"}, label.text


def test_phone_fields_ask_for_a_phone_keyboard_and_nothing_is_autofilled(built_site: Path) -> None:
    html, _ = _page(built_site, "ja/agreements/homeroom")
    # 甲 署名 / 連絡先電話番号 / 乙 署名 / 連絡先電話番号: one phone for each party.
    phones = [e for e in parse(_signature_html(html)).find_all("input") if e.attrs["type"] == "tel"]
    assert len(phones) == 2
    for phone in phones:
        assert (phone.attrs["inputmode"], phone.attrs["autocomplete"]) == ("tel", "off")


def test_the_box_about_remembering_is_hidden_until_the_script_runs(built_site: Path) -> None:
    _, document = _page(built_site, "agreements/pickup")
    [box] = _classed(document, "anshin-fill")
    assert "hidden" in box.attrs and box.attrs["data-anshin-form"] == "agreements/pickup"
    _, japanese = _page(built_site, "ja/agreements/pickup")
    [box_ja] = _classed(japanese, "anshin-fill")
    # The same key in every language: what a family remembers on one page is on the others.
    assert box_ja.attrs["data-anshin-form"] == "agreements/pickup"
    assert box_ja.attrs["lang"] == "ja"


def test_no_page_without_a_signature_block_gets_fields(built_site: Path) -> None:
    for url in ("", "ja/", "policy/anti-bullying", "ja/policy/anti-bullying", "agreements", "calendar", "contacts"):
        html, _ = _page(built_site, url)
        assert "anshin-field" not in html and "anshin-fill" not in html, url


# --- dates on the side-by-side pages ---------------------------------------------------

def _dates(document: Document) -> tuple[list[str], str]:
    [line] = _classed(document, "anshin-dates")
    times = [e.attrs["datetime"] for e in document.elements if e.tag == "time" and e.text and e.text in line.text]
    return times, line.text


def test_every_side_by_side_page_carries_its_originals_effective_and_changed_dates(built_site: Path) -> None:
    stubs = sorted((DOCS / "agreements").glob("*-bilingual.*.md"))
    assert len(stubs) == 12
    for stub in stubs:
        norm, code = LANGUAGES.split(stub.relative_to(DOCS).as_posix())
        original_norm = norm.replace("-bilingual", "")
        originals = [c for c in LANGUAGES.codes
                     if "translation_checked" not in (DOCS / LANGUAGES.source(original_norm, c)).read_text(encoding="utf-8")]
        [original] = originals
        _, page = _page(built_site, LANGUAGES.page_url(norm, code))
        _, original_page = _page(built_site, LANGUAGES.page_url(original_norm, original))
        times, text = _dates(page)
        original_times, original_text = _dates(original_page)
        assert times == original_times and times, stub.name
        if code == original:
            assert text == original_text, stub.name
        # In the page's own words: the effective line says the same in its language.
        effective_word = catalogue(code).text("document_dates.effective")
        assert effective_word in text, stub.name


def test_every_agreement_and_policy_page_carries_a_date_line(built_site: Path) -> None:
    pages = sorted((DOCS / "agreements").glob("*.md")) + sorted((DOCS / "policy").glob("*.md"))
    documents = [p for p in pages if not p.name.startswith("index.")]
    assert len(documents) == 26
    for source in documents:
        norm, code = LANGUAGES.split(source.relative_to(DOCS).as_posix())
        _, page = _page(built_site, LANGUAGES.page_url(norm, code))
        assert len(_classed(page, "anshin-dates")) == 1, source.name
