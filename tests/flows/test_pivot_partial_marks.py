"""The pivot view (``v``) marks the same partial buckets as the grid: today's column header
reads ``2026-11-29*``, and the first day's too when "last 7 days" starts mid-day."""

from __future__ import annotations

from ortui.demo.server import DemoServer
from tests.flows.conftest import demo_app
from tests.pilot import ready_with_result, run


async def test_the_pivot_headers_mark_the_grids_partial_days(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(200, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.grid
        dates = {grid.cell_text(p, 0) for p in range(len(grid.order))}
        marked = {d for d in dates if d.endswith("*")}
        assert marked  # today is still in progress
        grid.focus()
        await pilot.press("v")
        assert grid.pivoted and grid.table is not None
        headers = [c.label for c in grid.table.columns if c.key.startswith("bucket_")]
        assert {h for h in headers if h.endswith("*")} == marked
        assert headers[-1] == max(d.rstrip("*") for d in dates) + "*"
        await pilot.pause()
        header_line = grid.render_line(0).text
        assert all(h in header_line for h in headers[-3:])
