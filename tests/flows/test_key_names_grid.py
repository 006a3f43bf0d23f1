"""Grouped by API key, the grid tells the demo's two ``staging`` keys apart by their hashes,
and an export of the result carries every row's key hash."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from textual.worker import Worker

from ortui.api import errors
from ortui.demo.server import DemoServer
from ortui.export.renderers import to_records
from ortui.query.draft import default_draft
from ortui.query.key_ids import ID_KEY, shown_name
from ortui.query.resolver import Directory
from ortui.results.prepared_grid import PreparedGrid
from ortui.results.table import ResultTable
from ortui.screens import key_names_flow
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explorer import ExplorerScreen
from tests.flows.conftest import demo_app
from tests.helpers import key_hashes
from tests.pilot import HearingPilot, ready, result_shown, run, status_text, wait_for


@asynccontextmanager
async def _by_key(url: str) -> AsyncIterator[tuple[HearingPilot, ExplorerScreen]]:
    """The explorer on the demo with the builder grouping by API key, not yet run."""
    async with run(demo_app(url), size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.meta is not None
        screen.builder.load(
            default_draft(screen.meta).with_changes(dimensions=("api_key_id",), granularity=None)
        )
        yield pilot, screen


async def test_the_grid_tells_two_staging_keys_apart(demo_server: DemoServer) -> None:
    async with _by_key(demo_server.url) as (pilot, screen):
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and ID_KEY in screen.table.ids)
        grid = screen.grid
        names = [grid.cell_text(p, 0) for p in range(len(grid.order))]
        expected = {shown_name("staging", h) for h in key_hashes(demo_server.url, "staging")}
        assert expected <= set(names) and "staging" not in names
        assert "told apart (2 more requests)" in status_text(screen)
        assert screen.table is not None
        records = to_records(screen.table)
        hashes = set(key_hashes(demo_server.url, "staging"))
        assert {r[ID_KEY] for r in records if r["api_key_id"] in expected} == hashes


async def test_drilling_a_told_apart_row_filters_by_its_hash(demo_server: DemoServer) -> None:
    async with _by_key(demo_server.url) as (pilot, screen):
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
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.table is not first and not screen.state.running)
        assert screen.last_request is not None and screen.last_request.filters is not None
        assert [(f.field, f.value) for f in screen.last_request.filters] == [
            ("api_key_id", key_hash)
        ]


async def test_the_result_is_painted_once_already_told_apart(demo_server: DemoServer) -> None:
    """The keys' requests go out with the query: the result the grid is given first already
    reads ``staging (…)``, so nothing is repainted with other names a moment later."""
    async with _by_key(demo_server.url) as (pilot, screen):
        given: list[ResultTable | None] = []
        set_table = screen.grid.set_table

        def giving(table: ResultTable | None, prepared: PreparedGrid | None = None) -> None:
            given.append(table)
            set_table(table, prepared)

        screen.grid.set_table = giving  # type: ignore[method-assign]  # records what the grid is given
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        await pilot.worker_done(screen, "query")
        expected = {shown_name("staging", h) for h in key_hashes(demo_server.url, "staging")}
        column = result.message.table.column("api_key_id")
        assert column is not None and expected <= set(column.values)
        assert len(given) == 1 and given[0] is result.message.table
        assert "told apart (2 more requests)" in status_text(screen)


async def test_answers_that_come_late_relabel_the_shown_result(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(key_names_flow, "WAIT_FOR_KEYS", 0.0)
    async with _by_key(demo_server.url) as (pilot, screen):
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        column = result.message.table.column("api_key_id")
        assert column is not None and list(column.values).count("staging") == 2
        await wait_for(pilot, lambda: screen.table is not None and ID_KEY in screen.table.ids)
        names = [screen.grid.cell_text(p, 0) for p in range(len(screen.grid.order))]
        assert {shown_name("staging", h) for h in key_hashes(demo_server.url, "staging")} <= set(
            names
        )


async def test_a_run_cancelled_while_keys_are_asked_leaves_the_next_one_whole(
    demo_server: DemoServer,
) -> None:
    async with _by_key(demo_server.url) as (pilot, screen):
        await pilot.press("f5", "escape")
        await pilot.worker_done(screen, "query")
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        column = result.message.table.column("api_key_id")
        expected = {shown_name("staging", h) for h in key_hashes(demo_server.url, "staging")}
        assert column is not None and expected <= set(column.values)


async def test_compare_pairs_each_staging_key_with_its_own_earlier_rows(
    demo_server: DemoServer,
) -> None:
    async with _by_key(demo_server.url) as (pilot, screen):
        async with result_shown(pilot):
            await pilot.press("f5")
        screen.grid.focus()
        await pilot.press("p")
        await wait_for(pilot, lambda: screen.compare.comparison is not None)
        comparison = screen.compare.comparison
        assert comparison is not None
        assert comparison.only_current == comparison.only_previous == 0
        names = [screen.grid.cell_text(p, 0) for p in range(len(screen.grid.order))]
        assert {shown_name("staging", h) for h in key_hashes(demo_server.url, "staging")} <= set(
            names
        )


async def test_keys_that_cannot_be_read_leave_the_names_and_are_not_asked_again(
    demo_server: DemoServer,
) -> None:
    async with _by_key(demo_server.url) as (pilot, screen):

        async def refused() -> Directory:
            raise errors.Forbidden("Only management keys can perform this operation")

        screen.names.directory = refused  # type: ignore[method-assign]  # /keys refused
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        await pilot.pause()
        column = result.message.table.column("api_key_id")
        assert column is not None and list(column.values).count("staging") == 2
        assert ID_KEY not in result.message.table.ids
        relabels = [
            m
            for m in pilot.heard.messages
            if isinstance(m, Worker.StateChanged) and m.worker.group == "key-ids"
        ]
        assert relabels == []  # no second try after the frame
