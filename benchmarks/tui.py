"""The explorer under load, in-process against the demo simulator over loopback HTTP.

- run → visible for 1,000 and 10,000 rows (server time reported separately), and the
  longest stall of the UI event loop while the result loads (bar: < 100 ms);
- keystrokes in the builder (typing in the metric search, toggling a metric, opening the filter
  editor) vs typing in a minimal app's Input: median and p95 (bar: p95 ≤ 16 ms);
- memory: resident size after 10,000 rows and after 50 more runs;
- grid: time per page-down through 10,000 rows.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.widgets import Input

from benchmarks.common import Result, median, percentile
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from ortui.demo.dataset import DEFAULT_SIZE
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.results.prepared_grid import PreparedGrid
from ortui.results.table import ResultTable
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.ordered_picker import OrderedPicker
from ortui.widgets.status_line import StatusLine

HEAVY = QueryDraft(
    metrics=(
        "total_usage",
        "request_count",
        "tokens_total",
        "cache_hit_rate",
        "blended_cost_per_million_tokens",
    ),
    dimensions=("model", "api_key_id"),
    granularity="day",
    time=RelativeRange("last_365d"),
)
TYPED = "tokens"


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    import resource

    return pages * resource.getpagesize() / 1e6


async def _wait(pilot: Any, condition: Any, timeout: float = 60) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        screen = pilot.app.screen
        if isinstance(screen, ExplorerScreen) and "error" in screen.status.classes:
            raise RuntimeError(f"the query failed: {screen.status.render()}")
        if time.perf_counter() > deadline:
            where = (
                pilot.app.screen.query_one(StatusLine).render()
                if isinstance(pilot.app.screen, ExplorerScreen)
                else type(pilot.app.screen).__name__
            )
            raise TimeoutError(f"benchmark condition not met (status: {where})")
        await asyncio.sleep(0.002)


async def _run_once(pilot: Any, screen: ExplorerScreen, draft: QueryDraft) -> dict[str, float]:
    screen.builder.load(draft)
    # Blank the result first: an identical re-run would otherwise repaint nothing, and the
    # paint clock would wait for a frame that never comes.
    screen.state.table = None
    screen.grid.set_table(None)
    screen.query_one("#chart", ChartPane).set_data(None)
    await pilot.pause()
    await _settled(screen.app)
    stall = 0.0
    done = False

    async def watch_loop() -> None:
        nonlocal stall
        while not done:
            tick = time.perf_counter()
            await asyncio.sleep(0.005)
            stall = max(stall, time.perf_counter() - tick - 0.005)

    watcher = asyncio.create_task(watch_loop())
    clock = PaintClock(screen.app)
    chart = screen.query_one("#chart", ChartPane)
    grid = screen.grid
    shown: list[float] = []
    set_table = grid.set_table

    def timed_set_table(table: ResultTable | None, prepared: PreparedGrid | None = None) -> None:
        shown.append(time.perf_counter())  # the decoded result reaches the UI thread
        set_table(table, prepared)

    grid.set_table = timed_set_table  # type: ignore[method-assign]  # times the result's arrival
    started = time.perf_counter()
    await pilot.press("f5")
    await _wait(pilot, lambda: bool(shown))
    decoded = shown[0]
    await _wait(pilot, lambda: any(p > decoded for p in clock.paints))
    grid.set_table = set_table  # type: ignore[method-assign]  # the spy removed
    grid_painted = min(p for p in clock.paints if p > decoded)
    await _wait(pilot, lambda: chart._rendered is not None)
    await asyncio.sleep(0.05)  # the repaint that shows the chart, then quiet
    painted = max(clock.paints)
    done = True
    await watcher
    clock.detach()
    assert screen.table is not None
    return {
        "rows": screen.table.row_count,
        "total_ms": (painted - started) * 1000,
        "server_ms": screen.table.query_time_ms,
        "grid_ms": (grid_painted - decoded) * 1000,
        "chart_ms": (painted - decoded) * 1000,
        "stall_ms": stall * 1000,
    }


async def _settled(app: App[Any], quiet: float = 0.05, limit: float = 2.0) -> None:
    """Until no frame came for ``quiet`` seconds: the set-up above (the builder reloaded, the
    result blanked) paints over several frames, and F5 is pressed once that is done, as a
    person's would be, so its frames are not counted as the run's."""
    clock = PaintClock(app)
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < limit:
            last = clock.paints[-1] if clock.paints else started
            if time.perf_counter() - last >= quiet:
                return
            await asyncio.sleep(0.005)
    finally:
        clock.detach()


class PaintClock:
    """Timestamps every screen update the app writes, to time a key until its last repaint."""

    def __init__(self, app: App[Any]) -> None:
        self.paints: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            self.paints.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]  # a clock on every frame
        self.app = app
        self._original = original

    def detach(self) -> None:
        self.app._display = self._original  # type: ignore[method-assign]  # the clock removed

    async def press(
        self,
        key: str,
        quiet: float = 0.08,
        until: Callable[[], bool] | None = None,
        limit: float = 10.0,
    ) -> float:
        """Milliseconds from the key event to the last repaint it caused: waits until
        ``until()`` holds (a dialog is up), then until no frame came for ``quiet`` seconds."""
        from textual import events

        char = {"space": " "}.get(key, key if len(key) == 1 else None)
        self.paints.clear()
        started = time.perf_counter()
        self.app._driver.send_message(events.Key(key, char))  # type: ignore[union-attr]  # running
        deadline = started + limit
        while until is not None and not until():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{key!r}: the expected screen did not come up")
            await asyncio.sleep(0.002)
        while time.perf_counter() < deadline:
            last = self.paints[-1] if self.paints else started
            if time.perf_counter() - last >= quiet:
                break
            await asyncio.sleep(0.005)
        after = [p for p in self.paints if p >= started]
        return (max(after) - started) * 1000 if after else 0.0


def _no_blink() -> None:
    """Cursor blinking repaints on its own; keep it out of keystroke timings."""
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]  # no blink


async def _keystrokes(pilot: Any, screen: ExplorerScreen) -> dict[str, list[float]]:
    """Times per kind of key: typing in the metric search, toggling metrics, opening and
    closing the filter editor (the first opening builds it and counts like any other)."""
    kinds: dict[str, list[float]] = {"search": [], "toggle": [], "filter editor": []}
    clock = PaintClock(screen.app)
    app = screen.app
    screen.query_one("#metrics").query_one(Input).focus()
    await pilot.pause(0.1)  # moving focus is set-up, not a keystroke: let it paint first
    for _ in range(3):
        for key in [*TYPED, *["backspace"] * len(TYPED)]:
            kinds["search"].append(await clock.press(key))
    listing = screen.query_one("#metrics", OrderedPicker).selection_list
    listing.focus()
    await pilot.press("down")
    await pilot.pause(0.1)
    for _ in range(6):
        kinds["toggle"].append(await clock.press("space"))
    screen.query_one("#filters").focus()
    await pilot.pause(0.1)
    for _ in range(3):
        kinds["filter editor"].append(  # up = mounted and its value box focused
            await clock.press(
                "a", until=lambda: app.screen is not screen and app.screen.focused is not None
            )
        )
        kinds["filter editor"].append(
            await clock.press("escape", until=lambda: app.screen is screen)
        )
    return kinds


class _Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def _baseline_keystrokes() -> list[float]:
    app = _Minimal()
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock = PaintClock(pilot.app)
        for _ in range(3):
            for key in [*TYPED, *["backspace"] * len(TYPED)]:
                times.append(await clock.press(key))
    return times


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(size: int) -> tuple[Any, str]:
    """The simulator in its own process, so memory figures are ortui's alone."""
    import os
    import subprocess

    port = _free_port()
    root = str(Path(__file__).resolve().parent.parent)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ortui",
            "demo-server",
            "--port",
            str(port),
            "--size",
            str(size),
            "--rpm",
            "1000000",
            "--quiet",
        ],
        env={**os.environ, "PYTHONPATH": root},
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v1"
    import httpx

    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        try:
            httpx.get(url + "/analytics/meta", headers={"Authorization": "Bearer x"})
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise TimeoutError("the demo server did not start")


