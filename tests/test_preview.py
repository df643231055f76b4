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

from tests.conftest import ROOT, copy_project
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


def _server(tmp_path: Path):
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    config = load_config(str(ROOT / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    return config, server


def test_on_linux_the_preview_hears_changes_from_the_kernel(tmp_path: Path, monkeypatch) -> None:
    from watchdog.observers.polling import PollingObserver

    from hooks.preview import POLLING_SETTING, on_serve

    monkeypatch.delenv(POLLING_SETTING, raising=False)
    config, server = _server(tmp_path)
    assert isinstance(server.observer, PollingObserver)
    server = on_serve(server, config=config, builder=lambda: None)
    assert not isinstance(server.observer, PollingObserver)
    # Both of MkDocs' watches moved to it (a file's watch is kept on its folder).
    paths = sorted(emitter.watch.path for emitter in server.observer.emitters)
    assert paths == sorted([config.docs_dir, os.path.dirname(os.path.abspath(config.config_file_path))])

    monkeypatch.setenv(POLLING_SETTING, "1")
    config, polling = _server(tmp_path)
    assert isinstance(on_serve(polling, config=config, builder=lambda: None).observer, PollingObserver)


def test_reading_a_file_is_no_change_and_writing_one_is(tmp_path: Path) -> None:
    import threading

    from watchdog.events import FileSystemEventHandler

    from hooks.preview import _changes_observer

    page = tmp_path / "page.md"
    page.write_text("一\n", encoding="utf-8")
    seen: list[str] = []
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            seen.append(event.event_type)
            changed.set()

    observer = _changes_observer()
    assert observer is not None
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        page.read_text(encoding="utf-8")   # what every build does to every page
        # A change written after the read is the first event heard: the read sent none.
        page.write_text("二\n", encoding="utf-8")
        assert changed.wait(timeout=10)
        assert seen[0] in ("modified", "closed"), seen
        assert "opened" not in seen and "closed_no_write" not in seen
    finally:
        observer.stop()
        observer.join(timeout=10)


def test_when_inotify_runs_out_every_watch_goes_back_to_polling(tmp_path: Path, monkeypatch) -> None:
    from watchdog.observers.polling import PollingObserver

    import hooks.preview as preview

    monkeypatch.delenv(preview.POLLING_SETTING, raising=False)
    scheduled = preview._ChangesOnly.schedule
    calls = []

    def schedule_once(self, *args, **kwargs):
        calls.append(args)
        if len(calls) > 1:   # the per-user watch limit, reached at the second folder
            raise OSError(28, "inotify watch limit reached")
        return scheduled(self, *args, **kwargs)

    monkeypatch.setattr(preview._ChangesOnly, "schedule", schedule_once)
    config, server = _server(tmp_path)
    server = preview.on_serve(server, config=config, builder=lambda: None)
    assert len(calls) == 2 and isinstance(server.observer, PollingObserver)
    paths = sorted(emitter.watch.path for emitter in server.observer.emitters)
    assert paths == sorted([config.docs_dir, os.path.dirname(os.path.abspath(config.config_file_path))])
