"""The explorer's panes: jumping between them (keys that work while typing), collapsing the
builder after a run on narrow terminals, and giving the focus back after "too small"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input

from ortui.widgets.chart_pane import ChartPane

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class LayoutFlow:
    """Owned by the explorer."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        self._focus_before_small: Widget | None = None

    def focus_builder(self) -> None:
        """F2: the builder, shown again if it was collapsed, at the metric search."""
        builder = self.screen.builder
        builder.remove_class("collapsed")
        self.screen.minimize()
        if not builder.has_focus_within:
            builder.query_one("#metrics").query_one(Input).focus()

    def focus_grid(self) -> None:
        """F3: the results grid."""
        self.screen.grid.focus()

    def focus_chart(self) -> None:
        """F4: the chart."""
        self.screen.query_one(ChartPane).focus()

    def collapse_after_run(self) -> None:
        """Narrower than ``collapse_builder_below`` columns (a setting; 0 = never), the
        builder gives its room to the result once a query has run; F2 or ctrl+b brings it
        back."""
        settings = getattr(self.screen.app, "preferences", None)
        below = int(getattr(settings, "collapse_builder_below", 0))
        builder = self.screen.builder
        if self.screen.size.width >= below or builder.has_class("collapsed"):
            return
        had_focus = builder.has_focus_within
        builder.add_class("collapsed")
        if had_focus:
            self.screen.grid.focus()

    def too_small_changed(self, small: bool) -> None:
        """Hiding the panes drops the focus; it goes back where it was when they return."""
        if small:
            self._focus_before_small = self.screen.focused
            return
        widget = self._focus_before_small
        if widget is not None and widget.is_attached:
            self.screen.call_after_refresh(widget.focus)
