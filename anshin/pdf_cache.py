"""The PDF cache: a page's PDF is rendered again only when what it printed from changed.

`make build` renders every document page to PDF (tools/make_pdfs.py). Most builds change
one page or none, and Chromium takes one to two seconds a page, so each PDF is kept in a
cache outside the site (`.pdf-cache/` beside mkdocs.yml, git-ignored; `make clean`
empties it) together with what it was printed from:

- the page's HTML, byte for byte;
- every file of the site the page loaded while it was printed (its stylesheets, scripts,
  images, and anything a script fetched), as the browser asked for them;
- the printing environment: the browser (its `--version`), Playwright's version and the
  PDF options.

On the next build a page whose HTML, every one of those files and the environment hash
the same gets its old PDF back, copied byte for byte; anything else is rendered again.
A site built twice from the same sources is byte-identical (the build is deterministic),
so a rebuild with no change renders no PDF, and a change to one paragraph renders that
page's PDF only, while a change to the print stylesheet renders them all.

The cache is a convenience, never a source: a manifest that cannot be read (edited by
hand, cut short by a full disk) or a cached PDF that is missing or altered counts as no
entry, and the page is rendered again. PDFs no page uses any more are removed when the
manifest is saved, so the cache holds one PDF per page at most.

Pure: paths and bytes in, decisions out. tools/make_pdfs.py does the printing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["MANIFEST", "PdfCache", "digest"]

MANIFEST = "manifest.json"
# Bump when what is recorded, or how it is compared, changes: every entry is then stale.
_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class PdfCache:
    """One run's view of the cache in `folder`. `environment` names the printing set-up;
    entries made under another are stale. `problem` says why an existing manifest was
    set aside (for the caller to print), or is empty."""

    folder: Path
    environment: str
    entries: dict[str, dict] = field(default_factory=dict)
    problem: str = ""
    _used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path, environment: str) -> PdfCache:
        cache = cls(folder, environment)
        path = folder / MANIFEST
        if not path.exists():
            return cache
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict) or not isinstance(manifest.get("pages"), dict):
                raise ValueError("not a manifest")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            cache.problem = (f"{path}: could not be read ({error}); every PDF is rendered again and the "
                             f"cache is written anew")
            return cache
        if manifest.get("format") == _FORMAT and manifest.get("environment") == environment:
            cache.entries = {key: entry for key, entry in manifest["pages"].items() if _well_formed(entry)}
        return cache

    def reuse(self, page: str, html: bytes, file_digest: Callable[[str], str | None]) -> bytes | None:
        """The PDF printed earlier for `page` (its path in the site), if its HTML and every
        file it loaded (`file_digest(path)`: the file's digest now, None when it is gone)
        are as they were and the cached PDF is intact; else None."""
        entry = self.entries.get(page)
        if entry is None or entry["html"] != digest(html):
            return None
        if any(file_digest(path) != recorded for path, recorded in entry["files"].items()):
            return None
        try:
            pdf = (self.folder / "pdf" / f"{entry['pdf']}.pdf").read_bytes()
        except OSError:
            return None
        if digest(pdf) != entry["pdf"]:
            return None
        self._used.add(page)
        return pdf

    def store(self, page: str, html: bytes, files: Mapping[str, str], pdf: bytes) -> None:
        """Record that `page`, from `html` and `files` (path → digest), printed as `pdf`."""
        name = digest(pdf)
        target = self.folder / "pdf" / f"{name}.pdf"
        if not target.exists():
            _write_atomically(target, pdf)
        self.entries[page] = {"html": digest(html), "files": dict(sorted(files.items())), "pdf": name}
        self._used.add(page)

    def save(self) -> None:
        """Write the manifest with the pages of this run only, and remove the PDFs no
        entry names any more."""
        pages = {page: self.entries[page] for page in sorted(self._used)}
        manifest = {"format": _FORMAT, "environment": self.environment, "pages": pages}
        _write_atomically(self.folder / MANIFEST,
                          (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        kept = {entry["pdf"] for entry in pages.values()}
        for pdf in (self.folder / "pdf").glob("*.pdf"):
            if pdf.stem not in kept:
                pdf.unlink(missing_ok=True)


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("html"), str) and isinstance(entry.get("pdf"), str)
            and isinstance(entry.get("files"), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in entry["files"].items()))


def _write_atomically(path: Path, data: bytes) -> None:
    # A run cut short leaves the old file or the new one, never half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
