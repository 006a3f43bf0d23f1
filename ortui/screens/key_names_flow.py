"""Two keys with one name in the grid: a result grouped by API key has the names two keys
share told apart (``staging (2b182c99…)``) by one request per key of that name, and every row
gains its key's hash for exports (query/key_ids.py).

Those requests go out with the query itself, in the run's worker, when the account's names are
known by then: the result is then painted once, already told apart. When they are not (the
first run of a session), or their answers come late, the result is shown at once and its rows
relabelled when the answers arrive."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from ortui.api import errors
from ortui.api.models import QueryRequest
from ortui.query.key_ids import (
    FIELD,
    ID_KEY,
    Answers,
    answers_alongside,
    identify_keys,
    with_key_ids,
)
from ortui.query.local_days import LocalPlan
from ortui.results.table import ResultTable

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen

#: How long a result that is here waits for the keys' answers before it is shown without them.
WAIT_FOR_KEYS = 0.5


class KeyNamesFlow:
    """Owned by the explorer; ``ask`` and ``settle`` run in the ``query`` worker, a relabel
    after the result's frame in the ``key-ids`` worker."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        #: The shown result told apart in its worker, and how many requests that took.
        self._told: tuple[ResultTable, int] | None = None
        #: A result to be shown before its keys' answers came, and those answers on their way.
        self._late: tuple[ResultTable, asyncio.Task[Answers]] | None = None

    def ask(self, request: QueryRequest, local: LocalPlan | None) -> asyncio.Task[Answers] | None:
        """Alongside the query: the account's names (read once) and the answers of the keys
        that share a name, when the request is grouped by API key."""
        screen, meta = self.screen, self.screen.meta
        if FIELD not in (request.dimensions or []) or meta is None:
            return None
        names = screen.names
        return asyncio.create_task(
            answers_alongside(screen.client, request, meta, local, names.directory)
        )

    async def settle(
        self, pending: asyncio.Task[Answers] | None, table: ResultTable, request: QueryRequest
    ) -> ResultTable:
        """``table`` told apart when the answers come within ``WAIT_FOR_KEYS``; otherwise
        ``table`` as it is, relabelled on screen once they arrive."""
        if pending is None:
            return table
        done, _ = await asyncio.wait([pending], timeout=WAIT_FOR_KEYS)
        if not done:
            self._late = (table, pending)
            return table
        try:
            directory, answers = pending.result()
            told = await asyncio.to_thread(with_key_ids, table, directory, answers)
        except Exception:  # an API error, or anything: the names stay as the server sent them
            self._told = (table, 0)  # and are not asked for again after the frame
            return table
        self._told = (told, len(answers))
        return told

    def result_shown(self, table: ResultTable, request: QueryRequest) -> None:
        """After the result's frame: say what telling apart took, or do it now when the run
        could not (a result asked for as ortui started)."""
        (told, self._told), (late, self._late) = (self._told, None), (self._late, None)
        if late is not None and late[0] is not table:
            late[1].cancel()  # answers for a result no longer shown
        if told is not None and told[0] is table:
            self._say(told[1])
        elif late is not None and late[0] is table:
            self._relabel(self._arrived(late[1], table))
        elif FIELD in (request.dimensions or []) and ID_KEY not in table.ids and self.screen.meta:
            self._relabel(self._tell_apart(table, request))

    def _relabel(self, work: Coroutine[Any, Any, None]) -> None:
        self.screen.run_worker(work, group="key-ids", exclusive=True, exit_on_error=False)

    async def _arrived(self, pending: asyncio.Task[Answers], table: ResultTable) -> None:
        try:
            directory, answers = await pending
        except errors.ApiError:
            return  # the names stay as the server sent them
        told = await asyncio.to_thread(with_key_ids, table, directory, answers)
        self._show(table, told, len(answers))

    async def _tell_apart(self, table: ResultTable, request: QueryRequest) -> None:
        screen = self.screen
        meta, plan = screen.meta, screen.state.plan
        local = plan if plan is not None and plan.request is request else None
        assert meta is not None
        try:
            directory = await screen.names.directory()
            told, asked = await identify_keys(screen.client, request, table, directory, meta, local)
        except errors.ApiError:
            return  # the names stay as the server sent them
        self._show(table, told, asked)

    def _show(self, shown: ResultTable, told: ResultTable, asked: int) -> None:
        """Swap the told-apart rows in, keeping the grid's sort and cursor."""
        screen, grid = self.screen, self.screen.grid
        if screen.table is not shown or screen.compare.enabled:
            return  # a newer result, or the comparison on the grid
        sort = (grid.sort_key, grid.sort_desc) if grid.sort_key else None
        cursor = (grid.cursor_row, grid.cursor_col)
        screen.state.table = told
        grid.set_table(told)
        if sort is not None:
            grid.sort_by(*sort)
        grid.move_cursor(*cursor)
        screen.charts.redraw()
        self._say(asked)

    def _say(self, asked: int) -> None:
        if asked:
            status = self.screen.status
            status.show_text(
                f"{status.render()} · keys that share a name told apart ({asked} more requests)"
            )
