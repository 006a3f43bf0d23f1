"""At 120×40 with the builder open every metric header is whole: dimension values give way
first (down to a few characters) before a metric column is cut at the pane's edge."""

from __future__ import annotations

import pytest

from ortui.demo.server import DemoServer
from ortui.query.draft import default_draft
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run

QUERIES: list[dict[str, object]] = [
    {},
    {"dimensions": ("model", "api_key_id")},
    {
        "metrics": ("total_usage", "request_count", "cache_hit_rate"),
        "dimensions": ("model", "provider"),
    },
    {
        "metrics": ("total_usage", "request_count", "avg_latency"),
        "dimensions": ("model", "provider"),
        "granularity": None,
    },
]


@pytest.mark.parametrize("change", QUERIES)
async def test_every_metric_header_is_whole_with_the_builder_open(
    demo_server: DemoServer, change: dict[str, object]
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.meta is not None
        screen.builder.load(default_draft(screen.meta).with_changes(**change))
        await pilot.pause()
        async with result_shown(pilot):
            await pilot.press("f5")
        grid = screen.query_one(ResultsGrid)
        assert not screen.builder.has_class("collapsed") and screen.builder.size.width > 30
        assert grid.table is not None
        shown = grid.render_line(0).text
        metrics = [c.label for c in grid.table.columns if c.kind == "metric"]
        assert len(metrics) == len(screen.builder.draft.metrics)
        for label in metrics:
            assert f" {label} " in shown, (label, shown)
