"""The site readable offline and installable (hooks/offline.py, anshin/offline.py,
overrides/assets/sw.js): the logic without a build; then the built site's worker and
manifests; then Chromium on a phone-sized screen, in every language: a visited page
reloads with the network cut, the listed pages (contacts, calendar, home) open offline
after a first visit to any page, Chromium finds the site installable, an update
replaces the old version and its cache, and all of it from a sub-path too."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from anshin.offline import (
    BUILD_LINE,
    SEARCH_FILES,
    OfflineSettingError,
    configured_pages,
    icon_entry,
    page_assets,
    precache_urls,
    site_version,
    web_manifest,
    worker_script,
    worker_url,
)
from tests.conftest import CHROMIUM_FLAGS, ROOT, _chromium_executable, copy_project, run_build, site_pages
from tests.html_tools import parse
from tests.project import LANGUAGES, catalogue

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "test-results" / "screenshots"
WORKER_SOURCE = ROOT / "overrides" / "assets" / "sw.js"
# A page that is not on the offline list, to visit first: kept only because it was seen.
VISITED = "agreements/pickup.md"
# A page neither listed nor visited: it must fail offline, or the network was not cut.
UNSEEN = "glossary.md"
# What the first visit downloads for later, compressed as hosts serve it. The first view
# itself is budgeted at 150 KB (tools/audit.py); the pages kept offline, in every
# language, with their stylesheets and scripts, stay under that again.
PRECACHE_BUDGET_BYTES = 150 * 1024


@functools.cache
def _listed_pages() -> tuple[str, ...]:
    """mkdocs.yml's extra.offline_pages, read as the build reads it."""
    from mkdocs.config import load_config

    return configured_pages(load_config(config_file=str(ROOT / "mkdocs.yml")).extra.get("offline_pages"), LANGUAGES)


def _offline_urls() -> list[str]:
    """Every listed page in every language it is written in, site-root-relative."""
    return [LANGUAGES.page_url(norm, code) for norm in _listed_pages()
            for code in LANGUAGES.versions(ROOT / "docs", norm)]


def _build_of(site: Path) -> dict:
    """The BUILD line the build wrote into the site's sw.js: {version, precache}."""
    match = BUILD_LINE.search((site / "sw.js").read_text(encoding="utf-8"))
    assert match, "sw.js has no BUILD line"
    return json.loads(match.group(0).split("*/", 1)[1].strip().removesuffix(";"))


def _served_file(site: Path, url: str) -> Path:
    path = site / url.split("?", 1)[0]
    return path / "index.html" if url in ("", "./") or url.endswith("/") else path


# ---- the logic, without a build -------------------------------------------------------

def test_the_offline_pages_setting_is_checked() -> None:
    assert configured_pages(None, LANGUAGES) == ()
    assert configured_pages(["contacts.md", "calendar.md", "contacts.md"], LANGUAGES) == ("contacts.md", "calendar.md")
    for wrong, message in [("contacts.md", "must be a list"), ([3], "must be a list"),
                           (["contacts"], "is not a page"), (["../x.md"], "is not a page"), (["/x.md"], "is not a page"),
                           ([LANGUAGES.source("contacts.md", LANGUAGES.default.code)], "write 'contacts.md'")]:
        with pytest.raises(OfflineSettingError, match=re.escape(message)):
            configured_pages(wrong, LANGUAGES)


def test_a_page_s_assets_are_its_own_files_resolved_from_its_address() -> None:
    html = """<html><head>
      <link rel="canonical" href="http://school.example/ja/calendar/">
      <link rel="stylesheet" href="../../assets/main.css"><link rel="icon" href="../../assets/favicon.svg">
      <link rel="manifest" href="../manifest.webmanifest"><link rel="alternate" href="../../">
      <link rel="stylesheet" href="https://cdn.example/x.css"><link rel="stylesheet" href="//cdn.example/y.css">
      </head><body><a href="../../glossary/">x</a><img src="../../assets/logo.png?v=2#frag">
      <script id="__config" type="application/json">{"base": "../..", "search": "../../assets/search.js"}</script>
      <script src="../../assets/bundle.js"></script><script>inline()</script>
      <script src="../../assets/bundle.js"></script></body></html>"""
    assert page_assets(html, "ja/calendar/") == [
        "assets/main.css", "assets/favicon.svg", "ja/manifest.webmanifest", "assets/logo.png?v=2", "assets/search.js",
        "assets/bundle.js"]
    assert page_assets('<script id="__config" type="application/json">{"search": 3</script>', "") == []


