"""The preview (`make serve`) notices a save at once, instead of up to half a second later.

MkDocs' live-reload server finds changed files by polling: it looks at every watched file
every 0.5 s, so a save waits 0.25 s on average (0.5 s at worst) before the rebuild even
starts; the editor pays that on every save. On Linux the kernel says when a file changes
(inotify), and `on_serve` moves the server's watches (docs/, mkdocs.yml, the theme when
`--watch-theme` is given, and mkdocs.yml's `watch:` folders, added after this event) to
an observer that listens for it.

Only changes count: a file written, created, moved or deleted. inotify also reports
files being opened and read, and every build reads every page, so listening for
everything would rebuild for ever.

Polling stays where it is the better choice:
- on other systems than Linux (their native observers have lags of their own);
- where inotify cannot watch the folders (its per-user watch limit is reached);
- when `ANSHIN_PREVIEW_POLLING=1` is set: some shared or container-mounted folders
  (a Docker bind mount on macOS, a network drive) never send the kernel's notices.

`mkdocs build` does not serve, so nothing here runs there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:   # the server and watchdog are for `make serve`: a build does not import them
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import BaseObserver, ObservedWatch

log = get_plugin_logger(__name__)
POLLING_SETTING = "ANSHIN_PREVIEW_POLLING"


def _changes() -> list[type[FileSystemEvent]]:
    """What a save, a new file, a rename or a deletion sends; not FileOpenedEvent or
    FileClosedNoWriteEvent, which every build's reading of the pages sends."""
    from watchdog.events import (
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )

    return [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
            DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    if os.environ.get(POLLING_SETTING, "") not in ("", "0") or not sys.platform.startswith("linux"):
        return server
    observer = _changes_observer()
    if observer is None:
        return server
    moved = [path for path in _watched_so_far(config) for _ in range(_unwatch(server, path))]
    server.observer = observer  # type: ignore[assignment]  # MkDocs annotates its polling one
    try:
        for path in moved:
            server.watch(path)
    except OSError as error:  # the inotify watch limit: keep polling, as MkDocs does
        log.info("The preview polls for changes (inotify: %s)", error)
        for path in dict.fromkeys(moved):   # the ones the kernel's observer took before it ran out
            _unwatch(server, path)
        server.observer = _polling_observer()  # type: ignore[assignment]
        for path in moved:
            server.watch(path)
    return server


class _ChangesOnly:
    """Makes an observer schedule every watch for changes only (see _changes)."""

    def __init__(self, observer: BaseObserver) -> None:
        self._observer = observer

    def schedule(self, event_handler, path, *, recursive: bool = False, **_: object) -> ObservedWatch:
        return self._observer.schedule(event_handler, path, recursive=recursive, event_filter=_changes())

    def __getattr__(self, name: str) -> object:
        return getattr(self._observer, name)


def _changes_observer() -> BaseObserver | None:
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # a watchdog built without inotify support
        return None
    return _ChangesOnly(InotifyObserver())  # type: ignore[return-value]


def _polling_observer() -> BaseObserver:
    from watchdog.observers.polling import PollingObserver

    return PollingObserver(timeout=0.5)


def _watched_so_far(config: MkDocsConfig) -> list[str]:
    # What mkdocs serve watches before on_serve: docs_dir, the config file and, with
    # --watch-theme, the theme's folders (mkdocs/commands/serve.py); `watch:` comes after.
    paths = [config.docs_dir, config.config_file_path or "", *config.theme.dirs]
    return [os.path.abspath(path) for path in dict.fromkeys(paths) if path]


def _unwatch(server: LiveReloadServer, path: str) -> int:
    """Stops every watch of `path` on the polling observer; how many there were."""
    count = 0
    while True:
        try:
            server.unwatch(path)
        except KeyError:  # no more (or none: the theme without --watch-theme)
            return count
        count += 1
