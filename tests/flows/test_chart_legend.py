"""The chart's legend in the explorer: whole labels, the rest counted, never past the edge."""

from __future__ import annotations

import pytest

from ortui.demo.server import DemoServer
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.widgets.chart_pane import CHART_KEYS, ChartPane
from tests.chart_text import legend_entries, legend_rows
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run, wait_for

#: Spend by model and key: nine series (eight and Other) with long labels.
BY_MODEL_AND_KEY = QueryDraft(
    metrics=("total_usage",),
    dimensions=("model", "api_key_id"),
    granularity="day",
    time=RelativeRange("last_30d"),
)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("kind", ["stacked", "line"])
async def test_the_legend_shows_whole_labels_and_counts_the_rest(
    demo_server: DemoServer, size: tuple[int, int], kind: str
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=size) as pilot:
        screen = await ready(pilot)
        screen.builder.load(BY_MODEL_AND_KEY)
        async with result_shown(pilot):
            await pilot.press("f5")
        chart = screen.query_one(ChartPane)
        if kind == "line":
            chart.focus()
            await pilot.press(CHART_KEYS["kind"])
        await wait_for(
            pilot,
            lambda: (
                chart.data is not None
                and chart.data.kind == kind
                and chart._rendered is not None
                and chart._rendered[0][:2] == tuple(chart.content_size)
            ),
        )
        assert chart.data is not None and chart._rendered is not None
        labels = [series.label for series in chart.data.series]
        assert len(labels) == 9 and labels[-1].startswith("Other")
        text = chart._rendered[1].plain
        width = chart.content_size.width
        rows = legend_rows(text)
        shown, more = legend_entries(rows, labels)
        assert all(len(line.rstrip()) <= width for line in text.split("\n")), text
        assert "…" not in "".join(rows), f"a label cut short\n{text}"
        assert shown and shown == labels[: len(shown)], f"the largest series first\n{text}"
        assert len(shown) + more == len(labels), f"{len(shown)} shown, {more} counted\n{text}"
