"""`make serve`'s preview (issue 15): a save reaches the page and every page written from
it, in a real `mkdocs serve` with live reload and Chromium at phone size; the offline
worker stays out of the preview (overrides/main.html), and one registered earlier for the
preview's address is removed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.test_browser import PHONE

PAGE = "docs/agreements/pickup.zh.md"
PARAGRAPH = "二、送孩子入校时，必须将孩子亲自送进校门"
URL = "agreements/pickup/"
WRITTEN_FROM_IT = ("agreements/pickup-bilingual/", "ja/agreements/pickup-bilingual/")
MARK = "（预览中的修改）"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer within 180 s:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _registrations(page) -> int:
    return page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)")


@pytest.mark.browser
def test_a_save_reaches_the_page_and_the_pages_written_from_it(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANSHIN_BUILD_CACHE": str(tmp_path / "cache")}
    with log.open("w", encoding="utf-8") as written:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload",
                                   "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                                  stdout=written, stderr=subprocess.STDOUT)
    context = browser.new_context(viewport=PHONE)
    try:
        _wait_until_serving(server, base, log)
        page = context.new_page()
        page.goto(base + URL, wait_until="load")
        # A worker registered for this address before (the built site served here once):
        # the preview's pages remove it.
        page.evaluate("navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready)")
        assert _registrations(page) == 1
        page.reload(wait_until="load")
        deadline = time.monotonic() + 15
        while _registrations(page) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _registrations(page) == 0

        source = project / PAGE
        with page.expect_event("load", timeout=60_000):   # the live reload after the rebuild
            source.write_text(source.read_text(encoding="utf-8").replace(PARAGRAPH, PARAGRAPH + MARK, 1),
                              encoding="utf-8")
        assert MARK in page.locator("article").inner_text()
        for url in WRITTEN_FROM_IT:   # rebuilt too, none of them kept from the build before
            assert MARK in page.request.get(base + url).text(), url
        assert _registrations(page) == 0   # and the reloaded page registered none
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)
