"""Compare in the explorer: ``p`` adds previous, Δ and Δ% columns checked against raw queries;
``p`` again restores the plain result without a request."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import msgspec
import pytest
from textual.worker import Worker

from ortui.demo.server import DemoServer
from ortui.query.time_range import format_wire
from ortui.results.formatting import format_metric
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.helpers import rows
from tests.pilot import ready, result_shown, run, sent_queries, status_text, wait_for, worker_ended


async def test_p_compares_with_the_previous_period_and_back(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(160, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        plain = result.message.table
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        sent = sent_queries(screen)
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "compare")):
            await pilot.press("p")
        assert grid.table is not None and grid.table is not plain
        assert len(sent) == 1  # only the earlier window; the shown result is reused
        comparison = screen.compare.comparison
        assert comparison is not None
        body = json.loads(msgspec.json.encode(screen.last_request))
        start, end = comparison.previous
        assert end - start == timedelta(days=7) and format_wire(end) == body["time_range"]["start"]
        earlier = rows(
            demo_server.url,
            {**body, "time_range": {"start": format_wire(start), "end": format_wire(end)}},
        )
        table = grid.table
        assert table is not None
        keys = [c.key for c in table.columns]
        labels = [c.label for c in table.columns]
        assert "Total Usage Δ" in labels and "Total Usage Δ%" in labels
        previous = keys.index("total_usage__previous")
        delta = keys.index("total_usage__delta")
        then = {(r["date__day"], r["model"]): r["total_usage"] for r in earlier}
        checked = 0
        for position in range(table.row_count):
            day, model = grid.cell_text(position, 0), grid.cell_text(position, 1)
            bucket = table.columns[0].values[position]
            assert isinstance(bucket, datetime)
            shifted = (bucket - timedelta(days=7)).strftime("%Y-%m-%d")
            if (shifted, model) in then and grid.cell_text(position, 2) != "—":
                assert grid.cell_text(position, previous) == format_metric(
                    then[(shifted, model)], "currency"
                )
                now = table.columns[2].values[position]
                assert isinstance(now, float)
                assert table.columns[delta].values[position] == round(
                    now - then[(shifted, model)], 9
                )
                assert grid.cell_text(position, delta)[0] in "+-±"
                checked += 1
            assert day
        assert checked > 10
        assert "compared with the previous period" in status_text(screen)
        chart = screen.query_one(ChartPane)
        assert chart.data is not None and chart.data.previous
        overlay = sum(v for series in chart.data.previous for v in series.values)
        earlier_total = sum(v for v in table.columns[previous].values if isinstance(v, int | float))
        assert overlay == pytest.approx(earlier_total)  # every group, "Other" included
        labels = [s.label for s in chart.data.series if not s.is_other]
        assert [s.label for s in chart.data.previous if not s.is_other] == [
            label for label in labels if any(m == label for (_, m) in then)
        ]
        await wait_for(pilot, lambda: "previous period" in str(chart.render()))
        await pilot.press("p")
        await pilot.pause()
        assert grid.table is plain and len(sent) == 1
        assert chart.data is not None and chart.data.previous == []
        assert "Compare off" in status_text(screen)
