"""A plotext chart sized to the widget: lines over time, or bars of the top rows."""

from __future__ import annotations

import math
import os
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Span, Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from ortui.long_lived import settle_long_lived
from ortui.results.formatting import unit_of
from ortui.results.series import ChartData

MARKERS = ("•", "x", "+", "o", "*", "#", "@", "%", "&", "=")


def _new_figure(width: int, height: int) -> Any:
    """A private plotext figure (never the module-global one), unlimited by the terminal."""
    from plotext._kernel.terminal import terminal

    term = terminal()
    term.limit(False, False)
    figure = term._master
    figure._set_size(width, height)
    figure.theme("default")
    return figure


SCALE_NAMES = {3: "thousands", 6: "millions", 9: "billions", 12: "trillions"}


def _scale(values: list[float]) -> tuple[float, str]:
    """A power-of-1,000 divisor keeping plotted numbers below 1,000: plotext 6.1 aborts the
    whole process (std::bad_alloc) on horizontal bars of large values, so none reach it."""
    largest = max((abs(v) for v in values), default=0.0)
    if largest < 1000:
        return 1.0, ""
    exponent = int(math.log10(largest) // 3) * 3
    return 10.0 ** exponent, SCALE_NAMES.get(exponent, f"×1e{exponent}")


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _title(data: ChartData, scale_name: str) -> str:
    assert data.metric is not None
    unit = unit_of(data.metric.display_format)
    parts = [p for p in (unit, scale_name) if p]
    return f"{data.metric.label} ({', '.join(parts)})" if parts else data.metric.label


def render_chart(data: ChartData, width: int, height: int, colour: bool = True) -> str:
    """The chart as ANSI text (plain when ``colour`` is False)."""
    if data.kind == "empty" or data.metric is None or width < 20 or height < 5:
        return data.note or "Nothing to plot"
    figure = _new_figure(width, height)
    percent = 100.0 if data.metric.display_format == "percent" else 1.0
    raw = [v * percent for s in data.series for v in s.values] + [v * percent
                                                                  for _, v in data.bars]
    divisor, scale_name = _scale([_finite(v) for v in raw])
    scale = percent / divisor
    if data.kind == "line":
        figure.date(0).activate(form="%Y-%m-%d %H:%M" if _fine(data) else "%Y-%m-%d", zone=0)
        form = "%Y-%m-%d %H:%M" if _fine(data) else "%Y-%m-%d"
        for index, series in enumerate(data.series):
            signal = figure.signal([t.strftime(form) for t in series.times],
                                   [_finite(v * scale) for v in series.values],
                                   marker=MARKERS[index % len(MARKERS)])
            signal.label(f"{series.label}")
            signal.lines(True)
            figure.draw(signal)
    else:
        bars = list(reversed(data.bars))
        figure.draw(figure.bar([label[:28] for label, _ in bars],
                               [_finite(v * scale) for _, v in bars], orientation="horizontal"))
    figure.title(_title(data, scale_name))
    figure.legend(False)
    return str(figure.build().string(colorless=not colour))


def legend_text(data: ChartData, width: int) -> str:
    """A legend under the chart, wrapped to ``width``; markers tell series apart without colour."""
    if data.kind != "line":
        return ""
    lines: list[str] = []
    for index, series in enumerate(data.series):
        entry = f"{MARKERS[index % len(MARKERS)]} {series.label}"
        if lines and len(lines[-1]) + 3 + len(entry) <= width:
            lines[-1] += "   " + entry
        else:
            lines.append(entry)
    return "\n".join(lines)


def _fine(data: ChartData) -> bool:
    return any(t.hour or t.minute for s in data.series for t in s.times)


def chart_text(data: ChartData, width: int, height: int, colour: bool) -> Text:
    """Chart, legend and note as one Text sized to ``width`` × ``height``."""
    legend = legend_text(data, width)
    rows = legend.count("\n") + 1 if legend else 0
    chart = render_chart(data, width, max(5, height - rows - 1), colour)
    text = _without_background(Text.from_ansi(chart + ("\n" + legend if legend else ""),
                                              no_wrap=True, overflow="crop"))
    if data.note:
        text.append("\n" + data.note, style="italic")
    return text


def _without_background(text: Text) -> Text:
    """Drop plotext's canvas colour, and its black frame, so the chart sits on the app's own
    background and its axes stay visible on dark themes."""
    spans = []
    for span in text.spans:
        style = Style.parse(span.style) if isinstance(span.style, str) else span.style
        color = style.color
        if color is not None and color.number == 0:  # plotext draws axes in black
            color = None
        spans.append(Span(span.start, span.end, Style(color=color, bold=style.bold)))
    text.spans = spans
    return text


class ChartPane(Widget, can_focus=True):
    """Re-renders on data, resize and theme change; ``c`` cycles the plotted metric."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "cycle_metric", "Next metric"),
                Binding("k", "cycle_kind", "Chart kind")]
    _plotext_settled: ClassVar[bool] = False

    class MetricCycled(Message):
        """The user asked for the next metric; the screen recomputes the data."""

    class KindCycled(Message):
        """The user asked for the next chart kind (auto, line, bar)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        self._rendered: tuple[tuple[int, int, bool], Text] | None = None

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self._rendered = None
        self._draw()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self.set_data(self.data), init=False)

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """Build the figure in a thread: plotting 10,000 points must not stall the UI."""
        if self.data is not None and self.size.width and self.size.height:
            width, height = self.content_size
            self.draw_chart(self.data, width, height, not os.environ.get("NO_COLOR"))
        self.refresh()

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def draw_chart(self, data: ChartData, width: int, height: int, colour: bool) -> None:
        try:
            text = chart_text(data, width, height, colour)
        except Exception as exc:  # a plotting failure must not leave "Drawing…" forever
            text = Text(f"The chart could not be drawn ({type(exc).__name__}: {exc}); "
                        "the rows are in the grid.", style="italic")
        self.app.call_from_thread(self._drawn, data, (width, height, colour), text)

    def _drawn(self, data: ChartData, key: tuple[int, int, bool], text: Text) -> None:
        if not ChartPane._plotext_settled:  # plotext's modules are loaded by the first chart
            ChartPane._plotext_settled = True
            settle_long_lived()
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
