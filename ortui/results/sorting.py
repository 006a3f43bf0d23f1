"""Sorting and finding within a result without touching the table itself."""

from __future__ import annotations

from datetime import datetime

from ortui.results.formatting import format_cell
from ortui.results.table import Cell, ResultTable


def _sort_key(value: Cell) -> tuple[int, float | str]:
    if value is None:
        return (1, 0.0)
    if isinstance(value, datetime):
        return (0, value.timestamp())
    if isinstance(value, int | float):
        return (0, float(value))
    return (0, value.casefold())


def sorted_order(table: ResultTable, key: str, descending: bool) -> list[int]:
    """Row indexes ordered by column ``key``; nulls always last."""
    column = table.column(key)
    if column is None:
        return list(range(table.row_count))
    values = column.values
    present = [i for i in range(table.row_count) if values[i] is not None]
    missing = [i for i in range(table.row_count) if values[i] is None]
    present.sort(key=lambda i: _sort_key(values[i]), reverse=descending)
    return present + missing


def find_rows(table: ResultTable, needle: str, order: list[int]) -> list[int]:
    """Positions (in ``order``) of rows whose shown text contains ``needle``, case-insensitive."""
    needle = needle.casefold().strip()
    if not needle:
        return []
    texts = [
        [format_cell(v, c, table.granularity).casefold() for v in c.values] for c in table.columns
    ]
    return [pos for pos, row in enumerate(order) if any(needle in col[row] for col in texts)]
