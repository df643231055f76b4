"""ふりがな on Japanese pages (anshin/furigana.py, hooks/furigana.py, overrides/assets/
furigana.js): the readings of the school's vocabulary against a list written by hand
(tests/fixtures/furigana/expected_readings.yml), the pure logic without a build, the
readings files of a build, and the toggle in Chromium on a phone-sized screen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from anshin import furigana
from anshin.errors import DataError
from anshin.furigana import Piece, Word, align, browser_pieces, merged, notation, page_texts, parse_notation, readings_table, sudachi_words
from tests.conftest import ROOT, copy_project, run_build
from tests.project import LANGUAGES, catalogue

EXPECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "furigana" / "expected_readings.yml").read_text(encoding="utf-8"))
POLICY = "docs/policy/anti-bullying.ja.md"
PHONE = {"width": 390, "height": 844}
# The languages whose pages have furigana: those whose catalogue names a reader.
FURIGANA = [code for code in LANGUAGES.codes if catalogue(code).text("furigana.reader") != furigana.NO_READER]
OTHERS = [code for code in LANGUAGES.codes if code not in FURIGANA]
POLICY_URL = "ja/policy/anti-bullying/"


def _overrides() -> dict[str, furigana.Override]:
    return furigana.load_overrides(ROOT / "data" / "readings.yml", LANGUAGES.codes)


def _read(text: str) -> tuple[Piece, ...]:
    return merged(piece for word in sudachi_words(text, _overrides()) for piece in word.pieces)


def _glossary_terms() -> list[str]:
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    return list(dict.fromkeys(term["ja"] for term in terms))


def _policy_headings() -> list[str]:
    lines = (ROOT / POLICY).read_text(encoding="utf-8").splitlines()
    headings = [re.sub(r"\s*\{#[^}]*\}\s*$", "", line.lstrip("#").strip()) for line in lines if line.startswith("#")]
    return list(dict.fromkeys(headings))


def _matches(text: str, expected: str | list[str], pieces: tuple[Piece, ...]) -> bool:
    """Whether `pieces` show one of the expected readings: in ruby notation, compared with
    neighbouring ruby joined; else as the reading of the whole text. Ruby only ever over
    kanji, and none at all on a text without kanji."""
    if any(not all(furigana.has_kanji(c) for c in piece.text) for piece in pieces if piece.reading):
        return False
    for wanted in expected if isinstance(expected, list) else [expected]:
        if "[" in wanted:
            if notation(merged(pieces, ruby=True)) == notation(merged(parse_notation(wanted), ruby=True)):
                return True
        elif furigana.reading_of(pieces) == wanted and (furigana.has_kanji(text) or not any(p.reading for p in pieces)):
            return True
    return False


# ---------------------------------------------------------------------------------------
# The school's vocabulary against the list written by hand


def test_the_expected_list_covers_every_glossary_term_and_policy_heading() -> None:
    assert [term for term in _glossary_terms() if term not in EXPECTED["glossary"]] == []
    assert [heading for heading in _policy_headings() if heading not in EXPECTED["headings"]] == []
    assert len(EXPECTED["glossary"]) > 90 and len(EXPECTED["headings"]) > 60


@pytest.mark.parametrize("section", ["glossary", "headings"])
def test_the_readings_are_the_expected_ones(section: str) -> None:
    wrong = {text: notation(merged(_read(text), ruby=True)) for text, expected in EXPECTED[section].items()
             if not _matches(text, expected, _read(text))}
    assert wrong == {}


def test_the_comparison_of_readings_can_fail() -> None:
    assert not _matches("行う", "行[おこな]う", (Piece("行う", "おこなう"),))        # okurigana inside the ruby
    assert not _matches("担任", "たんにん", (Piece("担任", "たんじん"),))
    assert not _matches("いじめ", "いじめ", (Piece("いじめ", "いじめ"),))               # ruby over kana
    assert _matches("校内研修", "校内[こうない]研修[けんしゅう]", (Piece("校内研修", "こうないけんしゅう"),))


def test_every_override_changes_a_reading_on_the_pages() -> None:
    # An entry of data/readings.yml that changes nothing the pages say is dead weight (or
    # a word Sudachi has learnt to read meanwhile).
    overrides = _overrides()
    lines = [line for path in sorted((ROOT / "docs").rglob("*.ja.md"))
             for line in path.read_text(encoding="utf-8").splitlines() if furigana.has_kanji(line)]
    assert overrides and lines
    unused = []
    for word in overrides:
        def pieces(line: str, chosen: dict) -> tuple[Piece, ...]:
            return merged(p for w in sudachi_words(line, chosen) for p in w.pieces)
        if not any(pieces(line, {}) != pieces(line, {word: overrides[word]}) for line in lines if word in line):
            unused.append(word)
    assert unused == []


# ---------------------------------------------------------------------------------------
# Placing a reading over a word's kanji


@pytest.mark.parametrize(("surface", "reading", "expected"), [
    ("行う", "オコナウ", "行[おこな]う"),                     # okurigana outside
    ("取り組み", "トリクミ", "取[と]り組[く]み"),
    ("見抜く", "みぬく", "見抜[みぬ]く"),
    ("問い合わせ", "トイアワセ", "問[と]い合[あ]わせ"),
    ("担任", "タンニン", "担任[たんにん]"),
    ("人々", "ヒトビト", "人々[ひとびと]"),                   # 々 is part of the kanji run
    ("ヶ月", "カゲツ", "ヶ月[かげつ]"),
    ("送迎カード", "ソウゲイカード", "送迎[そうげい]カード"),   # katakana in the word, literal
    ("いじめ", "イジメ", "いじめ"),                           # kana only: no ruby
    ("アンケート", "アンケート", "アンケート"),
    ("2019", "ニセンジュウキュウ", "2019"),                 # digits never
    ("行う", "アルク", "行う[あるく]"),                      # the kana do not fit: all over all
    ("第1条", "ダイイチジョウ", "第1条"),                    # ... but never over a digit
    ("髙橋", "髙橋", "髙橋"),                                # unknown word: its reading is no kana
])
def test_align(surface: str, reading: str, expected: str) -> None:
    assert notation(align(surface, reading)) == expected


def _aligned_by_a_regex(surface: str, reading: str) -> tuple[Piece, ...] | None:
    """What furigana._aligned is held to: each run of kanji a lazy group, the kana as they
    are, re.fullmatch over the reading (its first match, as the code once did)."""
    parts = re.findall(f"[{furigana._KANJI}]+|[^{furigana._KANJI}]+", surface)
    pattern = "".join("(.+?)" if furigana.has_kanji(part) else re.escape(furigana.hiragana(part)) for part in parts)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return None
    groups = iter(match.groups())
    return tuple(Piece(part, next(groups)) if furigana.has_kanji(part) else Piece(part) for part in parts)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["行", "取", "組", "日本", "人々", "う", "り", "み", "い", "ー", "ア"]), min_size=1, max_size=5),
       st.text(alphabet="おこなうとりくみいにほんひとびーあ", min_size=0, max_size=9))
def test_the_reading_goes_over_the_kanji_as_a_lazy_regex_places_it(parts: list[str], reading: str) -> None:
    surface = "".join(parts)
    assert furigana._aligned(surface, reading) == _aligned_by_a_regex(surface, reading)


@pytest.mark.parametrize(("text", "expected"), [
    ("第1条", "第[だい]1条[じょう]"),
    ("週休2日", "週休[しゅうきゅう]2日[か]"),
    ("4月18日", "4月[がつ]18日[にち]"),
    ("4月1日", "4月[がつ]1日[ついたち]"),
    ("1日3回", "1日[にち]3回[かい]"),
    ("1人で", "1人[り]で"),
    ("3分と5分", "3分[ぷん]と5分[ふん]"),
    ("3分の1", "3分[ぶん]の1"),
    ("(火)と月～金", "(火[か])と月[げつ]～金[きん]"),
    ("電気・水・ガス", "電気[でんき]・水[みず]・ガス"),
    ("人々が行う", "人々[ひとびと]が行[おこな]う"),
    ("２人で１０人", "２人[り]で１０人[にん]"),            # full-width digits, read with the counter
    ("⑩日まで", "⑩日[か]まで"),                         # a circled number is a number too
    # A telegraph sign for a day is digits and counter in one character once normalized:
    # nowhere to put the counter's reading (it stopped the build with a traceback).
    ("4月㏠は入学式", "4月[がつ]㏠は入学式[にゅうがくしき]"),
])
def test_sudachi_words_with_the_rules_for_numbers_and_days(text: str, expected: str) -> None:
    assert notation(_read(text)) == expected


def test_a_given_name_gets_no_reading_but_the_surname_does() -> None:
    pieces = _read("田中 裕望")
    assert notation(pieces) == "田中[たなか] 裕望"


def test_an_override_applies_to_whole_words_only() -> None:
    override = furigana.Override("寮生", (Piece("寮生", "りょうせい"),), "test", 1)
    words = sudachi_words("寮生と寮生活", {"寮生": override})
    assert notation(merged(p for w in words for p in w.pieces)).startswith("寮生[りょうせい]と")
    assert "寮生活" not in {w.surface for w in words if w.pieces == override.pieces}


def test_ruby_notation_reads_back() -> None:
    text = "書面[しょめん]での届[とど]け出[で]"
    assert notation(parse_notation(text)) == text
    assert parse_notation("週休[しゅうきゅう]2日[か]") == (Piece("週休", "しゅうきゅう"), Piece("2"), Piece("日", "か"))


# ---------------------------------------------------------------------------------------
# data/readings.yml


def _overrides_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "readings.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_in_either_form(tmp_path: Path) -> None:
    path = _overrides_file(tmp_path, "- word: 取り組み\n  reading: とりくみ\n  why: a\n"
                                     "- word: 週休2日\n  reading: 週休[しゅうきゅう]2日[か]\n  why: b\n")
    found = furigana.load_overrides(path, LANGUAGES.codes)
    assert notation(found["取り組み"].pieces) == "取[と]り組[く]み"
    assert notation(found["週休2日"].pieces) == "週休[しゅうきゅう]2日[か]"


def test_a_missing_or_empty_overrides_file_is_no_overrides(tmp_path: Path) -> None:
    assert furigana.load_overrides(tmp_path / "absent.yml", LANGUAGES.codes) == {}
    assert furigana.load_overrides(_overrides_file(tmp_path, "# nothing yet\n"), LANGUAGES.codes) == {}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- word: 寮生\n  reading: ryousei\n  why: x\n", 2, "cannot be placed over the kanji"),
    ("- word: 週休2日\n  reading: しゅうきゅうふつか\n  why: x\n", 2, "週休[…]2日[…]"),
    ("- word: いじめ\n  reading: いじめ\n  why: x\n", 1, "has no kanji"),
    ("- word: 寮生\n  reading: りょうせい\n", 1, "has no 'why'"),
    ("- word: 寮生\n  reading: りょうせい\n  note: x\n", 3, "unknown key 'note'"),
    ("- word: 寮生\n  reading: 寮[りょう]\n  why: x\n", 2, "is not the word"),
    ("- word: 寮生\n  reading: りょうせい\n  why: x\n- word: 寮生\n  reading: りょうせい\n  why: y\n", 4,
     "already in the file (line 1)"),
])
def test_a_bad_override_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(DataError) as raised:
        furigana.load_overrides(_overrides_file(tmp_path, text), LANGUAGES.codes)
    assert raised.value.line == line and message in str(raised.value), str(raised.value)
    assert " — fix: " in str(raised.value)


@pytest.mark.slow
def test_a_bad_override_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "data" / "readings.yml").open("a", encoding="utf-8") as file:
        file.write("\n- word: 寮生\n  reading: ryousei\n  why: x\n")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"data/readings\.yml:\d+: the reading 'ryousei' cannot be placed", output), output[-2000:]
    assert "Traceback" not in output


# ---------------------------------------------------------------------------------------
# A page's texts, and its readings file


def test_page_texts_skip_what_never_gets_readings() -> None:
    html = """<html lang="ja"><body><header>見出し</header>
      <article class="md-content__inner md-typeset">
        <h2 id="x">基本方針<a class="headerlink" href="#x">&para;</a></h2>
        <p>本文と<code>変数名</code>と<span lang="zh-Hans">学生与家长<span>安全</span></span>、
           <span lang="zh-Hans">中文<span lang="ja">日本語</span></span></p>
        <button>印刷</button><script>漢字</script><style>漢字{}</style><svg><text>漢字</text></svg>
        <ruby>既存<rt>きぞん</rt></ruby><p>かなだけ</p><p contenteditable>編集</p>
      </article><footer>脚注</footer></body></html>"""
    assert page_texts(html, "ja") == ["基本方針", "本文と", "日本語"]      # "と" has no kanji
    assert page_texts(html, "ja-JP") == page_texts(html, "ja")
    assert page_texts(html, "zh-Hans") == ["学生与家长", "安全", "中文"]


def _fake_reader(analyses: dict[str, list[tuple[str, str]]]):
    """A reader that cuts each text as told: [(surface, reading), …]."""
    return lambda text: [Word(surface, align(surface, reading)) for surface, reading in analyses[text]]


def test_the_readings_table_gives_each_text_its_own_reading_of_a_word() -> None:
    # 上 reads うえ in one text and じょう in two others: the browser's longest match must
    # still give each text its own reading.
    analyses = {
        "その上で": [("その", "ソノ"), ("上", "ウエ"), ("で", "デ")],
        "指導上の": [("指導", "シドウ"), ("上", "ジョウ"), ("の", "ノ")],
        "ネット上の": [("ネット", "ネット"), ("上", "ジョウ"), ("の", "ノ")],
    }
    read = _fake_reader(analyses)
    table = readings_table(analyses, read)
    for text in analyses:
        assert browser_pieces(text, table) == merged(p for w in read(text) for p in w.pieces), text
    assert table["上"] == (Piece("上", "じょう"),)       # the common reading stays the short entry


def test_the_readings_table_falls_back_to_whole_texts() -> None:
    # Two texts cut the same characters differently: only the whole text can tell them apart.
    analyses = {"日本日本": [("日本", "ニホン"), ("日本", "ニホン")],
                "本日本日": [("本日", "ホンジツ"), ("本日", "ホンジツ")],
                "日本日": [("日", "ヒ"), ("本日", "ホンジツ")]}
    read = _fake_reader(analyses)
    table = readings_table(analyses, read)
    assert {text: notation(browser_pieces(text, table)) for text in analyses} == \
        {text: notation(merged(p for w in read(text) for p in w.pieces)) for text in analyses}


def test_an_entry_added_for_one_text_is_checked_in_every_text_it_is_found_in() -> None:
    # 上日本 comes in for the first text (うえ, にっぽん); the second text, right until then,
    # holds 上日本 too and reads it じょう, にほん: it must be looked at again and mended.
    analyses = {"上日本での": [("上", "ウエ"), ("日本", "ニッポン"), ("で", "デ"), ("の", "ノ")],
                "上日本で": [("上", "ジョウ"), ("日本", "ニホン"), ("で", "デ")],
                "上": [("上", "ジョウ")],
                "日本": [("日本", "ニホン")]}
    read = _fake_reader(analyses)
    table = readings_table(analyses, read)
    assert {text: notation(browser_pieces(text, table)) for text in analyses} == \
        {text: notation(merged(p for w in read(text) for p in w.pieces)) for text in analyses}


# Words over few characters, each with readings that differ from text to text: the tables
# that need neighbours, longer stretches and whole texts to tell the texts apart.
_WORDS = st.sampled_from([("日", "ニチ"), ("日", "ヒ"), ("本", "ホン"), ("日本", "ニホン"), ("日本", "ニッポン"),
                          ("本日", "ホンジツ"), ("上", "ウエ"), ("上", "ジョウ"), ("の", "ノ"), ("で", "デ")])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=8), min_size=1, max_size=12))
def test_the_readings_table_gives_every_text_its_reading_in_the_browser(cuts: list[list[tuple[str, str]]]) -> None:
    # The table is worked out again only for the texts an added entry is found in; every
    # text must still come out in the browser as the reader read it.
    analyses: dict[str, list[tuple[str, str]]] = {}
    for cut in cuts:
        analyses.setdefault("".join(surface for surface, _ in cut), cut)
    read = _fake_reader(analyses)
    table = readings_table(analyses, read)
    for text in analyses:
        assert browser_pieces(text, table) == merged(p for w in read(text) for p in w.pieces), text


def test_browser_pieces_takes_the_longest_match_first() -> None:
    table = {"学校": (Piece("学校", "がっこう"),), "小学校": (Piece("小学校", "しょうがっこう"),)}
    assert notation(browser_pieces("小学校と学校", table)) == "小学校[しょうがっこう]と学校[がっこう]"


def test_the_readings_file_is_compact_json() -> None:
    table = {"担任": (Piece("担任", "たんにん"),), "取り組み": (Piece("取", "と"), Piece("り"), Piece("組", "く"), Piece("み"))}
    assert furigana.readings_json(table) == {"担任": "たんにん", "取り組み": [["取", "と"], "り", ["組", "く"], "み"]}
    assert furigana.readings_path("ja/policy/anti-bullying/index.html") == "ja/policy/anti-bullying/furigana.json"
    assert furigana.readings_path("ja/x.html") == "ja/x.furigana.json"


# ---------------------------------------------------------------------------------------
# The build


def _table(site: Path, url: str) -> dict[str, tuple[Piece, ...]]:
    data = json.loads((site / url / "furigana.json").read_text(encoding="utf-8"))
    return {key: (Piece(key, value),) if isinstance(value, str) else
            tuple(Piece(p) if isinstance(p, str) else Piece(*p) for p in value) for key, value in data.items()}


def test_only_pages_with_furigana_get_readings_files(built_site: Path) -> None:
    assert FURIGANA == ["ja"] and OTHERS
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*furigana.json")}
    pages = {p.relative_to(built_site).parent.as_posix() for p in (built_site / "ja").rglob("index.html")}
    assert files == {f"{page}/furigana.json" for page in pages}


def test_the_built_readings_give_every_text_sudachis_reading(built_site: Path) -> None:
    html = (built_site / POLICY_URL / "index.html").read_text(encoding="utf-8")
    table = _table(built_site, POLICY_URL)
    texts = page_texts(html, LANGUAGES["ja"].tag)
    assert len(texts) > 500
    assert [text for text in texts if browser_pieces(text, table) != _read(text)] == []


def test_the_built_readings_of_headings_and_terms_are_the_expected_ones(built_site: Path) -> None:
    policy, glossary = _table(built_site, POLICY_URL), _table(built_site, "ja/glossary/")
    wrong = [text for text, expected in EXPECTED["headings"].items() if not _matches(text, expected, browser_pieces(text, policy))]
    wrong += [text for text, expected in EXPECTED["glossary"].items()
              if not _matches(text, expected, browser_pieces(text, glossary))]
    assert wrong == []


def test_pages_and_search_stay_as_they_were(built_site: Path) -> None:
    # The readings are only in the readings files: the pages and the search index hold the text.
    for page in [built_site / POLICY_URL / "index.html", built_site / "ja" / "search" / "search_index_full.json"]:
        text = page.read_text(encoding="utf-8")
        assert "<ruby" not in text and "<rt" not in text and "ぼうしきほんほうしん" not in text, page


def test_the_toggle_is_on_japanese_pages_only(built_site: Path) -> None:
    assert 'data-anshin-furigana="furigana.json"' in (built_site / POLICY_URL / "index.html").read_text(encoding="utf-8")
    others = [p for code in OTHERS for p in (built_site / LANGUAGES[code].root).rglob("index.html")
              if not p.relative_to(built_site).as_posix().startswith("ja/")]
    assert others and [p for p in others if "anshin-furigana" in p.read_text(encoding="utf-8")] == []


def test_the_stylesheet_bundle_holds_the_furigana_styles(built_site: Path) -> None:
    bundle = (built_site / "assets" / "anshin-bundle.css").read_text(encoding="utf-8")
    assert ".md-header__button.anshin-furigana" in bundle and "content: attr(data-rt)" in bundle


# ---------------------------------------------------------------------------------------
# In the browser, on a phone


class _Phone:
    def __init__(self, browser, site_url: str, **options: object) -> None:
        self.site_url = site_url
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=1, **options)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def open(self, url: str) -> None:
        response = self.page.goto(self.site_url + url, wait_until="networkidle")
        assert response is not None and response.ok

    @property
    def toggle(self):
        return self.page.get_by_role("button", name="ふりがな")

    def rubies(self) -> int:
        return self.page.locator("article ruby").count()

    def switch(self) -> None:
        before = self.toggle.get_attribute("aria-pressed")
        self.toggle.click()
        self.page.wait_for_function(
            "before => document.querySelector('[data-anshin-furigana]').getAttribute('aria-pressed') !== before", arg=before)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def phone(browser, site_url: str):
    visit = _Phone(browser, site_url)
    yield visit
    visit.close()


@pytest.mark.browser
def test_the_toggle_shows_remembers_and_removes_the_readings(phone: _Phone) -> None:
    phone.open(POLICY_URL)
    original = phone.page.inner_html("article")
    assert phone.toggle.get_attribute("aria-pressed") == "false"
    assert phone.rubies() == 0
    assert [url for url in phone.requests if "furigana" in url] == []         # nothing loaded while off

    phone.switch()
    assert phone.toggle.get_attribute("aria-pressed") == "true"
    heading = phone.page.locator("h1 ruby")
    assert heading.count() >= 3
    assert "ぼうしきほんほうしん" in "".join(heading.locator("rt").evaluate_all("rts => rts.map(r => r.dataset.rt)"))
    assert phone.page.evaluate("getComputedStyle(document.querySelector('article rt'), '::before').content") != "none"

    phone.page.reload(wait_until="networkidle")
    phone.page.wait_for_selector("article ruby")
    assert phone.toggle.get_attribute("aria-pressed") == "true"

    phone.switch()
    assert phone.toggle.get_attribute("aria-pressed") == "false"
    assert phone.rubies() == 0
    assert phone.page.inner_html("article") == original                        # the text nodes joined back
    phone.page.reload(wait_until="networkidle")
    assert phone.toggle.get_attribute("aria-pressed") == "false" and phone.rubies() == 0
    assert phone.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("presses", [1, 2])
def test_presses_before_the_script_has_come_are_carried_out(browser, site_url: str, presses: int) -> None:
    # The script is fetched on the first press; it is held back here until both presses
    # are made, as on a slow connection. (A service worker's fetches escape page.route.)
    phone = _Phone(browser, site_url, service_workers="block")
    try:
        held = []
        phone.page.route("**/assets/furigana.js", lambda route: held.append(route))
        phone.open(POLICY_URL)
        for _ in range(presses):
            phone.toggle.click()
        for _ in range(200):
            if held:
                break
            phone.page.wait_for_timeout(50)
        assert len(held) == 1
        held[0].continue_()
        phone.page.wait_for_selector("[data-anshin-furigana-ready]", state="attached")
        if presses == 1:
            phone.page.wait_for_selector("article ruby")
        assert phone.toggle.get_attribute("aria-pressed") == ("true" if presses == 1 else "false")
        assert (phone.rubies() > 0) == (presses == 1)
    finally:
        phone.close()


@pytest.mark.browser
def test_a_script_that_runs_before_the_article_is_parsed_waits_for_it(browser, site_url: str) -> None:
    # On a reload the loader's script can come from the cache and run while the parser is
    # still in the header (CI saw a remembered choice come back with no readings). Here
    # it always does: the page is served with the script included at the loader's place,
    # run before the article exists.
    phone = _Phone(browser, site_url, service_workers="block")
    try:
        phone.context.add_init_script("localStorage.setItem('anshin-furigana', 'on')")

        def early(route) -> None:
            response = route.fetch()
            html = response.text()
            loader = re.search(r'<script>\(function\(\)\{var b=document\.querySelector\("\[data-anshin-furigana\]"\).*?</script>', html)
            script = re.search(r'data-anshin-furigana-script="([^"]+)"', html)
            assert loader and script
            html = html.replace(loader.group(0), f'<script src="{script.group(1)}"></script>'
                                "<script>window.articleBeforeScript = !!document.querySelector('article')</script>")
            route.fulfill(response=response, body=html)

        phone.page.route(site_url + POLICY_URL, early)
        phone.open(POLICY_URL)
        assert phone.page.evaluate("window.articleBeforeScript") is False
        phone.page.wait_for_selector("article ruby", timeout=10_000)
        assert phone.toggle.get_attribute("aria-pressed") == "true"
        assert phone.rubies() > 1000
        assert phone.errors == []
    finally:
        phone.close()


@pytest.mark.browser
def test_the_browser_matches_as_the_build_checked(phone: _Phone, built_site: Path) -> None:
    # furigana.js and anshin/furigana.py's browser_pieces give the same ruby, in order.
    phone.open(POLICY_URL)
    phone.switch()
    shown = phone.page.evaluate("[...document.querySelectorAll('article ruby')].map(r => r.firstChild.data + '[' + "
                                "r.querySelector('rt').dataset.rt + ']')")
    table = _table(built_site, POLICY_URL)
    html = (built_site / POLICY_URL / "index.html").read_text(encoding="utf-8")
    built = [notation([p]) for text in page_texts(html, LANGUAGES["ja"].tag)
             for p in browser_pieces(text, table) if p.reading]
    assert len(shown) > 1000
    assert shown == built


@pytest.mark.browser
def test_copying_a_passage_copies_no_readings(phone: _Phone) -> None:
    phone.open(POLICY_URL)
    paragraph = "article > p:nth-of-type(4)"
    text = phone.page.text_content(paragraph)
    assert text and furigana.has_kanji(text)
    phone.switch()
    selected = phone.page.evaluate("""selector => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
    }""", paragraph)
    assert phone.page.locator(paragraph + " ruby").count() > 10
    assert selected == text
    phone.page.keyboard.press("Control+C")
    assert phone.page.evaluate("navigator.clipboard.readText()") == text
    assert phone.page.text_content(paragraph) == text                          # and for scripts and readers


@pytest.mark.browser
def test_quoted_chinese_on_a_japanese_page_gets_no_readings(phone: _Phone) -> None:
    phone.open("ja/agreements/campus-rules/")
    quoted = phone.page.locator('article [lang="zh-Hans"]')
    assert quoted.count() > 3
    phone.switch()
    assert phone.rubies() > 50
    assert phone.page.locator('article [lang="zh-Hans"] ruby').count() == 0
    assert phone.page.locator("article code ruby, article a.headerlink ruby, article button ruby").count() == 0


@pytest.mark.browser
def test_chinese_pages_have_no_toggle_and_their_japanese_stays_as_written(phone: _Phone) -> None:
    phone.open(POLICY_URL)
    phone.switch()                                        # remembered as on, for the whole site
    phone.requests.clear()
    phone.open("policy/anti-bullying/")
    assert phone.toggle.count() == 0 and phone.page.locator("[data-anshin-furigana]").count() == 0
    assert phone.page.locator('article [lang="ja"]').count() > 0
    assert phone.page.locator("ruby").count() == 0
    assert [url for url in phone.requests if "furigana" in url] == []


@pytest.mark.browser
def test_the_toggle_works_from_the_keyboard_and_is_big_enough(phone: _Phone) -> None:
    phone.open(POLICY_URL)
    box = phone.toggle.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    for _ in range(12):
        phone.page.keyboard.press("Tab")
        if phone.page.evaluate("document.activeElement.hasAttribute('data-anshin-furigana')"):
            break
    else:
        pytest.fail("the toggle is not reached with Tab")
    outline = phone.page.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
    assert outline[0] != "none" and outline[1] != "0px", outline
    phone.page.keyboard.press("Enter")
    phone.page.wait_for_selector("article ruby")
    phone.page.keyboard.press("Space")
    phone.page.wait_for_function("!document.querySelector('article ruby')")
    assert phone.toggle.get_attribute("aria-pressed") == "false"


@pytest.mark.browser
def test_nothing_is_fetched_from_another_host(phone: _Phone) -> None:
    phone.open(POLICY_URL)
    phone.switch()
    host = phone.site_url.split("/")[2]
    assert [url for url in phone.requests if url.startswith("http") and url.split("/")[2] != host] == []
    assert [url for url in phone.requests if url.endswith("furigana.json")] == [phone.site_url + POLICY_URL + "furigana.json"]


@pytest.mark.browser
def test_axe_finds_no_violation_with_the_readings_on(phone: _Phone) -> None:
    from tools.audit import AXE, WCAG_TAGS

    phone.open(POLICY_URL)
    phone.switch()                                        # the pointer stays over the button, as after a tap
    assert phone.rubies() > 1000
    phone.page.add_script_tag(path=str(AXE))
    results = phone.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert results["violations"] == [], json.dumps(results["violations"], ensure_ascii=False)[:2000]


def test_page_texts_read_the_document_only_and_the_page_s_language_from_its_html_element() -> None:
    page = ('<html lang="ja"><body><nav class="md-nav">{nav}</nav><article class="md-content__inner md-typeset">'
            "<p>本文</p></article><nav>{nav}</nav></body></html>")
    assert page_texts(page.format(nav="<a>学校安全計画</a>" * 50), "ja") == ["本文"]
    assert page_texts(page.replace('lang="ja"', 'lang="zh-Hans"').format(nav=""), "ja") == []
    assert page_texts("<html lang='ja'><body><p>本文</p></body></html>", "ja") == []   # no document
