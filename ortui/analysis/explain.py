"""Explain a change: which groups of each dimension moved a metric between two windows (pure).

Additive metrics (spend, requests, tokens) split exactly: each group's change, and an "other"
group for the rest, add up to the total change. Averages and rates split each group's effect
into its own change and the shift of traffic between groups (mix), with the symmetric
identity  s'r' - s r = ½(s + s')(r' - r) + (s' - s)(½(r + r') - c),  summed over groups, where
s is a group's share of the weight (requests, tokens), r its rate and c the mean of the two
totals (any constant works because the shares sum to one in both windows). Percentiles cannot
be decomposed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

#: The weight a rate is averaged over (its denominator), so group rates can be recombined.
RATE_WEIGHTS = {
    "avg_latency": "request_count",
    "avg_throughput": "request_count",
    "cache_hit_rate": "request_count",
    "possible_cache_hit_rate": "request_count",
    "guardrail_invoked_rate": "request_count",
    "response_cached_rate": "request_count",
    "cache_capture_rate": "possible_cached_tokens",
    "blended_cost_per_million_tokens": "tokens_total",
}
PERCENTILE = re.compile(r"^p\d+_")
OTHER = "other"
TOP_GROUPS = 10


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    total: float | None


@dataclass(frozen=True)
class Group:
    """One group's part in the change; for rates ``current``/``previous`` are the group's rates
    and ``change`` its effect on the total (``own`` + ``mix``)."""

    value: str | None
    current: float | None
    previous: float | None
    change: float
    share: float | None
    id: str | None = None
    own: float | None = None
    mix: float | None = None
    is_other: bool = False


@dataclass(frozen=True)
class Breakdown:
    """The groups of one dimension, largest movers first, "other" last."""

    dimension: str
    groups: list[Group] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Explanation:
    metric: str
    kind: str  # "additive", "rate" or "percentile" / "opaque" (cannot be decomposed)
    current: Period
    previous: Period
    by: dict[str, Breakdown] = field(default_factory=dict)
    note: str = ""

    @property
    def change(self) -> float | None:
        if self.current.total is None or self.previous.total is None:
            return None
        return round(self.current.total - self.previous.total, 9)


def metric_kind(metric: str, is_rate: bool) -> str:
    """How a metric can be explained: additive, rate (with a known weight) or not at all."""
    if not is_rate:
        return "additive"
    if PERCENTILE.match(metric):
        return "percentile"
    return "rate" if metric in RATE_WEIGHTS else "opaque"


def why_not(metric: str, kind: str) -> str:
    if kind == "percentile":
        return (
            f"{metric} is a percentile: it cannot be decomposed into groups (a percentile "
            "of the whole is not a combination of the groups' percentiles)"
        )
    if kind == "opaque":
        return f"{metric} is a rate whose weight is unknown: it cannot be decomposed"
    return ""


def rounding(groups: int, total_change: float) -> float:
    """How far the groups may miss the total from the server's rounding of each value (to
    about six decimals) before the difference is shown as an "other" group."""
    return 1e-6 * (groups + 2) + 1e-9 * abs(total_change)


def _share(change: float, total: float) -> float | None:
    return change / total if total else None


def additive_breakdown(
    dimension: str,
    current: dict[str | None, float],
    previous: dict[str | None, float],
    totals: tuple[float, float],
    top: int = TOP_GROUPS,
) -> Breakdown:
    """Groups by change; "other" holds whatever the listed groups do not, so they reconcile."""
    total_now, total_before = totals
    total_change = total_now - total_before
    groups = [
        Group(
            value,
            current.get(value),
            previous.get(value),
            current.get(value, 0.0) - previous.get(value, 0.0),
            _share(current.get(value, 0.0) - previous.get(value, 0.0), total_change),
        )
        for value in {*current, *previous}
    ]
    groups.sort(key=lambda g: (-abs(g.change), str(g.value)))
    listed = groups[:top]
    rest_now = total_now - math.fsum(g.current or 0.0 for g in listed)
    rest_before = total_before - math.fsum(g.previous or 0.0 for g in listed)
    rest_change = total_change - math.fsum(g.change for g in listed)
    hidden = len(groups) - len(listed)
    rest = None
    if hidden or abs(rest_change) > rounding(len(groups), total_change):
        rest = Group(
            OTHER,
            rest_now,
            rest_before,
            rest_change,
            _share(rest_change, total_change),
            is_other=True,
        )
    note = f"{hidden} smaller group(s) in other" if hidden else ""
    return Breakdown(dimension, listed + ([rest] if rest else []), note)


@dataclass(frozen=True)
class RateSide:
    """A group's rate and weight in one window."""

    rate: float | None
    weight: float


