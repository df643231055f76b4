"""Benchmark: what the school calendar costs a build.

Prints, for one run on this machine, the median time of:
- reading and checking data/calendar/2019.yml (with the holiday check);
- laying out the month view and rendering all seven blocks of one page, per language;
- writing the .ics feed, per language;
and the same on a synthetic school year 20× the size, to show the growth is linear.

Run: `.venv/bin/python benchmarks/calendar_build.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anshin.build_context import render
from anshin.school_calendar import (
    Block, block_context, holiday_warnings, load_calendar, template_for, to_ics,
)

TAGS = {"zh": "zh-Hans", "ja": "ja"}
CONFIG = SimpleNamespace(theme=SimpleNamespace(dirs=[str(ROOT / "overrides")]))
BLOCKS = [Block(2019, "term", table, term) for table, term in
          (("plan", 1), ("plan", 2), ("plan", 3), ("committee", 1), ("committee", 2), ("committee", 3))]
BLOCKS.append(Block(2019, "months"))


def _median_ms(function, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _scaled_copy(source: Path, factor: int, directory: Path) -> Path:
    """The same school year with every event repeated `factor` times under new ids."""
    text = source.read_text(encoding="utf-8")
    entries = text[text.index("\n- id: ") + 1:]
    copies = [entries.replace("- id: ", f"- id: copy{n}-") for n in range(factor)]
    target = directory / "2019.yml"
    target.write_text("\n".join(copies), encoding="utf-8")
    return target


def _figures(path: Path) -> dict[str, float]:
    calendar = load_calendar(path)
    figures = {
        "events": len(calendar.events),
        "load + check": _median_ms(lambda: holiday_warnings(load_calendar(path))),
    }
    for language in ("ja", "zh"):
        figures[f"render page blocks ({language})"] = _median_ms(lambda: [
            render(CONFIG, template_for(block), **block_context(calendar, block, language, TAGS, "x.ics"))
            for block in BLOCKS])
        figures[f"write .ics ({language})"] = _median_ms(lambda: to_ics(calendar, language, TAGS[language]))
    return figures


def main() -> None:
    data = ROOT / "data" / "calendar" / "2019.yml"
    with tempfile.TemporaryDirectory() as directory:
        rows = [("2019.yml", _figures(data)), ("20× synthetic", _figures(_scaled_copy(data, 20, Path(directory))))]
    print(f"{'':32}" + "".join(f"{name:>16}" for name, _ in rows))
    for key in rows[0][1]:
        unit = "" if key == "events" else " ms"
        print(f"{key:32}" + "".join(f"{figures[key]:>13.1f}{unit:3}" if unit else f"{figures[key]:>16.0f}"
                                      for _, figures in rows))


if __name__ == "__main__":
    main()
