"""Two keys with one name in the grid: once a result grouped by API key is on screen, a name
two keys share is told apart (``staging (2b182c99…)``) by one request per key of that name,
and every row gains its key's hash for exports (query/key_ids.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.api import errors
from ortui.api.models import QueryRequest
from ortui.query.key_ids import FIELD, identify_keys
from ortui.results.table import ResultTable

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class KeyNamesFlow:
    """Owned by the explorer; runs in the ``key-ids`` worker after a result is shown."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    def result_shown(self, table: ResultTable, request: QueryRequest) -> None:
        if FIELD in (request.dimensions or []) and self.screen.meta is not None:
            self.screen.run_worker(
                self._tell_apart(table, request),
                group="key-ids",
                exclusive=True,
                exit_on_error=False,
            )

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
        if screen.table is not table or screen.compare.enabled:
            return  # a newer result, or the comparison on the grid
        self._show(told, asked)

    def _show(self, table: ResultTable, asked: int) -> None:
        """Swap the told-apart rows in, keeping the grid's sort and cursor."""
        screen, grid = self.screen, self.screen.grid
        sort = (grid.sort_key, grid.sort_desc) if grid.sort_key else None
        cursor = (grid.cursor_row, grid.cursor_col)
        screen.state.table = table
        grid.set_table(table)
        if sort is not None:
            grid.sort_by(*sort)
        grid.move_cursor(*cursor)
        screen.charts.redraw()
        if asked:
            screen.status.show_text(
                f"{screen.status.render()} · keys that share a name told apart "
                f"({asked} more requests)"
            )