def test_the_precache_lists_the_pages_then_the_files_they_use_once() -> None:
    pages = [("", '<link rel="stylesheet" href="assets/a.css">'),
             ("ja/", '<link rel="stylesheet" href="../assets/a.css"><script src="../assets/ja.js"></script>')]
    assert precache_urls(pages) == ["", "ja/", "assets/a.css", "assets/ja.js"]
    assert [worker_url(url) for url in precache_urls(pages)][:2] == ["./", "ja/"]


def test_the_version_changes_with_any_file_and_with_the_worker() -> None:
    files = [("index.html", b"<p>a</p>"), ("assets/a.css", b"p{}")]
    version = site_version(files, "worker")
    assert version == site_version(list(reversed(files)), "worker")  # the order files are read in does not count
    assert version != site_version([("index.html", b"<p>b</p>"), ("assets/a.css", b"p{}")], "worker")
    assert version != site_version([("index.htm", b"<p>a</p>"), ("assets/a.css", b"p{}")], "worker")
    assert version != site_version(files, "worker 2")
    # A compressed file counts by what it holds, not by the date in its header.
    monday, tuesday = (gzip.compress(b"<urlset/>", mtime=day) for day in (1_700_000_000, 1_700_086_400))
    assert monday != tuesday
    assert site_version([("sitemap.xml.gz", monday)], "w") == site_version([("sitemap.xml.gz", tuesday)], "w")
    assert site_version([("sitemap.xml.gz", monday)], "w") != site_version([("sitemap.xml.gz", gzip.compress(b"<x/>"))], "w")
    assert site_version([("broken.gz", b"not gzip")], "w") != site_version([("broken.gz", b"not gzip!")], "w")
    assert re.fullmatch(r"[0-9a-f]{16}", version)


def test_the_worker_source_gets_its_build_line_filled_in() -> None:
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    filled = worker_script(source, "0123abcd", ["./", "ja/", "assets/x.css"], {"": ["search/i.json"]})
    assert ('const BUILD = /* anshin:build */ {"version": "0123abcd", "precache": ["./", "ja/", "assets/x.css"], '
            '"languages": {"": ["search/i.json"]}};') in filled
    assert filled.replace(BUILD_LINE.search(filled).group(0), "") == source.replace(BUILD_LINE.search(source).group(0), "")
    with pytest.raises(ValueError, match="no 'const BUILD"):
        worker_script(source.replace("/* anshin:build */", ""), "0123abcd", [])


