"""Month to date and a weekday-aware projection to the month's end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ortui.spend.burn import complete_days
from ortui.spend.periods import midnight, month_start, next_month_start


@dataclass(frozen=True)
class MonthProjection:
    """Spend this UTC month so far and where it ends if each weekday repeats last week's."""

    to_date: float
    projected: float
    method: str
    #: The method in a few words, for narrow places: ``weekday-aware, Nov 22–28``.
    basis: str = ""
    #: BYOK spend this month (your own provider keys): not drawn from credits, so not in
    #: ``to_date``, but in analytics' Total Usage. None when not fetched.
    byok_to_date: float | None = None


def project_month(daily: Mapping[date, float], now: datetime) -> MonthProjection:
    """Month to date plus the rest of the month at the last 7 complete days' spend per weekday.

    Each remaining whole day is projected at the spend of the same weekday among the last 7
    complete UTC days (so weekends stay quieter); the rest of today at that weekday's spend
    pro rata for the hours left. ``daily`` holds today's spend so far under today's date.
    """
    now = now.astimezone(UTC)
    today = now.date()
    first = month_start(today)
    to_date = sum(v for day, v in daily.items() if first <= day <= today)
    profile = {day.weekday(): daily.get(day, 0.0) for day in complete_days(today)}
    left_today = (midnight(today + timedelta(days=1)) - now) / timedelta(days=1)
    rest = profile[today.weekday()] * left_today
    day = today + timedelta(days=1)
    while day < next_month_start(today):
        rest += profile[day.weekday()]
        day += timedelta(days=1)
    days = complete_days(today)
    basis = (
        f"weekday-aware, {days[0]:%b} {days[0].day}–{days[-1].day}"
        if days[0].month == days[-1].month
        else f"weekday-aware, {days[0]:%b} {days[0].day}–{days[-1]:%b} {days[-1].day}"
    )
    return MonthProjection(to_date, to_date + rest, _method(today, profile), basis)


def month_byok(daily_byok: Mapping[date, float], now: datetime) -> float:
    """BYOK spend from the 1st of this UTC month up to ``now``."""
    today = now.astimezone(UTC).date()
    return sum(v for day, v in daily_byok.items() if month_start(today) <= day <= today)


def _method(today: date, profile: Mapping[int, float]) -> str:
    days = complete_days(today)
    mean = sum(profile.values()) / len(days)
    span = f"{days[0]:%b} {days[0].day}–{days[-1]:%b} {days[-1].day}"
    return (
        f"weekday-aware: each remaining day at the same weekday's spend in the last 7 "
        f"complete UTC days ({span}, mean ${mean:,.2f}/day); the rest of today pro rata"
    )
