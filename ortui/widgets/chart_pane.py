"""The chart pane: ortui.charts draws the chart as styled runs; this widget shows them."""

from __future__ import annotations

import os
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ortui.charts.ansi import to_ansi
from ortui.charts.render import render
from ortui.keymap import default_keys
from ortui.results.series import ChartData
from ortui.widgets.chart_strips import DrawKey, DrawnChart, draw, to_text

CHART_KEYS = {"metric": default_keys("chart.metric"), "kind": default_keys("chart.kind")}
INLINE_POINTS = 1_500  # smaller charts are drawn at once, larger ones in a thread

__all__ = ["CHART_KEYS", "ChartPane", "chart_text", "render_chart", "to_text"]


def _points(data: ChartData) -> int:
    return len(data.bars) + sum(len(s.values) for s in data.series)


def render_chart(data: ChartData, width: int, height: int, colour: bool = True) -> str:
    """The chart as terminal text (ANSI colour, or plain when ``colour`` is False)."""
    return to_ansi(render(data, width, height, colour), colour)


def chart_text(data: ChartData, width: int, height: int, colour: bool) -> Text:
    """The chart sized to ``width`` × ``height`` as a Text for the pane."""
    return to_text(render(data, width, height, colour), colour)


class ChartPane(Widget, can_focus=True):
    """Re-renders on data, resize and theme change; ``c`` cycles the plotted metric and ``k``
    the chart kind."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(CHART_KEYS["metric"], "cycle_metric", "Next metric", id="chart.metric"),
        Binding(CHART_KEYS["kind"], "cycle_kind", "Chart kind", id="chart.kind"),
    ]

    class MetricCycled(Message):
        """The user asked for the next metric; the screen recomputes the data."""

    class KindCycled(Message):
        """The user asked for the next chart kind (auto, line, bar, stacked)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        #: what is on screen: the draw key, the chart as text, and its strips (None when the
        #: text is a message, painted the ordinary way)
        self._rendered: tuple[DrawKey, Text, list[Strip] | None] | None = None

    def draw_key(self) -> DrawKey | None:
        """The size and colour a chart is drawn at now (None before the pane has a size).
        Textual removes NO_COLOR from the environment when the app starts; ``app.no_color``
        remembers it."""
        width, height = self.content_size
        if not (width and height):
            return None
        return width, height, not (self.app.no_color or os.environ.get("NO_COLOR"))

    def set_data(self, data: ChartData | None, drawn: DrawnChart | None = None) -> None:
        """Show ``data``; ``drawn`` is it already drawn elsewhere (the run's worker thread),
        swapped in as it is when it was drawn at the pane's size."""
        self.data = data
        self._rendered = None
        if drawn is not None and drawn.data is data and drawn.key == self.draw_key():
            self._show(drawn)
            return
        self._draw()

    def on_resize(self) -> None:
        if self._rendered is None or self._rendered[0] != self.draw_key():
            self._draw()

    def _draw(self) -> None:
        """Draw in a thread, so a large chart never holds up a keystroke."""
        key = self.draw_key()
        if self.data is not None and key is not None:
            if _points(self.data) <= INLINE_POINTS:  # ~1 ms: no thread hand-off to wait for
                self._show(draw(self.data, key))
                return
            self.draw_chart(self.data, key)
        self.refresh()

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def draw_chart(self, data: ChartData, key: DrawKey) -> None:
        try:
            drawn = draw(data, key)
        except Exception as exc:  # a drawing failure must not leave "Drawing…" forever
            text = Text(
                f"The chart could not be drawn ({type(exc).__name__}: {exc}); "
                "the rows are in the grid.",
                style="italic",
            )
            self.app.call_from_thread(self._failed, data, key, text)
            return
        self.app.call_from_thread(self._drawn, drawn)

    def _drawn(self, drawn: DrawnChart) -> None:
        if drawn.data is self.data:
            self._show(drawn)

    def _failed(self, data: ChartData, key: DrawKey, text: Text) -> None:
        if data is self.data:
            self._rendered = (key, text, None)
            self.refresh()

    def _show(self, drawn: DrawnChart) -> None:
        self._rendered = (drawn.key, drawn.text, drawn.strips)
        self.refresh()

    def action_cycle_metric(self) -> None:
        self.post_message(self.MetricCycled())

    def action_cycle_kind(self) -> None:
        self.post_message(self.KindCycled())

    def render_line(self, y: int) -> Strip:
        """A drawn chart paints its prepared strips; messages go through ``render``."""
        rendered = self._rendered
        strips = rendered[2] if rendered is not None else None
        if strips is None:
            return super().render_line(y)
        width = self.size.width
        base = self.visual_style.rich_style
        if y >= len(strips):
            return Strip.blank(width, base)
        return strips[y].apply_style(base).crop_extend(0, width, base)

    def render(self) -> Text:
        if self.data is None:
            return Text("Run a query (F5) to see a chart.", style="dim")
        if self._rendered is None:
            return Text("Drawing the chart…", style="dim")
        return self._rendered[1]