def test_the_manifest_icon_and_scope() -> None:
    default, other = LANGUAGES.default, next(language for language in LANGUAGES if not language.default)
    assert icon_entry("assets/favicon.svg", b"<svg/>", other.root) == {
        "src": "../assets/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\x0dIHDR" + (192).to_bytes(4, "big") + (192).to_bytes(4, "big") + b"\x08\x06\0\0\0"
    assert icon_entry("assets/icon.png", png, default.root)["sizes"] == "192x192"
    assert icon_entry("assets/icon.gif", b"GIF89a", default.root) is None
    manifest = web_manifest(other, name="N", short_name="S", description="D", theme_colour="#00695c", icon=None)
    assert (manifest["lang"], manifest["start_url"], manifest["scope"], manifest["icons"]) == (other.tag, "./", "../", [])
    assert web_manifest(default, name="N", short_name="S", description="D", theme_colour="#00695c",
                        icon=None)["scope"] == "./"


# ---- the built site -------------------------------------------------------------------

def test_the_worker_is_at_the_root_and_saves_the_listed_pages_in_every_language(built_site: Path) -> None:
    assert not (built_site / "assets" / "sw.js").exists(), "the worker's source was copied into the site"
    build = _build_of(built_site)
    precache = build["precache"]
    listed = [worker_url(url) for url in _offline_urls()]
    assert precache[:len(listed)] == listed
    # The pages, in both languages: help and the calendar, one tap away offline.
    for norm in ("contacts.md", "calendar.md", "index.md"):
        for code in LANGUAGES.codes:
            assert worker_url(LANGUAGES.page_url(norm, code)) in precache, (norm, code)
    assert len(precache) == len(set(precache))
    missing = [url for url in precache if not _served_file(built_site, url).is_file()]
    assert not missing, missing
    assert all(not urlsplit(url).scheme and not url.startswith(("/", "//")) for url in precache), precache
    # Every file a listed page needs to be shown, and nothing that no page needs (no search index).
    for url in listed:
        html = _served_file(built_site, url).read_text(encoding="utf-8")
        assert set(page_assets(html, url.removeprefix("./"))) <= set(precache), url
    assert not [url for url in precache if url.endswith(".json")], precache
    assert build["languages"] == {language.root: [language.root + file for file in SEARCH_FILES] for language in LANGUAGES}
    sizes = [_served_file(built_site, url).read_bytes() for url in precache]
    compressed = sum(len(gzip.compress(content, compresslevel=6)) for content in sizes)
    worker = (built_site / "sw.js").read_bytes()
    print(f"precache: {len(precache)} files, {sum(map(len, sizes)):,} bytes, {compressed:,} gzip; "
          f"sw.js {len(worker):,} bytes, {len(gzip.compress(worker, compresslevel=6)):,} gzip")
    for url, content in zip(precache, sizes, strict=True):
        print(f"  {url:48} {len(content):>8,} {len(gzip.compress(content, compresslevel=6)):>7,}")
    assert compressed <= PRECACHE_BUDGET_BYTES


def test_every_language_has_its_manifest_in_its_own_words(built_site: Path) -> None:
    for language in LANGUAGES:
        manifest = json.loads((built_site / language.root / "manifest.webmanifest").read_text(encoding="utf-8"))
        words = catalogue(language.code)
        assert (manifest["name"], manifest["short_name"], manifest["lang"]) == (
            words.text("offline.name"), words.text("offline.short_name"), language.tag)
        base = "http://host/site/" + language.root + "manifest.webmanifest"
        assert urljoin(base, manifest["start_url"]) == "http://host/site/" + language.root
        assert urljoin(base, manifest["scope"]) == "http://host/site/"
        [icon] = manifest["icons"]
        assert (built_site / urljoin("/" + language.root, icon["src"]).lstrip("/")).is_file()


def test_every_page_links_its_manifest_and_registers_the_one_worker(built_site: Path, site_url: str) -> None:
    wrong = []
    for page in site_pages(built_site):
        relative = page.relative_to(built_site).as_posix()
        url = site_url + relative.removesuffix("index.html")
        if page.name == "404.html":
            url = site_url + "does/not/exist/"  # served at any missing address
        html = page.read_text(encoding="utf-8")
        manifests = [link.attrs["href"] for link in parse(html).find_all("link", rel="manifest")]
        registered = re.findall(r'\.register\("([^"]+)"\)', html)
        root = next((language.root for language in LANGUAGES if language.root and relative.startswith(language.root)), "")
        if [urljoin(url, href) for href in manifests] != [site_url + root + "manifest.webmanifest"] \
                or [urljoin(url, src) for src in registered] != [site_url + "sw.js"]:
            wrong.append(f"{relative}: manifest {manifests}, worker {registered}")
    assert not wrong, "\n".join(wrong[:10])


def test_a_bad_offline_pages_setting_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    - contacts.md\n", f"    - {LANGUAGES.source('contacts.md', LANGUAGES.default.code)}\n",
                                   1), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith("  offline_pages:"))
    assert result.returncode != 0 and "Traceback" not in output
    assert f"mkdocs.yml:{line}: extra.offline_pages:" in output and "fix: write 'contacts.md'" in output, output


@pytest.mark.slow
def test_a_listed_page_the_site_lacks_is_skipped_and_said(tmp_path: Path) -> None:
    # A site without one of the pages (a school with no contacts page yet) still builds.
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  offline_pages:\n", "  offline_pages:\n    - no-such.md\n", 1),
                      encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "extra.offline_pages: this site has no page no-such.md" in result.stderr
    precache = _build_of(tmp_path / "site")["precache"]
    assert precache[:len(_offline_urls())] == [worker_url(url) for url in _offline_urls()]
    assert not [url for url in precache if "no-such" in url]