@asynccontextmanager
async def demo_explorer(size: int) -> AsyncIterator[tuple[Any, ExplorerScreen]]:
    """The explorer on a simulator of ``size`` generations (in its own process, so memory
    figures are ortui's alone), at 120x40, meta loaded, no cursor blink (a blinking cursor
    would count as a frame): where every TUI benchmark starts. The server ends with it."""
    _no_blink()
    server, url = _start_server(size)
    client = AnalyticsClient(
        Secret("sk-or-v1-bench-key-0000"), ClientConfig(base_url=url, retry=NO_RETRY)
    )
    app = OrtuiApp(client, server_label="demo", key_label="bench")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _wait(
                pilot,
                lambda: isinstance(app.screen, ExplorerScreen) and app.screen.meta is not None,
            )
            screen = app.screen
            assert isinstance(screen, ExplorerScreen)
            yield pilot, screen
    finally:
        server.kill()
        server.wait()


async def measure(size: int, runs: int) -> list[Result]:
    results: list[Result] = []
    async with demo_explorer(size) as (pilot, screen):
        rss_before = rss_mb()
        for limit in (1000, 10_000):
            r = await _run_once(pilot, screen, HEAVY.with_changes(limit=limit))
            n = int(r["rows"])
            results += [
                Result(
                    f"F5 → grid and chart painted, {n:,} rows",
                    r["total_ms"],
                    "ms",
                    r["server_ms"],
                    "server query time",
                ),
                Result(
                    f"decoded → grid painted, {n:,} rows",
                    r["grid_ms"],
                    "ms",
                    bar="≤ 150 ms",
                    ok=r["grid_ms"] <= 150,
                ),
                Result(
                    f"decoded → chart painted (drawn in a thread), {n:,} rows",
                    r["chart_ms"],
                    "ms",
                ),
                Result(
                    f"longest UI stall while loading {n:,} rows",
                    r["stall_ms"],
                    "ms",
                    bar="< 100 ms",
                    ok=r["stall_ms"] < 100,
                ),
            ]
        rss_after = rss_mb()
        keys = await _keystrokes(pilot, screen)
        for _ in range(runs):
            await _run_once(pilot, screen, HEAVY.with_changes(limit=10_000))
        rss_runs = rss_mb()
        screen.grid.focus()
        await pilot.pause()
        clock = PaintClock(pilot.app)
        pages = [await clock.press("pagedown", 0.05) for _ in range(40)]
    base = await _baseline_keystrokes()
    every = [t for times in keys.values() for t in times]
    results += [
        Result(
            f"keystroke in builder ({len(every)} keys), median",
            median(every),
            "ms",
            median(base),
            "minimal Input",
        ),
        Result(
            f"keystroke in builder ({len(every)} keys), p95",
            percentile(every, 0.95),
            "ms",
            percentile(base, 0.95),
            "minimal Input",
            "≤ 16 ms",
            percentile(every, 0.95) <= 16,
        ),
        *[
            Result(
                f"  {kind} ({len(times)} keys): median / max {max(times):.0f} ms",
                median(times),
                "ms",
            )
            for kind, times in keys.items()
        ],
        Result("resident memory after 10,000 rows", rss_after, "MB"),
        Result(
            f"resident memory after {runs} more runs",
            rss_runs,
            "MB",
            rss_after,
            "after the first 10,000 rows",
            f"grows ≤ one result ({rss_after - rss_before:.0f} MB)",
            rss_runs - rss_after <= rss_after - rss_before,
        ),
        Result(
            "grid page-down through 10,000 rows, median",
            median(pages),
            "ms",
            bar="≤ 16 ms",
            ok=median(pages) <= 16,
        ),
    ]
    return results


def run(size: int = DEFAULT_SIZE, runs: int = 50) -> list[Result]:
    return asyncio.run(measure(size, runs))


def main() -> None:
    from benchmarks.common import table

    print(table(run()))


if __name__ == "__main__":
    main()
