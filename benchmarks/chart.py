"""Charts: F5 → grid and chart painted, minus the server's own time, at 1,000 and 10,000 rows;
the longest stall of the UI loop while a chart draws; the renderer alone vs plotext (the
library the explorer used before) on the same series, all in one run.

The server's time is subtracted per run, as the server spent it in that run: the query's
``query_time_ms`` when it computed the answer, nothing when it answered from its cache (the
reply says so with ``cachedAt``; its ``query_time_ms`` is then the original computation's,
which did not happen in this run). The time range is fixed when the benchmark starts, so the
request is the same every run: a first, uncounted run per size has the simulator compute and
cache the answer, and the counted runs time everything ortui does from the key to the frame
(plus the loopback transfer of the body). The first run's figure is listed as well.

    python benchmarks/chart.py            # prints the table
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Result, median
from benchmarks.tui import HEAVY, _run_once, _wait, demo_explorer
from ortui.charts.render import render
from ortui.demo.dataset import DEFAULT_SIZE
from ortui.query.draft import QueryDraft
from ortui.query.time_range import AbsoluteRange, resolve
from ortui.results.series import ChartData, chart_data
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.chart_pane import ChartPane

BARS = {1_000: 60.0, 10_000: 120.0}


def _plotext(data: ChartData, width: int, height: int) -> None:
    """The explorer's former drawing: one plotext signal per series, built to a string."""
    from plotext._kernel.terminal import terminal

    term = terminal()
    term.limit(False, False)
    figure = term._master
    figure._set_size(width, height)
    figure.date(0).activate(form="%Y-%m-%d", zone=0)
    for series in data.series:
        figure.draw(
            figure.signal(
                [t.strftime("%Y-%m-%d") for t in series.times], series.values, marker="•"
            ).lines(True)
        )
    figure.build().string(colorless=False)


async def _chart_stall(pilot: Any, screen: ExplorerScreen, data: ChartData) -> float:
    """Longest gap of a 5 ms heartbeat on the UI loop while the pane draws ``data``."""
    chart = screen.query_one("#chart", ChartPane)
    chart.set_data(None)
    await pilot.pause()
    stall, done = 0.0, False

    async def heartbeat() -> None:
        nonlocal stall
        while not done:
            tick = time.perf_counter()
            await asyncio.sleep(0.005)
            stall = max(stall, time.perf_counter() - tick - 0.005)

    beat = asyncio.create_task(heartbeat())
    chart.set_data(data)
    await _wait(pilot, lambda: chart._rendered is not None)
    await asyncio.sleep(0.02)
    done = True
    await beat
    return stall * 1000


def _fixed_draft(limit: int) -> QueryDraft:
    """The heavy query over the same 365 days every run (to the second, as sent)."""
    start, end = resolve(HEAVY.time)
    fixed = AbsoluteRange(f"{start:%Y-%m-%d %H:%M:%S}", f"{end:%Y-%m-%d %H:%M:%S}")
    return HEAVY.with_changes(limit=limit, time=fixed)


async def _timed_run(pilot: Any, screen: ExplorerScreen, draft: QueryDraft) -> dict[str, float]:
    """One F5; ``server_ms`` is what the server spent on this run's query (0 when cached)."""
    run = await _run_once(pilot, screen, draft)
    assert screen.table is not None
    cached = screen.table.cached_at is not None
    return {**run, "server_ms": 0.0 if cached else run["server_ms"], "cached": float(cached)}


async def measure(size: int, repeat: int) -> list[Result]:
    results: list[Result] = []
    async with demo_explorer(size) as (pilot, screen):
        for limit in BARS:
            draft = _fixed_draft(limit)
            first = await _timed_run(pilot, screen, draft)
            runs = [await _timed_run(pilot, screen, draft) for _ in range(repeat)]
            results += _run_results(first, runs, limit)
            assert screen.table is not None
            data = chart_data(screen.table, None, kind="line")
            stalls = [await _chart_stall(pilot, screen, data) for _ in range(repeat)]
            results.append(
                Result(
                    f"longest UI stall while the chart draws, {limit:,} rows",
                    max(stalls),
                    "ms",
                    bar="≤ 16 ms",
                    ok=max(stalls) <= 16,
                )
            )
            results += _renderer_results(data, limit, repeat)
    return results


def _run_results(first: dict[str, float], runs: list[dict[str, float]], limit: int) -> list[Result]:
    client_side = median([r["total_ms"] - r["server_ms"] for r in runs])
    cached = sum(int(r["cached"]) for r in runs)
    return [
        Result(
            f"F5 → grid and chart painted minus server time, {limit:,} rows (median of "
            f"{len(runs)}, {cached} answered from the server's cache)",
            client_side,
            "ms",
            first["server_ms"],
            "server query time, first run",
            f"≤ {BARS[limit]:.0f} ms",
            client_side <= BARS[limit],
        ),
        Result(
            f"  first run (the server computes: its JSON and transfer count), {limit:,} rows",
            first["total_ms"] - first["server_ms"],
            "ms",
        ),
        Result(
            f"  decoded → grid and chart painted, {limit:,} rows",
            median([r["chart_ms"] for r in runs]),
            "ms",
        ),
    ]


def _renderer_results(data: ChartData, limit: int, repeat: int) -> list[Result]:
    ours, theirs = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        render(data, 78, 16, True)
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _plotext(data, 78, 16)
        theirs.append((time.perf_counter() - started) * 1000)
    return [
        Result(
            f"  line chart drawn (ortui.charts), {len(data.series)} series from {limit:,} rows",
            statistics.median(ours),
            "ms",
            statistics.median(theirs),
            "plotext, same series",
        )
    ]


def run(size: int = DEFAULT_SIZE, repeat: int = 5) -> list[Result]:
    return asyncio.run(measure(size, repeat))


def main() -> None:
    from benchmarks.common import machine, table

    print(machine())
    print(table(run()))


if __name__ == "__main__":
    main()
