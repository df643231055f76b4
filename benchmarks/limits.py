"""Benchmark: the limits of a build (issue 18, item 8) — a huge calendar, a huge page.

Prints, for one run on this machine, the median time of a full strict build (the
Makefile's `mkdocs build --strict`) of a throwaway copy of the project:
- unchanged (the baseline every other figure is measured against);
- with data/calendar/2019.yml replaced by N = 1,000 / 5,000 / 10,000 valid events (unique
  ids, dates within the school year, the real events' titles and notes in every site
  language, terms 1–3, no single-day event on a national holiday), shown by the policy's
  seven tables and the calendar page's month view in every language;
- with one extra page of about 1, 2.5 and 5 MB: the real clauses of the home–school duties
  agreement repeated as chapters 第1章, 第2章 … with the numbering continuing, so the
  clause checker, the permalinks, search and printing read every clause (the page is
  `single_language: true`, so it needs no twin);
and the time of `load_calendars` alone for 10,000 events.

The cost per unit is the build's time above the baseline, per 1,000 events or per MB;
"largest / smallest" is the ratio of the highest to the lowest cost per unit over the
sizes: about 1 means the build grows linearly, 2 would mean twice the cost per event at
the largest size (quadratic growth shows as a ratio near the size ratio, 10 or 5).

Run: `make bench` (or `.venv/bin/python -m benchmarks.limits [--repeat N]` from the project
root). Machines are noisy: compare figures within one run.
"""

from __future__ import annotations

import argparse
import datetime
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import jpholiday
import yaml

from anshin.build_context import project_languages
from anshin.school_calendar import load_calendar, load_calendars
from tests.conftest import copy_project, run_build

ROOT = Path(__file__).resolve().parents[1]

EVENTS = (1_000, 5_000, 10_000)
MEGABYTES = (1.0, 2.5, 5.0)
CALENDAR = Path("data") / "calendar" / "2019.yml"
PAGE = Path("docs") / "limits.zh.md"
NAV_ANCHOR = "            - 编辑指南: guide/editing.md\n"  # the default language's nav ends with it
AGREEMENT = ROOT / "docs" / "agreements" / "duties.zh.md"


# ---------------------------------------------------------------------------------------
# Inputs


def _term(day: datetime.date) -> int:
    """1学期 April–August, 2学期 September–December, 3学期 January–March."""
    return 1 if 4 <= day.month <= 8 else 2 if day.month >= 9 else 3


def _school_days(year: int) -> list[datetime.date]:
    """The school year's days that are not national holidays (a single-day event on one
    is a warning, which --strict turns into a failure)."""
    day, last, days = datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31), []
    while day <= last:
        if not jpholiday.is_holiday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def calendar_yaml(count: int, codes: list[str]) -> str:
    """`count` events for school year 2019, in the data file's format. Titles and notes
    are the real file's, cycled, so their shapes (inline notes, lists of lines, bracketed
    words of the other language) are the ones the site shows; every tenth event is a
    range of days and every 25th part of a month (11月中旬), like the real tables."""
    real = load_calendar(ROOT / CALENDAR, codes).events
    days = _school_days(2019)
    entries = []
    for number in range(count):
        model = real[number % len(real)]
        day = days[(number * 7) % len(days)]
        if number % 25 == 24:
            when = f"{day.month}月{('上旬', '中旬', '下旬')[number % 3]}"
        elif number % 10 == 9 and day.month == (day + datetime.timedelta(days=3)).month:
            end = day + datetime.timedelta(days=3)
            when = f"{day.month}月{day.day}日～{end.day}日"
        else:
            when = f"{day.month}月{day.day}日"
        entry = {"id": f"bench-{number:05d}", "table": ("plan", "committee")[number % 2], "term": _term(day),
                 "when": when, "title": {code: model.title[code] for code in codes}}
        if model.notes:
            entry["notes"] = {code: (list(model.notes[code]) if not model.notes_inline else model.notes[code][0])
                              for code in codes}
        entry["audience"] = list(model.audience)
        entries.append(entry)
    return "# Synthetic school year for benchmarks/limits.py\n" + yaml.safe_dump(
        entries, allow_unicode=True, sort_keys=False, width=1000)


def _agreement_sections() -> list[tuple[str, list[str]]]:
    """The duties agreement's sections (## heading, its numbered clauses), as written."""
    body = AGREEMENT.read_text(encoding="utf-8").split("\n## ")[1:]
    sections = []
    for part in body:
        heading, _, rest = part.partition("\n")
        clauses = re.findall(r"^\d+、(.+)$", rest, re.MULTILINE)
        if clauses:
            sections.append((heading.strip(), clauses))
    return sections


