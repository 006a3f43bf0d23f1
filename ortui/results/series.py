"""Chart data from a result: time series with top N plus "Other", or top-row bars."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ortui.results.table import Column, ResultTable

OTHER = "Other"


@dataclass(frozen=True)
class Series:
    label: str
    times: list[datetime]
    values: list[float]


@dataclass(frozen=True)
class ChartData:
    """What a chart needs; ``note`` explains anything left out (e.g. no "Other" for rates)."""

    kind: str  # "line", "bar" or "empty"
    metric: Column | None
    series: list[Series] = field(default_factory=list)
    bars: list[tuple[str, float]] = field(default_factory=list)
    note: str = ""


def _group_label(table: ResultTable, index: int) -> str:
    dims = table.dimension_columns
    if not dims:
        return "All"
    return " · ".join("null" if (v := c.values[index]) is None else str(v) for c in dims)


def _rank(values: list[float], is_rate: bool) -> float:
    if not values:
        return 0.0
    return sum(values) / len(values) if is_rate else sum(values)


def _line_chart(table: ResultTable, metric: Column, time: Column, top_n: int) -> ChartData:
    points: dict[str, dict[datetime, float]] = {}
    for index, moment in enumerate(time.values):
        value = metric.values[index]
        if not isinstance(moment, datetime) or not isinstance(value, int | float):
            continue
        bucket = points.setdefault(_group_label(table, index), {})
        bucket[moment] = bucket.get(moment, 0.0) + float(value)
    ranked = sorted(points, key=lambda k: _rank(list(points[k].values()), metric.is_rate),
                    reverse=True)
    top, rest = ranked[:top_n], ranked[top_n:]
    series = [Series(k, sorted(points[k]), [points[k][t] for t in sorted(points[k])])
              for k in top]
    note = ""
    if rest and metric.is_rate:
        note = (f"{len(rest)} smaller series not shown: {metric.label} is a rate, "
                "so they are not summed into Other")
    elif rest:
        other: dict[datetime, float] = {}
        for k in rest:
            for moment, value in points[k].items():
                other[moment] = other.get(moment, 0.0) + value
        times = sorted(other)
        series.append(Series(f"{OTHER} ({len(rest)})", times, [other[t] for t in times]))
    return ChartData("line", metric, series=series, note=note)


def _bar_chart(table: ResultTable, metric: Column, top_n: int,
               only: set[int] | None = None, note: str = "") -> ChartData:
    totals: dict[str, float] = {}
    for index, value in enumerate(metric.values):
        if only is not None and index not in only:
            continue
        if isinstance(value, int | float):
            label = _group_label(table, index)
            totals[label] = totals.get(label, 0.0) + float(value)
    ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    bars, rest = ranked[:top_n], ranked[top_n:]
    if rest and metric.is_rate:
        note += f"{len(rest)} more rows not shown: a rate is not summed into Other"
    elif rest:
        bars.append((f"{OTHER} ({len(rest)})", sum(v for _, v in rest)))
    return ChartData("bar", metric, bars=bars, note=note)


def _latest_bucket(table: ResultTable, metric: Column, time: Column, top_n: int) -> ChartData:
    """Bars over time would sum buckets (wrong for rates); show the newest bucket instead."""
    moments = [t for t in time.values if isinstance(t, datetime)]
    if not moments:
        return _bar_chart(table, metric, top_n)
    newest = max(moments)
    only = {i for i, t in enumerate(time.values) if t == newest}
    return _bar_chart(table, metric, top_n, only, f"Latest bucket only ({newest:%Y-%m-%d %H:%M}"
                      " UTC). ")


def chart_data(table: ResultTable, metric_key: str | None, top_n: int = 8,
               kind: str = "auto") -> ChartData:
    """Series for ``metric_key`` (the first metric when None); ``kind`` is auto, line or bar."""
    metrics = table.metric_columns
    metric = next((c for c in metrics if c.key == metric_key), metrics[0] if metrics else None)
    if metric is None or table.row_count == 0:
        return ChartData("empty", metric, note="No rows to plot")
    time = table.time_column
    if time is not None and kind == "bar":
        return _latest_bucket(table, metric, time, top_n)
    if time is not None:
        return _line_chart(table, metric, time, top_n)
    note = "No time buckets (granularity is none): showing bars. " if kind == "line" else ""
    return _bar_chart(table, metric, top_n, note=note)
