"""Grouped by API key, the grid tells the demo's two ``staging`` keys apart by their hashes,
and an export of the result carries every row's key hash."""

from __future__ import annotations

from ortui.demo.server import DemoServer
from ortui.export.renderers import to_records
from ortui.query.draft import default_draft
from ortui.query.key_ids import ID_KEY, shown_name
from ortui.screens.choice_dialog import ChoiceDialog
from tests.flows.conftest import demo_app
from tests.pilot import ready, status_text, wait_for
from tests.unit.test_key_ids import staging_hashes


async def test_the_grid_tells_two_staging_keys_apart(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.meta is not None
        screen.builder.load(
            default_draft(screen.meta).with_changes(dimensions=("api_key_id",), granularity=None)
        )
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and ID_KEY in screen.table.ids)
        grid = screen.grid
        names = [grid.cell_text(p, 0) for p in range(len(grid.order))]
        expected = {shown_name("staging", h) for h in staging_hashes(demo_server.url)}
        assert expected <= set(names) and "staging" not in names
        assert "told apart (2 more requests)" in status_text(screen)
        assert screen.table is not None
        records = to_records(screen.table)
        hashes = set(staging_hashes(demo_server.url))
        assert {r[ID_KEY] for r in records if r["api_key_id"] in expected} == hashes


async def test_drilling_a_told_apart_row_filters_by_its_hash(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.meta is not None
        screen.builder.load(
            default_draft(screen.meta).with_changes(dimensions=("api_key_id",), granularity=None)
        )
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and ID_KEY in screen.table.ids)
        grid = screen.grid
        row = next(p for p in range(len(grid.order)) if grid.cell_text(p, 0).startswith("stag"))
        grid.focus()
        grid.move_cursor(row)
        assert screen.table is not None
        key_hash = screen.table.ids[ID_KEY][grid.order[row]]
        first = screen.table
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.table is not first and not screen.state.running)
        assert screen.last_request is not None and screen.last_request.filters is not None
        assert [(f.field, f.value) for f in screen.last_request.filters] == [
            ("api_key_id", key_hash)
        ]
