"""Drill-down in the explorer: Enter on a row (or a chart series) → "drill by …" another
dimension, filtered to that row; a breadcrumb shows the path; Backspace restores the earlier
result exactly as it was, without a request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortui.analysis.drill import (
    Pin,
    drill_draft,
    remaining_dimensions,
    row_values,
    series_row,
)
from ortui.api.management import ManagementClient
from ortui.api.models import QueryRequest
from ortui.query.draft import QueryDraft
from ortui.results.series import ChartData
from ortui.results.table import ResultTable
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.generation import GenerationScreen
from ortui.screens.guard import guarded
from ortui.screens.id_lookup import IdLookup, PassThroughLookup, pick_id
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


@dataclass
class _Saved:
    """Everything on screen before a drill step, to put back without a request."""

    added: list[Pin]
    draft: QueryDraft
    table: ResultTable | None
    grid_table: ResultTable | None
    chart: ChartData | None
    request: QueryRequest | None
    status: str
    sort: tuple[str, bool] | None
    cursor: tuple[int, int]


class DrillFlow:
    """Owned by the explorer; ``lookup`` turns shown names into the ids filters need."""

    def __init__(
        self,
        screen: ExplorerScreen,
        lookup: IdLookup | None = None,
        management: ManagementClient | None = None,
    ) -> None:
        self.screen = screen
        self.lookup: IdLookup = lookup or PassThroughLookup()
        self.management = management
        self.stack: list[_Saved] = []

    @property
    def path(self) -> list[Pin]:
        return [pin for saved in self.stack for pin in saved.added]

    @guarded("drill down")
    def start(self) -> None:
        """Enter on the grid or the chart: offer the dimensions to drill by."""
        screen = self.screen
        focused = screen.focused
        if isinstance(focused, ResultsGrid) and focused.table is not None and focused.order:
            self._offer(focused.table, focused.order[focused.cursor_row])
        elif isinstance(focused, ChartPane) and screen.table is not None:
            self._pick_series(focused.data, screen.table)

    def _pick_series(self, data: ChartData | None, table: ResultTable) -> None:
        labels = (
            [s.label for s in data.series]
            if data and data.kind == "line"
            else [label for label, _ in data.bars]
            if data
            else []
        )
        rows = {label: row for label in labels if (row := series_row(table, label)) is not None}
        if not rows:
            self.screen.notify("No single series to drill into here.", severity="warning")
            return
        if len(rows) == 1:
            self._offer(table, next(iter(rows.values())))
            return

        def picked(label: str | None) -> None:
            if label is not None:
                self._offer(table, rows[label])

        self.screen.app.push_screen(
            ChoiceDialog("Drill into which series?", [(k, k) for k in rows]), picked
        )

    @guarded("drill into the row")
    def _offer(self, table: ResultTable, index: int) -> None:
        screen = self.screen
        values = row_values(table, index)
        generation = next((v for f, v in values if f == "generation_id" and v), None)
        if generation is not None and self.management is not None:
            screen.app.push_screen(GenerationScreen(self.management, generation))
            return
        if not values:
            screen.notify(
                "This result has no dimension to drill into: add one (e.g. model).",
                severity="warning",
            )
            return
        if any(value is None for _, value in values):
            screen.notify(
                "The (unset) group is not one value: it cannot be drilled into.",
                severity="warning",
            )
            return
        assert screen.meta is not None
        draft = screen.builder.draft
        dims = remaining_dimensions(screen.meta, draft, [p.field for p in self.path])
        where = " · ".join(f"{f} = {v}" for f, v in values)
        choices = [(d, dim.label if (dim := screen.meta.dimension(d)) else d) for d in dims]

        def chosen(dimension: str | None) -> None:
            if dimension is not None:
                screen.run_worker(
                    self._resolve_and_drill(values, dimension),
                    group="drill",
                    exclusive=True,
                    exit_on_error=False,
                )

        screen.app.push_screen(ChoiceDialog(f"Drill into {where} by …", choices), chosen)

    async def _resolve_and_drill(
        self, values: list[tuple[str, str | None]], dimension: str
    ) -> None:
        pins: list[Pin] = []
        for field, shown in values:
            assert shown is not None
            value = await pick_id(self.screen.app, self.lookup, field, shown)
            if value is None:
                return
            pins.append(Pin(field, shown, value))
        self.apply(pins, dimension)

    @guarded("drill down")
    def apply(self, pins: list[Pin], dimension: str) -> None:
        """Keep what is on screen, then run the narrowed query."""
        screen = self.screen
        draft, grid = screen.builder.draft, screen.grid
        sort = (grid.sort_key, grid.sort_desc) if grid.sort_key else None
        self.stack.append(
            _Saved(
                pins,
                draft,
                screen.table,
                grid.table,
                screen.query_one(ChartPane).data,
                screen.last_request,
                str(screen.status.render()),
                sort,
                (grid.cursor_row, grid.cursor_col),
            )
        )
        self._show_path()
        screen.builder.load(drill_draft(draft, pins, dimension))
        screen.action_run()

    @guarded("go back up")
    def back(self) -> bool:
        """Restore the result before the last step; False when there is no step to undo."""
        if not self.stack:
            return False
        screen = self.screen
        screen.state.started = None  # a drilled query still running is dropped, not reported
        screen.workers.cancel_group(screen, "query")
        saved = self.stack.pop()
        screen.builder.load(saved.draft)
        screen.watcher.draft = saved.draft  # watch re-runs what is shown again, not the drill
        screen.state.table, screen.state.last_request = saved.table, saved.request
        screen.grid.set_table(saved.grid_table)
        if saved.sort is not None:
            screen.grid.sort_by(*saved.sort)
        screen.grid.move_cursor(*saved.cursor)
        screen.query_one(ChartPane).set_data(saved.chart)
        screen.status.show_text(saved.status)
        self._show_path()
        return True

    def _show_path(self) -> None:
        steps = [(p.field, p.shown) for p in self.path]
        self.screen.query_one(Breadcrumb).set_path(steps)
