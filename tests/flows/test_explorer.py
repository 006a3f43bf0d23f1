"""Whole user journeys in the explorer, driven with Pilot over real loopback HTTP."""

from __future__ import annotations

import json
from typing import Any

import httpx
import msgspec
from textual.worker import Worker, WorkerState

from ortui.demo.server import DemoServer
from ortui.query.draft import FilterDraft
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.ordered_picker import OrderedPicker
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid
from tests.conftest import ServerFactory
from tests.flows.conftest import demo_app, meta_then, mock_app
from tests.helpers import post
from tests.pilot import ready, result_shown, run, run_failed, status_text, wait_for, worker_ended


async def test_build_from_keyboard_run_and_see_exact_rows_and_series(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        assert builder.draft.metrics == ("total_usage", "request_count")
        # metrics: drop Total Usage, add Cache Hit Rate, by typing in the search box
        await pilot.press(*"total usage", "enter", "ctrl+u", *"cache hit rate", "enter")
        assert builder.draft.metrics == ("request_count", "cache_hit_rate")
        # a filter: focus the filter list, add one, type two models for `in`
        builder.query_one("#filters").focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("shift+tab")  # values → operator (include unset is disabled for eq)
        await pilot.press("enter", *"in", "enter")
        await pilot.press("tab", "ctrl+u", *"openai/gpt-4o, anthropic/claude-sonnet-4", "enter")
        await pilot.pause()
        assert [(f.field, f.operator, f.values) for f in builder.draft.filters] == [
            ("model", "in", ("openai/gpt-4o", "anthropic/claude-sonnet-4"))
        ]
        assert builder.draft.granularity == "day" and builder.draft.dimensions == ("model",)
        async with result_shown(pilot):
            await pilot.press("f5")
        sent = json.loads(msgspec.json.encode(screen.last_request))
        expected = post(demo_server.url, sent).json()["data"]["data"]
        grid = screen.query_one(ResultsGrid)
        assert grid.table is not None and grid.table.row_count == len(expected) > 0
        assert [grid.cell_text(i, 1) for i in range(len(expected))] == [
            r["model"] for r in expected
        ]
        assert grid.cell_text(0, 2) == f"{int(expected[0]['request_count']):,}"
        chart = screen.query_one(ChartPane)
        assert chart.data is not None and chart.data.kind == "stacked"  # additive: auto stacks
        assert {s.label for s in chart.data.series} == {
            "openai/gpt-4o",
            "anthropic/claude-sonnet-4",
        }
        assert f"{len(expected):,} rows" in status_text(screen)


async def test_escape_cancels_a_slow_query_and_keeps_the_builder(
    make_server: ServerFactory,
) -> None:
    server = make_server(latency_ms=1500)
    app = demo_app(server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.query_one(QueryBuilder).draft
        await pilot.press("f5")
        await wait_for(pilot, lambda: "Running" in status_text(screen))
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "query")) as ended:
            await pilot.press("escape")
        assert ended.message.state == WorkerState.CANCELLED
        assert "Cancelled" in status_text(screen)
        assert screen.query_one(QueryBuilder).draft == before and screen.table is None


async def error_flow(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[str, str, dict[str, tuple[bool, str]]]:
    seen: list[dict[str, Any]] = []
    app = mock_app(meta_then(lambda r: httpx.Response(status, json=body, headers=headers), seen))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.query_one(QueryBuilder).draft
        async with run_failed(pilot):
            await pilot.press("f5")
        assert "error" in screen.status.classes
        assert screen.query_one(QueryBuilder).draft == before
        panel = str(screen.query_one("#error").render())
        errors = {
            w.id or "": ("shown" in w.classes, str(w.render()))
            for w in screen.query(".field-error")
        }
        return panel, status_text(screen), errors


def envelope(status: int, message: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message}}


async def test_400_shows_the_server_message_next_to_the_field() -> None:
    panel, _, fields = await error_flow(400, envelope(400, "granularity: not for you"))
    assert "Query rejected" in panel and "granularity: not for you" in panel
    shown, text = fields["err-granularity"]
    assert shown and "not for you" in text


