"""Series aligned on one list of buckets, shared by line and stacked-bar charts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from ortui.charts.canvas import Canvas
from ortui.charts.time_axis import bucket_labels, place_labels
from ortui.results.series import ChartData


@dataclass(frozen=True)
class Aligned:
    times: list[datetime]
    values: list[list[float | None]]  # one list per series, one entry per bucket


def align(data: ChartData, missing_is_zero: bool) -> Aligned:
    """Every series on the union of buckets; a bucket a series lacks is 0 for additive
    metrics (the server leaves out empty groups) and a gap for rates."""
    times = sorted({t for s in data.series for t in s.times})
    fill = 0.0 if missing_is_zero else None
    values: list[list[float | None]] = []
    for series in data.series:
        known = {t: v for t, v in zip(series.times, series.values, strict=True) if math.isfinite(v)}
        values.append([known.get(t, fill) for t in times])
    return Aligned(times, values)


def time_axis(
    canvas: Canvas, data: ChartData, times: list[datetime], anchors: list[int], left: int, row: int
) -> None:
    """The x axis line on ``row`` (a ┴ over each labelled bucket) and its labels below."""
    canvas.put(left, row, "└", "axis")
    for x in range(left + 1, canvas.width):
        canvas.put(x, row, "─", "axis")
    labels = bucket_labels(times, data.granularity, {data.partial, data.partial_first})
    for start, anchor, text in place_labels(anchors, labels, 0, canvas.width):
        canvas.put(anchor, row, "┴", "axis")
        canvas.text(start, row + 1, text, "axis")
