"""Spend against a limit within its period: % used, pace to the period's end, crossing time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ortui.spend.periods import Period


@dataclass(frozen=True)
class Pace:
    """Where spend stands against a limit and where it is heading at the current rate.

    ``projected`` is the spend at the period's end if it goes on at the rate so far
    (spend ÷ elapsed share of the period); ``crosses_at`` is when that rate reaches the limit,
    within this period; ``exceeded`` means the limit is already reached.
    """

    spent: float
    limit: float | None
    used_pct: float | None
    projected: float | None
    will_exceed: bool
    crosses_at: datetime | None
    exceeded: bool

    @property
    def projected_pct(self) -> float | None:
        if self.projected is None or not self.limit:
            return None
        return self.projected / self.limit * 100


def measure_pace(spent: float, limit: float | None, period: Period | None, now: datetime) -> Pace:
    """Pace of ``spent`` against ``limit`` in ``period`` (None = a lifetime cap) at ``now``."""
    used_pct = spent / limit * 100 if limit is not None and limit > 0 else None
    projected = _projection(spent, period, now)
    exceeded = limit is not None and spent >= limit
    crosses_at = None if exceeded or limit is None else _crossing(spent, limit, period, now)
    will_exceed = exceeded or crosses_at is not None
    return Pace(spent, limit, used_pct, projected, will_exceed, crosses_at, exceeded)


def _projection(spent: float, period: Period | None, now: datetime) -> float | None:
    if period is None:
        return None
    share = period.elapsed_share(now)
    if share <= 0:
        return spent
    return spent / share


def _crossing(spent: float, limit: float, period: Period | None, now: datetime) -> datetime | None:
    """When the rate so far reaches ``limit`` before the period ends, else None."""
    if period is None or spent <= 0 or now <= period.start:
        return None
    at = period.start + (now - period.start) * (limit / spent)
    return at if at < period.end else None
