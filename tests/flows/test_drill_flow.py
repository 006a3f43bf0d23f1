"""Drill-down: Enter on a row → "drill by …", the narrowed query and its breadcrumb; Backspace
restores the same rows without a request; refusals are said, not guessed."""

from __future__ import annotations

import json

import msgspec
import pytest

from ortui.demo.server import DemoServer
from ortui.results.table import ResultTable
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.key_names_flow import KeyNamesFlow
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.helpers import key_hashes, rows
from tests.pilot import (
    HearingPilot,
    notified,
    ready,
    ready_with_result,
    result_shown,
    run,
    sent_queries,
    status_text,
)


def _grid_rows(grid: ResultsGrid) -> list[list[str]]:
    assert grid.table is not None
    return [
        [grid.cell_text(r, c) for c in range(len(grid.table.columns))]
        for r in range(grid.table.row_count)
    ]


async def _choose(pilot: HearingPilot, label: str) -> None:
    dialog = await pilot.shown(ChoiceDialog)
    keys = [key for key, prompt in dialog.choices if prompt == label]
    assert keys, [p for _, p in dialog.choices]
    index = [k for k, _ in dialog.choices].index(keys[0])
    await pilot.press(*["down"] * index, "enter")


async def test_drill_by_provider_and_back_without_a_request(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("s")  # sort by the date column, then move to the third row
        await pilot.press("down", "down")
        before_rows, before_cursor = _grid_rows(grid), grid.cursor_row
        before_status = status_text(screen)
        day, model = grid.cell_text(2, 0), grid.cell_text(2, 1)
        first = screen.table
        await pilot.press("enter")
        async with result_shown(pilot):
            await _choose(pilot, "Provider")
        body = json.loads(msgspec.json.encode(screen.last_request))
        assert body["dimensions"] == ["provider"]
        assert body["filters"] == [{"field": "model", "operator": "eq", "value": model}]
        assert _grid_rows(grid)[0][1] == rows(demo_server.url, body)[0]["provider"]
        crumb = screen.query_one(Breadcrumb)
        assert crumb.plain == f"model = {model} › {day}" and not crumb.has_class("hidden")
        assert screen.builder.draft.dimensions == ("provider",)
        sent = sent_queries(screen)
        await pilot.press("backspace")
        await pilot.pause()
        assert sent == []
        assert screen.table is first and _grid_rows(grid) == before_rows
        assert grid.cursor_row == before_cursor and status_text(screen) == before_status
        assert crumb.has_class("hidden") and screen.builder.draft.dimensions == ("model",)


async def _drill_from(
    pilot: HearingPilot, dimension: str, shown: str
) -> tuple[ExplorerScreen, ResultTable]:
    """Run the default query grouped by ``dimension`` (no time buckets), Enter on ``shown``;
    returns the explorer and the result shown before the drill."""
    screen = await ready(pilot)
    draft = screen.builder.draft.with_changes(dimensions=(dimension,), granularity=None)
    screen.builder.load(draft)
    async with result_shown(pilot) as result:
        await pilot.press("f5")
    screen.grid.focus()
    grid = screen.grid
    row = next(r for r in range(len(grid.order)) if grid.cell_text(r, 0) == shown)
    grid.move_cursor(row)
    await pilot.press("enter")
    return screen, result.message.table


async def test_a_key_name_row_drills_by_its_hash(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen, _ = await _drill_from(pilot, "api_key_id", "agent-experiments")
        async with result_shown(pilot):
            await _choose(pilot, "Model")
        body = json.loads(msgspec.json.encode(screen.last_request))
        [key_hash] = key_hashes(demo_server.url, "agent-experiments")
        assert body["filters"] == [{"field": "api_key_id", "operator": "eq", "value": key_hash}]
        expected = rows(demo_server.url, body)
        assert [screen.grid.cell_text(i, 0) for i in range(len(expected))] == [
            r["model"] for r in expected
        ]
        assert screen.query_one(Breadcrumb).plain == "api_key_id = agent-experiments"


async def test_an_ambiguous_key_name_is_asked_about(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows the explorer could not tell apart (see test_key_names_grid.py for when it can).
    monkeypatch.setattr(KeyNamesFlow, "ask", lambda *_: None)
    monkeypatch.setattr(KeyNamesFlow, "result_shown", lambda *_: None)
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen, _ = await _drill_from(pilot, "api_key_id", "staging")
        await _choose(pilot, "Model")
        dialog = await pilot.shown(ChoiceDialog, lambda asked: "staging" in asked.title_text)
        hashes = key_hashes(demo_server.url, "staging")
        assert sorted(k for k, _ in dialog.choices) == sorted(hashes) and len(hashes) == 2
        assert all("workspace" in prompt for _, prompt in dialog.choices)
        async with result_shown(pilot):
            await pilot.press("down", "enter")
        body = json.loads(msgspec.json.encode(screen.last_request))
        assert body["filters"][0]["value"] == dialog.choices[1][0]


async def test_an_app_name_is_refused_with_the_reason(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen, table = await _drill_from(pilot, "app", "Cline")
        async with notified(pilot, "apps have no listing endpoint"):
            await _choose(pilot, "Model")
        assert screen.table is table and screen.drill.stack == []


async def test_a_generation_row_opens_that_request(demo_server: DemoServer) -> None:
    from ortui.query.time_range import RelativeRange
    from ortui.screens.generation import GenerationScreen

    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen = await ready(pilot)
        draft = screen.builder.draft.with_changes(
            dimensions=("generation_id",),
            granularity=None,
            time=RelativeRange("last_24h"),
            metrics=("total_usage",),
            limit=5,
        )
        screen.builder.load(draft)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        assert result.message.table.row_count > 0
        screen.grid.focus()
        ident, cost = screen.grid.cell_text(0, 0), screen.grid.cell_text(0, 1)
        await pilot.press("enter")
        shown = await pilot.shown(GenerationScreen)
        await pilot.worker_done(shown, "generation")
        details = str(shown.query_one("#generation-body").render())
        assert shown.generation is not None and shown.generation.id == ident
        assert "Cost" in details and cost in details
        await pilot.press("escape")
        await pilot.back_to(screen)
