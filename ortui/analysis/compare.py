"""Match the rows of two periods by their dimension values and add Δ and Δ% per metric.

Rows present in one period only keep the other side as none (and no delta). Rates (averages,
ratios) compare as differences — in points for percentages, never summed; a percentage's Δ%
would be a ratio of ratios, so it is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ortui.analysis.periods import Shift
from ortui.results.formatting import NO_VALUE_TEXT
from ortui.results.table import Cell, Column, ResultTable

PREVIOUS, DELTA, DELTA_PCT = "__previous", "__delta", "__delta_pct"
SUFFIXES = (PREVIOUS, DELTA, DELTA_PCT)
RowKey = tuple[Cell, ...]


def is_compare_key(key: str) -> bool:
    """Whether a column key is one of the previous/Δ/Δ% columns added by a comparison."""
    return key.endswith(SUFFIXES)


@dataclass(frozen=True)
class Comparison:
    """A current result joined with an earlier one: ``table`` holds both sides and the deltas."""

    table: ResultTable
    current: tuple[datetime, datetime]
    previous: tuple[datetime, datetime]
    shift: Shift
    metrics: list[str]
    only_current: int = 0
    only_previous: int = 0


def change(current: Cell, previous: Cell, column: Column) -> tuple[float | None, float | None]:
    """Δ and Δ% (a ratio: 0.25 is +25 %) of one metric; None where either side is missing."""
    if not isinstance(current, int | float) or not isinstance(previous, int | float):
        return None, None
    delta = round(current - previous, 9)  # no float noise like -5.814616999999998
    if column.display_format == "percent" or previous == 0:
        return delta, None
    return delta, round(delta / abs(previous), 9)


def _row_key(table: ResultTable, index: int, shift: Shift | None) -> RowKey:
    key: list[Cell] = []
    for column in table.columns:
        value = column.values[index]
        if column.kind == "time":
            key.append(shift.forward(value) if shift and isinstance(value, datetime) else value)
        elif column.kind == "dimension":
            key.append(value)
    return tuple(key)


def _index(table: ResultTable, shift: Shift | None) -> dict[RowKey, int]:
    found: dict[RowKey, int] = {}
    for index in range(table.row_count):
        found.setdefault(_row_key(table, index, shift), index)
    return found


def _cell(table: ResultTable, key: str, index: int | None) -> Cell:
    column = table.column(key)
    return None if column is None or index is None else column.values[index]


def _base_columns(
    current: ResultTable,
    previous: ResultTable,
    pairs: list[tuple[int | None, int | None]],
    shift: Shift,
) -> list[Column]:
    columns = []
    for column in current.columns:
        values: list[Cell] = []
        for cur, prev in pairs:
            if cur is not None:
                values.append(column.values[cur])
            elif column.kind == "metric":
                values.append(None)
            else:
                value = _cell(previous, column.key, prev)
                moved = column.kind == "time" and isinstance(value, datetime)
                values.append(shift.forward(value) if moved else value)  # type: ignore[arg-type]
        missing = NO_VALUE_TEXT if column.kind == "metric" else column.missing
        columns.append(
            Column(
                column.key,
                column.label,
                column.kind,
                values,
                column.display_format,
                column.is_rate,
                missing,
            )
        )
    return columns


def _compare_columns(
    current: ResultTable, previous: ResultTable, pairs: list[tuple[int | None, int | None]]
) -> list[Column]:
    columns = []
    for metric in current.metric_columns:
        before = [_cell(previous, metric.key, prev) for _, prev in pairs]
        now = [None if cur is None else metric.values[cur] for cur, _ in pairs]
        changes = [change(a, b, metric) for a, b in zip(now, before, strict=True)]
        delta_format = (
            "points" if metric.display_format == "percent" else f"delta:{metric.display_format}"
        )
        columns += [
            Column(
                metric.key + PREVIOUS,
                f"{metric.label} (prev)",
                "metric",
                before,
                metric.display_format,
                metric.is_rate,
                NO_VALUE_TEXT,
            ),
            Column(
                metric.key + DELTA,
                f"{metric.label} Δ",
                "metric",
                [d for d, _ in changes],
                delta_format,
                metric.is_rate,
                NO_VALUE_TEXT,
            ),
            Column(
                metric.key + DELTA_PCT,
                f"{metric.label} Δ%",
                "metric",
                [p for _, p in changes],
                "delta_pct",
                True,
                NO_VALUE_TEXT,
            ),
        ]
    return columns


def compare_tables(
    current: ResultTable,
    previous: ResultTable,
    shift: Shift,
    current_range: tuple[datetime, datetime],
    previous_range: tuple[datetime, datetime],
) -> Comparison:
    """Join ``previous`` onto ``current`` (its buckets moved forward by ``shift``)."""
    earlier = _index(previous, shift)
    pairs: list[tuple[int | None, int | None]] = []
    matched: set[int] = set()
    for index in range(current.row_count):
        prev = earlier.get(_row_key(current, index, None))
        if prev is not None and prev not in matched:
            matched.add(prev)
        else:
            prev = None
        pairs.append((index, prev))
    only_previous = [i for i in range(previous.row_count) if i not in matched]
    pairs += [(None, i) for i in only_previous]
    columns = _base_columns(current, previous, pairs, shift)
    columns += _compare_columns(current, previous, pairs)
    warnings = list(current.warnings) + [f"earlier period: {w}" for w in previous.warnings]
    if previous.truncated:
        warnings.append("the earlier period was truncated at the limit: its rows are partial")
    table = ResultTable(
        columns,
        len(pairs),
        current.truncated,
        current.query_time_ms,
        current.cached_at,
        warnings,
        current.granularity,
        current.problems + previous.problems,
    )
    return Comparison(
        table,
        current_range,
        previous_range,
        shift,
        [m.key for m in current.metric_columns],
        only_current=current.row_count - len(matched),
        only_previous=len(only_previous),
    )
