"""Drafts to and from plain dicts (for TOML presets and JSON history), with clear errors."""

from __future__ import annotations

from typing import Any

from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.time_range import RELATIVE_LABELS, AbsoluteRange, RelativeRange, is_relative_name
from ortui.safe_text import safe_text

FORMAT_VERSION = 1
MAX_DEPTH = 8  # a preset is version → query → filters → [table] → values → [string]


class PresetFormatError(ValueError):
    """A preset or history entry that does not have the expected shape."""


def clean_document(value: Any, depth: int = 0, multiline: bool = False) -> Any:
    """A parsed preset or history document with every string terminal-safe (a description
    keeps its line feeds); nesting deeper than any real preset has is refused, so a crafted
    file cannot recurse ortui to death."""
    if depth > MAX_DEPTH:
        raise PresetFormatError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        return safe_text(value, multiline)
    if isinstance(value, dict):
        return {
            safe_text(str(k)): clean_document(v, depth + 1, k == "description")
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [clean_document(v, depth + 1) for v in value]
    return value


def draft_to_dict(draft: QueryDraft) -> dict[str, Any]:
    """Only what is set; relative ranges stay relative (``time = "last_30d"``)."""
    out: dict[str, Any] = {"metrics": list(draft.metrics)}
    if draft.dimensions:
        out["dimensions"] = list(draft.dimensions)
    if draft.granularity:
        out["granularity"] = draft.granularity
    if isinstance(draft.time, RelativeRange):
        out["time"] = draft.time.name
    else:
        out["start"], out["end"] = draft.time.start, draft.time.end
    if draft.order_by:
        out["order_by"] = draft.order_by
        out["order_direction"] = draft.order_direction
    if draft.limit is not None:
        out["limit"] = draft.limit
    if draft.group_limit is not None:
        out["group_limit"] = draft.group_limit
    if draft.timezone:
        out["timezone"] = draft.timezone
    if draft.filters:
        out["filters"] = [
            {
                "field": f.field,
                "operator": f.operator,
                "values": list(f.values),
                "include_unset": f.include_unset,
            }
            for f in draft.filters
        ]
    return out


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PresetFormatError(f"{where}.{key} must be a list of strings")
    return tuple(value)


def _optional(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if value is not None and (
        not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool)
    ):
        raise PresetFormatError(f"{where}.{key} must be a {kind.__name__}")
    return value


def _filter(item: object, index: int) -> FilterDraft:
    where = f"query.filters[{index}]"
    if not isinstance(item, dict):
        raise PresetFormatError(f"{where} must be a table")
    field = _optional(item, "field", str, where)
    operator = _optional(item, "operator", str, where)
    if not field or not operator:
        raise PresetFormatError(f"{where} needs field and operator")
    return FilterDraft(
        field,
        operator,
        _strings(item, "values", where),
        bool(_optional(item, "include_unset", bool, where)),
    )


def draft_from_dict(data: object, where: str = "query") -> QueryDraft:
    """The inverse of ``draft_to_dict``; unknown names are kept (schema drift is checked later)."""
    if not isinstance(data, dict):
        raise PresetFormatError(f"{where} must be a table")
    metrics = _strings(data, "metrics", where)
    if not metrics:
        raise PresetFormatError(f"{where}.metrics must name at least one metric")
    time: RelativeRange | AbsoluteRange
    if "start" in data or "end" in data:
        time = AbsoluteRange(str(data.get("start", "")), str(data.get("end", "")))
    else:
        name = _optional(data, "time", str, where) or "last_7d"
        if not is_relative_name(name):
            raise PresetFormatError(
                f"{where}.time {name!r} is not one of "
                f"{', '.join(RELATIVE_LABELS)} or last_<N><h|d|w|m>"
            )
        time = RelativeRange(name)
    filters = data.get("filters", [])
    if not isinstance(filters, list):
        raise PresetFormatError(f"{where}.filters must be an array of tables")
    direction = _optional(data, "order_direction", str, where) or "desc"
    if direction not in ("asc", "desc"):
        raise PresetFormatError(f"{where}.order_direction must be asc or desc")
    return QueryDraft(
        metrics=metrics,
        dimensions=_strings(data, "dimensions", where),
        filters=tuple(_filter(f, i) for i, f in enumerate(filters)),
        granularity=_optional(data, "granularity", str, where),
        time=time,
        order_by=_optional(data, "order_by", str, where),
        order_direction=direction,
        limit=_optional(data, "limit", int, where),
        group_limit=_optional(data, "group_limit", int, where),
        timezone=_optional(data, "timezone", str, where) or None,
    )
