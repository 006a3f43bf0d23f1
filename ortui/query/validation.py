"""Checks a draft against meta and the documented limits, before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ortui.api import limits
from ortui.api.granularity import grain
from ortui.api.models import Meta
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.fields import Field
from ortui.query.suggest import hint
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import resolve_in_zone, zone_named


@dataclass(frozen=True)
class Problem:
    """Why a query cannot run; ``field`` names the builder part to highlight: a ``Field``,
    or a filter row such as ``"filters[2]"`` (``fields.field_of`` reads either)."""

    field: str
    message: str


def _days(span_seconds: float) -> float:
    return span_seconds / 86400


def _check_metrics(draft: QueryDraft, meta: Meta) -> list[Problem]:
    if not draft.metrics:
        return [Problem(Field.METRICS, "Pick at least one metric.")]
    unknown = [m for m in draft.metrics if meta.metric(m) is None]
    if unknown:
        offered = [m.name for m in meta.metrics]
        named = ", ".join(m + hint(m, offered) for m in unknown)
        return [Problem(Field.METRICS, f"Unknown metric: {named}.")]
    return []


def _check_dimensions(draft: QueryDraft, meta: Meta) -> list[Problem]:
    problems = []
    if len(draft.dimensions) > limits.MAX_DIMENSIONS:
        problems.append(
            Problem(
                Field.DIMENSIONS,
                f"At most {limits.MAX_DIMENSIONS} dimensions (you picked {len(draft.dimensions)}).",
            )
        )
    unknown = [d for d in draft.dimensions if meta.dimension(d) is None]
    if unknown:
        offered = [d.name for d in meta.dimensions]
        named = ", ".join(d + hint(d, offered) for d in unknown)
        problems.append(Problem(Field.DIMENSIONS, f"Unknown dimension: {named}."))
    return problems


def takes_array(meta: Meta, operator: str) -> bool:
    """Whether ``operator`` takes several values: meta says; unknown ones go by the docs."""
    op = meta.operator(operator)
    return op.takes_array if op is not None else operator in limits.ARRAY_OPERATORS


def check_filter(index: int, item: FilterDraft, meta: Meta) -> list[Problem]:
    """Problems with one filter row."""
    where = f"filters[{index}]"
    label = f"Filter {index + 1}"
    if meta.dimension(item.field) is None:
        suggestion = hint(item.field, (d.name for d in meta.dimensions))
        return [Problem(where, f"{label}: unknown dimension '{item.field}'{suggestion}.")]
    if meta.operator(item.operator) is None:
        operators = [o.name for o in meta.operators]
        return [
            Problem(
                where,
                f"{label}: unknown operator '{item.operator}'"
                f"{hint(item.operator, operators)}; use one of {', '.join(operators)}.",
            )
        ]
    values = [v for v in item.values if v.strip()]
    if not values:
        return [Problem(where, f"{label}: enter a value.")]
    array = takes_array(meta, item.operator)
    if not array and len(values) > 1:
        return [
            Problem(
                where,
                f"{label}: '{item.operator}' takes one value, not a list; use 'in' for several.",
            )
        ]
    if item.include_unset and not array:
        return [Problem(where, f"{label}: include unset only works with in / not_in.")]
    if item.include_unset and item.field not in limits.UNSET_DIMENSIONS:
        return [Problem(where, f"{label}: '{item.field}' has no unset bucket.")]
    return []


def _check_limits(draft: QueryDraft) -> list[Problem]:
    problems = []
    bounds = f"between {limits.MIN_LIMIT:,} and {limits.MAX_LIMIT:,}"
    if draft.limit is not None and not limits.MIN_LIMIT <= draft.limit <= limits.MAX_LIMIT:
        problems.append(Problem(Field.LIMIT, f"Limit must be {bounds}."))
    gl = draft.group_limit
    if gl is not None and not limits.MIN_LIMIT <= gl <= limits.MAX_LIMIT:
        problems.append(Problem(Field.GROUP_LIMIT, f"Group limit must be {bounds}."))
    return problems


def _check_order(draft: QueryDraft) -> list[Problem]:
    field = draft.order_by
    if field is None:
        return []
    allowed = {*draft.metrics, "request_count", *draft.dimensions, "date"}
    if field not in allowed:
        return [
            Problem(Field.ORDER_BY, f"Order by '{field}': pick a requested metric or dimension.")
        ]
    return []


def _check_range(draft: QueryDraft, meta: Meta, now: datetime | None) -> list[Problem]:
    try:
        start, end = resolve_in_zone(draft.time, zone_named(draft.timezone), now)
    except TimeRangeError as exc:
        return [Problem(Field.TIME_RANGE, f"Time range: {exc}.")]
    span = (end - start).total_seconds()
    problems = []
    raw = limits.capped_fields(draft.metrics, draft.dimensions, (f.field for f in draft.filters))
    if raw and span > limits.RAW_MAX_RANGE.total_seconds():
        problems.append(
            Problem(
                Field.TIME_RANGE,
                f"{', '.join(raw)} can cover at most 31 days; "
                f"this range is {_days(span):.0f} days.",
            )
        )
    elif span > limits.SUMMARY_MAX_RANGE.total_seconds():
        problems.append(Problem(Field.TIME_RANGE, "The range can cover at most 365 days."))
    facts = grain(draft.granularity)
    if facts and facts.max_range and span > facts.max_range.total_seconds():
        problems.append(
            Problem(
                Field.GRANULARITY,
                f"{facts.name.title()} buckets need a range of {facts.max_range_text} or less.",
            )
        )
    return problems


def validate(draft: QueryDraft, meta: Meta, now: datetime | None = None) -> list[Problem]:
    """Every reason the draft cannot run, in builder order; empty when it can."""
    problems = _check_metrics(draft, meta) + _check_dimensions(draft, meta)
    if len(draft.filters) > limits.MAX_FILTERS:
        problems.append(Problem(Field.FILTERS, f"At most {limits.MAX_FILTERS} filters."))
    for index, item in enumerate(draft.filters):
        problems += check_filter(index, item, meta)
    if draft.granularity is not None and meta.granularity(draft.granularity) is None:
        grains = [g.name for g in meta.granularities]
        problems.append(
            Problem(
                Field.GRANULARITY,
                f"Unknown granularity '{draft.granularity}'"
                f"{hint(draft.granularity, grains)}; use one of "
                f"{', '.join(grains)} or none.",
            )
        )
    problems += _check_range(draft, meta, now) + _check_order(draft) + _check_limits(draft)
    return problems
