"""The explorer's chart choice: which metric is plotted (``c``) and how (``K``), redrawn from
the shown result (with the earlier period overlaid while comparing). The chart's series, its
drawing at the pane's size and, with the pivot view on, the pivot are made in a worker thread
as a run's are (≈ 60 ms at 10,000 rows): the keys never wait for them, and when they are
pressed quickly the latest choice wins."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortui.analysis.compare import Comparison
from ortui.analysis.compare_chart import with_previous
from ortui.results.column_widths import natural_widths
from ortui.results.pivot import can_pivot, pivot_table
from ortui.results.prepared_grid import PreparedGrid
from ortui.results.series import ChartData, chart_data
from ortui.results.table import ResultTable
from ortui.screens.guard import guarded, guarded_async
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.chart_strips import DrawKey, DrawnChart, draw

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


@dataclass(frozen=True)
class _Ask:
    """One redraw: what is drawn, from what, for which choice; ``source`` is the grid's
    result (the comparison's while comparing), pivoted when ``pivoted``."""

    table: ResultTable
    source: ResultTable | None
    metric: str | None
    kind: str
    comparison: Comparison | None
    draw_key: DrawKey | None
    pivoted: bool


class ChartFlow:
    """Owned by the explorer; the choice itself lives in ``ExplorerState``."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        self._asked = 0  # redraws asked for; only the latest one is shown

    @guarded("draw the chart")
    def redraw(self) -> None:
        screen, state = self.screen, self.screen.state
        self._asked += 1
        table = state.table
        if table is None:
            screen.grid.set_pivot_metric(state.chart_metric)
            screen.query_one(ChartPane).set_data(None)
            return
        grid, source = screen.grid, screen.grid.source
        # The pivot is made again only when it shows another metric (not for ``K``).
        pivoted = grid.pivoted and can_pivot(source) and grid.pivot_metric != state.chart_metric
        if not pivoted:
            grid.set_pivot_metric(state.chart_metric)  # nothing to redo, or no pivot shown
        ask = _Ask(
            table,
            source,
            state.chart_metric,
            state.chart_kind,
            screen.compare.shown_comparison(),
            screen.query_one(ChartPane).draw_key(),
            pivoted,
        )
        screen.run_worker(
            self._prepare(ask, self._asked),
            name="chart_prepare",
            group="chart_prepare",
            exclusive=True,
            exit_on_error=False,
        )

    @guarded_async("draw the chart")
    async def _prepare(self, ask: _Ask, asked: int) -> None:
        made = await asyncio.to_thread(_made, ask)
        if asked != self._asked or self.screen.state.table is not ask.table:
            return  # a newer choice or a newer result is (being) shown
        if self.screen.compare.shown_comparison() is not ask.comparison:
            self.redraw()  # the comparison came or went meanwhile: overlay the one shown
            return
        self._show(ask, *made)

    @guarded("draw the chart")
    def _show(
        self, ask: _Ask, chart: ChartData, drawn: DrawnChart | None, grid: PreparedGrid | None
    ) -> None:
        screen = self.screen
        if grid is not None and screen.grid.pivoted and screen.grid.source is ask.source:
            screen.grid.set_table(ask.source, grid)
        else:
            screen.grid.set_pivot_metric(ask.metric)
        screen.query_one(ChartPane).set_data(chart, drawn)

    @guarded("change the chart kind")
    def cycle_kind(self) -> None:
        self.screen.notify(f"Chart: {self.screen.state.cycle_chart_kind()}", timeout=2)
        self.redraw()

    def cycle_metric(self) -> None:
        if self.screen.state.cycle_chart_metric():
            self.redraw()


def _made(ask: _Ask) -> tuple[ChartData, DrawnChart | None, PreparedGrid | None]:
    """In the worker thread (nothing here touches a widget): the chart, drawn at the pane's
    size when it has one (else the pane draws it), and the pivot when the grid shows one."""
    chart = chart_data(ask.table, ask.metric, kind=ask.kind)
    if ask.comparison is not None:
        chart = with_previous(chart, ask.comparison)
    drawn = None
    if ask.draw_key is not None:
        try:
            drawn = draw(chart, ask.draw_key)
        except Exception:  # the pane draws it again and shows the error
            drawn = None
    grid = None
    if ask.pivoted and ask.source is not None:
        pivot = pivot_table(ask.source, ask.metric)
        grid = PreparedGrid([], pivot, ask.metric, natural_widths(pivot))
    return chart, drawn, grid
