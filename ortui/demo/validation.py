"""Server-side validation of a query body, with the messages the real service gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ortui.api import limits
from ortui.demo.metrics import DIMENSION_NAMES, GRANULARITIES, METRICS_BY_NAME, OPERATORS

STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
OPERATOR_TYPES = dict(OPERATORS)
GRANULARITY_NAMES = {g for g, _ in GRANULARITIES}


class QueryRejected(Exception):
    """A 400 with the message the client will show."""


@dataclass(frozen=True)
class ValidQuery:
    """A query that passed every rule, with its time range resolved."""

    metrics: list[str]
    dimensions: list[str]
    filters: list[dict[str, Any]]
    granularity: str | None
    start: datetime
    end: datetime
    order_field: str | None
    order_desc: bool
    limit: int | None
    group_limit: int | None


def _strings(body: dict[str, Any], key: str, required: bool = False) -> list[str]:
    value = body.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QueryRejected(f"{key}: Invalid input: expected array of strings")
    return value


def _stamp(raw: object, name: str) -> datetime:
    if not isinstance(raw, str) or not STAMP.match(raw):
        raise QueryRejected(
            f"time_range.{name}: Invalid ISO-8601 UTC timestamp {raw!r}: seconds and a "
            "trailing Z are required, e.g. 2026-05-13T00:00:00Z"
        )
    return datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(UTC)


def _time_range(body: dict[str, Any], now: datetime) -> tuple[datetime, datetime]:
    raw = body.get("time_range")
    if raw is None:
        return now - limits.DEFAULT_RANGE, now
    if not isinstance(raw, dict):
        raise QueryRejected("time_range: Invalid input: expected object")
    start, end = _stamp(raw.get("start"), "start"), _stamp(raw.get("end"), "end")
    if start >= end:
        raise QueryRejected("time_range: start must be before end")
    return start, end


def _check_filter(item: object) -> dict[str, Any]:
    if not isinstance(item, dict) or not {"field", "operator", "value"} <= item.keys():
        raise QueryRejected("filters: each filter needs field, operator and value")
    field, op, value = item["field"], item["operator"], item["value"]
    if field not in DIMENSION_NAMES:
        raise QueryRejected(f'Unknown filter field "{field}"')
    if op not in OPERATOR_TYPES:
        raise QueryRejected(f'Unknown operator "{op}"')
    is_array = isinstance(value, list)
    if OPERATOR_TYPES[op] == "array" and not is_array:
        raise QueryRejected(f'Operator "{op}" expects an array value')
    if OPERATOR_TYPES[op] == "scalar" and (is_array or not isinstance(value, str | int | float)):
        raise QueryRejected(f'Operator "{op}" expects a single string or number value')
    if item.get("include_unset") is not None:
        if OPERATOR_TYPES[op] != "array":
            raise QueryRejected("include_unset is only valid with the in and not_in operators")
        if field not in limits.UNSET_DIMENSIONS:
            raise QueryRejected(f'Dimension "{field}" has no unset bucket')
    return item


def _bounded_int(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (limits.MIN_LIMIT <= value <= limits.MAX_LIMIT)
    ):
        raise QueryRejected(f"{key}: must be an integer between 1 and 10000")
    return value


def _check_range(q: ValidQuery, raw_fields: list[str]) -> None:
    span = q.end - q.start
    if raw_fields and span > limits.RAW_MAX_RANGE + timedelta(seconds=1):
        raise QueryRejected(
            f"time_range: range exceeds the maximum of 31 days for {', '.join(raw_fields)}"
        )
    if span > limits.SUMMARY_MAX_RANGE + timedelta(days=2):
        raise QueryRejected("time_range: range exceeds the maximum of 365 days")
    if q.granularity == "minute" and span > limits.MINUTE_MAX_RANGE:
        raise QueryRejected('granularity "minute" supports time ranges up to 3 hours')
    if q.granularity == "hour" and span > limits.HOUR_MAX_RANGE + timedelta(seconds=1):
        raise QueryRejected('granularity "hour" supports time ranges up to 31 days')


def _order(body: dict[str, Any], metrics: list[str], dims: list[str]) -> tuple[str | None, bool]:
    raw = body.get("order_by")
    if raw is None:
        return None, True
    if not isinstance(raw, dict) or raw.get("direction") not in ("asc", "desc"):
        raise QueryRejected('order_by: expected {"field", "direction": "asc" | "desc"}')
    field = raw.get("field")
    if field not in {*metrics, "request_count", *dims, "date"}:
        raise QueryRejected(
            f'order_by.field "{field}" must be a requested metric, '
            '"request_count", a requested dimension or "date"'
        )
    return field, raw["direction"] == "desc"


def validate_body(body: object, now: datetime) -> ValidQuery:
    """Apply every documented rule; raise ``QueryRejected`` with the first broken one."""
    if not isinstance(body, dict):
        raise QueryRejected("Invalid request body: expected a JSON object")
    metrics = _strings(body, "metrics", required=True)
    if not metrics:
        raise QueryRejected("metrics: Too small: expected array to have >=1 items")
    for name in metrics:
        if name not in METRICS_BY_NAME:
            raise QueryRejected(f'Unknown metric "{name}"')
    dims = _strings(body, "dimensions")
    if len(dims) > limits.MAX_DIMENSIONS:
        raise QueryRejected("dimensions: Too big: expected array to have <=2 items")
    for name in dims:
        if name not in DIMENSION_NAMES:
            raise QueryRejected(f'Unknown dimension "{name}"')
    raw_filters = body.get("filters") or []
    if not isinstance(raw_filters, list):
        raise QueryRejected("filters: Invalid input: expected array")
    if len(raw_filters) > limits.MAX_FILTERS:
        raise QueryRejected("filters: Too big: expected array to have <=20 items")
    filters = [_check_filter(f) for f in raw_filters]
    granularity = body.get("granularity")
    if granularity is not None and granularity not in GRANULARITY_NAMES:
        raise QueryRejected(f'Unknown granularity "{granularity}"')
    start, end = _time_range(body, now)
    order_field, order_desc = _order(body, metrics, dims)
    if order_field == "date" and granularity is None:
        raise QueryRejected('order_by.field "date" needs a granularity')
    query = ValidQuery(
        metrics,
        dims,
        filters,
        granularity,
        start,
        end,
        order_field,
        order_desc,
        _bounded_int(body, "limit"),
        _bounded_int(body, "group_limit"),
    )
    _check_range(query, limits.capped_fields(metrics, dims, (f["field"] for f in filters)))
    return query
