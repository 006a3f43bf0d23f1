"""The compared earlier period as chart overlay data: the same series labels, on the current
time axis (buckets already moved forward by the comparison), for the chart to draw dimmed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ortui.analysis.compare import PREVIOUS, Comparison, is_compare_key
from ortui.results.series import ChartData, Series, chart_data
from ortui.results.table import Column, ResultTable

ALL = 1_000_000  # no "Other" when ranking the earlier period: every group is kept


def previous_table(comparison: Comparison, metric: str) -> ResultTable | None:
    """The joined rows with ``metric`` holding the earlier period's values."""
    table = comparison.table
    earlier = table.column(metric + PREVIOUS)
    if earlier is None:
        return None
    columns = [
        Column(c.key, c.label, c.kind, earlier.values, c.display_format, c.is_rate)
        if c.key == metric
        else c
        for c in table.columns
        if not is_compare_key(c.key)
    ]
    return replace(table, columns=columns)


def with_previous(data: ChartData, comparison: Comparison) -> ChartData:
    """``data`` with the earlier period of each of its series (or bars); "Other" gets the
    earlier period's remaining groups summed (additive metrics only)."""
    metric = data.metric
    table = previous_table(comparison, metric.key) if metric is not None else None
    if metric is None or table is None or data.kind == "empty":
        return data
    kind = "bar" if data.kind == "bar" else "line"
    earlier = chart_data(table, metric.key, top_n=ALL, kind=kind)
    if data.kind == "bar":
        return replace(data, previous_bars=_bars(data, earlier, metric.is_rate))
    return replace(data, previous=_series(data, earlier, metric.is_rate))


def _series(data: ChartData, earlier: ChartData, is_rate: bool) -> list[Series]:
    by_label = {s.label: s for s in earlier.series}
    shown = [s.label for s in data.series if not s.is_other]
    out = [replace(by_label[label], is_other=False) for label in shown if label in by_label]
    rest = [s for label, s in by_label.items() if label not in shown]
    if rest and not is_rate and any(s.is_other for s in data.series):
        sums: dict[datetime, float] = {}
        for series in rest:
            for moment, value in zip(series.times, series.values, strict=True):
                sums[moment] = sums.get(moment, 0.0) + value
        times = sorted(sums)
        other = next(s.label for s in data.series if s.is_other)
        out.append(Series(other, times, [sums[t] for t in times], True))
    return out


def _bars(data: ChartData, earlier: ChartData, is_rate: bool) -> dict[str, float]:
    values = dict(earlier.bars)
    labels = [label for label, _ in data.bars]
    out = {label: values[label] for label in labels if label in values}
    if data.other_bar and not is_rate and labels:
        out[labels[-1]] = sum(v for label, v in values.items() if label not in labels)
    return out
