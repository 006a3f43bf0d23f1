"""One bar a bucket, the series stacked in it at ⅛-cell resolution (additive metrics only)."""

from __future__ import annotations

from datetime import datetime

from ortui.charts.buckets import align, time_axis
from ortui.charts.canvas import Canvas
from ortui.charts.layout import FILLS, y_axis, y_ticks
from ortui.charts.scale import Axis, nice_axis
from ortui.results.series import ChartData

LOWER = " ▁▂▃▄▅▆▇█"
Segment = tuple[int, int, int | str]  # from, to (eighths of a cell from the bottom), role


def bar_slots(count: int, plot_width: int) -> list[tuple[int, int]]:
    """(first column, width) of each bucket's bar; a gap between bars when there is room."""
    slot = plot_width / count
    width = max(1, int(slot) - (1 if slot >= 3 else 0))
    return [(int(i * slot), width) for i in range(count)]


def fits(count: int, plot_width: int) -> bool:
    return 0 < count <= plot_width


def draw_stacked(
    canvas: Canvas, data: ChartData, roles: list[int | str], top: int, rows: int, colour: bool
) -> None:
    assert data.metric is not None
    aligned = align(data, missing_is_zero=True)
    columns = [[max(0.0, s[i] or 0.0) for s in aligned.values] for i in range(len(aligned.times))]
    earlier = _previous_totals(data, aligned.times)
    axis = nice_axis(
        [sum(c) for c in columns] + [v for v in earlier if v is not None],
        data.metric.display_format,
        y_ticks(rows),
    )
    gutter = y_axis(canvas, axis, top, rows)
    left = gutter + 1
    slots = bar_slots(len(columns), canvas.width - left)
    for (start, width), values in zip(slots, columns, strict=True):
        segments = _segments(values, roles, axis, rows)
        for row in range(rows):
            char, fg, bg = _cell(segments, row, roles, colour)
            if char != " " or bg is not None:
                for x in range(left + start, left + start + width):
                    canvas.put(x, top + rows - 1 - row, char, fg, bg)
    _previous_marks(canvas, earlier, slots, (left, top, rows), axis)
    anchors = [left + start + (width - 1) // 2 for start, width in slots]
    time_axis(canvas, data, aligned.times, anchors, gutter, top + rows)


def _previous_totals(data: ChartData, times: list[datetime]) -> list[float | None]:
    """Per bucket, the earlier period's total (every series summed), None without one."""
    sums: dict[datetime, float] = {}
    for series in data.previous:
        for moment, value in zip(series.times, series.values, strict=True):
            sums[moment] = sums.get(moment, 0.0) + max(0.0, value)
    return [sums.get(t) for t in times]


def _previous_marks(
    canvas: Canvas,
    totals: list[float | None],
    slots: list[tuple[int, int]],
    area: tuple[int, int, int],
    axis: Axis,
) -> None:
    """The earlier period's total of each bucket: a dim mark across the bar at its height."""
    left, top, rows = area
    for (start, width), total in zip(slots, totals, strict=True):
        if total is None or axis.top <= 0:
            continue
        row = min(rows - 1, max(0, round(total / axis.top * rows - 0.5)))
        for x in range(left + start, left + start + width):
            canvas.put(x, top + rows - 1 - row, "━", "muted")


def _segments(values: list[float], roles: list[int | str], axis: Axis, rows: int) -> list[Segment]:
    """Cumulative boundaries rounded once, so the stack's height is its total's, ±½ eighth."""
    eighths = 8 * rows
    segments: list[Segment] = []
    total, low = 0.0, 0
    for value, role in zip(values, roles, strict=True):
        total += value
        high = min(eighths, round(total / axis.top * eighths))
        if high > low:
            segments.append((low, high, role))
        low = max(low, high)
    return segments


def _cell(
    segments: list[Segment], row: int, roles: list[int | str], colour: bool
) -> tuple[str, int | str | None, int | str | None]:
    """The character of cell ``row`` (0 = bottom): a full block, or a lower block whose
    foreground is the series below the boundary and whose background the one above."""
    bottom, top = 8 * row, 8 * row + 8
    inside = [s for s in segments if s[0] < top and s[1] > bottom]
    if not inside:
        return " ", None, None
    lowest, highest = inside[0], inside[-1]
    if not colour:
        if highest[1] < top:  # the top of the stack: its exact height, as a shape
            return LOWER[highest[1] - bottom], highest[2], None
        widest = max(inside, key=lambda s: min(s[1], top) - max(s[0], bottom))
        return FILLS[_index(widest[2], roles) % len(FILLS)], widest[2], None
    if lowest[1] >= top:  # a full cell: background colour, exact in any font
        return " ", None, lowest[2]
    if highest[1] < top and highest is not lowest:  # the stack ends here: keep its height
        widest = max(inside, key=lambda s: min(s[1], top) - max(s[0], bottom))
        return LOWER[highest[1] - bottom], widest[2], None
    upper = highest[2] if highest is not lowest else None
    return LOWER[lowest[1] - bottom], lowest[2], upper


def _index(role: int | str, roles: list[int | str]) -> int:
    return roles.index(role)
