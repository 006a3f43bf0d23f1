"""Rows with dynamic keys turned into typed columns labelled from meta."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from operator import is_not
from typing import Literal

from ortui.api.models import Meta

ColumnKind = Literal["time", "dimension", "metric", "extra"]
Cell = datetime | int | float | str | None


@dataclass(frozen=True)
class Column:
    """One typed column; ``values`` has one entry per row, ``None`` where the server sent null."""

    key: str
    label: str
    kind: ColumnKind
    values: list[Cell]
    display_format: str = "text"
    is_rate: bool = False
    #: What an empty cell reads as when it is no null from the server but a value that does
    #: not exist (a compared period without the row, a rate's Δ%); ``None``: the usual text.
    missing: str | None = None


@dataclass(frozen=True)
class ResultTable:
    """A decoded result: typed columns plus what the server said about it."""

    columns: list[Column]
    row_count: int
    truncated: bool = False
    query_time_ms: float = 0.0
    cached_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    granularity: str | None = None
    problems: list[str] = field(default_factory=list)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def time_column(self) -> Column | None:
        return next((c for c in self.columns if c.kind == "time"), None)

    @property
    def metric_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind == "metric"]

    @property
    def dimension_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind == "dimension"]


def parse_bucket(value: object) -> datetime | None:
    """A bucket value as an aware UTC datetime, from a date-only or a full timestamp string."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_number(value: object) -> int | float | None:
    """Counts sent as strings become numbers; anything unreadable becomes ``None``, and so do
    NaN, infinities and integers too large for a float (a chart or a sort could not use them).
    """
    kind = type(value)
    if kind is int:
        return value if -_BIG < value < _BIG else _as_float(value)  # type: ignore[operator, return-value]
    if kind is float:
        return value if math.isfinite(value) else None  # type: ignore[arg-type, return-value]
    if kind is str:
        try:
            return to_number(int(value))  # type: ignore[call-overload]
        except ValueError:
            try:
                return to_number(float(value))  # type: ignore[arg-type]
            except ValueError:
                return None
    return None


_BIG = 2**63


def _as_float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def finite_or_none(values: list[Cell]) -> list[Cell]:
    """A metric column with NaN and infinities as ``None`` (cheap when there are none)."""
    try:  # the filter and the sum run in C: ~4 ms less for 10,000 rows of five metrics
        total = sum(filter(partial(is_not, None), values))  # type: ignore[arg-type]
    except TypeError:
        return values
    if math.isfinite(total):
        return values
    return [v if v is None or math.isfinite(v) else None for v in values]  # type: ignore[arg-type]


def server_facts(
    cached: float | None, query_ms: float, problems: list[str]
) -> tuple[datetime | None, float]:
    """``cachedAt`` (ms since the epoch) as a time and the server's query time, or nothing
    when the server sent numbers no clock has (1e300, -1e20, NaN)."""
    moment = None
    if cached:
        try:
            moment = datetime.fromtimestamp(cached / 1000, UTC)
        except (OverflowError, ValueError, OSError):
            problems.append(f"cachedAt {cached!r} is not a time and was ignored")
    return moment, query_ms if math.isfinite(query_ms) and query_ms >= 0 else 0.0


def parse_buckets(values: Iterable[object], key: str, problems: list[str]) -> list[Cell]:
    """Bucket values as UTC datetimes (each distinct value parsed once); flags the unreadable."""
    values = values if isinstance(values, list) else list(values)
    try:
        parsed = {raw: parse_bucket(raw) for raw in set(values)}
    except TypeError:  # an unhashable value (a list or an object where a date belongs)
        values = [raw if type(raw) is str else None if raw is None else repr(raw) for raw in values]
        parsed = {raw: parse_bucket(raw) for raw in set(values)}
    out: list[Cell] = list(map(parsed.__getitem__, values))
    unreadable = [raw for raw, moment in parsed.items() if moment is None and raw is not None]
    if unreadable:
        bad = sum(values.count(raw) for raw in unreadable)
        problems.append(f"{bad} value(s) of {key} were not dates and are shown as null")
    return out


def metric_column(key: str, meta: Meta, values: list[Cell]) -> Column:
    """A metric column labelled and formatted from meta (plain number when meta lacks it)."""
    metric = meta.metric(key)
    if metric is None:
        return Column(key, key, "metric", values, "number")
    return Column(key, metric.label, "metric", values, metric.display_format, metric.is_rate)


def text_column(key: str, meta: Meta, values: list[Cell], dimensions: list[str]) -> Column:
    """A dimension (or an extra key such as ``user_email``) labelled from meta."""
    dim = meta.dimension(key)
    kind: ColumnKind = "dimension" if dim or key in dimensions else "extra"
    return Column(key, dim.label if dim else key.replace("_", " ").title(), kind, values)
