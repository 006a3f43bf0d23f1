"""One entry point for every chart kind: ChartData in, rows of styled runs out."""

from __future__ import annotations

from dataclasses import replace

from ortui.charts.bars import draw_bars
from ortui.charts.canvas import Canvas, Line, Run
from ortui.charts.layout import (
    FILLS,
    MARKERS,
    OTHER,
    LegendEntry,
    paint_rows,
    wrap_legend,
    wrap_note,
)
from ortui.charts.line import draw_lines
from ortui.charts.stacked import draw_stacked, fits
from ortui.charts.time_axis import PARTIAL_MARK
from ortui.results.formatting import unit_of
from ortui.results.series import ChartData

MIN_WIDTH, MIN_HEIGHT = 20, 5
MIN_PLOT_ROWS = 3


def series_roles(data: ChartData) -> list[int | str]:
    """Palette index by rank; "Other" is neutral."""
    if data.kind == "bar":
        return [
            OTHER if data.other_bar and i == len(data.bars) - 1 else i
            for i in range(len(data.bars))
        ]
    return [OTHER if s.is_other else i for i, s in enumerate(data.series)]


def _legend(data: ChartData, roles: list[int | str]) -> list[LegendEntry]:
    if data.kind == "bar":
        return [LegendEntry("previous period", "muted", "┃")] if data.previous_bars else []
    symbols = FILLS if data.kind == "stacked" else MARKERS
    entries = [
        LegendEntry(s.label, role, symbols[i % len(symbols)])
        for i, (s, role) in enumerate(zip(data.series, roles, strict=True))
    ]
    if data.partial_first is not None:
        entries.append(LegendEntry("partial: the range covers part of it", "mark", PARTIAL_MARK))
    elif data.partial is not None:
        entries.append(LegendEntry("still in progress", "mark", PARTIAL_MARK))
    if data.previous or data.previous_bars:
        entries.append(LegendEntry("previous period", "muted", "┄"))
    return entries


def _title(data: ChartData) -> str:
    assert data.metric is not None
    unit = unit_of(data.metric.display_format)
    return f"{data.metric.label} ({unit})" if unit else data.metric.label


def render(data: ChartData, width: int, height: int, colour: bool = True) -> list[Line]:
    """The chart in ``width`` × ``height`` cells; a message when there is nothing to draw."""
    if data.kind == "empty" or data.metric is None or not (data.series or data.bars):
        return [[Run(data.note or "Nothing to plot", "note")]]
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return [[Run(f"Too small for a chart ({width}×{height}).", "note")]]
    if data.kind == "stacked" and not fits(
        len({t for s in data.series for t in s.times}), width - 12
    ):
        data = replace(
            data,
            kind="line",
            note="Too many buckets for bars at this width: drawn as lines. " + data.note,
        )
    roles = series_roles(data)
    legend = wrap_legend(_title(data), _legend(data, roles), width, colour, max_rows=3)
    notes = wrap_note(data.note, width, 2)
    footer = 2
    rows = height - len(legend) - footer - len(notes)
    if rows < MIN_PLOT_ROWS:
        notes, legend = [], legend[:1]
        rows = height - len(legend) - footer
    canvas = Canvas(width, height)
    paint_rows(canvas, 0, legend)
    top = len(legend)
    if data.kind == "bar":
        left_out = draw_bars(canvas, data, roles, top, rows, colour)
        rows = min(rows, len(data.bars))  # notes right under the axis, not at the bottom
        if left_out:
            more = f"{left_out} more not shown (no room: a taller chart shows them). "
            notes = wrap_note(more + data.note, width, 2)[: max(0, height - top - rows - 2)]
    elif data.kind == "stacked":
        draw_stacked(canvas, data, roles, top, rows, colour)
    else:
        draw_lines(canvas, data, roles, top, rows, colour)
    for offset, note in enumerate(notes):
        canvas.text(0, top + rows + footer + offset, note, "note")
    lines = canvas.lines()[: top + rows + footer + len(notes)]
    while lines and all(not run.text.strip() for run in lines[-1]):
        lines.pop()
    return lines
