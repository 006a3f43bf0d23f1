"""Ranked horizontal bars, the value printed at the end of each, on an axis from 0."""

from __future__ import annotations

import math

from ortui.charts.canvas import Canvas
from ortui.charts.labels import fit_labels
from ortui.charts.scale import nice_axis
from ortui.charts.time_axis import place_labels
from ortui.results.formatting import format_metric
from ortui.results.series import ChartData

LEFT = " ▏▎▍▌▋▊▉"
#: The share of the chart's width the bar labels may take (a long name is cut in the middle).
LABEL_SHARE = 0.4


def bar_eighths(value: float, top: float, width: int) -> int:
    """A bar's length in eighths of a cell: proportional to its value on a 0..top axis."""
    if top <= 0 or not math.isfinite(value):
        return 0
    return max(0, min(width * 8, round(value / top * width * 8)))


def draw_bars(
    canvas: Canvas,
    data: ChartData,
    roles: list[int | str],
    top: int,
    rows: int,
    colour: bool = False,
) -> int:
    """Draws as many bars as ``rows`` allows; returns how many did not fit. In colour a bar
    is a run of coloured background, its last ⅛-cell step a left block in the same colour."""
    assert data.metric is not None
    fmt = data.metric.display_format
    shown = data.bars[:rows]
    values = [value for _, value in shown]
    texts = [format_metric(v, fmt) for v in values]
    label_width = min(
        max(len(label) for label, _ in shown), max(8, int(canvas.width * LABEL_SHARE))
    )
    names = fit_labels([label for label, _ in shown], label_width)
    left = label_width + 2
    width = canvas.width - left - 2 - max(len(t) for t in texts)
    earlier = [data.previous_bars.get(label) for label, _ in shown]
    axis = nice_axis(
        values + [v for v in earlier if v is not None], fmt, max(2, min(8, width // 8))
    )
    for row, ((_, value), name, text, role) in enumerate(
        zip(shown, names, texts, roles, strict=False)
    ):
        y = top + row
        canvas.text(left - 2 - len(name), y, name, "label")
        canvas.put(left - 1, y, "│", "axis")
        full, rest = divmod(bar_eighths(value, axis.top, width), 8)
        for x in range(left, left + full):  # in colour: a background, exact in any font
            canvas.put(
                x, y, " " if colour else "█", None if colour else role, role if colour else None
            )
        if rest:
            canvas.put(left + full, y, LEFT[rest], role)
        canvas.text(left + full + (1 if rest else 0) + 1, y, text, "label")
        before = earlier[row]
        if before is not None:  # the earlier period's value: a dim mark on the bar's row
            canvas.put(
                left + min(width - 1, bar_eighths(before, axis.top, width) // 8), y, "┃", "muted"
            )
    _value_axis(
        canvas,
        axis.ticks,
        [axis.label(t) for t in axis.ticks],
        left,
        width,
        axis.top,
        top + len(shown),
    )
    return len(data.bars) - len(shown)


def _value_axis(
    canvas: Canvas,
    ticks: list[float],
    labels: list[str],
    left: int,
    width: int,
    top_value: float,
    row: int,
) -> None:
    canvas.put(left - 1, row, "└", "axis")
    for x in range(left, left + width + 1):
        canvas.put(x, row, "─", "axis")
    anchors = [left + min(width, bar_eighths(t, top_value, width) // 8) for t in ticks]
    for start, anchor, text in place_labels(anchors, labels, 0, canvas.width):
        canvas.put(anchor, row, "┬", "axis")
        canvas.text(start, row + 1, text, "axis")