def _rate_effect(
    now: RateSide, before: RateSide, totals: tuple[float, float, float, float], centre: float
) -> tuple[float, float]:
    _, weight_now, _, weight_before = totals
    share_now = now.weight / weight_now if weight_now else 0.0
    share_before = before.weight / weight_before if weight_before else 0.0
    r_now = now.rate if now.rate is not None else before.rate
    r_before = before.rate if before.rate is not None else now.rate
    if r_now is None or r_before is None:
        return 0.0, 0.0
    own = 0.5 * (share_now + share_before) * (r_now - r_before)
    mix = (share_now - share_before) * (0.5 * (r_now + r_before) - centre)
    return own, mix


def rate_breakdown(
    dimension: str,
    current: dict[str | None, RateSide],
    previous: dict[str | None, RateSide],
    totals: tuple[float, float, float, float],
    top: int = TOP_GROUPS,
) -> Breakdown:
    """Each group's own change and mix effect; ``totals`` is (R', W', R, W). The "other"
    group holds the unlisted groups (and any rounding), so the effects add up to R' - R."""
    rate_now, _, rate_before, _ = totals
    total_change = rate_now - rate_before
    centre = 0.5 * (rate_now + rate_before)
    groups = []
    empty = RateSide(None, 0.0)
    for value in {*current, *previous}:
        now, before = current.get(value, empty), previous.get(value, empty)
        own, mix = _rate_effect(now, before, totals, centre)
        groups.append(
            Group(
                value,
                now.rate,
                before.rate,
                own + mix,
                _share(own + mix, total_change),
                own=own,
                mix=mix,
            )
        )
    groups.sort(key=lambda g: (-abs(g.change), str(g.value)))
    listed = groups[:top]
    rest = _rate_other(listed, current, previous, totals, centre)
    hidden = len(groups) - len(listed)
    keep = hidden or abs(rest.change) > rounding(len(groups), total_change)
    note = f"{hidden} smaller group(s) in other" if hidden else ""
    return Breakdown(dimension, listed + ([rest] if keep else []), note)


def _rate_other(
    listed: list[Group],
    current: dict[str | None, RateSide],
    previous: dict[str | None, RateSide],
    totals: tuple[float, float, float, float],
    centre: float,
) -> Group:
    """What the listed groups leave: its rate recovered from the totals and the weights."""
    rate_now, weight_now, rate_before, weight_before = totals
    names = [g.value for g in listed]

    def rest(side: dict[str | None, RateSide], rate: float, weight: float) -> RateSide:
        sides = [side[n] for n in names if n in side]
        left = weight - math.fsum(s.weight for s in sides)
        if left <= 1e-9 * max(1.0, weight):
            return RateSide(None, 0.0)
        value = (rate * weight - math.fsum((s.rate or 0.0) * s.weight for s in sides)) / left
        return RateSide(value, left)

    now = rest(current, rate_now, weight_now)
    before = rest(previous, rate_before, weight_before)
    _, mix = _rate_effect(now, before, totals, centre)
    effect = (rate_now - rate_before) - math.fsum(g.change for g in listed)
    return Group(
        OTHER,
        now.rate,
        before.rate,
        effect,
        _share(effect, rate_now - rate_before),
        own=effect - mix,
        mix=mix,
        is_other=True,
    )


def with_ids(explanation: Explanation, id_of: Callable[[str, str], str | None]) -> Explanation:
    """Each named group's id (``id_of(dimension, value)``: None when unknown or ambiguous)."""
    by = {}
    for dim, breakdown in explanation.by.items():
        groups = [
            g if g.is_other or g.value is None else replace(g, id=id_of(dim, g.value))
            for g in breakdown.groups
        ]
        by[dim] = replace(breakdown, groups=groups)
    return replace(explanation, by=by)
