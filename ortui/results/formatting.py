"""Cell text by ``display_format``: ``$1,234.56``, ``41.2%``, ``812 ms``, ``95.3 tok/s``."""

from __future__ import annotations

from datetime import datetime

from ortui.api.granularity import grain
from ortui.results.table import Cell, Column

NULL_TEXT = "null"  # a metric or bucket the server sent as null
#: A value that does not exist (a compared period without the row, a rate's Δ%).
NO_VALUE_TEXT = "—"
#: A dimension with no value (no key, no app, no user): one label in the grid, chart legend,
#: explain, drill and CLI tables; JSON keeps ``null`` and raw CSV an empty cell.
UNSET_TEXT = "(unset)"


def empty_text(column: Column) -> str:
    """What a null cell of ``column`` reads as."""
    if column.missing is not None:
        return column.missing
    return UNSET_TEXT if column.kind in ("dimension", "extra") else NULL_TEXT


def format_number(value: float | int) -> str:
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_change(value: float | int, display_format: str) -> str:
    """A signed change: ``delta:<format>`` (``+$12.30``), ``points`` (``+3.1 pts``) or
    ``delta_pct`` (a ratio shown as ``+25.0%``)."""
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    if display_format == "points":
        return f"{sign}{abs(value) * 100:,.1f} pts"
    if display_format == "delta_pct":
        return f"{sign}{abs(value) * 100:,.1f}%"
    return sign + format_metric(abs(value), display_format.removeprefix("delta:"))


def format_metric(value: float | int, display_format: str) -> str:
    """Format a metric value; an unknown format falls back to a plain number."""
    if display_format.startswith("delta") or display_format == "points":
        return format_change(value, display_format)
    if display_format == "currency":
        sign = "-" if value < 0 else ""
        amount = abs(value)
        digits = 2 if amount >= 0.01 or amount == 0 else 4
        return f"{sign}${amount:,.{digits}f}"
    if display_format == "percent":
        return f"{value * 100:,.1f}%"
    if display_format == "latency":
        return f"{value:,.0f} ms"
    if display_format == "throughput":
        return f"{value:,.1f} tok/s"
    return format_number(value)


def format_time(value: datetime, granularity: str | None) -> str:
    facts = grain(granularity)
    if facts is not None and facts.clock_time:
        return value.strftime("%Y-%m-%d %H:%M")
    if value.hour or value.minute:
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def format_cell(value: Cell, column: Column, granularity: str | None = None) -> str:
    """The text shown in the grid, exports (formatted mode) and copies."""
    if value is None:
        return empty_text(column)
    if isinstance(value, datetime):
        return format_time(value, granularity)
    if column.kind == "metric" and isinstance(value, int | float):
        return format_metric(value, column.display_format)
    return str(value)


def unit_of(display_format: str) -> str:
    """The axis unit for a format."""
    return {"currency": "USD", "percent": "%", "latency": "ms", "throughput": "tok/s"}.get(
        display_format, ""
    )
