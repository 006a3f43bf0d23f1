"""The chart as ready-to-paint lines, built off the UI thread: the pane only swaps them in.

Painting a Rich ``Text`` goes through Textual's content pipeline (styles, wrapping, cropping)
on the UI thread, ~10 ms for a large chart; ``Strip`` lines of styled segments are what the
compositor wants, so a frame with the chart in it costs about as much as one without."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ortui.charts.canvas import Line, Run
from ortui.charts.palette import colour_of
from ortui.charts.render import render
from ortui.results.series import ChartData

DrawKey = tuple[int, int, bool]  # content width, height, colour on


@dataclass(frozen=True)
class DrawnChart:
    """``data`` drawn at ``key``: the text (what tests and copies read) and its strips."""

    data: ChartData
    key: DrawKey
    text: Text
    strips: list[Strip]


def run_style(fg: int | str | None, bg: int | str | None, colour: bool) -> Style:
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
                style = styles[key] = run_style(run.fg, run.bg, colour)
            text.append(run.text, style)
    return text


def _trimmed(line: Line) -> Line:
    """Trailing blanks without a background dropped (the pane pads the row in its own style),
    as Textual does when it paints text."""
    line = list(line)
    while line and line[-1].bg is None and not line[-1].text.rstrip():
        line.pop()
    if line and line[-1].bg is None:
        last = line[-1]
        line[-1] = Run(last.text.rstrip(), last.fg, last.bg)
    return line


def to_strips(lines: list[Line], colour: bool) -> list[Strip]:
    """Rows of runs as strips, one segment per run (the pane's own style goes under them),
    each cell knowing its offset so the mouse can select the chart's text."""
    styles: dict[tuple[int | str | None, int | str | None], Style] = {}
    strips = []
    for y, line in enumerate(lines):
        segments = []
        for run in _trimmed(line):
            key = (run.fg, run.bg)
            style = styles.get(key)
            if style is None:
                style = styles[key] = run_style(run.fg, run.bg, colour)
            segments.append(Segment(run.text, style))
        strips.append(Strip(segments).apply_offsets(0, y))
    return strips


def draw(data: ChartData, key: DrawKey) -> DrawnChart:
    """Thread-safe: nothing here touches a widget."""
    width, height, colour = key
    lines = render(data, width, height, colour)
    return DrawnChart(data, key, to_text(lines, colour), to_strips(lines, colour))
