"""The explorer in a time zone: the builder says which, rows are local days that add up to the
UTC instants they cover, and the chart plots the same local days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ortui.demo.server import DemoServer
from ortui.query.draft import QueryDraft
from ortui.query.time_range import AbsoluteRange
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.helpers import rows, stamp
from tests.pilot import ready, result_shown, run, status_text, wait_for


async def test_local_days_in_the_grid_and_chart(demo_server: DemoServer) -> None:
    zone = ZoneInfo("Asia/Tokyo")
    first = datetime.now(UTC).date() - timedelta(days=6)
    app = demo_app(demo_server.url, default_timezone="Asia/Tokyo")
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        assert "Time range (Asia/Tokyo)" in str(builder.query_one("#time-label").render())
        builder.load(
            QueryDraft(
                metrics=("request_count",),
                granularity="day",
                time=AbsoluteRange(first.isoformat(), (first + timedelta(days=3)).isoformat()),
            )
        )
        async with result_shown(pilot):
            await pilot.press("f5")
        assert screen.last_request is not None and screen.last_request.granularity == "hour"
        grid = screen.query_one(ResultsGrid)
        days = [first + timedelta(days=n) for n in (2, 1, 0)]
        assert [grid.cell_text(i, 0) for i in range(3)] == [d.isoformat() for d in days]
        for index, day in enumerate(days):
            start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
            utc = rows(
                demo_server.url,
                {
                    "metrics": ["request_count"],
                    "time_range": {"start": stamp(start), "end": stamp(start + timedelta(days=1))},
                },
            )
            assert grid.cell_text(index, 1) == f"{int(utc[0]['request_count']):,}"
        chart = screen.query_one(ChartPane)
        await wait_for(pilot, lambda: chart.data is not None)
        assert chart.data is not None
        times = chart.data.series[0].times
        assert sorted(t.date() for t in times) == sorted(days)
        assert all(t.utcoffset() == timedelta(hours=9) for t in times)
        assert "3 rows" in status_text(screen)
