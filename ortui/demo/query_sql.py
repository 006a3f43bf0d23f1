"""The simulator's SQL pieces: time buckets, filters (with the service's warnings for values
that resolve to nothing) and the labels rows are ordered by."""

from __future__ import annotations

from typing import Any

from ortui.demo import catalog as cat
from ortui.demo.row_cells import APP_TITLES, KEY_NAMES, USERS

BUCKET_SQL = {
    "minute": "(ts / 60) * 60",
    "hour": "(ts / 3600) * 3600",
    "day": "(ts / 86400) * 86400",
    # ISO weeks start on Monday; 1970-01-01 was a Thursday.
    "week": "((ts / 86400) - ((ts / 86400) + 3) % 7) * 86400",
    "month": "CAST(strftime('%s', ts, 'unixepoch', 'start of month') AS INTEGER)",
}
COMPARE_SQL = {"eq": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
#: Filter fields that take an id the service resolves (api_key_id is handled apart).
KNOWN_IDS = {
    "user": ("member's user id", frozenset(USERS)),
    "workspace": ("workspace id", frozenset(cat.WORKSPACES)),
}


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def filter_sql(item: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    """One filter as a WHERE clause and its parameters; unresolvable ids add a warning."""
    field, op, value = item["field"], item["operator"], item["value"]
    column = f'"{field}"'
    values = [_text(v) for v in (value if isinstance(value, list) else [value])]
    if field == "api_key_id":
        resolved = []
        for ref in values:
            key = cat.api_key_by_ref(ref)
            if key is None:
                warnings.append(
                    f"api_key_id filter value {ref!r} could not be resolved "
                    "to an API key; it matches nothing"
                )
            resolved.append(key.id if key else ref)
        values = resolved
    elif field in KNOWN_IDS and op in ("eq", "in"):
        warnings += [
            f"{field} filter value {ref!r} could not be resolved to a "
            f"{KNOWN_IDS[field][0]}; it matches nothing"
            for ref in values
            if ref not in KNOWN_IDS[field][1]
        ]
    if op == "neq":
        return f"{column} IS NOT ?", values
    if op in COMPARE_SQL:
        return f"{column} {COMPARE_SQL[op]} ?", values
    marks = ", ".join("?" * len(values)) or "NULL"
    clause = f"{column} {'NOT IN' if op == 'not_in' else 'IN'} ({marks})"
    if item.get("include_unset"):
        clause = f"({clause} OR {column} IS NULL)"
    return clause, values


def label_sql(dim: str, column: str) -> str:
    """SQL for the display label of an enriched dimension (ordering by what rows show)."""
    names = {
        "api_key_id": KEY_NAMES,
        "app": APP_TITLES,
        "workspace": cat.WORKSPACES,
        "user": {u.id: u.name for u in cat.USERS},
    }.get(dim)
    if not names:
        return column
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in names.items())
    return f"(CASE {column} {cases} ELSE {column} END)"
