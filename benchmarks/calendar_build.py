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
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from anshin import build_context as bridge
from anshin.build_context import BuildContext, LanguageBuild, project_languages, render
from anshin.catalogue import load_catalogue
from anshin.school import load_school
from anshin.school_calendar import (
    CalendarBlock,
    Holidays,
    Presentation,
    block_context,
    holiday_warnings,
    load_calendar,
    template_for,
    to_ics,
)
from anshin.writing_systems import WritingSystems

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = project_languages(ROOT)
CATALOGUES = {code: load_catalogue(ROOT / "locales" / f"{code}.yml", code, f"locales/{code}.yml")
              for code in LANGUAGES.codes}
WRITING = WritingSystems.from_catalogues({code: c.text("writing_system.only") for code, c in CATALOGUES.items()})
HOLIDAYS = Holidays("jp", "ja")  # mkdocs.yml extra.holidays
BLOCKS = [CalendarBlock(2019, "term", table, term) for table, term in
          (("plan", 1), ("plan", 2), ("plan", 3), ("committee", 1), ("committee", 2), ("committee", 3))]
BLOCKS.append(CalendarBlock(2019, "months"))


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


def _config(language: str) -> SimpleNamespace:
    """What `render` needs of a build: the templates and a context in `language`'s build."""
    context = BuildContext(root=ROOT, docs=ROOT / "docs", languages=LANGUAGES, catalogues=CATALOGUES,
                           school=load_school(ROOT / "data" / "school.yml", LANGUAGES.codes), holidays=HOLIDAYS)
    context.builds.append(LanguageBuild(LANGUAGES[language], CATALOGUES[language]))
    config = SimpleNamespace(theme=SimpleNamespace(dirs=[str(ROOT / "overrides")]))
    setattr(config, bridge._ATTRIBUTE, context)
    return config


def _figures(path: Path) -> dict[str, float]:
    codes = LANGUAGES.codes
    calendar = load_calendar(path, codes)
    figures = {
        "events": len(calendar.events),
        "load + check": _median_ms(lambda: holiday_warnings(load_calendar(path, codes), HOLIDAYS,
                                                            CATALOGUES[HOLIDAYS.language])),
    }
    for language in codes:
        config = _config(language)
        where = Presentation(CATALOGUES[language], LANGUAGES.tags, WRITING, HOLIDAYS)
        figures[f"render page blocks ({language})"] = _median_ms(lambda: [
            render(config, template_for(block), **block_context(calendar, block, where, "x.ics"))  # noqa: B023
            for block in BLOCKS])
        figures[f"write .ics ({language})"] = _median_ms(
            lambda: to_ics(calendar, CATALOGUES[language], LANGUAGES.tag(language)))  # noqa: B023
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
