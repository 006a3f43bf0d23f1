"""A time series turned sideways: one row per dimension value, one column per bucket (a partial
end bucket's header marked ``*``, as in the grid), a total (additive metrics only) and a
sparkline of the trend."""

from __future__ import annotations

import math
from datetime import datetime

from ortui.results.formatting import format_time
from ortui.results.partial import MARK, partial_buckets
from ortui.results.table import Cell, Column, ResultTable

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One block a bucket, from ▁ (0 or the row's smallest) to █ (its largest); gaps blank."""
    present = [v for v in values if v is not None and math.isfinite(v)]
    if not present:
        return " " * len(values)
    low, high = min(0.0, *present), max(present)
    span = high - low
    out = []
    for value in values:
        if value is None or not math.isfinite(value):
            out.append(" ")
        else:
            level = 0 if span == 0 else round((value - low) / span * (len(SPARKS) - 1))
            out.append(SPARKS[level])
    return "".join(out)


def can_pivot(table: ResultTable | None) -> bool:
    return bool(
        table and table.time_column is not None and table.metric_columns and table.row_count
    )


def pivot_table(
    table: ResultTable, metric_key: str | None, now: datetime | None = None
) -> ResultTable:
    """The pivot of ``metric_key`` (the first metric when None or absent); oldest bucket first,
    rows by total (or by the newest bucket for a rate), largest first; the partial end buckets
    at ``now`` (the clock when None) have ``*`` on their headers."""
    time = table.time_column
    assert time is not None
    metric = next((c for c in table.metric_columns if c.key == metric_key), table.metric_columns[0])
    dims = table.dimension_columns
    buckets = sorted({t for t in time.values if isinstance(t, datetime)})
    index = {t: i for i, t in enumerate(buckets)}
    rows: dict[tuple[Cell, ...], list[float | None]] = {}
    for row, moment in enumerate(time.values):
        value = metric.values[row]
        if not isinstance(moment, datetime) or not isinstance(value, int | float):
            continue
        key = tuple(c.values[row] for c in dims)
        cells = rows.setdefault(key, [None] * len(buckets))
        slot = index[moment]
        previous = cells[slot]
        cells[slot] = float(value) if previous is None or metric.is_rate else previous + value
    if not metric.is_rate and not table.truncated:  # the server leaves out empty groups
        for cells in rows.values():
            cells[:] = [0.0 if v is None else v for v in cells]
    return _build(table, metric, dims, buckets, rows, partial_buckets(table, now).times)


def _build(
    table: ResultTable,
    metric: Column,
    dims: list[Column],
    buckets: list[datetime],
    rows: dict[tuple[Cell, ...], list[float | None]],
    partial: frozenset[datetime] = frozenset(),
) -> ResultTable:
    def total(cells: list[float | None]) -> float:
        return sum(v for v in cells if v is not None)

    def rank(item: tuple[tuple[Cell, ...], list[float | None]]) -> float:
        cells = item[1]
        return (
            total(cells)
            if not metric.is_rate
            else next((v for v in reversed(cells) if v is not None), -math.inf)
        )

    ordered = sorted(rows.items(), key=rank, reverse=True)
    columns = [
        Column(d.key, d.label, "dimension", [k[i] for k, _ in ordered]) for i, d in enumerate(dims)
    ] or [Column("series", "Series", "dimension", ["All"] * len(ordered))]
    columns.append(
        Column("trend", f"{metric.label} trend", "extra", [sparkline(c) for _, c in ordered])
    )
    if not metric.is_rate:
        columns.append(
            Column(
                "total", "Total", "metric", [total(c) for _, c in ordered], metric.display_format
            )
        )
    for i, moment in enumerate(buckets):
        columns.append(
            Column(
                f"bucket_{i}",
                format_time(moment, table.granularity) + (MARK if moment in partial else ""),
                "metric",
                [c[i] for _, c in ordered],
                metric.display_format,
                metric.is_rate,
            )
        )
    return ResultTable(
        columns,
        len(ordered),
        table.truncated,
        table.query_time_ms,
        table.cached_at,
        table.warnings,
        None,
        table.problems,
    )
