"""The grid and the chart legend show an unset key as ``(unset)``, as explain does."""

from __future__ import annotations

from ortui.demo.server import DemoServer
from ortui.query.draft import default_draft
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run


async def test_grid_and_legend_say_unset(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.meta is not None
        draft = default_draft(screen.meta).with_changes(
            dimensions=("api_key_id",), granularity=None
        )
        screen.builder.load(draft)
        async with result_shown(pilot):
            await pilot.press("f5")
        grid = screen.grid
        keys = [grid.cell_text(p, 0) for p in range(len(grid.order))]
        assert "(unset)" in keys and "null" not in keys
        row = keys.index("(unset)")
        assert "(unset)" in grid.render_line(row + 1).text
        chart = screen.query_one(ChartPane).data
        assert chart is not None and "(unset)" in [label for label, _ in chart.bars]
