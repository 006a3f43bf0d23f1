"""A result reaches the screen in one frame: grid and chart together, nothing repainted after."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from rich.console import RenderableType
from textual.screen import Screen
from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.results import prepared_grid
from ortui.results.pivot import pivot_table
from ortui.results.table import ResultTable
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets import results_grid
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import HearingPilot, ready, result_shown, run, wait_for

#: Nine series over a year of days: far more points than the pane draws on the UI thread.
YEAR_BY_MODEL = QueryDraft(
    metrics=("total_usage", "request_count"),
    dimensions=("model",),
    granularity="day",
    time=RelativeRange("last_365d"),
)


class Frames:
    """Each frame the app writes, with what the grid and the chart showed when it was written."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.seen: list[tuple[float, object, object]] = []
        app, chart = screen.app, screen.query_one(ChartPane)
        write = app._display

        grid = screen.grid

        def display(screen: Screen[Any], renderable: RenderableType | None) -> None:
            write(screen, renderable)
            drawn = chart._rendered[1] if chart._rendered is not None else None
            self.seen.append((time.monotonic(), grid.table, drawn))

        app._display = display  # type: ignore[method-assign]  # a spy on every frame written


async def f5_frames(pilot: HearingPilot, screen: ExplorerScreen) -> list[tuple[object, object]]:
    """The frames from F5 until 0.4 s after the chart was drawn: (table, chart) in each."""
    for field in screen.query(Input):
        field.cursor_blink = False  # a blinking cursor repaints on its own
    frames = Frames(screen)
    chart = screen.query_one(ChartPane)
    async with result_shown(pilot):
        await pilot.press("f5")
    await wait_for(pilot, lambda: chart._rendered is not None)
    await pilot.pause(0.4)
    return [(table, drawn) for _, table, drawn in frames.seen]


async def test_the_result_is_painted_in_one_frame_with_its_chart(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.builder.load(YEAR_BY_MODEL)
        async with result_shown(pilot):  # the first result (scrollbars appear for good)
            await pilot.press("f5")
        await wait_for(pilot, lambda: screen.query_one(ChartPane)._rendered is not None)
        before = screen.table
        frames = await f5_frames(pilot, screen)
        result = screen.table
        assert result is not None and result is not before
        with_result = [(table, drawn) for table, drawn in frames if table is result]
        assert len(with_result) == 1, f"{len(with_result)} frames after the result arrived"
        assert with_result[0][1] is not None, "the grid was shown before its chart"


async def test_with_the_pivot_view_on_a_result_is_pivoted_in_the_worker(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pivot of a large result takes tens of ms: the run's worker makes it, not the UI."""
    on_ui_thread: list[bool] = []
    pivot = pivot_table

    def recorded(table: ResultTable, metric: str | None) -> ResultTable:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return pivot(table, metric)

    monkeypatch.setattr(prepared_grid, "pivot_table", recorded)
    monkeypatch.setattr(results_grid, "pivot_table", recorded)
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.builder.load(YEAR_BY_MODEL)
        async with result_shown(pilot):
            await pilot.press("f5")
        screen.grid.focus()
        await pilot.press("v")  # the pivot view, pivoted at the key
        assert screen.grid.pivoted and on_ui_thread == [True]
        on_ui_thread.clear()
        async with result_shown(pilot):
            await pilot.press("f5")
        grid = screen.grid
        assert on_ui_thread == [False], "pivoted on the UI thread (or more than once)"
        assert grid.table is not None and grid.source is screen.table
        assert "trend" in [c.key for c in grid.table.columns]  # the pivot, on screen
        assert grid.pivot_metric == screen.state.chart_metric
