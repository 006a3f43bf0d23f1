"""Series aligned on one list of buckets, shared by line and stacked-bar charts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from ortui.api.granularity import grain
from ortui.charts.canvas import Canvas
from ortui.charts.time_axis import bucket_labels, place_labels
from ortui.results.series import ChartData

MAX_BUCKETS = 10_000  # more than any range the API allows at its grain (31 days of hours: 744)


@dataclass(frozen=True)
class Aligned:
    times: list[datetime]
    values: list[list[float | None]]  # one list per series, one entry per bucket


def align(data: ChartData, missing_is_zero: bool) -> Aligned:
    """Every series on every bucket from the first to the last; a bucket a series lacks is 0
    for additive metrics (the server leaves out empty groups and empty buckets) and a gap for
    rates."""
    times = sorted({t for s in data.series for t in s.times})
    times = continuous(with_range_ends(times, data.granularity, data.span), data.granularity)
    fill = 0.0 if missing_is_zero else None
    values: list[list[float | None]] = []
    for series in data.series:
        known = {
            _instant(t): v
            for t, v in zip(series.times, series.values, strict=True)
            if math.isfinite(v)
        }  # by instant: the two 01:00 of a DST change are two buckets, equal as local times
        values.append([known.get(_instant(t), fill) for t in times])
    return Aligned(times, values)


def continuous(times: list[datetime], granularity: str | None) -> list[datetime]:
    """``times`` with the buckets between them that hold no rows, so each bucket keeps its own
    place on the axis. Minutes and hours step in real time (a DST hour is not skipped), days,
    weeks and months by the calendar of their zone; ``times`` as they are when a step does not
    land on every one of them (buckets the grain does not describe)."""
    facts = grain(granularity)
    if facts is None or len(times) < 2:
        return times
    given = {_instant(t): t for t in times}
    last = _instant(times[-1])
    moments, step = [times[0]], facts.bucket_end
    while _instant(moments[-1]) < last and len(moments) <= MAX_BUCKETS:
        moment = moments[-1]
        moments.append(
            step(moment.astimezone(UTC)).astimezone(moment.tzinfo)
            if facts.clock_time and moment.tzinfo is not None
            else step(moment)
        )
    instants = [_instant(m) for m in moments]
    if instants[-1] != last or not given.keys() <= set(instants):
        return times
    return [given.get(i, m) for i, m in zip(instants, moments, strict=True)]


def with_range_ends(
    times: list[datetime], granularity: str | None, span: tuple[datetime, datetime] | None
) -> list[datetime]:
    """``times`` and the buckets holding the first and last moments of ``span`` (the range
    asked for), so a series whose first rows come late, or whose last come early, is not drawn
    as if the range began or ended there. Only grains whose buckets ``continuous`` can step
    through are extended (it keeps ``times`` as they are otherwise)."""
    if span is None or not times or grain(granularity) is None:
        return times
    zone = times[0].tzinfo
    first, last = (_floor(m, granularity, zone) for m in (span[0], span[1] - _TICK))
    if first is None or last is None or not first <= times[0] <= times[-1] <= last:
        return times  # rows outside the range they were asked for: drawn as they are
    known = {_instant(t) for t in times}
    ends = [m for m in (first, last) if _instant(m) not in known]
    return sorted([*times, *ends], key=_instant)


_TICK = timedelta(microseconds=1)


def _floor(moment: datetime, granularity: str | None, zone: tzinfo | None) -> datetime | None:
    """The start of the ``granularity`` bucket holding ``moment`` (a UTC instant), in
    ``zone``: minutes and hours by UTC (as the API cuts them), days, weeks and months by the
    zone's calendar."""
    if zone is None:
        return None
    if granularity in ("minute", "hour"):
        cut = {"second": 0, "microsecond": 0} | ({"minute": 0} if granularity == "hour" else {})
        return moment.astimezone(UTC).replace(**cut).astimezone(zone)  # type: ignore[arg-type]
    local = moment.astimezone(zone)
    day = datetime(local.year, local.month, local.day, tzinfo=zone)
    if granularity == "week":
        day -= timedelta(days=day.weekday())
        return datetime(day.year, day.month, day.day, tzinfo=zone)
    return day.replace(day=1) if granularity == "month" else day


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


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
