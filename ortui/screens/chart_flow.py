"""The explorer's chart choice: which metric is plotted (``c``) and how (``K``), redrawn from
the shown result (with the earlier period overlaid while comparing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.results.series import chart_data
from ortui.screens.guard import guarded
from ortui.widgets.chart_pane import ChartPane

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class ChartFlow:
    """Owned by the explorer; the choice itself lives in ``ExplorerState``."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    @guarded("draw the chart")
    def redraw(self) -> None:
        screen, state = self.screen, self.screen.state
        table = state.table
        screen.grid.set_pivot_metric(state.chart_metric)
        screen.query_one(ChartPane).set_data(
            screen.compare.decorate(chart_data(table, state.chart_metric, kind=state.chart_kind))
            if table
            else None
        )

    @guarded("change the chart kind")
    def cycle_kind(self) -> None:
        self.screen.notify(f"Chart: {self.screen.state.cycle_chart_kind()}", timeout=2)
        self.redraw()

    def cycle_metric(self) -> None:
        if self.screen.state.cycle_chart_metric():
            self.redraw()
