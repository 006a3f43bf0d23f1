"""Chart data from a result: time series with top N plus "Other", or ranked bars."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from ortui.results.formatting import UNSET_TEXT
from ortui.results.partial import partial_buckets
from ortui.results.table import Cell, Column, ResultTable

OTHER = "Other"
KINDS = ("auto", "line", "bar", "stacked")  # the order the chart-kind key cycles through
TEXT_TYPES = {str, type(None)}


@dataclass(frozen=True)
class Series:
    label: str
    times: list[datetime]
    values: list[float]
    is_other: bool = False


@dataclass(frozen=True)
class ChartData:
    """What a chart needs; ``note`` explains anything left out (e.g. no "Other" for rates).

    ``kind`` is "line", "stacked" (bars a bucket, series stacked), "bar" (ranked horizontal
    bars of ``bars``) or "empty"; ``partial`` is the newest bucket when the range covers
    only part of it (still in progress, usually), ``partial_first`` the oldest one when the
    range starts inside it."""

    kind: str
    metric: Column | None
    series: list[Series] = field(default_factory=list)
    bars: list[tuple[str, float]] = field(default_factory=list)
    note: str = ""
    granularity: str | None = None
    partial: datetime | None = None
    partial_first: datetime | None = None
    other_bar: bool = False
    previous: list[Series] = field(default_factory=list)  # a compared earlier period
    previous_bars: dict[str, float] = field(default_factory=dict)


def group_labels(table: ResultTable) -> list[str]:
    """Each row's series label: its dimension values joined (``All`` without dimensions).
    With text values (as the API sends them) a label is made once per distinct key; 10,000
    rows hold a few dozen."""
    columns = [c.values for c in table.dimension_columns]
    if not columns:
        return ["All"] * table.row_count
    keys = zip(*columns, strict=True)
    if not all(set(map(type, values)) <= TEXT_TYPES for values in columns):
        return [_label(key) for key in keys]  # 1 == 1.0 == True: no sharing across types
    known: dict[tuple[Cell, ...], str] = {}
    return [known[k] if k in known else known.setdefault(k, _label(k)) for k in keys]


def _label(key: tuple[Cell, ...]) -> str:
    return " · ".join(UNSET_TEXT if v is None else str(v) for v in key)


def _rank(values: list[float], is_rate: bool) -> float:
    if not values:
        return 0.0
    return sum(values) / len(values) if is_rate else sum(values)


def _line_chart(table: ResultTable, metric: Column, time: Column, top_n: int) -> ChartData:
    points: dict[str, dict[datetime, float]] = {}
    for moment, value, label in zip(time.values, metric.values, group_labels(table), strict=True):
        if not isinstance(moment, datetime) or not isinstance(value, int | float):
            continue
        bucket = points.get(label)
        if bucket is None:
            bucket = points[label] = {}
        bucket[moment] = bucket.get(moment, 0.0) + float(value)
    ranked = sorted(
        points, key=lambda k: _rank(list(points[k].values()), metric.is_rate), reverse=True
    )
    top, rest = ranked[:top_n], ranked[top_n:]
    series = [Series(k, sorted(points[k]), [points[k][t] for t in sorted(points[k])]) for k in top]
    note = ""
    if rest and metric.is_rate:
        note = (
            f"{len(rest)} smaller series not shown: {metric.label} is a rate, "
            "so they are not summed into Other"
        )
    elif rest:
        other: dict[datetime, float] = {}
        for k in rest:
            for moment, value in points[k].items():
                other[moment] = other.get(moment, 0.0) + value
        times = sorted(other)
        series.append(Series(f"{OTHER} ({len(rest)})", times, [other[t] for t in times], True))
    return ChartData("line", metric, series=series, note=note)


def _bar_chart(
    table: ResultTable, metric: Column, top_n: int, only: set[int] | None = None, note: str = ""
) -> ChartData:
    totals: dict[str, float] = {}
    for index, (value, label) in enumerate(zip(metric.values, group_labels(table), strict=True)):
        if only is not None and index not in only:
            continue
        if isinstance(value, int | float):
            totals[label] = totals.get(label, 0.0) + float(value)
    ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    bars, rest = ranked[:top_n], ranked[top_n:]
    if rest and metric.is_rate:
        note += f"{len(rest)} more rows not shown: a rate is not summed into Other"
    elif rest:
        bars.append((f"{OTHER} ({len(rest)})", sum(v for _, v in rest)))
    return ChartData(
        "bar", metric, bars=bars, note=note, other_bar=bool(rest) and not metric.is_rate
    )


def range_note(table: ResultTable, metric: Column) -> str:
    """What bars over a whole query stand for, over the range the query asked for (not the
    first and last day that have data): ``Totals over 2026-10-30 18:00 → 2026-11-29 18:00
    UTC.``; empty when the table does not know its range."""
    if table.span is None:
        return ""
    start, end = (moment.astimezone(UTC) for moment in table.span)
    what = f"{metric.label} (a rate)" if metric.is_rate else "Totals"
    return f"{what} over {start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M} UTC. "


def _bars_over_time(
    table: ResultTable, metric: Column, time: Column, top_n: int, partial: datetime | None
) -> ChartData:
    """Totals over the whole range for additive metrics; a rate cannot be summed, so it shows
    the newest complete bucket, and the note says which."""
    moments = sorted({t for t in time.values if isinstance(t, datetime)})
    if not metric.is_rate or not moments:
        span = f"{moments[0]:%Y-%m-%d} – {moments[-1]:%Y-%m-%d}" if moments else ""
        note = range_note(table, metric) or (f"Totals over {span}. " if span else "")
        return _bar_chart(table, metric, top_n, note=note)
    complete = [t for t in moments if t != partial] or moments
    newest = complete[-1]
    only = {i for i, t in enumerate(time.values) if t == newest}
    return _bar_chart(
        table,
        metric,
        top_n,
        only,
        f"{metric.label} is a rate: bucket "
        f"{newest:%Y-%m-%d %H:%M} only (the newest complete one). ",
    )


def chart_data(
    table: ResultTable,
    metric_key: str | None,
    top_n: int = 8,
    kind: str = "auto",
    now: datetime | None = None,
) -> ChartData:
    """Series for ``metric_key`` (the first metric when None); ``kind`` is one of KINDS:
    auto draws additive metrics over time as stacked bars and rates as lines."""
    metrics = table.metric_columns
    metric = next((c for c in metrics if c.key == metric_key), metrics[0] if metrics else None)
    if metric is None or table.row_count == 0:
        return ChartData("empty", metric, note="No rows to plot")
    time = table.time_column
    if time is None:
        note = (
            "No time buckets (granularity is none): showing bars. "
            if kind in ("line", "stacked")
            else ""
        )
        return _bar_chart(table, metric, top_n, note=note + range_note(table, metric))
    ends = partial_buckets(table, now)
    partial = ends.last
    if kind == "bar":
        return _bars_over_time(table, metric, time, top_n, partial)
    data = _line_chart(table, metric, time, top_n)
    note = data.note
    stacked = kind == "stacked" or (kind == "auto" and not metric.is_rate)
    if stacked and metric.is_rate:
        note = (
            f"{metric.label} is a rate, so it is drawn as lines (stacks would add it up). " + note
        )
        stacked = False
    return replace(
        data,
        kind="stacked" if stacked else "line",
        note=note,
        granularity=table.granularity,
        partial=partial,
        partial_first=ends.first,
    )
