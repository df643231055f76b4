"""`make serve`: MkDocs' live-reloading preview, restarted when Python code changes.

MkDocs reloads the browser when docs/, overrides/, data/ or locales/ change (mkdocs.yml
`watch:`), but it imports the hooks once per process (its hook loader is cached), so an
edit to hooks/*.py or anshin/*.py would otherwise be silently ignored until a restart.
This wrapper runs `mkdocs serve` as a child process and restarts it when a .py file
under hooks/ or anshin/ is saved; the open page reloads itself once the new server is up
(MkDocs' live-reload script notices the new server).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

ROOT = Path(__file__).resolve().parents[1]
CODE = ("hooks", "anshin")


class _Changed(FileSystemEventHandler):
    def __init__(self) -> None:
        self.event = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Only writes count: watchdog also reports files being opened and read, which the
        # preview itself does to every hook as it starts.
        if event.event_type not in ("modified", "created", "moved", "deleted", "closed"):
            return
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        if any(path.endswith(".py") and "__pycache__" not in path for path in paths):
            self.event.set()


def main(arguments: list[str]) -> int:
    changed = _Changed()
    observer = Observer()
    for folder in CODE:
        observer.schedule(changed, str(ROOT / folder), recursive=True)
    observer.start()
    command = [sys.executable, "-m", "mkdocs", "serve", *arguments]
    try:
        while True:
            server = subprocess.Popen(command, cwd=ROOT)
            while server.poll() is None:
                if changed.event.wait(timeout=0.5):
                    time.sleep(0.3)  # an editor's save is often several writes
                    changed.event.clear()
                    print("Python code changed: restarting the preview (hooks are loaded once per process)",
                          file=sys.stderr, flush=True)
                    server.terminate()
                    server.wait(timeout=10)
                    break
            else:
                return server.returncode
    except KeyboardInterrupt:
        server.terminate()
        return 0
    finally:
        observer.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
