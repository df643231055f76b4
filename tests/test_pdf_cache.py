"""The PDF cache (anshin/pdf_cache.py, tools/make_pdfs.py --cache): a PDF is printed again
only when its page, a file the page loaded or the browser changed; otherwise the PDF
printed before comes back byte for byte. The pure cache without a browser, then
make_pdfs on a copy of the built site in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from anshin.pdf_cache import MANIFEST, PdfCache, digest
from tools import make_pdfs

PAGE = "agreements/pickup/index.html"
HTML = b"<html lang=zh-Hans><body><p>\xe6\x8e\xa5\xe9\x80\x81</p></body></html>"
PDF = b"%PDF-1.7 printed once\n%%EOF\n"
FILES = {"assets/print.css": digest(b"@page { size: A4 }"), "assets/print.js": digest(b"print()")}


def _files(overrides: dict[str, str | None] | None = None):
    current = {**FILES, **(overrides or {})}
    return lambda path: current.get(path)


def _stored(folder: Path, environment: str = "chromium 1") -> PdfCache:
    cache = PdfCache.open(folder, environment)
    cache.store(PAGE, HTML, FILES, PDF)
    cache.save()
    return PdfCache.open(folder, environment)


def test_an_unchanged_page_gets_its_pdf_back_byte_for_byte(tmp_path: Path) -> None:
    assert _stored(tmp_path).reuse(PAGE, HTML, _files()) == PDF


def test_a_new_cache_holds_nothing(tmp_path: Path) -> None:
    cache = PdfCache.open(tmp_path / "none-yet", "chromium 1")
    assert cache.problem == "" and cache.reuse(PAGE, HTML, _files()) is None


@pytest.mark.parametrize("change", ["html", "a file changed", "a file gone", "another page"])
def test_any_change_to_what_the_page_printed_from_renders_it_again(tmp_path: Path, change: str) -> None:
    cache = _stored(tmp_path)
    if change == "html":
        assert cache.reuse(PAGE, HTML.replace(b"</p>", b"\xe3\x80\x82</p>"), _files()) is None
    elif change == "a file changed":
        assert cache.reuse(PAGE, HTML, _files({"assets/print.css": digest(b"@page { size: B5 }")})) is None
    elif change == "a file gone":
        assert cache.reuse(PAGE, HTML, _files({"assets/print.js": None})) is None
    else:
        assert cache.reuse("ja/" + PAGE, HTML, _files()) is None


def test_another_browser_or_playwright_renders_every_page_again(tmp_path: Path) -> None:
    _stored(tmp_path, "chromium 1")
    assert PdfCache.open(tmp_path, "chromium 2").reuse(PAGE, HTML, _files()) is None


@pytest.mark.parametrize("damage", ["deleted", "altered"])
def test_a_damaged_cached_pdf_is_rendered_again(tmp_path: Path, damage: str) -> None:
    cache = _stored(tmp_path)
    (cached,) = (tmp_path / "pdf").glob("*.pdf")
    if damage == "deleted":
        cached.unlink()
    else:
        cached.write_bytes(PDF.replace(b"once", b"twice"))
    assert cache.reuse(PAGE, HTML, _files()) is None


@pytest.mark.parametrize("manifest", [b"{\"format\": 1, \"pages\": {", b"[1, 2]", b"\xff\xfe{}", b"",
                                      b'{"format": 1, "environment": "chromium 1", "pages": {"x": 3}}'])
def test_a_manifest_that_cannot_be_read_is_set_aside_with_a_message(tmp_path: Path, manifest: bytes) -> None:
    _stored(tmp_path)
    (tmp_path / MANIFEST).write_bytes(manifest)
    cache = PdfCache.open(tmp_path, "chromium 1")
    assert cache.reuse(PAGE, HTML, _files()) is None
    if manifest.startswith(b'{"format": 1, "environment"'):
        assert cache.problem == ""                 # readable; only the odd entry is dropped
    else:
        assert cache.problem.startswith(f"{tmp_path / MANIFEST}: could not be read (")
        assert "rendered again" in cache.problem
    cache.store(PAGE, HTML, FILES, PDF)
    cache.save()
    assert PdfCache.open(tmp_path, "chromium 1").reuse(PAGE, HTML, _files()) == PDF


def test_saving_keeps_only_this_runs_pages_and_their_pdfs(tmp_path: Path) -> None:
    cache = PdfCache.open(tmp_path, "chromium 1")
    cache.store(PAGE, HTML, FILES, PDF)
    cache.store("gone/index.html", HTML, FILES, b"%PDF-1.7 a page since removed\n")
    cache.save()
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 2

    again = PdfCache.open(tmp_path, "chromium 1")
    assert again.reuse(PAGE, HTML, _files()) == PDF          # the only page this run has
    again.save()
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["pages"]) == [PAGE]
    assert [p.name for p in (tmp_path / "pdf").glob("*.pdf")] == [f"{digest(PDF)}.pdf"]
    assert not list(tmp_path.rglob("*.part"))


# -- make_pdfs with the cache, in Chromium -----------------------------------------------

KEPT = ("agreements/pickup/index.html", "ja/agreements/pickup/index.html", "ja/policy/anti-bullying/index.html")
_MARK = re.compile(r'data-anshin-pdf="[^"]+"')


def _site_with_three_documents(built_site: Path, folder: Path) -> Path:
    # A copy of the whole built site (so every page loads what it loads when deployed),
    # with the PDF mark left on three pages only: three renders instead of 28.
    site = folder / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.pdf"))
    for page in site.rglob("*.html"):
        if page.relative_to(site).as_posix() not in KEPT:
            html = page.read_text(encoding="utf-8")
            if _MARK.search(html):
                page.write_text(_MARK.sub("", html), encoding="utf-8")
    return site


def _make_pdfs(site: Path, cache: Path) -> list[make_pdfs.Rendered]:
    # In a thread of its own: make_pdfs runs an event loop, and the session's browser
    # fixture (sync Playwright) may already run one in this thread.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(make_pdfs.make_pdfs, site, cache_folder=cache).result()


def _main(arguments: list[str]) -> int:
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(make_pdfs.main, arguments).result()


def _rendered(results: list[make_pdfs.Rendered], site: Path) -> list[str]:
    return sorted(r.job.page.relative_to(site).as_posix() for r in results if not r.cached)


def _pdfs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}


@pytest.mark.browser
def test_make_pdfs_renders_only_what_changed(built_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _site_with_three_documents(built_site, tmp_path / "1")
    assert _rendered(_make_pdfs(first, cache), first) == sorted(KEPT)
    printed = _pdfs(first)
    assert len(printed) == 3

    # The next build of the same sources, into a new folder as make build does.
    second = _site_with_three_documents(built_site, tmp_path / "2")
    results = _make_pdfs(second, cache)
    assert _rendered(results, second) == [] and all(r.cached for r in results)
    assert _pdfs(second) == printed                              # byte for byte

    # The search index changes with every page; it is not printed.
    for name in ("search_index.json", "search_index_full.json"):
        index = second / "ja" / "search" / name
        index.write_text(index.read_text(encoding="utf-8").replace("ja", "jа").replace("いじめ", "イジメ"),
                         encoding="utf-8")
    assert _rendered(_make_pdfs(second, cache), second) == []

    # One paragraph of one page.
    policy = second / "ja" / "policy" / "anti-bullying" / "index.html"
    html = policy.read_text(encoding="utf-8")
    assert html.count("早期発見") >= 1
    policy.write_text(html.replace("早期発見", "早めの発見", 1), encoding="utf-8")
    assert _rendered(_make_pdfs(second, cache), second) == ["ja/policy/anti-bullying/index.html"]
    assert _pdfs(second)["agreements/pickup/anshin-pickup-zh.pdf"] == printed["agreements/pickup/anshin-pickup-zh.pdf"]

    # The stylesheets every page prints with.
    bundle = second / "assets" / "anshin-bundle.css"
    bundle.write_text(bundle.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert _rendered(_make_pdfs(second, cache), second) == sorted(KEPT)


@pytest.mark.browser
def test_the_command_says_how_many_were_rendered_and_how_many_came_from_the_cache(
        built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site_with_three_documents(built_site, tmp_path)
    cache = tmp_path / "cache"
    assert _main([str(site), "--cache", str(cache)]) == 0
    assert re.search(r"^3 PDFs in \d+\.\d\d s: 3 rendered \(\d at a time\), 0 unchanged from .*cache/",
                     capsys.readouterr().out, re.MULTILINE)
    (cache / MANIFEST).write_text("{", encoding="utf-8")       # a manifest cut short
    assert _main([str(site), "--cache", str(cache)]) == 0
    captured = capsys.readouterr()
    assert f"{cache / MANIFEST}: could not be read" in captured.err and "Traceback" not in captured.err
    assert re.search(r"^3 PDFs in .*: 3 rendered", captured.out, re.MULTILINE)
    assert _main([str(site), "--cache", str(cache)]) == 0
    assert re.search(r"^3 PDFs in .*: 0 rendered \(\d at a time\), 3 unchanged", capsys.readouterr().out, re.MULTILINE)
