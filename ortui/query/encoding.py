"""Turns a valid draft into the wire request, resolving relative time at run time."""

from __future__ import annotations

from datetime import datetime

from ortui.api.models import Filter, FilterValue, Meta, OrderBy, QueryRequest, TimeRange
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.time_range import format_wire, resolve
from ortui.query.validation import takes_array

_COMPARISONS = frozenset({"gt", "gte", "lt", "lte"})


def _scalar(text: str, operator: str) -> str | int | float:
    text = text.strip()
    if operator in _COMPARISONS:
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    return text


def encode_filter(item: FilterDraft, meta: Meta) -> Filter:
    """A filter on the wire: a list for array operators, a single value otherwise."""
    array = takes_array(meta, item.operator)
    values = [_scalar(v, item.operator) for v in item.values if v.strip()]
    value: FilterValue = list(values) if array else values[0]
    return Filter(item.field, item.operator, value, True if item.include_unset else None)


def to_request(draft: QueryDraft, meta: Meta, now: datetime | None = None) -> QueryRequest:
    """The request for ``draft``; call only after ``validate`` returned no problems."""
    start, end = resolve(draft.time, now)
    order = OrderBy(draft.order_by, draft.order_direction) if draft.order_by else None
    return QueryRequest(
        metrics=list(draft.metrics),
        dimensions=list(draft.dimensions) or None,
        filters=[encode_filter(f, meta) for f in draft.filters] or None,
        granularity=draft.granularity,
        time_range=TimeRange(format_wire(start), format_wire(end)),
        order_by=order,
        limit=draft.limit,
        group_limit=draft.group_limit,
    )
