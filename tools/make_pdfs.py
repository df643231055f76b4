"""Render every document page of a built site to PDF with headless Chromium.

    .venv/bin/python tools/make_pdfs.py SITE_DIR      (`make pdf` builds first, then runs this)

Each PDF is written beside the page it comes from, under the name the build gave it
(`data-anshin-pdf` on the page's print toolbar, hooks/printing.py), e.g.

    site/agreements/pickup/anshin-pickup-zh.pdf
    site/ja/agreements/pickup/anshin-pickup-ja.pdf
    site/agreements/pickup-bilingual/anshin-pickup-bilingual-zh.pdf

so the PDF link a page shows (when built with ANSHIN_PDF_LINKS=1) points next door. The
pages and names come from the built site alone: whatever languages mkdocs.yml builds,
every page marked for a PDF is rendered, and nothing here names a language. The site is served on 127.0.0.1 by a throwaway
server for the run; Chromium prints with the site's own print stylesheet
(overrides/assets/print.css), so paper and PDF match. Nothing leaves this machine: any
request to another host is blocked.

With `--cache DIR` (as `make build` runs it: `.pdf-cache/`), a page is rendered only when
its HTML, a file it loaded or the browser changed since the PDF in the cache was printed;
otherwise the PDF is copied from the cache, byte for byte (anshin/pdf_cache.py). A build
with no change renders no PDF and does not start Chromium.

Prints the time each file took and the total. Exit status 1, with a message, when
Chromium cannot start or the site has no document pages.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import inspect
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from anshin.offline import SEARCH_FILES
from anshin.pdf_cache import PdfCache, digest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Pages rendered at once: Chromium lays out pages in parallel well, up to a few.
CONCURRENCY = max(1, min(4, os.cpu_count() or 1))
_PDF_NAME = re.compile(r'data-anshin-pdf="([^"/\\]+\.pdf)"')
# Loaded by the page but never printed, so not recorded with its PDF: each language's
# search index files, for the search box that print.css hides. They change with every
# page of the language, and would otherwise send every PDF back to the printer.
_NOT_PRINTED = tuple("/" + file for file in SEARCH_FILES)


def pdf_options() -> dict[str, bool]:
    """Page size and margins come from print.css (@page); tagged for screen readers and
    text reflow; a bookmark outline from the headings where this Playwright offers one."""
    from playwright.async_api import Page

    options = {"prefer_css_page_size": True, "print_background": True, "tagged": True}
    if "outline" in inspect.signature(Page.pdf).parameters:
        options["outline"] = True
    return options


@dataclass(frozen=True)
class Job:
    page: Path          # the page's index.html
    pdf: Path           # where its PDF goes
    url_path: str       # the page's address under the site root, e.g. "ja/agreements/pickup/"


@dataclass(frozen=True)
class Rendered:
    job: Job
    seconds: float
    size: int
    cached: bool = False    # copied from the cache, not printed in this run


def find_jobs(site: Path) -> list[Job]:
    """Every page the build marked for a PDF, with its PDF's path."""
    jobs = []
    for page in sorted(site.rglob("*.html")):
        match = _PDF_NAME.search(page.read_text(encoding="utf-8", errors="replace"))
        if not match:
            continue
        relative = page.relative_to(site).as_posix()
        url_path = relative.removesuffix("index.html")
        jobs.append(Job(page, page.parent / match.group(1), url_path))
    return jobs


def chromium_executable() -> str | None:
    """Debian's Chromium when installed (or $CHROMIUM); otherwise Playwright's own build."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class RenderError(Exception):
    """A page that could not be rendered (the message says which, and why)."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # Chromium drops connections it no longer needs when a page closes: not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class SiteServer:
    """The built site on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(site))
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


async def launch_local(playwright):
    """Headless Chromium and a context in it that reaches 127.0.0.1 only: the site asks
    nothing of other hosts, and if a page ever did, the PDF must not wait on it (nor a
    class set's names go with it). The caller closes the browser."""
    browser = await playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS,
                                               headless=True)
    # No service worker: its offline copy of the site would be one more thing between the
    # page and what was built, and its fetches are not the page's to record.
    context = await browser.new_context(service_workers="block")
    await context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return browser, context


def browser_failure(error: Exception, task: str) -> str:
    """What to tell when Chromium fails at `task` ("render the PDFs"): how to install it
    when Playwright could not start it, else the error's first line."""
    first_line = (str(error).splitlines() or [type(error).__name__])[0]
    if type(error).__module__.startswith("playwright"):
        return (f"Chromium could not {task} — fix: install it with 'apt-get install chromium fonts-noto-cjk' "
                f"(Debian/Ubuntu) or '.venv/bin/python -m playwright install chromium', or point $CHROMIUM at it."
                f"\n{first_line}")
    return f"Chromium failed to {task}: {type(error).__name__}: {first_line}"


def printing_environment() -> str:
    """What, besides the page, decides how a PDF comes out: the browser (by its file),
    Playwright and the options. A cached PDF printed under another is rendered again."""
    executable = chromium_executable()
    browser = "playwright's chromium"     # pinned by the Playwright version below
    if executable:
        # By its version: Debian's /usr/bin/chromium is a wrapper script that an upgrade
        # of the browser leaves as it was.
        try:
            version = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
            browser = f"{executable} {version.stdout.strip()}"
        except (OSError, subprocess.SubprocessError):
            stat = Path(executable).resolve().stat()
            browser = f"{Path(executable).resolve()} {stat.st_size} {stat.st_mtime_ns}"
    options = ",".join(f"{key}={value}" for key, value in sorted(pdf_options().items()))
    return f"{browser} | playwright {metadata.version('playwright')} | {options}"


