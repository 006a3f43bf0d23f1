"""Spend over time from the analytics endpoint: daily totals, today so far, a workspace's period.

Spend is ``credits_usage`` (what draws on credits — the same measure as ``/credits`` and each
key's ``usage*``); ``byok_usage`` is added only where a limit or budget counts BYOK.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ortui.api.client import AnalyticsClient
from ortui.api.models import Filter, Meta, QueryRequest, TimeRange
from ortui.query import pipeline
from ortui.query.time_range import WIRE_FORMAT
from ortui.results.table import ResultTable, to_number
from ortui.spend.burn import TodayComparison, complete_days
from ortui.spend.periods import current_period, midnight, month_start

SPEND_METRIC = "credits_usage"
BYOK_METRIC = "byok_usage"
#: The longest range one analytics query may cover; lifetime sums walk back in such steps.
MAX_RANGE = timedelta(days=365)
MAX_LIFETIME_STEPS = 10
#: Spend reads its numbers by key, so the columns need no labels from the server's meta.
UNLABELLED = Meta()


def _range(start: datetime, end: datetime) -> TimeRange:
    return TimeRange(start.strftime(WIRE_FORMAT), end.strftime(WIRE_FORMAT))


def _whole_seconds(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(microsecond=0)


async def _fetch(client: AnalyticsClient, request: QueryRequest) -> ResultTable:
    """Through the one query pipeline: sent, decoded (off the loop, cancellable), typed."""
    table, _ = await pipeline.fetch_table(client, request, UNLABELLED)
    return table


def _sum(table: ResultTable, metrics: list[str]) -> float:
    columns = [c for c in (table.column(m) for m in metrics) if c is not None]
    return sum(float(to_number(v) or 0.0) for c in columns for v in c.values)


async def daily_spend(client: AnalyticsClient, now: datetime) -> dict[date, float]:
    """Spend per UTC day from the earlier of the 1st and 7 days ago up to ``now``."""
    return (await daily_spend_and_byok(client, now))[0]


async def daily_spend_and_byok(
    client: AnalyticsClient, now: datetime
) -> tuple[dict[date, float], dict[date, float]]:
    """Spend and BYOK spend per UTC day from the earlier of the 1st and 7 days ago up to
    ``now``, in one request (BYOK: what analytics' Total Usage adds to the spend)."""
    now = _whole_seconds(now)
    today = now.date()
    start = midnight(min(month_start(today), complete_days(today)[0]))
    request = QueryRequest(
        metrics=[SPEND_METRIC, BYOK_METRIC],
        granularity="day",
        time_range=_range(start, now),
        limit=100,
    )
    table = await _fetch(client, request)
    return _per_day(table, SPEND_METRIC), _per_day(table, BYOK_METRIC)


def _per_day(table: ResultTable, metric: str) -> dict[date, float]:
    buckets, spend = table.time_column, table.column(metric)
    daily: dict[date, float] = {}
    if buckets is None or spend is None:
        return daily
    for bucket, value in zip(buckets.values, spend.values, strict=True):
        if isinstance(bucket, datetime):
            day = bucket.date()
            daily[day] = daily.get(day, 0.0) + float(to_number(value) or 0.0)
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
    return _sum(await _fetch(client, request), metrics)


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
