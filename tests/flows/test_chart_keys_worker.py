"""``c`` (next metric) and ``K`` (chart kind) make the chart, and with the pivot view on the
pivot, in a worker thread as a run does; keys pressed quickly leave the last choice on screen,
never an earlier one that finished later."""

from __future__ import annotations

import threading
import time

import pytest

from ortui.demo.server import DemoServer
from ortui.results.pivot import pivot_table
from ortui.results.series import ChartData, chart_data
from ortui.results.table import ResultTable
from ortui.screens import chart_flow
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets import results_grid
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import HearingPilot, ready, result_shown, run, wait_for


async def _result(pilot: HearingPilot) -> ExplorerScreen:
    """The default query (spend and requests by model, daily), the grid focused."""
    screen = await ready(pilot)
    async with result_shown(pilot):
        await pilot.press("f5")
    screen.grid.focus()
    return screen


def _plotted(screen: ExplorerScreen) -> tuple[str | None, str]:
    data = screen.query_one(ChartPane).data
    assert data is not None
    return (data.metric.key if data.metric else None), data.kind


def _trend_label(screen: ExplorerScreen) -> str:
    table = screen.grid.table
    assert table is not None
    return next(c.label for c in table.columns if c.key == "trend")


async def test_the_next_metric_is_charted_and_pivoted_off_the_ui_thread(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_ui_thread: list[str] = []

    def charted(table: ResultTable, metric: str | None, **options: object) -> ChartData:
        if threading.current_thread() is threading.main_thread():
            on_ui_thread.append("chart")
        return chart_data(table, metric, **options)  # type: ignore[arg-type]

    def pivoted(table: ResultTable, metric: str | None) -> ResultTable:
        if threading.current_thread() is threading.main_thread():
            on_ui_thread.append("pivot")
        return pivot_table(table, metric)

    monkeypatch.setattr(chart_flow, "chart_data", charted)
    for module in (chart_flow, results_grid):
        monkeypatch.setattr(module, "pivot_table", pivoted, raising=False)
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        await pilot.press("v")  # the pivot view (pivoted at the key, as before)
        assert screen.grid.pivoted and _trend_label(screen) == "Total Usage trend"
        on_ui_thread.clear()
        await pilot.press("c")
        await wait_for(pilot, lambda: _plotted(screen)[0] == "request_count")
        await wait_for(pilot, lambda: _trend_label(screen) == "Request Count trend")
        screen.query_one(ChartPane).focus()  # K is the chart's key
        await pilot.press("K")
        await wait_for(pilot, lambda: _plotted(screen)[1] == "line")
        assert on_ui_thread == [], f"made on the UI thread: {on_ui_thread}"
        assert screen.grid.pivoted and _trend_label(screen) == "Request Count trend"


async def test_keys_pressed_quickly_leave_the_last_choice(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first ``c``'s chart is made slowly: it finishes after the second's, and is dropped."""
    slow = [True]

    def charted(table: ResultTable, metric: str | None, **options: object) -> ChartData:
        if slow and threading.current_thread() is not threading.main_thread():
            slow.clear()
            time.sleep(0.4)
        return chart_data(table, metric, **options)  # type: ignore[arg-type]

    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        await pilot.press("v")
        monkeypatch.setattr(chart_flow, "chart_data", charted)
        await pilot.press("c", "c")  # request_count, then back to total_usage
        screen.query_one(ChartPane).focus()
        await pilot.press("K")  # a line
        await wait_for(pilot, lambda: _plotted(screen) == ("total_usage", "line"))
        await pilot.pause(0.6)  # the slow first one has finished by now
        assert _plotted(screen) == ("total_usage", "line")
        assert screen.state.chart_metric == "total_usage"
        assert _trend_label(screen) == "Total Usage trend"
