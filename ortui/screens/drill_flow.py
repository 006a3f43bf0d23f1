"""Drill-down in the explorer: Enter on a row (or a chart series) → "drill by …" another
dimension, filtered to that row; a breadcrumb shows the path; Backspace restores the earlier
result exactly as it was, without a request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortui.analysis.drill import (
    Pin,
    Window,
    bucket_window,
    drill_draft,
    remaining_dimensions,
    row_values,
    series_row,
)
from ortui.api.management import ManagementClient
from ortui.api.models import QueryRequest
from ortui.query.draft import QueryDraft
from ortui.query.key_ids import known_ids
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named
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
    #: The drilled bucket as shown (``2026-11-27``), when the step narrowed the range.
    window: str | None
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

    def _window(self, table: ResultTable, index: int) -> Window | None:
        """The row's bucket as a range in the draft's zone (the query narrows to it and
        breaks it down by a finer grain meta offers)."""
        draft, meta = self.screen.builder.draft, self.screen.meta
        try:
            zone = zone_named(draft.timezone or self.screen.default_zone)
        except TimeRangeError:
            return None
        offered = [g.name for g in meta.granularities] if meta is not None else []
        return bucket_window(table, index, zone, offered)

    @guarded("drill into the row")
    def _offer(self, table: ResultTable, index: int) -> None:
        screen = self.screen
        values = row_values(table, index)
        window = self._window(table, index)
        generation = next((v for f, v in values if f == "generation_id" and v), None)
        if generation is not None and self.management is not None:
            screen.app.push_screen(GenerationScreen(self.management, generation))
            return
        if not values and window is None:
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
        where = " · ".join([f"{f} = {v}" for f, v in values] + ([window.shown] if window else []))
        choices = [(d, dim.label if (dim := screen.meta.dimension(d)) else d) for d in dims]

        def chosen(dimension: str | None) -> None:
            if dimension is not None:
                screen.run_worker(
                    self._resolve_and_drill(values, dimension, window, known_ids(table, index)),
                    group="drill",
                    exclusive=True,
                    exit_on_error=False,
                )

        screen.app.push_screen(ChoiceDialog(f"Drill into {where} by …", choices), chosen)

    async def _resolve_and_drill(
        self,
        values: list[tuple[str, str | None]],
        dimension: str,
        window: Window | None = None,
        known: dict[str, str] | None = None,
    ) -> None:
        pins: list[Pin] = []
        for field, shown in values:
            assert shown is not None
            value = (known or {}).get(field) or await pick_id(
                self.screen.app, self.lookup, field, shown
            )
            if value is None:
                return
            pins.append(Pin(field, shown, value))
        self.apply(pins, dimension, window)

    @guarded("drill down")
    def apply(self, pins: list[Pin], dimension: str, window: Window | None = None) -> None:
        """Keep what is on screen, then run the narrowed query (over the drilled bucket's
        range, by a finer grain, when a time series row was drilled into)."""
        screen = self.screen
        draft, grid = screen.builder.draft, screen.grid
        sort = (grid.sort_key, grid.sort_desc) if grid.sort_key else None
        self.stack.append(
            _Saved(
                pins,
                window.shown if window else None,
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
        screen.builder.load(drill_draft(draft, pins, dimension, window))
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
        """Each step's pins, then the bucket it narrowed to; Backspace's hint names the range
        it brings back when the last step narrowed it."""
        steps: list[tuple[str, str]] = []
        for saved in self.stack:
            steps += [(p.field, p.shown) for p in saved.added]
            steps += [("", saved.window)] if saved.window else []
        hint = "Backspace goes back"
        if self.stack and self.stack[-1].window:
            earlier = [s.window for s in self.stack[:-1] if s.window]
            hint = (
                f"Backspace: back to {earlier[-1] if earlier else self.stack[-1].draft.time.label}"
            )
        self.screen.query_one(Breadcrumb).set_path(steps, hint)
