"""The default "last 7 days" starts mid-day: its first day bucket is partial as well as today's,
and the grid, the chart's axis and legend, and the status line say so."""

from __future__ import annotations

from datetime import datetime

from ortui.charts.render import render
from ortui.demo.server import DemoServer
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import ready, status_text, wait_for


async def test_both_partial_days_are_marked(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
        table, request = screen.table, screen.last_request
        assert table is not None and request is not None and request.time_range is not None
        start = datetime.fromisoformat(request.time_range.start)
        mid_day = (start.hour, start.minute) != (0, 0)
        grid = screen.grid
        dates = {grid.cell_text(p, 0) for p in range(len(grid.order))}
        days = sorted(d.rstrip("*") for d in dates)
        assert f"{days[-1]}*" in dates  # today: still in progress
        assert (f"{days[0]}*" in dates) == mid_day
        assert all(d in (f"{days[0]}*", f"{days[-1]}*") for d in dates if d.endswith("*"))
        assert "* partial: " in status_text(screen)
        chart = screen.query_one(ChartPane).data
        assert chart is not None and chart.partial is not None
        assert (chart.partial_first is not None) == mid_day
        drawn = "\n".join("".join(r.text for r in line) for line in render(chart, 100, 30, False))
        assert f"{days[-1][5:]}*" in drawn
        if mid_day:
            assert f"{days[0][5:]}*" in drawn and "partial: the range covers part of it" in drawn
