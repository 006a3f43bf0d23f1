"""The explorer's panes: jumping between them (keys that work while typing), hiding the
builder, zooming a pane, collapsing the builder after a run on narrow terminals, and "too
small" (said instead of broken panes; the focus given back when they return)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Static

from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen

MIN_WIDTH, MIN_HEIGHT = 60, 16


class LayoutFlow:
    """Owned by the explorer."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        self._focus_before_small: Widget | None = None
        self._from_palette = False

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

    def toggle_builder(self) -> None:
        """ctrl+b: collapse or show the builder (the grid takes the focus it had)."""
        builder = self.screen.builder
        builder.toggle_class("collapsed")
        if builder.has_class("collapsed") and builder.has_focus_within:
            self.screen.grid.focus()

    def result_keys_active(self) -> bool:
        """The result's keys (``RESULT_ACTIONS``) act while the grid or the chart has the focus
        — elsewhere the focused control gets the key — and whenever the palette runs them."""
        focused = self.screen.focused
        return self._from_palette or (
            focused is not None
            and any(
                isinstance(node, ResultsGrid | ChartPane) for node in (focused, *focused.ancestors)
            )
        )

    async def run_from_palette(self, action: str) -> None:
        self._from_palette = True
        try:
            await self.screen.run_action(action)
        finally:
            self._from_palette = False

    def zoom(self) -> None:
        """``z``: maximise the focused grid or chart, or restore."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        elif isinstance(screen.focused, ResultsGrid | ChartPane):
            screen.maximize(screen.focused)

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

    def resized(self, width: int, height: int) -> None:
        """Below 60×16 the panes cannot work: say so instead of drawing them broken."""
        screen = self.screen
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small != screen.has_class("-too-small"):
            self.too_small_changed(small)
        screen.set_class(small, "-too-small")
        if small:
            screen.query_one("#too-small", Static).update(
                Text(
                    f"Terminal too small ({width}×{height}): ortui needs at least "
                    f"{MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window — nothing is lost."
                )
            )

    def too_small_changed(self, small: bool) -> None:
        """Hiding the panes drops the focus; it goes back where it was when they return."""
        if small:
            self._focus_before_small = self.screen.focused
            return
        widget = self._focus_before_small
        if widget is not None and widget.is_attached:
            self.screen.call_after_refresh(widget.focus)
