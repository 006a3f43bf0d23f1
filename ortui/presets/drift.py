"""Which names in a saved query the current meta no longer offers, with the closest match."""

from __future__ import annotations

from ortui.api.models import Meta
from ortui.query.draft import QueryDraft
from ortui.query.suggest import closest


def _note(kind: str, name: str, offered: list[str]) -> str:
    close = closest(name, offered)
    hint = f"; did you mean '{close}'?" if close else ""
    return f"{kind} '{name}' is not offered by this server{hint}"


def schema_drift(draft: QueryDraft, meta: Meta) -> list[str]:
    """One message per unknown metric, dimension, operator or granularity (nothing dropped)."""
    metrics = [m.name for m in meta.metrics]
    dimensions = [d.name for d in meta.dimensions]
    operators = [o.name for o in meta.operators]
    grains = [g.name for g in meta.granularities]
    notes = [_note("metric", m, metrics) for m in draft.metrics if m not in metrics]
    notes += [_note("dimension", d, dimensions) for d in draft.dimensions if d not in dimensions]
    for item in draft.filters:
        if item.field not in dimensions:
            notes.append(_note("filter dimension", item.field, dimensions))
        if item.operator not in operators:
            notes.append(_note("operator", item.operator, operators))
    if draft.granularity and draft.granularity not in grains:
        notes.append(_note("granularity", draft.granularity, grains))
    return notes
