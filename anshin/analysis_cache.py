"""Word analyses kept between builds: a text is cut into words (search) or read
(furigana) again only when it changed.

Cutting Chinese into words (jieba) and reading Japanese (Sudachi), with loading their
dictionaries, is most of what a build of this site costs beyond Material's own work, and
most builds change one page or none. So each analysis is kept in a cache outside the
site: `.build-cache/` beside mkdocs.yml (git-ignored; `make clean` empties it), or the
folder that mkdocs.yml's `extra.build_cache` names (`ANSHIN_BUILD_CACHE` in the
environment; an empty value turns the cache off). One JSON file per analysis, each entry
keyed by the SHA-256 of what was analysed. Where every text of a build is in the cache, the
dictionaries are not even loaded.

Each file records the environment its entries were made in: the source of the anshin
package (the code that makes and uses the analysis), the versions of the libraries and
dictionaries it uses, and the data it reads (data/readings.yml). Entries made in another
environment are stale: editing the code, upgrading jieba or adding a reading invalidates
them, with no version number for anyone to remember to bump. A build with a warm cache
writes byte for byte the site that a build without it writes (tests/test_analysis_cache.py).

The cache is a convenience, never a source: a file that cannot be read or does not parse
counts as empty; a build keeps only the entries it used, so the cache holds one build's
worth; and it is written only at the end of a build that succeeded (anshin/build_context.py
`BuildContext.save_caches`), in one replace, so a build that stops half-way leaves the last
good cache.

Large entries (a page's HTML, hooks/render_cache.py) are each a file of their own
(`EntryFiles`): a build reads the few it needs, not one file the size of the site, and
writes only the ones it made.

What depends on nothing but installed libraries (jpholiday's holidays, month by month)
belongs to the machine rather than to a site, like jieba's compiled dictionary
(anshin/search/jieba_dictionary.py): such a cache lives in `machine_folder()`
(`$ANSHIN_MACHINE_CACHE`, else `$XDG_CACHE_HOME/anshin`, else `~/.cache/anshin`), is
kept whole (`keep_unused`: another site on the machine may ask for other months), and a
folder that cannot be written only means it is worked out again next time
(`BuildContext.machine_cache`). Jinja's compiled templates live there too
(`BuildContext.template_cache`), checked by Jinja against each template's source.

A process that builds again and again (`make serve`, once per save) keeps what it last
read or wrote of each file, with the file's size, modification time and inode: a file
unchanged since is not parsed again (about 0.05 s of every rebuild of this site), and one
changed by anything else (another build, `make clean`) is read again.

Pure: a folder and keys in, values out.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from anshin.memos import Memo

__all__ = ["AnalysisCache", "EntryFiles", "environment_of", "key_of", "machine_folder", "source_digest"]

# Bump when what a file records, or how it is read, changes.
_FORMAT = 1


def key_of(texts: Iterable[str]) -> str:
    """The key of an analysis of `texts` (one text, or a page's texts in order)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def machine_folder() -> Path:
    """Where what belongs to the machine is kept: the compiled jieba dictionary, the holiday
    months, the compiled templates."""
    named = os.environ.get("ANSHIN_MACHINE_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "anshin"


def source_digest(code: Path) -> str:
    """The SHA-256 of every `.py` file under `code`, their paths and bytes."""
    digest = hashlib.sha256()
    for path in sorted(code.rglob("*.py")):
        digest.update(path.relative_to(code).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def environment_of(source: str, distributions: Iterable[str], data: Iterable[str] = ()) -> str:
    """What an analysis depends on beyond its text, as one SHA-256: the code (`source`,
    a `source_digest`), the installed version of each of `distributions` ("absent" for
    one that is not installed) and the `data` it reads."""
    digest = hashlib.sha256(f"format {_FORMAT}\0{source}\0".encode())
    for name in distributions:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    for text in data:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@dataclass
class AnalysisCache:
    """One build's view of one analysis' file, `<folder>/<name>.json`. `folder` None is
    no cache: nothing is found, nothing is kept."""

    folder: Path | None
    name: str
    environment: str
    _found: dict[str, object] = field(default_factory=dict, repr=False)
    _used: dict[str, object] = field(default_factory=dict, repr=False)
    _added: int = 0
    hits: int = 0
    misses: int = 0
    # Keep the entries found but not used as well (a machine's cache, which many sites share).
    keep_unused: bool = False

    @classmethod
    def open(cls, folder: Path | None, name: str, environment: str, *, keep_unused: bool = False) -> AnalysisCache:
        cache = cls(folder, name, environment, keep_unused=keep_unused)
        if folder is not None:
            cache._found = _entries(cache.path, environment)
        return cache

    @property
    def path(self) -> Path:
        return (self.folder or Path()) / f"{self.name}.json"

    def get(self, key: str) -> object | None:
        """The analysis kept under `key`, or None."""
        value = self._used.get(key)
        if value is None:
            value = self._found.get(key)
            if value is not None:
                self._used[key] = value
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        """Keep `value` (JSON: dicts, lists, strings, numbers, booleans) under `key`."""
        if self.folder is not None:
            self._used[key] = value
            self._added += 1

    def save(self) -> None:
        """Write the entries this build used (with `keep_unused`, and the others found), if
        it added any or left some out; one replace of the file, so a reader never sees
        half of it."""
        if self.folder is None or not self._added and (self.keep_unused or len(self._used) == len(self._found)):
            return
        # A copy: what this process remembers of the file (_KNOWN) is what the file holds.
        entries = {**self._found, **self._used} if self.keep_unused else dict(self._used)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_json(self.path, {"format": _FORMAT, "environment": self.environment, "entries": entries})


def _write_json(path: Path, document: object) -> None:
    """`document` as `path`, in one replace: a reader never sees half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            # dumps, not dump: json.dump streams through the pure-Python encoder, several
            # times slower than the C one that dumps uses.
            file.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if isinstance(document, dict) and isinstance(document.get("entries"), dict):
        _remember(path, document, _identity(path))


# The analysis files this process last read or wrote (anshin/memos.py): path → (its size,
# time and inode then, its document). Entries are shared with the builds that use them,
# which never change a found entry.
_KNOWN: Memo[Path, tuple[tuple[int, int, int], dict]] = Memo(limit=256)


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


def _remember(path: Path, document: dict, identity: tuple[int, int, int] | None) -> None:
    if identity is None:
        _KNOWN.forget(path)
    else:
        _KNOWN.put(path, (identity, document))


def _entries(path: Path, environment: str) -> dict[str, object]:
    identity = _identity(path)
    known = _KNOWN.get(path)
    if identity is not None and known is not None and known[0] == identity:
        document = known[1]
    else:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if isinstance(document, dict) and isinstance(document.get("entries"), dict):
            _remember(path, document, identity)
    if not isinstance(document, dict) or document.get("format") != _FORMAT \
            or document.get("environment") != environment or not isinstance(document.get("entries"), dict):
        return {}
    return document["entries"]


@dataclass
class EntryFiles:
    """An AnalysisCache whose entries are files of their own, for entries too large to
    read and write all at once on every build: `<folder>/<name>/<environment>/<key>.json`.
    Same promises: an entry that cannot be read counts as absent, a build keeps only the
    entries it used (the others, and other environments' folders, are removed when it is
    saved), and each entry is written in one replace."""

    folder: Path | None
    name: str
    environment: str
    _used: set[str] = field(default_factory=set, repr=False)
    _added: dict[str, object] = field(default_factory=dict, repr=False)
    hits: int = 0
    misses: int = 0

    @classmethod
    def open(cls, folder: Path | None, name: str, environment: str) -> EntryFiles:
        return cls(folder, name, environment)

    @property
    def path(self) -> Path:
        return (self.folder or Path()) / self.name / self.environment[:32]

    def get(self, key: str) -> object | None:
        value = self._added.get(key)
        if value is None and self.folder is not None:
            try:
                document = json.loads((self.path / f"{key}.json").read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                document = None
            if isinstance(document, dict) and document.get("environment") == self.environment:
                value = document.get("value")
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used.add(key)
        return value

    def put(self, key: str, value: object) -> None:
        if self.folder is not None:
            self._added[key] = value
            self._used.add(key)

    def save(self) -> None:
        if self.folder is None or not (self.hits or self.misses or self._added):
            return   # not consulted at all (a build at debug level converts every page): keep it
        self.path.mkdir(parents=True, exist_ok=True)
        for key, value in self._added.items():
            _write_json(self.path / f"{key}.json", {"format": _FORMAT, "environment": self.environment, "value": value})
        self._added.clear()
        for entry in self.path.iterdir():
            if entry.suffix == ".json" and entry.stem not in self._used:
                entry.unlink(missing_ok=True)
        for other in self.path.parent.iterdir():   # other environments: stale for good
            if other != self.path and other.is_dir():
                for entry in other.iterdir():
                    entry.unlink(missing_ok=True)
                other.rmdir()