async def test_401_and_403_lead_to_key_guidance() -> None:
    panel, _, _ = await error_flow(401, envelope(401, "Missing Authentication header"))
    assert "management key" in panel and "ctrl+k" in panel
    panel, _, _ = await error_flow(403, envelope(403, "Only management keys"))
    assert "not a management key" in panel and "settings/management-keys" in panel


async def test_408_suggests_narrowing() -> None:
    panel, _, _ = await error_flow(408, envelope(408, "timeout"))
    assert "Narrow the time range" in panel


async def test_429_shows_the_wait() -> None:
    panel, _, _ = await error_flow(429, envelope(429, "slow"), {"Retry-After": "42"})
    assert "42 s" in panel


async def test_network_failure_offers_retry() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    app = mock_app(meta_then(refuse))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        async with run_failed(pilot):
            await pilot.press("f5")
        assert "error" in screen.status.classes
        panel = str(screen.query_one("#error").render())
        assert "Could not reach the server" in panel and "F5 to retry" in panel
        assert "Traceback" not in panel


async def test_invalid_builder_input_is_explained_and_nothing_is_sent() -> None:
    seen: list[dict[str, Any]] = []
    app = mock_app(meta_then(lambda r: httpx.Response(500), seen))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#limit").focus()
        await pilot.press(*"20000")
        await pilot.press("f5")
        await pilot.pause()
        assert "Can't run: Limit must be between 1 and 10,000" in status_text(screen)
        assert "shown" in screen.query_one("#err-limit").classes
        assert seen == []


UNFAMILIAR_META = {
    "data": {
        "metrics": [
            {
                "name": "joules",
                "display_label": "Energy",
                "is_rate": False,
                "display_format": "energy",
            },
            {
                "name": "smiles",
                "display_label": "Smiles per Hour",
                "is_rate": True,
                "display_format": "vibes",
            },
        ],
        "dimensions": [{"name": "planet", "display_label": "Planet"}],
        "operators": [{"name": "near", "value_type": "scalar"}],
        "granularities": [{"name": "fortnight", "display_label": "Fortnight"}],
    }
}


async def test_unfamiliar_meta_is_shown_and_builds_correct_requests() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/meta"):
            return httpx.Response(200, json=UNFAMILIAR_META)
        seen.append(json.loads(request.content))
        return httpx.Response(
            200,
            json={
                "data": {
                    "data": [
                        {
                            "date__fortnight": "2026-11-16",
                            "planet": "Mars",
                            "joules": "12",
                            "smiles": 3.5,
                        }
                    ],
                    "metadata": {"query_time_ms": 3, "row_count": 1, "truncated": False},
                }
            },
        )

    app = mock_app(handler)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        assert builder.draft.metrics == ("joules",)
        prompts = [
            str(o.prompt)
            for o in builder.query_one("#metrics", OrderedPicker).selection_list._options
        ]
        assert any("Energy" in p and "energy" in p for p in prompts)
        assert any("Smiles per Hour" in p and "rate" in p for p in prompts)
        await pilot.press(*"smiles", "enter")
        builder.query_one("#dimensions", OrderedPicker).selection_list.focus()
        await pilot.press("down", "space")
        builder.query_one("#granularity").focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        builder.set_filters((FilterDraft("planet", "near", ("Mars",)),))
        async with result_shown(pilot):
            await pilot.press("f5")
        body = seen[-1]
        assert body["metrics"] == ["joules", "smiles"] and body["dimensions"] == ["planet"]
        assert body["granularity"] == "fortnight"
        assert body["filters"] == [{"field": "planet", "operator": "near", "value": "Mars"}]
        grid = screen.query_one(ResultsGrid)
        assert [grid.cell_text(0, i) for i in range(4)] == ["2026-11-16", "Mars", "12", "3.50"]


async def test_sort_find_and_builder_toggle(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        await pilot.press("ctrl+b")
        assert "collapsed" in screen.query_one(QueryBuilder).classes
        grid = screen.query_one(ResultsGrid)
        assert grid.has_focus
        await pilot.press("right", "s")
        models = [grid.cell_text(i, 1) for i in range(result.message.table.row_count)]
        assert models == sorted(models, key=str.casefold, reverse=True)
        await pilot.press("slash", *"gpt-4o", "enter")
        await pilot.pause()
        assert grid.matches and "gpt-4o" in grid.cell_text(grid.cursor_row, 1)
        assert "matching rows" in status_text(screen)
