"""Jumping between the explorer's panes (keys that work while typing) and collapsing the builder
after a run on narrow terminals."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input

from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid


class LayoutActions(Screen[None]):
    """Mixed into the explorer."""

    def action_focus_builder(self) -> None:
        """F2: the builder, shown again if it was collapsed, at the metric search."""
        builder = self.query_one(QueryBuilder)
        builder.remove_class("collapsed")
        self.minimize()
        if not builder.has_focus_within:
            builder.query_one("#metrics").query_one(Input).focus()

    def action_focus_grid(self) -> None:
        """F3: the results grid."""
        self.query_one(ResultsGrid).focus()

    def action_focus_chart(self) -> None:
        """F4: the chart."""
        self.query_one(ChartPane).focus()

    def collapse_after_run(self) -> None:
        """Narrower than ``collapse_builder_below`` columns (a setting; 0 = never), the
        builder gives its room to the result once a query has run; F2 or ctrl+b brings it
        back."""
        settings = getattr(self.app, "preferences", None)
        below = int(getattr(settings, "collapse_builder_below", 0))
        builder = self.query_one(QueryBuilder)
        if self.size.width >= below or builder.has_class("collapsed"):
            return
        had_focus = builder.has_focus_within
        builder.add_class("collapsed")
        if had_focus:
            self.query_one(ResultsGrid).focus()
