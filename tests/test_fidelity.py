"""Nothing of the seed texts is lost: every fragment of every template, after the
documented corrections, appears on the page that publishes it, and the junk does not.

The seeds are read from ../shared/seeds/ (tests only; the site never reads them).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from anshin.corrections import Correction, load_all
from anshin.school_calendar import find_markers
from tests.conftest import ROOT, SEEDS
from tests.project import LANGUAGES

AGREEMENTS_SEED = "000_61c30b1e525480d8.txt"
POLICY_SEED = "002_7405379810ed58d9.txt"
CHINESE_NUMERALS = "一二三四五六七八九十"
TEMPLATE_HEADING = re.compile(r"^学生与家长安全协议书篇([一二三四五六七八九十]+)$")

# Characters that are Markdown markup or layout in the pages, removed on both sides.
_MARKUP = re.compile(r"[\s=*|#>_`・\-]")
_ATTR_LIST = re.compile(r"\{[:#.][^}\n]*\}|\{ *#[^}\n]*\}")
_TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    text = _ATTR_LIST.sub("", text)
    text = _TAG.sub("", text)
    return _MARKUP.sub("", html.unescape(text))


def fragments(line: str) -> list[str]:
    """A seed line cut at tabs and at 。；： — the units that must survive transcription."""
    pieces = re.split(r"[\t。；：]", _TAG.sub("", line))
    return [p for p in (normalise(piece) for piece in pieces) if len(p) >= 2]


@dataclass
class Seed:
    name: str
    lines: list[str]  # after corrections; removed lines are ""


def _corrections(seed: str) -> list[Correction]:
    return [c for c in load_all(ROOT / "data" / "corrections", LANGUAGES.codes) if c.seed == seed]


def _template_of_line(lines: list[str]) -> list[int]:
    """Template number (1–10) of each seed line; 0 before the first template."""
    current, numbers = 0, []
    for line in lines:
        match = TEMPLATE_HEADING.match(line.strip())
        if match:
            current = CHINESE_NUMERALS.index(match.group(1)) + 1 if len(match.group(1)) == 1 else 10
        numbers.append(current)
    return numbers


def corrected_seed(name: str) -> Seed:
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    templates = _template_of_line(lines)
    for correction in _corrections(name):
        original = lines[correction.line - 1]
        assert correction.before in original or (correction.end_line and not original), (
            f"{correction.data_file}:{correction.data_line}: '{correction.before}' is not on "
            f"line {correction.line} of {name}")
        if correction.end_line:
            for index in range(correction.line - 1, correction.end_line):
                lines[index] = ""
            continue
        for index, line in enumerate(lines):
            if not correction.templates or templates[index] in correction.templates:
                lines[index] = line.replace(correction.before, correction.after)
    return Seed(name, lines)


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return _with_contacts(_with_calendar(text.split("---", 2)[2] if text.startswith("---") else text, path), path)


def _with_calendar(body: str, path: Path) -> str:
    """The body as published: each calendar marker replaced by what the build's own hook
    (hooks/school_calendar.py) renders there from data/calendar/, in the page's language."""
    if not find_markers(body):
        return body
    import hooks.school_calendar as calendar_hook

    norm, language = LANGUAGES.split(path.relative_to(ROOT / "docs").as_posix())
    page = SimpleNamespace(url=LANGUAGES.page_url(norm, language), canonical_url="",
                           file=SimpleNamespace(content_string=path.read_text(encoding="utf-8")))
    config = _build_config(language)
    return _published(calendar_hook.on_page_markdown(body, page=page, config=config, files=None), config)


def _with_contacts(body: str, path: Path) -> str:
    """The body with each contacts marker replaced by the text of what the build's own hook
    (hooks/contacts.py) renders there from data/contacts.yml: the policy's tables, whose
    cells the seed's lines must find as they are (tags dropped: a link's E.164 href is not
    text of the document)."""
    import hooks.contacts as contacts_hook

    if "anshin:contacts" not in body:
        return body
    norm, language = LANGUAGES.split(path.relative_to(ROOT / "docs").as_posix())
    page = SimpleNamespace(url=LANGUAGES.page_url(norm, language), canonical_url="",
                           file=SimpleNamespace(content_string=path.read_text(encoding="utf-8"), src_uri=norm))
    config = _build_config(language)
    rendered = _published(contacts_hook.on_page_markdown(body, page=page, config=config, files=None) or body, config)
    return re.sub(r"<[^>]+>", " ", rendered)


def _published(markdown: str, config) -> str:
    """`markdown` with the blocks of HTML that the hooks put into it as placeholders in
    place again, as the build puts them once the page is converted (anshin/html_blocks.py,
    hooks/build_context.py)."""
    from anshin.build_context import context
    from anshin.html_blocks import restored

    return restored(markdown, context(config).build.html_blocks) or markdown


@cache
def _build_config(language: str):
    """mkdocs.yml as the build loads it, with the build's context started for `language`
    by the hooks themselves (hooks/build_context.py, hooks/school_calendar.py)."""
    from mkdocs.config import load_config

    import hooks.build_context as build_hook
    import hooks.school_calendar as calendar_hook

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    build_hook.on_config(config)
    calendar_hook.on_config(config)
    config.theme["language"] = language
    build_hook.on_pre_build(config=config)
    return config


