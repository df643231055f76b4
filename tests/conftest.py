"""Shared fixtures: one strict build of the site per session, a local HTTP server for it,
and a Chromium browser driven by Playwright."""

from __future__ import annotations

import filecmp
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _check_the_package_is_this_checkout() -> None:
    # The logic is installed in editable mode (make): the tests must test this checkout's.
    import anshin

    found = Path(anshin.__file__).resolve().parent
    if found != ROOT / "anshin":
        raise RuntimeError(f"the anshin package imported is {found}, not this checkout's — "
                           f"fix: {ROOT}/.venv/bin/pip install --no-deps -e {ROOT}")


_check_the_package_is_this_checkout()
SEEDS = ROOT.parent / "shared" / "seeds"
PROJECT_PARTS = ("docs", "hooks", "overrides", "data", "locales", "tools", "mkdocs.yml")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def run_build(project: Path, site_dir: Path, *, tool: str = "mkdocs",
              extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`<tool> build --strict` of `project` into `site_dir`, as the Makefile runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the site sources, for tests that break them on purpose."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def different_files(left: Path, right: Path) -> list[str]:
    """Files that differ, or are only on one side, between two site folders."""
    different: list[str] = []
    comparison = filecmp.dircmp(left, right)
    pending = [(comparison, "")]
    while pending:
        here, prefix = pending.pop()
        different += [prefix + name for name in here.left_only + here.right_only]
        _, mismatch, errors = filecmp.cmpfiles(here.left, here.right, here.common_files, shallow=False)
        different += [prefix + name for name in mismatch + errors]
        pending += [(sub, f"{prefix}{name}/") for name, sub in here.subdirs.items()]
    return sorted(different)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@dataclass(frozen=True)
class ServedSite:
    dir: Path
    url: str


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """One strict build, served on 127.0.0.1. The port is taken first so that the build's
    site_url is the address the browser uses, as it would be on the school's own host."""
    site = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = run_build(ROOT, site, extra_env={"ANSHIN_SITE_URL": url})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ServedSite(site, url)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(served_site: ServedSite) -> Path:
    return served_site.dir


@pytest.fixture(scope="session")
def site_url(served_site: ServedSite) -> str:
    return served_site.url


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built for, and served from, http://127.0.0.1:PORT/anshin/ (a project
    site on GitHub Pages looks like this)."""
    host = tmp_path_factory.mktemp("host")
    handler = functools.partial(_QuietHandler, directory=str(host))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/anshin/"
    result = run_build(ROOT, host / "anshin", extra_env={"ANSHIN_SITE_URL": url})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ServedSite(host / "anshin", url)
    server.shutdown()
    server.server_close()


def site_pages(site: Path) -> list[Path]:
    """Every HTML page a reader can reach (the 404 page included)."""
    return sorted(site.rglob("*.html"))


def _chromium_executable() -> str | None:
    """Debian's Chromium when installed; otherwise Playwright's own download (None)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. Fails the test, never skips it, when no browser can start."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=_chromium_executable(), args=CHROMIUM_FLAGS, headless=True)
        except PlaywrightError as error:
            pytest.fail(
                "Chromium could not start, so browser tests cannot run. Install it with "
                "'apt-get install chromium fonts-noto-cjk' (Debian/Ubuntu) or "
                f"'.venv/bin/python -m playwright install chromium'.\n{error}",
                pytrace=False,
            )
        yield chromium
        chromium.close()


@dataclass(frozen=True)
class PdfSite:
    dir: Path
    report: str


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> PdfSite:
    """A fresh strict build told its PDFs exist (ANSHIN_PDF_LINKS=1), with every document
    rendered to PDF by tools/make_pdfs.py (headless Chromium), once per session."""
    site = tmp_path_factory.mktemp("pdf-site")
    built = run_build(ROOT, site, extra_env={"ANSHIN_PDF_LINKS": "1"})
    assert built.returncode == 0, f"strict build failed:\n{built.stdout}\n{built.stderr}"
    rendered = subprocess.run([sys.executable, str(ROOT / "tools" / "make_pdfs.py"), str(site)],
                              cwd=ROOT, capture_output=True, text=True, timeout=1200)
    # Without Chromium this fails (it never skips): the message says how to install it.
    assert rendered.returncode == 0, f"tools/make_pdfs.py failed:\n{rendered.stdout}\n{rendered.stderr}"
    return PdfSite(site, rendered.stdout)
