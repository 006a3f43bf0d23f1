"""Drill-down as pure steps: a row's dimension values, the dimensions left, the next draft."""

from __future__ import annotations

from dataclasses import dataclass

from ortui.api.models import Meta
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.results.formatting import UNSET_TEXT
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


@dataclass(frozen=True)
class Pin:
    """One step of a drill path: ``field = shown`` on screen, ``field eq value`` on the wire."""

    field: str
    shown: str
    value: str


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


def drill_draft(draft: QueryDraft, pins: list[Pin], dimension: str) -> QueryDraft:
    """``draft`` filtered to the pinned values (replacing filters on those fields), grouped by
    ``dimension``; an order on a dimension no longer shown is dropped."""
    fields = {p.field for p in pins}
    kept = tuple(f for f in draft.filters if f.field not in fields)
    added = tuple(FilterDraft(p.field, "eq", (p.value,)) for p in pins)
    order = draft.order_by
    if order is not None and order in draft.dimensions and order != dimension:
        order = None
    return draft.with_changes(filters=kept + added, dimensions=(dimension,), order_by=order)
