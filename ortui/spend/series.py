"""Spend over time from the analytics endpoint: daily totals, today so far, a workspace's period.

Spend is ``credits_usage`` (what draws on credits — the same measure as ``/credits`` and each
key's ``usage*``); ``byok_usage`` is added only where a limit or budget counts BYOK.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from ortui.api.client import AnalyticsClient
from ortui.api.models import Filter, QueryRequest, TimeRange
from ortui.query.time_range import WIRE_FORMAT
from ortui.spend.burn import TodayComparison, complete_days
from ortui.spend.periods import current_period, midnight, month_start

SPEND_METRIC = "credits_usage"
BYOK_METRIC = "byok_usage"
#: The longest range one analytics query may cover; lifetime sums walk back in such steps.
MAX_RANGE = timedelta(days=365)
MAX_LIFETIME_STEPS = 10


def _range(start: datetime, end: datetime) -> TimeRange:
    return TimeRange(start.strftime(WIRE_FORMAT), end.strftime(WIRE_FORMAT))


def _whole_seconds(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(microsecond=0)


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _bucket_day(row: dict[str, Any]) -> date | None:
    for name, value in row.items():
        if name.startswith(("date__", "created_at__")) and isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


async def daily_spend(client: AnalyticsClient, now: datetime) -> dict[date, float]:
    """Spend per UTC day from the earlier of the 1st and 7 days ago up to ``now``."""
    now = _whole_seconds(now)
    today = now.date()
    start = midnight(min(month_start(today), complete_days(today)[0]))
    request = QueryRequest(
        metrics=[SPEND_METRIC], granularity="day", time_range=_range(start, now), limit=100
    )
    result = await client.query(request)
    daily: dict[date, float] = {}
    for row in result.response.data.data:
        day = _bucket_day(row)
        if day is not None:
            daily[day] = daily.get(day, 0.0) + _number(row.get(SPEND_METRIC))
    return daily


async def _total(
    client: AnalyticsClient,
    start: datetime,
    end: datetime,
    metrics: list[str],
    filters: list[Filter] | None = None,
) -> float:
    if end <= start:
        return 0.0
    request = QueryRequest(metrics=metrics, filters=filters, time_range=_range(start, end))
    rows = (await client.query(request)).response.data.data
    return sum(_number(row.get(m)) for row in rows for m in metrics)


async def today_comparison(client: AnalyticsClient, now: datetime) -> TodayComparison:
    """Today 00:00 → now against yesterday 00:00 → the same time yesterday."""
    now = _whole_seconds(now)
    start = midnight(now.date())
    day = timedelta(days=1)
    today = await _total(client, start, now, [SPEND_METRIC])
    yesterday = await _total(client, start - day, now - day, [SPEND_METRIC])
    return TodayComparison(today, yesterday)


async def workspace_spent(
    client: AnalyticsClient, workspace_id: str, reset: str | None, include_byok: bool, now: datetime
) -> float:
    """A workspace's spend in the current ``reset`` period (None: its whole history)."""
    now = _whole_seconds(now)
    metrics = [SPEND_METRIC, BYOK_METRIC] if include_byok else [SPEND_METRIC]
    filters = [Filter("workspace", "eq", workspace_id)]
    period = current_period(reset, now)
    if period is not None:
        return await _total(client, period.start, now, metrics, filters)
    total, end = 0.0, now
    for _ in range(MAX_LIFETIME_STEPS):
        part = await _total(client, end - MAX_RANGE, end, metrics, filters)
        if part <= 0:
            break
        total, end = total + part, end - MAX_RANGE
    return total