# ---- in Chromium ----------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def _served(site: Path) -> Iterator[str]:
    """`site` served on 127.0.0.1 (a secure context, as workers need), for a site that
    the test builds again into the same folder."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Records when the search worker says it has read its index (message type 1, READY):
# a query typed before that finds nothing.
_SEARCH_READY_PROBE = """
window.__searchReady = false;
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", event => { if (event.data && event.data.type === 1) window.__searchReady = true; });
  }
};
"""


class Phone:
    """A fresh browser context on a phone-sized screen, with what goes wrong recorded."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=1)
        self.context.add_init_script(_SEARCH_READY_PROBE)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.context.on("request", lambda request: self.requests.append(request.url))
        # Requests of the page that got no answer, from the network or the worker (a
        # request cut short by the next navigation is not one).
        self.page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "")
                     and self.failed.append(request.url))

    def first_visit(self, url: str) -> None:
        """Open `url` online and wait until the worker has installed (saved what it keeps)
        and controls the page."""
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        self.page.wait_for_function("navigator.serviceWorker.controller !== null")

    def open(self, url: str):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return response

    def shown_completely(self) -> bool:
        """Every stylesheet applied, and Material's script and ours ran."""
        return self.page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)
            && typeof window.document$ === 'object' && !!document.querySelector('.md-header')""")

    def search(self, query: str) -> int:
        """Material's search box, as a reader uses it: the number of results shown."""
        self.page.wait_for_function("window.__searchReady")
        self.page.keyboard.press("/")
        self.page.keyboard.insert_text(query)  # as a phone's input method commits a word
        self.page.keyboard.press("End")  # Material searches when a key is released
        self.page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
        return self.page.locator(".md-search-result__item").count()

    def eventually(self, script: str, arg: object = None) -> None:
        """Wait until the page's async `script` (a function of `arg`) answers true: what the
        worker does happens behind the page, and Playwright's wait_for_function does not
        wait for a promise. Up to half a minute, as Playwright's own waits."""
        for _ in range(300):
            if self.page.evaluate(script, arg):
                return
            self.page.wait_for_timeout(100)
        pytest.fail(f"never true: {script} ({arg!r})")

    def cache_names(self) -> list[str]:
        return self.page.evaluate("caches.keys()")

    def saved_urls(self) -> list[str]:
        return self.page.evaluate("""async () => { const urls = [];
            for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
            return urls; }""")

    def foreign_requests(self, origin: str) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https") and not url.startswith(origin)]

    def close(self) -> None:
        self.context.close()


def _title(site: Path, url: str) -> str:
    [title] = parse(_served_file(site, url).read_text(encoding="utf-8")).find_all("title")
    return title.text.strip()


def _network_is_cut(phone: Phone, url: str) -> None:
    # The proof that the network really is cut for the worker too: a page never seen fails.
    with pytest.raises(Exception, match="ERR_"):
        phone.page.goto(url, wait_until="load")


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_a_visited_page_reloads_with_the_network_cut(browser, served_site, code: str) -> None:
    visited = LANGUAGES.page_url(VISITED, code)
    phone = Phone(browser)
    try:
        phone.first_visit(served_site.url + visited)
        phone.context.set_offline(True)
        response = phone.page.reload(wait_until="load")
        assert response is not None and response.ok
        assert phone.page.title() == _title(served_site.dir, visited)
        assert phone.shown_completely()
        heading = phone.page.locator("article h1").first
        assert heading.is_visible()
        # Search too, in the page's language: its index was saved with the page.
        assert phone.search(heading.inner_text().strip()) >= 1
        assert not phone.failed, phone.failed
        _network_is_cut(phone, served_site.url + LANGUAGES.page_url(UNSEEN, code))
        assert not phone.errors, phone.errors
        assert not phone.foreign_requests(served_site.url), phone.foreign_requests(served_site.url)
    finally:
        phone.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_the_listed_pages_open_offline_in_every_language_after_a_first_visit_anywhere(browser, served_site,
                                                                                       code: str) -> None:
    phone = Phone(browser)
    try:
        phone.first_visit(served_site.url + LANGUAGES.page_url(VISITED, code))
        phone.context.set_offline(True)
        for url in _offline_urls():
            phone.open(served_site.url + url)
            assert phone.page.title() == _title(served_site.dir, url), url
            assert phone.shown_completely(), url
            if url.endswith("contacts/"):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                phone.page.screenshot(path=str(SCREENSHOTS / f"offline_{url.replace('/', '_')}{code}_phone.png"))
        # Every page shows; only search stays empty on the other languages' pages, whose
        # index is saved once the reader opens a page of theirs (Material then reports it).
        others = {served_site.url + language.root + file for language in LANGUAGES if language.code != code
                  for file in SEARCH_FILES}
        assert set(phone.failed) <= others, phone.failed
        assert set(phone.errors) <= ({"Network error"} if others else set()), phone.errors
        _network_is_cut(phone, served_site.url + LANGUAGES.page_url(UNSEEN, code))
    finally:
        phone.close()