class _SiteFiles:
    """The site's files by their address, hashed once per run."""

    def __init__(self, site: Path, base_url: str = "") -> None:
        self.site = site.resolve()
        self.base_url = base_url
        self._digests: dict[str, str | None] = {}

    def path_of(self, url: str) -> str | None:
        """The site-relative path a request for `url` is served from, or None when it is not
        one of the site's files (another host, a data: URL, a file that does not exist)."""
        if not url.startswith(self.base_url):
            return None
        address = urllib.parse.unquote(urllib.parse.urlsplit(url[len(self.base_url):]).path)
        if address == "" or address.endswith("/"):
            address += "index.html"
        file = (self.site / address).resolve()
        if not file.is_relative_to(self.site) or not file.is_file() or ("/" + address).endswith(_NOT_PRINTED):
            return None
        return file.relative_to(self.site).as_posix()

    def digest(self, path: str) -> str | None:
        if path not in self._digests:
            file = self.site / path
            self._digests[path] = digest(file.read_bytes()) if file.is_file() else None
        return self._digests[path]


async def _render_all(jobs: list[Job], base_url: str, site: Path, cache: PdfCache | None, report) -> list[Rendered]:
    from playwright.async_api import async_playwright

    pdf_options_now = pdf_options()
    files = _SiteFiles(site, base_url)
    async with async_playwright() as playwright:
        browser, context = await launch_local(playwright)
        try:
            slots = asyncio.Semaphore(CONCURRENCY)

            async def render(job: Job) -> Rendered:
                async with slots:
                    start = time.perf_counter()
                    page = await context.new_page()
                    requested: list[str] = []
                    page.on("request", lambda request: requested.append(request.url))
                    try:
                        response = await page.goto(base_url + job.url_path, wait_until="load")
                        if response is None or not response.ok:
                            raise RenderError(f"{base_url}{job.url_path}: HTTP {response and response.status}"
                                              f" — fix: rebuild the site, then run this again")
                        await page.evaluate("document.fonts.ready.then(() => true)")
                        await page.pdf(path=str(job.pdf), **pdf_options_now)
                    finally:
                        await page.close()
                    if cache is not None:
                        page_path = job.page.relative_to(site).as_posix()
                        loaded = {path for path in map(files.path_of, requested) if path and path != page_path}
                        cache.store(page_path, job.page.read_bytes(),
                                    {path: files.digest(path) or "" for path in loaded}, job.pdf.read_bytes())
                    result = Rendered(job, time.perf_counter() - start, job.pdf.stat().st_size)
                    report(result)
                    return result

            return list(await asyncio.gather(*(render(job) for job in jobs)))
        finally:
            await browser.close()


def _from_cache(jobs: list[Job], site: Path, cache: PdfCache, report) -> tuple[list[Rendered], list[Job]]:
    """The PDFs the cache still holds, written in place, and the jobs left to render."""
    files = _SiteFiles(site)
    copied, left = [], []
    for job in jobs:
        start = time.perf_counter()
        pdf = cache.reuse(job.page.relative_to(site).as_posix(), job.page.read_bytes(), files.digest)
        if pdf is None:
            left.append(job)
            continue
        job.pdf.write_bytes(pdf)
        result = Rendered(job, time.perf_counter() - start, len(pdf), cached=True)
        report(result)
        copied.append(result)
    return copied, left


def make_pdfs(site: Path, report=lambda rendered: None, cache_folder: Path | None = None,
              warn=lambda message: None) -> list[Rendered]:
    """Render every marked page of the built `site`; `report` is called as each one ends.
    With `cache_folder`, pages whose PDF the cache holds are copied from it instead."""
    jobs = find_jobs(site)
    if not jobs:
        raise LookupError(f"{site}: no page is marked for a PDF (data-anshin-pdf) — fix: build the site "
                          f"first (make build), with hooks/printing.py listed in mkdocs.yml")
    cache = PdfCache.open(cache_folder, printing_environment()) if cache_folder is not None else None
    copied: list[Rendered] = []
    if cache is not None:
        if cache.problem:
            warn(cache.problem)
        copied, jobs = _from_cache(jobs, site, cache, report)
    rendered: list[Rendered] = []
    if jobs:
        with SiteServer(site) as server:
            rendered = asyncio.run(_render_all(jobs, server.url, site, cache, report))
    if cache is not None:
        cache.save()
    return sorted(copied + rendered, key=lambda result: result.job.pdf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render every document page of a built site to PDF.")
    parser.add_argument("site", type=Path, help="the built site, e.g. site")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="keep each PDF here with what it was printed from, and render only the "
                             "pages that changed (make build uses .pdf-cache)")
    arguments = parser.parse_args(argv)
    site = arguments.site
    if not (site / "index.html").is_file():
        print(f"{site}: not a built site (no index.html) — fix: run 'make build' first", file=sys.stderr)
        return 1

    def report(rendered: Rendered) -> None:
        if rendered.cached:
            return
        print(f"{rendered.seconds:6.2f} s  {rendered.size / 1024:7.1f} KiB  "
              f"{rendered.job.pdf.relative_to(site).as_posix()}", flush=True)

    start = time.perf_counter()
    try:
        rendered = make_pdfs(site, report, arguments.cache, lambda message: print(message, file=sys.stderr))
    except (LookupError, RenderError) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # Playwright reports a missing or broken browser as a plain Error
        print(browser_failure(error, "render the PDFs"), file=sys.stderr)
        return 1
    printed = sum(not result.cached for result in rendered)
    cached = f", {len(rendered) - printed} unchanged from {arguments.cache}/" if arguments.cache else ""
    print(f"{len(rendered)} PDFs in {time.perf_counter() - start:.2f} s: {printed} rendered "
          f"({CONCURRENCY} at a time){cached}, under {site}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
