"""Drill-down: Enter on a row → "drill by …", the narrowed query and its breadcrumb; Backspace
restores the same rows without a request; refusals are said, not guessed."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ortui.screens.choice_dialog import ChoiceDialog
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.helpers import rows
from tests.pilot import ready, status_text, wait_for


def _grid_rows(grid: ResultsGrid) -> list[list[str]]:
    assert grid.table is not None
    return [[grid.cell_text(r, c) for c in range(len(grid.table.columns))]
            for r in range(grid.table.row_count)]


async def _choose(pilot: Any, label: str) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
    dialog = pilot.app.screen
    keys = [key for key, prompt in dialog.choices if prompt == label]
    assert keys, [p for _, p in dialog.choices]
    index = [k for k, _ in dialog.choices].index(keys[0])
    await pilot.press(*["down"] * index, "enter")


async def test_drill_by_provider_and_back_without_a_request(demo_server) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("s")  # sort by the date column, then move to the third row
        await pilot.press("down", "down")
        before_rows, before_cursor = _grid_rows(grid), grid.cursor_row
        before_status = status_text(screen)
        model = grid.cell_text(2, 1)
        first = screen.table
        await pilot.press("enter")
        await _choose(pilot, "Provider")
        await wait_for(pilot, lambda: screen.table is not first and screen.table is not None)
        body = json.loads(msgspec.json.encode(screen.last_request))
        assert body["dimensions"] == ["provider"]
        assert body["filters"] == [{"field": "model", "operator": "eq", "value": model}]
        assert _grid_rows(grid)[0][1] == rows(demo_server.url, body)[0]["provider"]
        crumb = screen.query_one(Breadcrumb)
        assert crumb.plain == f"model = {model}" and not crumb.has_class("hidden")
        assert screen.builder.draft.dimensions == ("provider",)
        sent: list[object] = []
        original = screen.client.query_body

        async def counting(request, *args, **kwargs):  # type: ignore[no-untyped-def]
            sent.append(request)
            return await original(request, *args, **kwargs)

        screen.client.query_body = counting  # type: ignore[method-assign]
        await pilot.press("backspace")
        await pilot.pause()
        assert sent == []
        assert screen.table is first and _grid_rows(grid) == before_rows
        assert grid.cursor_row == before_cursor and status_text(screen) == before_status
        assert crumb.has_class("hidden") and screen.builder.draft.dimensions == ("model",)


async def test_names_without_a_lookup_are_refused(demo_server) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(pilot)
        draft = screen.builder.draft.with_changes(dimensions=("api_key_id",))
        screen.builder.load(draft)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None)
        screen.grid.focus()
        table = screen.table
        assert table is not None
        named = next(r for r in range(table.row_count) if screen.grid.cell_text(r, 1) != "null")
        screen.grid.move_cursor(named)
        await pilot.press("enter")
        await _choose(pilot, "Model")
        await pilot.pause(0.3)
        assert screen.table is table and screen.drill.stack == []