def page_markdown(megabytes: float) -> str:
    """A Chinese page of about `megabytes` MB: chapter after chapter (## 第1章 …), each the
    agreement's sections (### 一、甲方职责 …) with their clauses 1、2、… and, under the
    first clause of each section, sub-clauses （1）（2）（3）."""
    sections = _agreement_sections()
    parts = ["---", "title: 家校安全职责协议书（汇编）", "description: 基准测试用的长页面。",
             "single_language: true", "---", "", "# 家校安全职责协议书（汇编）", "",
             "本汇编按章收录各班级签订的家校安全职责协议书，条款编号在每章内连续。", ""]
    size, target, chapter = 0, int(megabytes * 1_000_000), 0
    while size < target:
        chapter += 1
        lines = [f"## 第{chapter}章 第{chapter}班协议书", "", f"本章为第{chapter}班的协议书，甲乙双方签字后生效。", ""]
        for number, (heading, clauses) in enumerate(sections, start=1):
            lines += [f"### {_cn(number)}、{heading}", ""]
            for index, clause in enumerate(clauses, start=1):
                lines += [f"{index}、{clause}", ""]
                if index == 1:
                    lines += [f"（{n}）{part}。" for n, part in enumerate(clause.rstrip("。").split("，")[:3], start=1)]
                    lines.append("")
        text = "\n".join(lines) + "\n"
        size += len(text.encode("utf-8"))
        parts.append(text)
    return "\n".join(parts)


def _cn(number: int) -> str:
    return "一二三四五六七八九十"[number - 1]


# ---------------------------------------------------------------------------------------
# Measuring


def _project(directory: Path, *, events: int | None = None, megabytes: float | None = None) -> Path:
    project = copy_project(directory / "project")
    codes = list(project_languages(project).codes)
    if events is not None:
        (project / CALENDAR).write_text(calendar_yaml(events, codes), encoding="utf-8")
    if megabytes is not None:
        (project / PAGE).write_text(page_markdown(megabytes), encoding="utf-8")
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert NAV_ANCHOR in text, f"benchmarks/limits.py: the nav no longer has '{NAV_ANCHOR.strip()}'"
        config.write_text(text.replace(NAV_ANCHOR, NAV_ANCHOR + "            - 汇编: limits.md\n", 1), encoding="utf-8")
    return project


def _build_seconds(project: Path, repeat: int) -> float:
    times = []
    for run in range(repeat):
        site = project.parent / f"site-{run}"
        start = time.perf_counter()
        result = run_build(project, site)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"the strict build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return statistics.median(times)


def _measure(repeat: int, **inputs: float) -> float:
    with tempfile.TemporaryDirectory(prefix="anshin-limits-") as directory:
        return _build_seconds(_project(Path(directory), **inputs), repeat)


def _table(title: str, unit: str, rows: list[tuple[float, float]], baseline: float, label) -> None:
    print(f"\n{title}")
    print(f"  {'size':>14} {'build s':>9} {'above baseline s':>17} {'s per ' + unit:>12}")
    costs = []
    for size, seconds in rows:
        cost = (seconds - baseline) / size
        costs.append(cost)
        print(f"  {label(size):>14} {seconds:>9.2f} {seconds - baseline:>17.2f} {cost:>12.3f}")
    print(f"  cost per {unit}, largest / smallest: {max(costs) / min(costs):.2f} "
          f"(size ratio {rows[-1][0] / rows[0][0]:.1f}; 1 = linear)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds per size (the median is printed)")
    args = parser.parse_args()
    codes = list(project_languages(ROOT).codes)

    with tempfile.TemporaryDirectory(prefix="anshin-limits-") as directory:
        folder = Path(directory) / "calendar"
        folder.mkdir()
        (folder / "2019.yml").write_text(calendar_yaml(EVENTS[-1], codes), encoding="utf-8")
        loads = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            load_calendars(folder, codes)
            loads.append(time.perf_counter() - start)
    print(f"load_calendars, {EVENTS[-1]:,} events: {statistics.median(loads):.2f} s "
          f"({statistics.median(loads) / EVENTS[-1] * 1e6:.0f} µs per event)")

    baseline = _measure(args.repeat)
    print(f"strict build, the project as it is (baseline): {baseline:.2f} s (median of {args.repeat})")
    _table("strict build, N calendar events", "1k events",
           [(events / 1000, _measure(args.repeat, events=events)) for events in EVENTS], baseline,
           lambda size: f"{size * 1000:,.0f} events")
    _table("strict build, one page of M MB", "MB",
           [(megabytes, _measure(args.repeat, megabytes=megabytes)) for megabytes in MEGABYTES], baseline,
           lambda size: f"{size:g} MB")


if __name__ == "__main__":
    main()
