"""The chart pane: ortui.charts draws the chart as styled runs; this widget shows them."""

from __future__ import annotations

import os
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from ortui.charts.ansi import to_ansi
from ortui.charts.canvas import Line
from ortui.charts.palette import colour_of
from ortui.charts.render import render
from ortui.keymap import default_keys
from ortui.results.series import ChartData

CHART_KEYS = {"metric": default_keys("chart.metric"), "kind": default_keys("chart.kind")}
INLINE_POINTS = 1_500  # smaller charts are drawn at once, larger ones in a thread


def _points(data: ChartData) -> int:
    return len(data.bars) + sum(len(s.values) for s in data.series)


def render_chart(data: ChartData, width: int, height: int, colour: bool = True) -> str:
    """The chart as terminal text (ANSI colour, or plain when ``colour`` is False)."""
    return to_ansi(render(data, width, height, colour), colour)


def _style(fg: int | str | None, bg: int | str | None, colour: bool) -> Style:
    if not colour:
        return Style(bold=fg == "title", italic=fg == "note")
    return Style(
        color=colour_of(fg), bgcolor=colour_of(bg), bold=fg == "title", italic=fg == "note"
    )


def to_text(lines: list[Line], colour: bool) -> Text:
    """Rows of runs as one Rich Text, one style per run."""
    text = Text(no_wrap=True, overflow="crop")
    styles: dict[tuple[int | str | None, int | str | None], Style] = {}
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        for run in line:
            key = (run.fg, run.bg)
            style = styles.get(key)
            if style is None:
                style = styles[key] = _style(run.fg, run.bg, colour)
            text.append(run.text, style)
    return text


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
        self._rendered: tuple[tuple[int, int, bool], Text] | None = None

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self._rendered = None
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """Draw in a thread, so a large chart never holds up a keystroke. Textual removes
        NO_COLOR from the environment when the app starts; ``app.no_color`` remembers it."""
        if self.data is not None and self.size.width and self.size.height:
            width, height = self.content_size
            colour = not (self.app.no_color or os.environ.get("NO_COLOR"))
            if _points(self.data) <= INLINE_POINTS:  # ~1 ms: no thread hand-off to wait for
                self._rendered = (
                    (width, height, colour),
                    chart_text(self.data, width, height, colour),
                )
            else:
                self.draw_chart(self.data, width, height, colour)
        self.refresh()

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def draw_chart(self, data: ChartData, width: int, height: int, colour: bool) -> None:
        try:
            text = chart_text(data, width, height, colour)
        except Exception as exc:  # a drawing failure must not leave "Drawing…" forever
            text = Text(
                f"The chart could not be drawn ({type(exc).__name__}: {exc}); "
                "the rows are in the grid.",
                style="italic",
            )
        self.app.call_from_thread(self._drawn, data, (width, height, colour), text)

    def _drawn(self, data: ChartData, key: tuple[int, int, bool], text: Text) -> None:
        if data is self.data:
            self._rendered = (key, text)
            self.refresh()

    def action_cycle_metric(self) -> None:
        self.post_message(self.MetricCycled())

    def action_cycle_kind(self) -> None:
        self.post_message(self.KindCycled())

    def render(self) -> Text:
        if self.data is None:
            return Text("Run a query (F5) to see a chart.", style="dim")
        if self._rendered is None:
            return Text("Drawing the chart…", style="dim")
        return self._rendered[1]
