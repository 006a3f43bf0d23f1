"""Burn rate over the last 7 complete UTC days, runway, and today against yesterday."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

BURN_DAYS = 7


def complete_days(today: date, count: int = BURN_DAYS) -> list[date]:
    """The ``count`` whole UTC days before ``today``, oldest first."""
    return [today - timedelta(days=n) for n in range(count, 0, -1)]


def burn_rate(daily: Mapping[date, float], today: date) -> float:
    """Mean daily spend over the last 7 complete UTC days (a day with no spend counts as 0)."""
    return sum(daily.get(day, 0.0) for day in complete_days(today)) / BURN_DAYS


@dataclass(frozen=True)
class Runway:
    """How long the balance lasts at the burn rate; ``days`` is None when nothing is spent."""

    remaining: float
    burn_rate_per_day: float
    days: float | None
    runs_out_at: datetime | None


def runway(remaining: float, burn_per_day: float, now: datetime) -> Runway:
    """Days until ``remaining`` is gone at ``burn_per_day`` (0 when already gone)."""
    if remaining <= 0:
        return Runway(remaining, burn_per_day, 0.0, now)
    if burn_per_day <= 0:
        return Runway(remaining, burn_per_day, None, None)
    days = remaining / burn_per_day
    return Runway(remaining, burn_per_day, days, now + timedelta(days=days))


@dataclass(frozen=True)
class TodayComparison:
    """Spend today so far against yesterday over the same hours (00:00 to the same time)."""

    today: float
    yesterday_same_hours: float

    @property
    def delta(self) -> float:
        return self.today - self.yesterday_same_hours

    @property
    def change_pct(self) -> float | None:
        if self.yesterday_same_hours <= 0:
            return None
        return self.delta / self.yesterday_same_hours * 100
