"""Suggestions ("did you mean …") for names the server does not offer: CLI, presets, builder."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: What people type for an operator or a granularity, and the name meta uses for it.
ALIASES = {
    "=": "eq",
    "==": "eq",
    "is": "eq",
    "equals": "eq",
    "!=": "neq",
    "<>": "neq",
    "not": "neq",
    ">": "gt",
    ">=": "gte",
    "<": "lt",
    "<=": "lte",
    "nin": "not_in",
    "notin": "not_in",
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "minutely": "minute",
}


def closest(name: str, offered: Iterable[str]) -> str | None:
    """The offered name most like ``name`` (case and ``-``/``_`` ignored), or None."""
    names = list(offered)
    folded = {n.lower().replace("-", "_"): n for n in names}
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    if key in folded:
        return folded[key]
    found = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    if found:
        return folded[found[0]]
    prefixed = [n for k, n in folded.items() if key and (k.startswith(key) or key in k)]
    return prefixed[0] if len(prefixed) == 1 else None


def hint(name: str, offered: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string when nothing is close."""
    match = closest(name, offered)
    return f" (did you mean '{match}'?)" if match else ""
