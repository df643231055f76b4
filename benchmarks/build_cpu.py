"""Benchmark: the CPU a strict build of the site costs, against plain Material + i18n.

The plain build is the same mkdocs.yml and docs/ (INHERIT) with no hooks, an empty
`custom_dir` and no extra stylesheets or scripts: Material, mkdocs-static-i18n, Material's
search plugin and the Markdown extensions, nothing of Anshin's. Runs alternate (plain,
ours, plain, ours, …) so that a change in the machine's load falls on both; each figure
is the CPU time (user + system) of the build process, and the ratio is of the medians
(with the median of each round's own ratio beside it, which a change of load between
rounds moves less). Issue 15's target is 1.2.

Ours is built twice per round: with an empty build cache (a fresh clone, or the first build
after the code, jieba or Sudachi changed: every text is cut into words and read for
furigana) and with the cache the build before left (any later build of unchanged pages:
anshin/analysis_cache.py). Both write the same site.

Both sides keep what belongs to the machine rather than to a build, as an editor's machine
does after its first build: jieba's own cache of its dictionary (`jieba.cache`, in the
temporary folder; Material's search plugin loads it), our compiled dictionary
(anshin/search/jieba_dictionary.py) and Python's bytecode (the compiled modules, in a
`PYTHONPYCACHEPREFIX` folder of this benchmark's, whatever PYTHONDONTWRITEBYTECODE says:
pip compiled the libraries' when it installed them, and Python compiles the project's
once, where without them every build would compile Anshin's own modules again, some
0.3 s that the plain side never pays). A last row, "fresh machine", has none of them on
both sides: the first build after installing, as on a CI machine (no bytecode written,
the libraries' as pip wrote it).

Run: `.venv/bin/python -m benchmarks.build_cpu [RUNS]` (also part of `make bench`).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _plain_config(folder: Path) -> Path:
    empty = folder / "empty-theme"
    empty.mkdir()
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "hooks: []\n"
        f"theme:\n  custom_dir: {empty}\n"
        "extra_css: []\n"
        "extra_javascript: []\n"
        "watch: []\n", encoding="utf-8")
    return config


def _cpu_of(arguments: list[str], cache: Path | None = None, machine: Path | None = None,
            bytecode: Path | None = None) -> float:
    """CPU seconds of one build; `machine` is where its per-machine caches live (jieba's in
    the temporary folder, ours in ANSHIN_MACHINE_CACHE), `bytecode` Python's compiled
    modules (None: none written, as on a fresh machine)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("PYTHONPYCACHEPREFIX", None)
    if cache is not None:
        environment["ANSHIN_BUILD_CACHE"] = str(cache)
    if machine is not None:
        (machine / "tmp").mkdir(parents=True, exist_ok=True)
        environment.update(TMPDIR=str(machine / "tmp"), ANSHIN_MACHINE_CACHE=str(machine / "dictionary"))
    if bytecode is None:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(bytecode)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    finished = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, env=environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments[2:])} failed:\n{finished.stdout}{finished.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    runs = int((argv or sys.argv[1:] or ["3"])[0])
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        plain_config = _plain_config(folder)
        ours_command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder / "ours")]
        # Not --strict: without our hooks the links between languages are not resolved.
        plain_command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(plain_config),
                         "--site-dir", str(folder / "plain")]
        warm_cache, machine = folder / "warm-cache", folder / "machine"
        plain, cold, warm, fresh_plain, fresh_ours = [], [], [], [], []
        try:
            bytecode = machine / "bytecode"
            _cpu_of(plain_command, machine=machine, bytecode=bytecode)      # jieba.cache, bytecode
            _cpu_of(ours_command, warm_cache, machine, bytecode)            # the warm cache, our dictionary
            for run in range(runs):
                plain.append(_cpu_of(plain_command, machine=machine, bytecode=bytecode))
                cold.append(_cpu_of(ours_command, folder / f"cold-cache-{run}", machine, bytecode))
                warm.append(_cpu_of(ours_command, warm_cache, machine, bytecode))
                fresh_plain.append(_cpu_of(plain_command, machine=folder / f"fresh-plain-{run}"))
                fresh_ours.append(_cpu_of(ours_command, folder / f"fresh-cache-{run}", folder / f"fresh-ours-{run}"))
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    print(f"build CPU ({runs} alternating runs, {pages} Markdown files):")
    rows = (("plain Material + i18n", plain), ("Anshin, empty cache", cold), ("Anshin, warm cache", warm),
            ("plain, fresh machine", fresh_plain), ("Anshin, fresh machine", fresh_ours))
    for label, times in rows:
        print(f"  {label + ':':<23}median {statistics.median(times):5.2f} s  ({', '.join(f'{t:.2f}' for t in times)})")
    for label, times, against in (("empty cache", cold, plain), ("warm cache", warm, plain),
                                  ("fresh machine", fresh_ours, fresh_plain)):
        # Each round's own ratio too: its two builds ran side by side, under the same load.
        paired = statistics.median(ours / theirs for ours, theirs in zip(times, against, strict=True))
        print(f"  ratio, {label}: {statistics.median(times) / statistics.median(against):.2f} × plain "
              f"(median of the rounds' own: {paired:.2f}; target 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
