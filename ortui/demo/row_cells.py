"""The cells of an answered row as the service shows them: enriched dimensions by display
name (``user`` also brings ``user_email``), metrics rounded, counts as strings."""

from __future__ import annotations

import math
from typing import Any

from ortui.demo import catalog as cat
from ortui.demo.metrics import MetricDef

KEY_NAMES = {k.id: k.name for k in cat.API_KEYS}
APP_TITLES = {a.id: a.title for a in cat.APPS}
USERS = {u.id: u for u in cat.USERS}


def _percentile(packed: str | None, quantile: float) -> float | None:
    if not packed:
        return None
    values = sorted(float(v) for v in packed.split(","))
    return values[max(0, math.ceil(quantile * len(values)) - 1)]


def dimension_cells(dim: str, value: object) -> dict[str, Any]:
    """Display names for enriched dimensions; ``user`` also brings ``user_email``."""
    if value is None:
        return {dim: None, "user_email": None} if dim == "user" else {dim: None}
    text = str(value)
    if dim == "api_key_id":
        return {dim: KEY_NAMES.get(text, text)}
    if dim == "app":
        return {dim: APP_TITLES.get(text, text)}
    if dim == "workspace":
        return {dim: cat.WORKSPACES.get(text, text)}
    if dim == "user":
        user = USERS.get(text)
        return {dim: user.name if user else text, "user_email": user.email if user else None}
    return {dim: text}


def metric_value(metric: MetricDef, value: Any) -> Any:
    if metric.percentile is not None:
        result = _percentile(value, metric.percentile[1])
        return None if result is None else round(result, 3)
    if value is None:
        return None
    if metric.is_count:
        return str(round(value))
    return round(float(value), 6)
