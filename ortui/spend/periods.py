"""UTC reset periods of key limits and workspace budgets (day, Monday–Sunday week, month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

RESETS = ("daily", "weekly", "monthly")


@dataclass(frozen=True)
class Period:
    """One reset period ``[start, end)`` in UTC."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def elapsed_share(self, now: datetime) -> float:
        """How much of the period has passed at ``now``, clamped to 0–1."""
        share = (now - self.start) / self.length
        return min(1.0, max(0.0, share))


def midnight(day: date) -> datetime:
    """00:00 UTC of ``day``."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month_start(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def current_period(reset: str | None, now: datetime) -> Period | None:
    """The period ``now`` falls in for a ``daily``/``weekly``/``monthly`` reset; None otherwise.

    ``None`` covers a lifetime cap (no reset) and reset kinds this version does not know.
    """
    today = now.astimezone(UTC).date()
    if reset == "daily":
        return Period(midnight(today), midnight(today + timedelta(days=1)))
    if reset == "weekly":
        monday = today - timedelta(days=today.weekday())
        return Period(midnight(monday), midnight(monday + timedelta(days=7)))
    if reset == "monthly":
        return Period(midnight(month_start(today)), midnight(next_month_start(today)))
    return None


def reset_label(reset: str | None) -> str:
    """How a reset reads in a table: ``daily``, ``weekly``, ``monthly`` or ``lifetime``."""
    return reset if reset else "lifetime"
