"""The one decoder: a query body, read for the request it answers, into typed columns.

The row keys follow from the request (its metrics, its dimensions and their companions, the
bucket key of its granularity), so a msgspec Struct is built for them (cached) and lax mode
turns counts sent as strings into numbers while decoding. Bodies that do not fit (an
unreadable number, an unexpected type) take the forgiving path, which reads rows as dicts
and flags every odd value; a body that is not the documented JSON raises
``UnexpectedResponse``. A set ``stop`` event ends the decode at the next step
(``DecodeCancelled``), so a cancelled run does not keep a thread busy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

import msgspec

from ortui.api.errors import UNREADABLE, unreadable_body
from ortui.api.granularity import bucket_keys
from ortui.api.limits import row_text_keys
from ortui.api.models import QUERY_DECODER, Meta, QueryMetadata, QueryPayload, QueryRequest
from ortui.results.table import (
    Cell,
    Column,
    ResultTable,
    finite_or_none,
    metric_column,
    parse_bucket,
    parse_buckets,
    server_facts,
    text_column,
    to_number,
)
from ortui.safe_text import body_may_be_unsafe, safe_cells, safe_text, safe_texts

Pivot = Callable[[list[Any]], tuple[list[Cell], ...]]


class DecodeCancelled(Exception):
    """The run this decode belonged to was cancelled; nobody wants the table."""


class _Ending(Protocol):
    """What both paths read besides the rows (the fast path's Payload, or QueryPayload)."""

    @property
    def metadata(self) -> QueryMetadata: ...
    @property
    def cachedAt(self) -> float | None: ...
    @property
    def warnings(self) -> list[str]: ...


@dataclass(frozen=True)
class Shape:
    """The keys a response to ``request`` carries, derived once from the request."""

    metrics: tuple[str, ...]
    dimensions: tuple[str, ...]
    buckets: tuple[str, ...]
    texts: tuple[str, ...]
    granularity: str | None
    span: tuple[datetime, datetime] | None = None

    @classmethod
    def of(cls, request: QueryRequest) -> Shape:
        metrics = tuple(dict.fromkeys(request.metrics))
        dimensions = tuple(request.dimensions or ())
        buckets = bucket_keys(request.granularity) if request.granularity else ()
        texts = tuple(
            k for k in dict.fromkeys([*buckets, *row_text_keys(dimensions)]) if k not in metrics
        )
        bounds = request.time_range
        start = parse_bucket(bounds.start) if bounds else None
        end = parse_bucket(bounds.end) if bounds else None
        span = (start, end) if start is not None and end is not None else None
        return cls(metrics, dimensions, buckets, texts, request.granularity, span)


def _check(stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise DecodeCancelled


def decode_result(
    body: bytes, request: QueryRequest, meta: Meta, stop: threading.Event | None = None
) -> ResultTable:
    """Typed columns for the body answering ``request`` (fast path, forgiving fallback)."""
    shape = Shape.of(request)
    try:
        decoder = _decoder(shape.metrics, shape.texts)
    except (TypeError, ValueError):  # a name msgspec cannot map (quotes, control characters)
        return _forgiving(body, shape, meta, stop)
    try:
        decoded = decoder.decode(body).data
    except msgspec.ValidationError:
        return _forgiving(body, shape, meta, stop)
    except UNREADABLE as exc:
        raise unreadable_body(exc, body) from None
    _check(stop)
    rows = decoded.data
    keys = [*shape.metrics, *shape.texts]
    pivot = dict(zip(keys, _pivot(len(shape.metrics), len(shape.texts))(rows), strict=True))
    columns: list[Column] = []
    problems: list[str] = []
    unsafe = body_may_be_unsafe(body)
    for key in shape.texts:
        _check(stop)
        values = safe_cells(pivot[key]) if unsafe else pivot[key]
        if key in shape.buckets:
            if values.count(None) < len(values):
                columns.insert(
                    0,
                    Column(key, "Date (UTC)", "time", parse_buckets(values, key, problems), "time"),
                )
            continue
        columns.append(text_column(key, meta, values, list(shape.dimensions)))
    columns += [
        metric_column(key, meta, _finite(pivot[key], key, problems)) for key in shape.metrics
    ]
    return _finish(decoded, columns, len(rows), shape, problems)


def build_table(
    payload: QueryPayload, request: QueryRequest, meta: Meta, stop: threading.Event | None = None
) -> ResultTable:
    """The forgiving path on already-decoded rows: every odd value flagged, never fatal."""
    return _table_from_rows(payload, Shape.of(request), meta, stop)


def _forgiving(body: bytes, shape: Shape, meta: Meta, stop: threading.Event | None) -> ResultTable:
    try:
        payload = QUERY_DECODER.decode(body).data
    except UNREADABLE as exc:
        raise unreadable_body(exc, body) from None
    return _table_from_rows(payload, shape, meta, stop)


def _table_from_rows(
    payload: QueryPayload, shape: Shape, meta: Meta, stop: threading.Event | None
) -> ResultTable:
    rows = payload.data
    problems: list[str] = []
    columns: list[Column] = []
    for key in _ordered_keys(rows, shape):
        _check(stop)
        shown = safe_text(key)  # a key from the rows is server text too
        if key in shape.buckets:
            times = parse_buckets((row.get(key) for row in rows), shown, problems)
            columns.append(Column(shown, "Date (UTC)", "time", times, "time"))
        elif meta.metric(key) is not None or key in shape.metrics:
            columns.append(metric_column(shown, meta, _metric_values(rows, key, shown, problems)))
        else:
            columns.append(
                text_column(shown, meta, _text_values(rows, key), list(shape.dimensions))
            )
    return _finish(payload, columns, len(rows), shape, problems)


def _finish(
    ending: _Ending, columns: list[Column], row_count: int, shape: Shape, problems: list[str]
) -> ResultTable:
    cached_at, query_ms = server_facts(ending.cachedAt, ending.metadata.query_time_ms, problems)
    timed = any(c.kind == "time" for c in columns)
    return ResultTable(
        columns=columns,
        row_count=row_count,
        truncated=ending.metadata.truncated,
        query_time_ms=query_ms,
        cached_at=cached_at,
        warnings=safe_texts(ending.warnings),
        granularity=shape.granularity if timed else None,
        problems=problems,
        span=shape.span,
    )


def _finite(values: list[Cell], key: str, problems: list[str]) -> list[Cell]:
    """NaN / Infinity (sent as strings, which lax decoding accepts) become null, flagged."""
    finite = finite_or_none(values)
    if finite is not values:
        bad = sum(
            1 for old, new in zip(values, finite, strict=True) if new is None and old is not None
        )
        problems.append(f"{bad} value(s) of {key} were not numbers and are shown as null")
    return finite


def _ordered_keys(rows: list[dict[str, Any]], shape: Shape) -> list[str]:
    """The bucket first (the one the rows use), then what was requested, then any extra key."""
    seen: dict[str, None] = {}
    for row in rows[:1]:
        seen.update(dict.fromkeys(row))
    if len(rows) > 1:
        for row in rows[1:]:
            if len(row) != len(seen) or any(k not in seen for k in row):
                seen.update(dict.fromkeys(row))
    buckets = [k for k in seen if k in shape.buckets]
    rest = [k for k in [*shape.texts, *shape.metrics] if k not in shape.buckets]
    rest += [k for k in seen if k not in rest and k not in buckets]
    return buckets[:1] + rest


def _metric_values(
    rows: list[dict[str, Any]], key: str, shown: str, problems: list[str]
) -> list[Cell]:
    values = [to_number(row.get(key)) for row in rows]
    bad = sum(
        1 for row, v in zip(rows, values, strict=True) if v is None and row.get(key) is not None
    )
    if bad:
        problems.append(f"{bad} value(s) of {shown} were not numbers and are shown as null")
    return list(values)


def _text_values(rows: list[dict[str, Any]], key: str) -> list[Cell]:
    """Text cells, terminal-safe; a number or a nested value is shown as its text."""
    values = [
        None if (v := row.get(key)) is None else v if type(v) is str else _shown(v) for row in rows
    ]
    return safe_cells(values)


def _shown(value: object) -> str:
    """Any non-string value as text; nesting too deep to print is said so, not raised."""
    try:
        return str(value)
    except RecursionError:
        return f"<{type(value).__name__} nested too deeply>"


@lru_cache(maxsize=64)
def _decoder(metrics: tuple[str, ...], texts: tuple[str, ...]) -> msgspec.json.Decoder[Any]:
    """Row fields get safe identifiers; ``rename`` maps them to the wire names, which are
    whatever meta says (``"0"``, ``"p90 latency ✨"``…). Rows hold no references to other
    objects, so they are not tracked by the cycle collector (``gc=False``): 10,000 tracked rows
    cost a few collections mid-decode."""
    fields: list[tuple[str, Any, Any]] = [
        (f"m{i}", float | None, None) for i in range(len(metrics))
    ]
    fields += [(f"t{i}", str | None, None) for i in range(len(texts))]
    wire = dict(zip([f[0] for f in fields], [*metrics, *texts], strict=True))
    row = msgspec.defstruct("Row", fields, omit_defaults=True, rename=wire, gc=False)
    payload = msgspec.defstruct(
        "Payload",
        [
            ("data", list[row]),  # type: ignore[valid-type]
            ("metadata", QueryMetadata, QueryMetadata()),
            ("cachedAt", float | None, None),
            ("warnings", list[str], []),
        ],
    )
    response = msgspec.defstruct("Response", [("data", payload)])
    return msgspec.json.Decoder(response, strict=False)


@lru_cache(maxsize=64)
def _pivot(metrics: int, texts: int) -> Pivot:
    """Rows → one list per field, in field order. A comprehension per field with a literal
    attribute name is twice as fast as ``map(attrgetter(name), rows)`` (CPython specialises the
    attribute load); the names are our own ``m0``/``t0`` identifiers, never server text."""
    names = [f"m{i}" for i in range(metrics)] + [f"t{i}" for i in range(texts)]
    source = "lambda rows: (" + "".join(f"[r.{n} for r in rows], " for n in names) + ")"
    return eval(source, {})  # type: ignore[no-any-return]