def _pages_by_source() -> dict[tuple[str, int], Path]:
    pages = {}
    for path in (ROOT / "docs").rglob("*.md"):
        source = _front_matter(path).get("source") or {}
        for template in source.get("templates") or [0]:
            pages[(source.get("seed"), template)] = path
    return pages


def _missing(seed: Seed, line_numbers: list[int], page: Path) -> list[str]:
    page_text = normalise(_body(page))
    return [f"{seed.name}:{number}: {fragment}"
            for number in line_numbers
            for fragment in fragments(seed.lines[number - 1])
            if fragment not in page_text]


@pytest.mark.parametrize("template", range(1, 11))
def test_every_fragment_of_each_agreement_template_is_published(template: int) -> None:
    seed = corrected_seed(AGREEMENTS_SEED)
    page = _pages_by_source().get((AGREEMENTS_SEED, template))
    assert page, f"no page declares 'source: templates: [{template}]'"
    numbers = [n for n, t in enumerate(_template_of_line(
        (SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8").splitlines()), start=1) if t == template]
    assert len(numbers) > 5
    missing = _missing(seed, numbers, page)
    assert not missing, f"{page.relative_to(ROOT)} lacks:\n" + "\n".join(missing[:15])


def test_the_collection_title_is_kept_on_the_overview() -> None:
    seed = corrected_seed(AGREEMENTS_SEED)
    templates = _template_of_line((SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8").splitlines())
    preamble = [n for n, t in enumerate(templates, start=1) if t == 0 and seed.lines[n - 1].strip()]
    assert preamble, "the collection title should survive the junk removal"
    missing = _missing(seed, preamble, ROOT / "docs" / "agreements" / "index.zh.md")
    assert not missing, missing


def test_every_fragment_of_the_policy_is_published() -> None:
    seed = corrected_seed(POLICY_SEED)
    page = _pages_by_source().get((POLICY_SEED, 0))
    assert page, "no page declares 'source: seed: " + POLICY_SEED + "'"
    missing = _missing(seed, list(range(1, len(seed.lines) + 1)), page)
    assert not missing, f"{page.relative_to(ROOT)} lacks:\n" + "\n".join(missing[:15])


def test_each_template_maps_to_exactly_one_page() -> None:
    declared = [t for path in (ROOT / "docs").rglob("*.md")
                for t in ((_front_matter(path).get("source") or {}).get("templates") or [])]
    assert sorted(declared) == list(range(1, 11))


JUNK = ["导游词", "旅游目的地", "文档为doc格式", "学校与企业合作协议书", "学校致家长的公开信范文",
        "家长给学校的表扬信范文", "学校家长会的邀请函范文", "家长对学校的意见和建议范文",
        "学校家长会家长心得", "家长给学校的感谢信汇编八篇"]


def test_junk_is_gone_from_every_page() -> None:
    for path in (ROOT / "docs").rglob("*.md"):
        if _front_matter(path).get("editorial_notes"):
            continue  # the notes quote what was removed, by design
        text = normalise(path.read_text(encoding="utf-8"))
        assert not [j for j in JUNK if j in text], path
        assert "□" not in text, f"{path}: unrepaired OCR mark"


def test_junk_corrections_cover_the_junk() -> None:
    removed = "".join(c.before for c in _corrections(AGREEMENTS_SEED) if c.kind == "junk")
    lines = (SEEDS / AGREEMENTS_SEED).read_text(encoding="utf-8").splitlines()
    for c in _corrections(AGREEMENTS_SEED):
        if c.end_line:
            removed += "".join(lines[c.line - 1:c.end_line])
    assert all(j in removed for j in JUNK)


def test_every_correction_points_at_its_seed_line_and_page() -> None:
    for correction in load_all(ROOT / "data" / "corrections", LANGUAGES.codes):
        line = (SEEDS / correction.seed).read_text(encoding="utf-8").splitlines()[correction.line - 1]
        assert correction.before in line, f"{correction.id}: before not on line {correction.line}"
        if correction.page:
            page = ROOT / "docs" / correction.page
            assert page.is_file(), f"{correction.id}: no page {correction.page}"
            if correction.after and correction.kind != "layout":
                assert normalise(correction.after) in normalise(_body(page)), (
                    f"{correction.id}: '{correction.after}' is not on {correction.page}")


@pytest.mark.parametrize(("seed", "fixed", "broken"), [
    (POLICY_SEED, "雰囲気を学校全体で醸成", "雰囲気为"),
    (POLICY_SEED, "いじめている人を助ける", "いじている"),
    (POLICY_SEED, "事実としっかりと向き合う", "事実しっかと"),
    (POLICY_SEED, "いじめに関するアンケート結果", "いじめの関する"),
    (AGREEMENTS_SEED, "手机、mp3、mp4", "手机□mp3"),
    (AGREEMENTS_SEED, "甲方：", "甲方□"),
])
def test_named_typos_are_fixed(seed: str, fixed: str, broken: str) -> None:
    pages = [p for p in (ROOT / "docs").rglob("*.md")
             if (_front_matter(p).get("source") or {}).get("seed") == seed]
    text = "".join(normalise(_body(p)) for p in pages)
    assert normalise(fixed) in text
    assert normalise(broken) not in text


def test_campus_rules_numbering_runs_one_to_twelve() -> None:
    body = _body(ROOT / "docs" / "agreements" / "campus-rules.zh.md")
    numbers = [int(n) for n in re.findall(r"^(\d+)、", body, flags=re.MULTILINE)]
    assert numbers == list(range(1, 13))
