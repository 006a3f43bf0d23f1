"""The bar chart's note names the range the query asked for (the builder's "Last 30 days" as
UTC instants), not the first and last day that happen to have data."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from ortui.demo.server import DemoServer
from ortui.query.time_range import parse_utc
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run


@pytest.mark.parametrize("granularity", ["__none__", "day"])
async def test_bar_note_names_the_query_range(demo_server: DemoServer, granularity: str) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#granularity", Select).value = granularity
        screen.query_one("#time", Select).value = "last_30d"
        await pilot.pause()
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        if granularity == "day":
            screen.state.chart_kind = "bar"
            screen.charts.redraw()
        await pilot.pause()
        sent = result.message.request.time_range
        assert sent is not None
        start, end = parse_utc(sent.start), parse_utc(sent.end)
        assert (end - start).days == 30
        note = f"Totals over {start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M} UTC."
        pane = screen.query_one(ChartPane)
        assert pane.data is not None and pane.data.kind == "bar"
        shown = " ".join(str(pane.render()).split())
        assert note in shown, shown[-200:]
