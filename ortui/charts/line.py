"""Series as lines at braille resolution; markers on the points when colour is off."""

from __future__ import annotations

from datetime import datetime

from ortui.charts.braille import BrailleLayer
from ortui.charts.buckets import align, time_axis
from ortui.charts.canvas import Canvas
from ortui.charts.layout import MARKERS, OTHER, value_dot, y_axis, y_ticks
from ortui.charts.scale import Axis, nice_axis
from ortui.results.series import ChartData


def dot_columns(count: int, plot_width: int) -> list[int]:
    """The dot column of each bucket: first at the left edge, last at the right edge."""
    dots = 2 * plot_width - 1
    if count == 1:
        return [dots // 2]
    return [round(i * dots / (count - 1)) for i in range(count)]


def draw_lines(
    canvas: Canvas, data: ChartData, roles: list[int | str], top: int, rows: int, colour: bool
) -> None:
    assert data.metric is not None
    aligned = align(data, missing_is_zero=not data.metric.is_rate)
    earlier = previous_aligned(data, aligned.times)
    values = [v for series in aligned.values + earlier for v in series if v is not None]
    axis = nice_axis(values, data.metric.display_format, y_ticks(rows))
    gutter = y_axis(canvas, axis, top, rows)
    width = canvas.width - gutter - 1
    xs = dot_columns(len(aligned.times), width)
    layer = BrailleLayer(width, rows)
    partial = data.partial is not None and aligned.times[-1] == data.partial
    ranked = [i for i, role in enumerate(roles) if role != OTHER]
    order = [i for i, role in enumerate(roles) if role == OTHER] + ranked[::-1]
    for series in earlier:  # the earlier period first, dimmed and dotted, under the rest
        dots = [
            (x, value_dot(v, axis, rows)) if v is not None else None
            for x, v in zip(xs, series, strict=True)
        ]
        _polyline(layer, dots, "muted", False, dotted_all=True)
    for index in order:  # "Other" first, the largest series last so it stays on top
        points = [
            (x, value_dot(v, axis, rows)) if v is not None else None
            for x, v in zip(xs, aligned.values[index], strict=True)
        ]
        _polyline(layer, points, roles[index], partial)
    layer.paint(canvas, gutter + 1, top)
    if not colour and len(xs) <= width // 2:
        _markers(canvas, aligned.values, xs, (top, rows, axis), gutter + 1)
    time_axis(canvas, data, aligned.times, [gutter + 1 + x // 2 for x in xs], gutter, top + rows)


def previous_aligned(data: ChartData, times: list[datetime]) -> list[list[float | None]]:
    """The earlier period's series on the current buckets (gaps where it has none)."""
    out = []
    for series in data.previous:
        known = dict(zip(series.times, series.values, strict=True))
        out.append([known.get(t) for t in times])
    return out


def _polyline(
    layer: BrailleLayer,
    points: list[tuple[int, int] | None],
    role: int | str,
    partial: bool,
    dotted_all: bool = False,
) -> None:
    last = len(points) - 1
    for index, point in enumerate(points):
        if point is None:
            continue
        following = points[index + 1] if index < last else None
        if following is None:
            layer.dot(*point, role)
            continue
        layer.line(*point, *following, role, dotted=dotted_all or (partial and index + 1 == last))


def _markers(
    canvas: Canvas,
    values: list[list[float | None]],
    xs: list[int],
    area: tuple[int, int, Axis],
    left: int,
) -> None:
    """Without colour the series differ by a marker on each bucket's point."""
    top, rows, axis = area
    for index, series in enumerate(values):
        marker = MARKERS[index % len(MARKERS)]
        for x, value in zip(xs, series, strict=True):
            if value is not None:
                canvas.put(left + x // 2, top + value_dot(value, axis, rows) // 4, marker, index)
