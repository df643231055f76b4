"""Material's navigation pruned on a large site (hooks/navigation.py): a site with fewer
pages than `extra.navigation_prune_from` keeps its whole navigation in every page; from that
many on, a page carries its own section's links and one link for each other section, and a
parent on a phone still reaches every section from the drawer (Chromium, 390×844)."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import _QuietHandler, copy_project, run_build
from tests.test_browser import PHONE

_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link')


def _with_setting(tmp_path: Path, line: str) -> Path:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  {line}\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, str]]]:
    """Both sites, each built for the address it is then served at on 127.0.0.1:
    name → (its folder, its address)."""
    found, servers = {}, []
    for name, line in (("whole", "navigation_prune_from: 1000"), ("pruned", "navigation_prune_from: 5")):
        folder = tmp_path_factory.mktemp(name)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                 functools.partial(_QuietHandler, directory=str(folder / "site")))
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        finished = run_build(_with_setting(folder, line), folder / "site",
                             extra_env={"ANSHIN_BUILD_CACHE": "", "ANSHIN_SITE_URL": url})
        assert finished.returncode == 0, finished.stderr
        threading.Thread(target=server.serve_forever, daemon=True).start()
        found[name] = (folder / "site", url)
    yield found
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sites(served: dict[str, tuple[Path, str]]) -> dict[str, Path]:
    return {name: folder for name, (folder, _) in served.items()}


def test_a_site_smaller_than_the_setting_keeps_its_whole_navigation(sites: dict[str, Path]) -> None:
    whole = (sites["whole"] / "index.html").read_text(encoding="utf-8")
    # the home page links every document, however deep: the pickup agreement among them
    assert "agreements/pickup/" in " ".join(_NAV_LINK.findall(whole))


@pytest.mark.parametrize("page", ["index.html", "ja/index.html", "policy/anti-bullying/index.html"])
def test_a_site_as_large_as_the_setting_carries_less_navigation_in_every_page(sites: dict[str, Path], page: str) -> None:
    whole = _NAV_LINK.findall((sites["whole"] / page).read_text(encoding="utf-8"))
    pruned = _NAV_LINK.findall((sites["pruned"] / page).read_text(encoding="utf-8"))
    assert 0 < len(pruned) < len(whole)
    assert set(pruned) <= set(whole)          # the links it keeps go where they went


def test_a_pruned_page_keeps_its_own_sections_links(sites: dict[str, Path]) -> None:
    links = " ".join(_NAV_LINK.findall((sites["pruned"] / "agreements/pickup/index.html").read_text(encoding="utf-8")))
    assert "../duties/" in links or "duties/" in links       # a sibling in its own section
    home = " ".join(_NAV_LINK.findall((sites["pruned"] / "index.html").read_text(encoding="utf-8")))
    assert "agreements/pickup/" not in home                  # another section's page: not on the home page


@pytest.mark.parametrize("value", ["many", "0", "-3", "true", "2.5"])
def test_a_setting_that_is_no_number_of_pages_stops_the_build_with_the_line(tmp_path: Path, value: str) -> None:
    project = _with_setting(tmp_path, f"navigation_prune_from: {value}")
    finished = run_build(project, tmp_path / "site", extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert finished.returncode != 0
    line = next(number for number, text in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("navigation_prune_from:"))
    assert f"mkdocs.yml:{line}: extra.navigation_prune_from is" in finished.stderr
    assert "fix: write a whole number" in finished.stderr
    assert "Traceback" not in finished.stderr


# The drawer's links a reader can see and tap: on the screen, and not under another panel
# (Material slides a section's panel over the list of sections).
_SHOWN = """() => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')].filter(a => {
  const box = a.getBoundingClientRect();
  if (!box.width || !box.height) return false;
  const x = box.left + Math.min(20, box.width / 2), y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const top = document.elementFromPoint(x, y);
  return top !== null && (top === a || a.contains(top));
})"""


def _shown_links(page) -> list[str]:
    page.wait_for_timeout(400)   # Material slides its panels over 250 ms
    return page.evaluate(f"() => ({_SHOWN})().map(a => a.href)")


def _open_drawer(page) -> list[str]:
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_function("document.getElementById('__drawer').checked")
    return _shown_links(page)


def _tap(page, target: str) -> None:
    """Tap the drawer's link to `target` (an address) that the reader sees."""
    element = page.evaluate_handle(f"target => ({_SHOWN})().find(a => a.href === target) || null", target).as_element()
    assert element is not None, f"no link to {target} in the drawer"
    element.click()


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "ja/"])
def test_on_a_phone_every_section_is_reached_from_a_pruned_drawer(browser, served: dict[str, tuple[Path, str]],
                                                                  root: str) -> None:
    _, base = served["pruned"]
    site = base + root
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(site + "agreements/pickup/", wait_until="networkidle")
        # The drawer opens on the page's own section: its pages, not the other sections.
        shown = _open_drawer(page)
        assert site + "agreements/duties/" in shown
        assert site + "policy/anti-bullying/" not in shown

        # Back to the list of sections: each other section is one link.
        page.locator("nav.md-nav--primary .md-nav__item--active > nav > label.md-nav__title").first.click()
        shown = _shown_links(page)
        assert {site + "agreements/", site + "policy/anti-bullying/", site + "calendar/"} <= set(shown)
        assert site + "agreements/duties/" not in shown
        _tap(page, site + "policy/anti-bullying/")
        page.wait_for_url(site + "policy/anti-bullying/")

        # From another section, the agreements are one link away, and then all of them.
        shown = _open_drawer(page)
        assert site + "agreements/" in shown and site + "agreements/pickup/" not in shown
        _tap(page, site + "agreements/")
        page.wait_for_url(site + "agreements/")
        assert {site + "agreements/pickup/", site + "agreements/duties/"} <= set(_open_drawer(page))

        assert errors == []
        assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"
                and urlsplit(url).scheme in ("http", "https")] == []
    finally:
        context.close()
