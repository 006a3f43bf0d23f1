"""Drill-down as pure steps: a row's dimension values, the dimensions left, the next draft."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from ortui.api.granularity import grain
from ortui.api.models import Meta
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.time_range import AbsoluteRange
from ortui.results.buckets import bucket_end
from ortui.results.formatting import UNSET_TEXT, format_time
from ortui.results.partial import MARK, partial_buckets
from ortui.results.table import ResultTable

#: Offered first, in this order; the rest follow in meta's order.
COMMON_FIRST = (
    "model",
    "api_key_id",
    "provider",
    "app",
    "user",
    "workspace",
    "variant",
    "finish_reason",
    "country",
    "origin",
)
#: Dimensions whose rows show names; their filters need ids.
NAMED = frozenset({"api_key_id", "app", "user", "workspace"})
#: The grains a drilled bucket is broken down by, the first one meta offers and the bucket
#: fits the range cap of: a month or a week by day, a day by hour, an hour by minute; a
#: minute has no finer grain and stays a minute.
FINER: dict[str, tuple[str, ...]] = {
    "month": ("day", "hour"),
    "week": ("day", "hour"),
    "day": ("hour", "minute"),
    "hour": ("minute",),
}


@dataclass(frozen=True)
class Pin:
    """One step of a drill path: ``field = shown`` on screen, ``field eq value`` on the wire."""

    field: str
    shown: str
    value: str


@dataclass(frozen=True)
class Window:
    """A drilled time bucket: the range the query narrows to (typed in the draft's zone), the
    bucket as the grid shows it, and the grain the narrowed query breaks it down by."""

    range: AbsoluteRange
    shown: str
    granularity: str | None


def row_values(table: ResultTable, index: int) -> list[tuple[str, str | None]]:
    """The row's (dimension, value) pairs, in the table's column order."""
    return [
        (c.key, None if (v := c.values[index]) is None else str(v)) for c in table.dimension_columns
    ]


def series_row(table: ResultTable, label: str) -> int | None:
    """The first row whose dimension values make ``label`` (a chart series or bar)."""
    dims = table.dimension_columns
    for index in range(table.row_count):
        text = " · ".join(UNSET_TEXT if (v := c.values[index]) is None else str(v) for c in dims)
        if text == label:
            return index
    return None


def remaining_dimensions(meta: Meta, draft: QueryDraft, pinned: list[str]) -> list[str]:
    """Dimensions to drill by: not already shown or pinned, common ones first."""
    used = {*draft.dimensions, *pinned}
    names = [d.name for d in meta.dimensions if d.name not in used]
    first = [n for n in COMMON_FIRST if n in names]
    return first + [n for n in names if n not in first]


def finer_granularity(
    granularity: str | None, offered: Collection[str], span: timedelta
) -> str | None:
    """The grain a drilled bucket of ``granularity`` lasting ``span`` is broken down by: the
    first finer one that meta offers and whose range cap the bucket fits; else the same."""
    for name in FINER.get(granularity or "", ()):
        facts = grain(name)
        cap = facts.max_range if facts is not None else None
        if name in offered and (cap is None or span <= cap):
            return name
    return granularity


def bucket_window(
    table: ResultTable, index: int, zone: tzinfo, offered: Collection[str] = ()
) -> Window | None:
    """Row ``index``'s bucket as a drill window — its range cut to the range the result was
    asked for, so a partial bucket stays partial (and is shown with its ``*``) — broken down
    by the next finer grain of ``offered`` (meta's); None for a row without a bucket."""
    time = table.time_column
    start = time.values[index] if time is not None else None
    end = bucket_end(start, table.granularity) if isinstance(start, datetime) else None
    if not isinstance(start, datetime) or end is None:
        return None
    shown = format_time(start, table.granularity)
    if start in partial_buckets(table).times:
        shown += MARK
    if table.span is not None:
        start, end = max(start, table.span[0]), min(end, table.span[1])

    def typed(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    finer = finer_granularity(table.granularity, offered, end - start)
    return Window(AbsoluteRange(typed(start), typed(end)), shown, finer)


def drill_draft(
    draft: QueryDraft, pins: list[Pin], dimension: str, window: Window | None = None
) -> QueryDraft:
    """``draft`` filtered to the pinned values (replacing filters on those fields), grouped by
    ``dimension``, over ``window``'s range by its finer grain when a time bucket was drilled
    into; an order on a dimension no longer shown is dropped."""
    fields = {p.field for p in pins}
    kept = tuple(f for f in draft.filters if f.field not in fields)
    added = tuple(FilterDraft(p.field, "eq", (p.value,)) for p in pins)
    order = draft.order_by
    if order is not None and order in draft.dimensions and order != dimension:
        order = None
    changed = draft.with_changes(filters=kept + added, dimensions=(dimension,), order_by=order)
    if window is None:
        return changed
    return changed.with_changes(time=window.range, granularity=window.granularity)
