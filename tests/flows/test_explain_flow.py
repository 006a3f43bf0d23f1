"""Explain from the explorer: progress, the groups of each dimension on screen (reconciling to
the total), Enter explains a group (breadcrumb), Backspace restores without a request."""

from __future__ import annotations

from textual.worker import Worker

from ortui.demo.server import DemoServer
from ortui.screens.explain import ExplainScreen
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import ready, ready_with_result, run, sent_queries, worker_ended


async def test_w_explains_the_plotted_metric_and_drills_into_a_group(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        explorer = await ready_with_result(pilot)
        explorer.grid.focus()
        await pilot.press("w")
        screen = await pilot.shown(ExplainScreen)
        await pilot.worker_done(screen, "explain")
        explanation = screen.level.explanation
        assert explanation is not None and explanation.metric == "total_usage"
        assert list(explanation.by) == ["model", "api_key_id", "provider", "app", "user"]
        grid = screen.query_one(ResultsGrid)
        title = str(screen.query_one("#explain-title").render())
        assert title.startswith("Total Usage: $") and " vs $" in title
        groups = explanation.by["model"].groups
        assert grid.table is not None and grid.table.row_count == len(groups)
        assert [grid.cell_text(i, 0) for i in range(len(groups))] == [g.value for g in groups]
        assert explanation.change is not None
        assert abs(sum(g.change for g in groups) - explanation.change) < 1e-6
        await pilot.press("d")
        assert grid.cell_text(0, 0) == explanation.by["api_key_id"].groups[0].value
        await pilot.press("d", "d", "d", "d")  # around to model again
        top = groups[0].value
        sent = sent_queries(screen)
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "explain")):
            await pilot.press("enter")
        assert len(screen.levels) == 2
        assert screen.query_one(Breadcrumb).plain == f"model = {top}"
        inner = screen.level.explanation
        assert inner is not None and "model" not in inner.by
        assert inner.current.total == groups[0].current
        assert all(f.field == "model" and f.value == top for r in sent for f in r.filters or [])
        assert len(sent) == 2 * (1 + 4)
        await pilot.press("backspace")
        await pilot.pause()
        assert len(sent) == 10 and len(screen.levels) == 1
        assert grid.cell_text(0, 0) == top
        assert screen.query_one(Breadcrumb).has_class("hidden")
        await pilot.press("escape")
        await pilot.back_to(explorer)


async def test_percentile_explanation_says_it_cannot_be_split(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 30)) as pilot:
        explorer = await ready(pilot)
        explorer.state.chart_metric = "p90_latency"
        explorer.grid.focus()
        await pilot.press("w")
        screen = await pilot.shown(ExplainScreen)
        await pilot.worker_done(screen, "explain")
        note = str(screen.query_one("#explain-note").render())
        assert "percentile: it cannot be decomposed" in note


async def test_explain_grid_copies_and_offers_no_dead_find_or_export(
    demo_server: DemoServer,
) -> None:
    """The explain screen's grid shows only keys that do something there: y copies the group
    (OSC 52, as in the explorer); / and e (the explorer's find bar and export) are not offered."""
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        explorer = await ready_with_result(pilot)
        explorer.grid.focus()
        await pilot.press("w")
        screen = await pilot.shown(ExplainScreen)
        await pilot.worker_done(screen, "explain")
        assert screen.level.explanation is not None
        grid = screen.query_one(ResultsGrid)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == grid.cell_text(0, 0)
        shown = {b.action for _n, b, enabled, _t in screen.active_bindings.values() if enabled}
        assert "copy('cell')" in shown and not {"find", "export"} & shown
        await pilot.press("e", "slash")
        await pilot.pause()
        assert app.screen is screen
