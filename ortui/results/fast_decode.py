"""Decode a query body straight into typed columns with a per-request msgspec Struct.

The row keys are known from the request, so a Struct is built for them (cached) and msgspec's
lax mode turns counts sent as strings into numbers while decoding. Bodies that do not fit
(an unreadable number, an unexpected type) fall back to the generic, forgiving path.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import msgspec

from ortui.api.models import QUERY_DECODER, Meta, QueryMetadata
from ortui.results.table import BUCKET_KEY, Cell, Column, ResultTable, build_table, parse_bucket

GRANULARITY_KEYS = ("minute", "hour", "day", "week", "month")


@lru_cache(maxsize=64)
def _decoder(metrics: tuple[str, ...], texts: tuple[str, ...]) -> msgspec.json.Decoder[Any]:
    fields: list[tuple[str, Any, Any]] = [(k, float | None, None) for k in metrics]
    fields += [(k, str | None, None) for k in texts]
    row = msgspec.defstruct("Row", fields, omit_defaults=True)
    payload = msgspec.defstruct("Payload", [
        ("data", list[row]),  # type: ignore[valid-type]
        ("metadata", QueryMetadata, QueryMetadata()),
        ("cachedAt", float | None, None),
        ("warnings", list[str], [])])
    response = msgspec.defstruct("Response", [("data", payload)])
    return msgspec.json.Decoder(response, strict=False)


def _bucket_keys(granularity: str | None) -> tuple[str, ...]:
    grains = (granularity,) if granularity else GRANULARITY_KEYS
    return tuple(f"{prefix}__{g}" for g in grains for prefix in ("date", "created_at"))


def decode_table(body: bytes, meta: Meta, metrics: list[str], dimensions: list[str],
                 granularity: str | None) -> ResultTable:
    """Typed columns for a query body; same result as ``build_table`` on the generic decode."""
    dims = [*dimensions, *(["user_email"] if "user" in dimensions else [])]
    texts = tuple(dict.fromkeys([*_bucket_keys(granularity), *dims]))
    try:
        decoded = _decoder(tuple(metrics), texts).decode(body).data
    except msgspec.ValidationError:
        return build_table(QUERY_DECODER.decode(body).data, meta, metrics, dimensions)
    rows = decoded.data
    order = [*metrics, *texts]
    pivot = dict(zip(order, zip(*map(msgspec.structs.astuple, rows), strict=True), strict=True)
                 ) if rows else {k: () for k in order}
    columns: list[Column] = []
    for key in texts:
        values: list[Cell] = list(pivot[key])
        bucket = BUCKET_KEY.match(key)
        if bucket:
            if rows and any(v is not None for v in values):
                cache: dict[object, Cell] = {}
                times = [cache[v] if v in cache else cache.setdefault(v, parse_bucket(v))
                         for v in values]
                columns.insert(0, Column(key, "Date (UTC)", "time", times, "time"))
            continue
        dim = meta.dimension(key)
        label = dim.label if dim else key.replace("_", " ").title()
        columns.append(Column(key, label, "dimension" if dim or key in dimensions else "extra",
                              values))
    for key in metrics:
        metric = meta.metric(key)
        values = list(pivot[key])
        columns.append(Column(key, metric.label if metric else key, "metric", values,
                              metric.display_format if metric else "number",
                              metric.is_rate if metric else False))
    time = next((c for c in columns if c.kind == "time"), None)
    match = BUCKET_KEY.match(time.key) if time else None
    cached = decoded.cachedAt
    return ResultTable(columns=columns, row_count=len(rows), truncated=decoded.metadata.truncated,
                       query_time_ms=decoded.metadata.query_time_ms,
                       cached_at=datetime.fromtimestamp(cached / 1000, UTC) if cached else None,
                       warnings=list(decoded.warnings),
                       granularity=match.group(2) if match else None)
