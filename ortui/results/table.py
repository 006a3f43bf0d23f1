"""Rows with dynamic keys turned into typed columns labelled from meta."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ortui.api.models import Meta, QueryPayload
from ortui.safe_text import safe_cells, safe_text, safe_texts

ColumnKind = Literal["time", "dimension", "metric", "extra"]
Cell = datetime | int | float | str | None
BUCKET_KEY = re.compile(r"^(date|created_at)__(\w+)$")


@dataclass(frozen=True)
class Column:
    """One typed column; ``values`` has one entry per row, ``None`` where the server sent null."""

    key: str
    label: str
    kind: ColumnKind
    values: list[Cell]
    display_format: str = "text"
    is_rate: bool = False


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
    """Counts sent as strings become numbers; anything unreadable becomes ``None``."""
    kind = type(value)
    if kind is int or kind is float:
        return value  # type: ignore[return-value]
    if kind is str:
        try:
            return int(value)  # type: ignore[call-overload, no-any-return]
        except ValueError:
            try:
                return float(value)  # type: ignore[arg-type]
            except ValueError:
                return None
    return None


def parse_buckets(values: Iterable[object], key: str, problems: list[str]) -> list[Cell]:
    """Bucket values as UTC datetimes (each distinct value parsed once); flags the unreadable."""
    values = values if isinstance(values, list) else list(values)
    try:
        parsed = {raw: parse_bucket(raw) for raw in set(values)}
    except TypeError:  # an unhashable value (a list or an object where a date belongs)
        values = [raw if type(raw) is str else None if raw is None else repr(raw)
                  for raw in values]
        parsed = {raw: parse_bucket(raw) for raw in set(values)}
    out: list[Cell] = list(map(parsed.__getitem__, values))
    unreadable = [raw for raw, moment in parsed.items() if moment is None and raw is not None]
    if unreadable:
        bad = sum(values.count(raw) for raw in unreadable)
        problems.append(f"{bad} value(s) of {key} were not dates and are shown as null")
    return out


def _metric_values(rows: list[dict[str, Any]], key: str, shown: str,
                   problems: list[str]) -> list[Cell]:
    values = [to_number(row.get(key)) for row in rows]
    bad = sum(1 for row, v in zip(rows, values, strict=True)
              if v is None and row.get(key) is not None)
    if bad:
        problems.append(f"{bad} value(s) of {shown} were not numbers and are shown as null")
    return list(values)


def _text_values(rows: list[dict[str, Any]], key: str) -> list[Cell]:
    """Text cells, terminal-safe; a number or a nested value is shown as its text."""
    values = [None if (v := row.get(key)) is None else v if type(v) is str else _shown(v)
              for row in rows]
    return safe_cells(values)


def _shown(value: object) -> str:
    """Any non-string value as text; nesting too deep to print is said so, not raised."""
    try:
        return str(value)
    except RecursionError:
        return f"<{type(value).__name__} nested too deeply>"


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


def _ordered_keys(rows: list[dict[str, Any]], requested: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows[:1]:
        seen.update(dict.fromkeys(row))
    if len(rows) > 1:
        for row in rows[1:]:
            if len(row) != len(seen) or any(k not in seen for k in row):
                seen.update(dict.fromkeys(row))
    buckets = [k for k in seen if BUCKET_KEY.match(k)]
    rest = [k for k in requested if k not in buckets]
    rest += [k for k in seen if k not in rest and k not in buckets]
    return buckets[:1] + rest


def build_table(
    payload: QueryPayload,
    meta: Meta,
    metrics: list[str],
    dimensions: list[str],
) -> ResultTable:
    """Type every column: bucket → UTC datetime, metrics → numbers, dimensions → text."""
    rows = payload.data
    problems: list[str] = []
    columns: list[Column] = []
    requested = [*dimensions, *(["user_email"] if "user" in dimensions else []), *metrics]
    granularity = None
    for key in _ordered_keys(rows, requested):
        bucket = BUCKET_KEY.match(key)
        metric = meta.metric(key)
        shown = safe_text(key)  # a key from the rows is server text too
        if bucket:
            granularity = bucket.group(2)
            times = parse_buckets((row.get(key) for row in rows), shown, problems)
            columns.append(Column(shown, "Date (UTC)", "time", times, "time"))
        elif metric is not None or key in metrics:
            columns.append(metric_column(shown, meta, _metric_values(rows, key, shown,
                                                                     problems)))
        else:
            columns.append(text_column(shown, meta, _text_values(rows, key), dimensions))
    cached = payload.cachedAt
    return ResultTable(
        columns=columns,
        row_count=len(rows),
        truncated=payload.metadata.truncated,
        query_time_ms=payload.metadata.query_time_ms,
        cached_at=datetime.fromtimestamp(cached / 1000, UTC) if cached else None,
        warnings=safe_texts(payload.warnings),
        granularity=granularity,
        problems=problems,
    )