@pytest.mark.browser
def test_only_complete_answers_of_the_site_itself_are_saved(browser, served_site, sub_path_site) -> None:
    other_origin = sub_path_site.url  # another port: another origin
    # A page neither listed nor visited, fetched once the worker is in charge.
    saved_later = served_site.url + LANGUAGES.page_url(UNSEEN, LANGUAGES.default.code)
    phone = Phone(browser)
    try:
        phone.first_visit(served_site.url)
        assert saved_later not in phone.saved_urls()
        answers = phone.page.evaluate("""async ([other, later]) => [
            (await fetch('no-such-file.txt')).status,
            (await fetch('calendar')).redirected,
            (await fetch(other, {mode: 'no-cors'})).type,
            (await fetch(later)).status]""", [other_origin, saved_later])
        assert answers == [404, True, "opaque", 200]
        # The worker saves as it answers: once the last answer is saved, the others would have been.
        phone.eventually("url => caches.match(url).then(Boolean)", saved_later)
        saved = phone.saved_urls()
        assert saved_later in saved
        assert served_site.url + "no-such-file.txt" not in saved  # an error
        assert served_site.url + "calendar" not in saved  # redirected to calendar/, which is saved as itself
        assert served_site.url + "calendar/" in saved
        assert not [url for url in saved if not url.startswith(served_site.url)], saved  # another origin
    finally:
        phone.close()


def _persistent_phone(browser, profile: Path):
    """Installability needs a normal profile: Chromium never installs from a private one."""
    return browser.browser_type.launch_persistent_context(
        str(profile), executable_path=_chromium_executable(), args=CHROMIUM_FLAGS, headless=True,
        viewport=PHONE, device_scale_factor=1)


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_chromium_finds_the_site_installable_in_every_language(browser, served_site, tmp_path: Path, code: str) -> None:
    language = LANGUAGES[code]
    context = _persistent_phone(browser, tmp_path / "profile")
    try:
        page = context.new_page()
        page.goto(served_site.url + language.root, wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"] == served_site.url + language.root + "manifest.webmanifest"
        parsed = manifest["manifest"]
        assert (parsed["startUrl"], parsed["scope"]) == (served_site.url + language.root, served_site.url)
        assert parsed["name"] == catalogue(code).text("offline.name")
        assert json.loads(manifest["data"])["lang"] == language.tag
        [icon] = parsed["icons"]
        assert icon["url"] == served_site.url + "assets/favicon.svg" and icon["type"] == "image/svg+xml"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_an_update_reaches_the_reader_and_the_old_cache_is_deleted(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    built = run_build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    old = _build_of(site)["version"]
    landing = project / "docs" / LANGUAGES.source("index.md", LANGUAGES.default.code)
    news = "UPDATE-7f3a: 本学期起放学时间改为下午四点。"
    assert news not in (site / "index.html").read_text(encoding="utf-8")
    with _served(site) as url:
        phone = Phone(browser)
        try:
            phone.first_visit(url)
            assert phone.cache_names() == [f"anshin {url} {old}"]
            landing.write_text(landing.read_text(encoding="utf-8") + f"\n\n{news}\n", encoding="utf-8")
            rebuilt = run_build(project, site)  # into the same folder, as a host's deploy does
            assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
            new = _build_of(site)["version"]
            assert new != old
            phone.page.reload(wait_until="load")
            assert news in phone.page.locator("article").inner_text()
            # The new worker installs, takes over and deletes the old cache, behind the page.
            phone.eventually("v => caches.keys().then(k => k.length === 1 && k[0].endsWith(' ' + v))", new)
            assert phone.cache_names() == [f"anshin {url} {new}"]
            # The new version's copy is the one kept offline.
            phone.context.set_offline(True)
            phone.page.reload(wait_until="load")
            assert news in phone.page.locator("article").inner_text()
        finally:
            phone.close()


@pytest.mark.browser
def test_from_a_sub_path_the_worker_serves_the_sub_path_and_works_offline(browser, sub_path_site) -> None:
    url = sub_path_site.url
    phone = Phone(browser)
    try:
        phone.first_visit(url + LANGUAGES.page_url(VISITED, LANGUAGES.default.code))
        registration = phone.page.evaluate(
            "navigator.serviceWorker.getRegistration().then(r => [r.scope, r.active.scriptURL])")
        assert registration == [url, url + "sw.js"]
        assert all(name.startswith(f"anshin {url} ") for name in phone.cache_names())
        phone.context.set_offline(True)
        phone.page.reload(wait_until="load")
        assert phone.shown_completely()
        for page in _offline_urls():
            phone.open(url + page)
            assert phone.page.title() == _title(sub_path_site.dir, page), page
            assert phone.shown_completely(), page
        others = {url + language.root + file for language in LANGUAGES if not language.default for file in SEARCH_FILES}
        assert set(phone.failed) <= others, phone.failed
        assert set(phone.errors) <= ({"Network error"} if others else set()), phone.errors
        _network_is_cut(phone, url + LANGUAGES.page_url(UNSEEN, LANGUAGES.default.code))
    finally:
        phone.close()
