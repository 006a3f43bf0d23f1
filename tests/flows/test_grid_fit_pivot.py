"""The grid fits its columns to the screen, and pivots a time series: a row per model."""

from __future__ import annotations

from datetime import datetime

from textual.notifications import Notify

from ortui.demo.server import DemoServer
from ortui.results.formatting import format_metric
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.helpers import time_values, values
from tests.pilot import ready, ready_with_result, result_shown, run


def header(grid: ResultsGrid) -> str:
    return "".join(segment.text for segment in grid.render_line(0))


async def test_metric_columns_stay_visible_and_long_names_give_way(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.query_one(ResultsGrid)
        shown = header(grid)
        assert "Total Usage" in shown and "Request Count" in shown, shown
        assert sum(w + 2 for w in grid.widths) <= grid.size.width
        line = "".join(s.text for s in grid.render_line(1))
        assert line.rstrip().endswith(grid.cell_text(0, 3))  # numbers right-aligned, in view


async def test_pivot_view_of_a_daily_query(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(160, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        grid = screen.query_one(ResultsGrid)
        raw = result.message.table
        assert grid.table is raw and screen.table is raw
        grid.focus()
        await pilot.press("v")
        table = grid.table
        assert table is not None and grid.pivoted
        labels = [c.label for c in table.columns]
        assert labels[:3] == ["Model", "Total Usage trend", "Total"]
        days = sorted({t for t in time_values(raw) if isinstance(t, datetime)})
        assert len(labels) == 3 + len(days)
        expected: dict[str, float] = {}
        for model, spend in zip(values(raw, "model"), values(raw, "total_usage"), strict=True):
            assert isinstance(model, str) and isinstance(spend, float)
            expected[model] = expected.get(model, 0.0) + spend
        assert table.row_count == len(expected)
        top = max(expected, key=lambda k: expected[k])
        assert grid.cell_text(0, 0) == top
        assert grid.cell_text(0, 2) == format_metric(expected[top], "currency")
        spark = grid.cell_text(0, 1)
        assert len(spark) == len(days) and set(spark) <= set("▁▂▃▄▅▆▇█")
        grid.move_cursor(0, 2)
        await pilot.press("s", "s")  # smallest total first
        assert grid.cell_text(0, 0) == min(expected, key=lambda k: expected[k])
        await pilot.press("v")
        assert not grid.pivoted and grid.table is raw


async def test_pivot_needs_buckets(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.builder
        builder.load(builder.draft.with_changes(granularity=None))
        async with result_shown(pilot):
            await pilot.press("f5")
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        async with pilot.expect(Notify) as note:
            await pilot.press("v")
        assert not grid.pivoted
        assert "needs a time series" in note.message.notification.message
