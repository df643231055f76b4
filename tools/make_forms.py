"""`make forms ROSTER=… DOC=… [DUPLEX=1]`: a class set of an agreement, one PDF to print.

    .venv/bin/python -m tools.make_forms --roster rosters/3-2.csv --doc agreements/pickup [--duplex]

anshin/forms/roster.py reads the class list and anshin/forms/class_set.py plans the
copies (their docstrings are the guide). This builds the site when its sources changed
since the last class set (into .forms-site/, kept for the next run), prints each copy
from its page with headless Chromium, one browser and a few pages at a time, with the
student's fields filled in through the page's own inputs (hooks/forms.py) and the
student named in the footer, and joins the copies with qpdf (pikepdf) into
`forms/<document>-<roster>.pdf`.

Privacy: the class list is read here and handed to the browser in memory; it is never
written anywhere but into the one PDF, which is outside site/ and git-ignored (as are
the usual places for class lists). The PDF's metadata names the document, not the
students. Messages name rows by number, never by a name. Nothing is sent anywhere: the
pages are served on 127.0.0.1 and every request to another host is refused.

Exit status 2, with one message and nothing written, for a class list or DOC that
cannot be used; 1 when the site does not build or Chromium cannot start.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from anshin.errors import DataError
from anshin.forms.class_set import Copy, Document, blank_pages_after, find_document, plan
from anshin.forms.roster import BOTH, MAX_BYTES, RosterWords, read_roster
from anshin.printing import css_string

ROOT = Path(__file__).resolve().parent.parent
# What the built pages are made from: a change in any of them rebuilds .forms-site/.
_SOURCES = ("docs", "data", "locales", "overrides", "hooks", "anshin", "mkdocs.yml")
_STAMP = ".anshin-sources"

# Empties every field, fills the class list's, and names the student in the footer. The
# values are set as input values and the footer as a style's text: never parsed as HTML.
_FILL = """([values, footerCss]) => {
  document.querySelectorAll(".anshin-field__input").forEach((input) => { input.value = ""; });
  let filled = 0;
  document.querySelectorAll("[data-anshin-fill]").forEach((item) => {
    const input = item.querySelector(".anshin-field__input");
    const value = values[item.getAttribute("data-anshin-fill")];
    if (input && value) { input.value = value; filled += 1; }
  });
  let style = document.getElementById("anshin-copy-footer");
  if (!style) {
    style = document.createElement("style");
    style.id = "anshin-copy-footer";
    style.media = "print";
    document.head.appendChild(style);
  }
  style.textContent = footerCss;
  return filled;
}"""


class FormsError(Exception):
    """A run that cannot go on: the message says why and what to do (exit status 1)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print a class set of an agreement from a class list.")
    parser.add_argument("--roster", required=True, type=Path, help="the class list (CSV)")
    parser.add_argument("--doc", required=True, help="the agreement, e.g. agreements/pickup")
    parser.add_argument("--duplex", action="store_true", help="every copy starts on an odd page (two-sided printing)")
    parser.add_argument("--out", type=Path, default=ROOT / "forms", help="the folder for the PDF (default forms/)")
    parser.add_argument("--site", type=Path, help="a site already built from these sources (default: .forms-site/, "
                        "built when needed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        languages, catalogues, names = _project()
        roster = read_roster(_roster_bytes(args.roster), _shown(args.roster),
                             RosterWords.from_catalogues(catalogues, names))
        document = find_document(args.doc, ROOT / "docs", languages)
        copies = plan(roster, document, catalogues, _shown(args.roster))
    except DataError as error:
        print(error.shown_from(ROOT), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 2
    output = args.out / f"{Path(document.name).name}-{args.roster.stem}.pdf"
    try:
        site = args.site or _built_site()
        pdfs, local_url = _render(site, copies)
        pages = _write(output, document, pdfs, args.duplex, local_url)
    except FormsError as error:
        print(error, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    counts = Counter("both" if copy.student.language == BOTH else copy.language for copy in copies)
    print(f"{_shown(output)}: {len(copies)} copies ({', '.join(f'{code} {n}' for code, n in counts.items())}), "
          f"{pages} pages{' (two-sided: every copy starts on an odd page)' if args.duplex else ''}, "
          f"in {time.perf_counter() - started:.1f} s. Class list: {roster.encoding}.")
    return 0


def _shown(path: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else str(path)


def _project():
    from anshin.build_context import project_languages
    from anshin.catalogue import load_catalogue

    languages = project_languages(ROOT)
    catalogues = {code: load_catalogue(ROOT / "locales" / f"{code}.yml", code, f"locales/{code}.yml")
                  for code in languages.codes}
    return languages, catalogues, {code: languages[code].name for code in languages.codes}


def _roster_bytes(path: Path) -> bytes:
    shown = _shown(path)
    if not path.is_file():
        raise DataError(shown, 1, "there is no such file" if not path.exists() else "this is a folder, not a file",
                        "give the class list's path, e.g. make forms ROSTER=rosters/3-2.csv DOC=agreements/pickup")
    with path.open("rb") as stream:  # one byte past the limit is enough for read_roster to refuse it
        return stream.read(MAX_BYTES + 1)


def _sources_hash() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        top = ROOT / name
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _built_site() -> Path:
    """.forms-site/, rebuilt (strict) when the sources changed since it was built."""
    site, fresh = ROOT / ".forms-site", _sources_hash()
    stamp = site / _STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == fresh:
        return site
    print("Building the pages (once, until docs/, data/ or the templates change) …", flush=True)
    building = ROOT / ".forms-site.new"
    shutil.rmtree(building, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(building)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        problems = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR", "Error"))]
        raise FormsError("The site does not build, so there are no pages to print — fix: correct what the build "
                         "reports (make build shows it), then run make forms again.\n" + "\n".join(problems[:10]))
    (building / _STAMP).write_text(fresh, encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
    building.rename(site)
    return site


def _render(site: Path, copies: list[Copy]) -> tuple[list[bytes], str]:
    """Each copy's PDF, in order, and the local server's URL they were printed from."""
    from tools.make_pdfs import SiteServer, browser_failure

    try:
        with SiteServer(site) as server:
            return asyncio.run(_render_all(copies, server.url)), server.url
    except FormsError:
        raise
    except Exception as error:  # Playwright reports a missing or broken browser as a plain Error
        raise FormsError(browser_failure(error, "print the copies")) from None


async def _render_all(copies: list[Copy], base_url: str) -> list[bytes]:
    from playwright.async_api import async_playwright

    from tools.make_pdfs import CONCURRENCY, launch_local, pdf_options

    options = {**pdf_options(), "outline": False}
    results: list[bytes | None] = [None] * len(copies)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(copies)):
        queue.put_nowait(index)
    async with async_playwright() as playwright:
        browser, context = await launch_local(playwright)
        try:

            async def worker() -> None:
                page = await context.new_page()
                shown_url = None
                try:
                    while not queue.empty():
                        index = queue.get_nowait()
                        copy = copies[index]
                        if copy.url != shown_url:  # copies in one language reuse the loaded page
                            response = await page.goto(base_url + copy.url, wait_until="load")
                            if response is None or not response.ok:
                                raise FormsError(f"{base_url}{copy.url}: HTTP {response and response.status} — fix: "
                                                 f"rebuild the site (delete .forms-site/), then run this again")
                            await page.evaluate("document.fonts.ready.then(() => true)")
                            shown_url = copy.url
                        footer = "@page { @bottom-left { content: " + css_string(copy.footer) + "; } }"
                        if not await page.evaluate(_FILL, [copy.values, footer]):
                            # A copy that does not say whose it is must not be printed.
                            raise FormsError(f"{copy.url}: the page has no field for the student's name — fix: "
                                             f"check that hooks/forms.py is listed in mkdocs.yml, delete "
                                             f".forms-site/ and run this again")
                        results[index] = await page.pdf(**options)
                finally:
                    await page.close()

            await asyncio.gather(*(worker() for _ in range(min(CONCURRENCY, len(copies)))))
        finally:
            await browser.close()
    return [pdf for pdf in results if pdf is not None]


def _write(output: Path, document: Document, pdfs: list[bytes], duplex: bool, local_url: str) -> int:
    """Join the copies into `output` (written whole or not at all); the number of pages."""
    import pikepdf

    # qpdf (through pikepdf) joins 40 copies in about 1 s; pypdf took 10 s, parsing every
    # number of the fonts' width tables in Python.
    joined = pikepdf.new()
    for pdf in pdfs:
        copy = pikepdf.open(io.BytesIO(pdf))
        for page in copy.pages:
            _drop_local_links(page, local_url)
        joined.pages.extend(copy.pages)
        last = copy.pages[-1].mediabox
        for _ in range(blank_pages_after(len(copy.pages), duplex)):
            joined.add_blank_page(page_size=(float(last[2]) - float(last[0]), float(last[3]) - float(last[1])))
    # The document, never the students: the file may be forwarded or uploaded to a printer.
    joined.docinfo = joined.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(document.title), Subject=pikepdf.String(f"{document.name}: {len(pdfs)} copies"),
        Creator=pikepdf.String("Anshin make forms")))
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    try:
        # Object streams share what the copies repeat (40 copies: 11.9 MB as Chromium wrote them, 6.4 MB joined).
        joined.save(partial, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise FormsError(f"{_shown(output)}: cannot be written ({error.strerror}) — fix: close the PDF if it is "
                         f"open in another program, or free some disk space, then run this again") from None
    return len(joined.pages)


def _drop_local_links(page, local_url: str) -> None:
    """Chromium keeps a page's links as clickable areas; on a paper form they would point at
    the throwaway local server, so a forwarded PDF's links would lead nowhere. Dropped."""
    import pikepdf

    if "/Annots" not in page.obj:
        return
    kept = [annotation for annotation in page.obj.Annots
            if not str(annotation.get("/A", {}).get("/URI", "")).startswith(local_url)]
    page.obj.Annots = pikepdf.Array(kept)


if __name__ == "__main__":
    sys.exit(main())
