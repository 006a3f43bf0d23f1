"""Spend series read from the simulator over loopback agree with raw flat queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.spend.burn import complete_days
from ortui.spend.periods import midnight
from ortui.spend.series import daily_spend, today_comparison, workspace_spent
from tests.conftest import TEST_KEY

WIRE = "%Y-%m-%dT%H:%M:%SZ"
RESEARCH = "6f1c2d3e-0000-4a1b-9c2d-000000000002"


def _raw_total(
    url: str,
    start: datetime,
    end: datetime,
    metrics: list[str],
    filters: list[dict[str, Any]] | None = None,
) -> float:
    body: dict[str, Any] = {
        "metrics": metrics,
        "time_range": {"start": start.strftime(WIRE), "end": end.strftime(WIRE)},
    }
    if filters:
        body["filters"] = filters
    response = httpx.post(
        url + "/analytics/query", json=body, headers={"Authorization": f"Bearer {TEST_KEY}"}
    )
    rows = response.json()["data"]["data"]
    return sum(float(row[m] or 0) for row in rows for m in metrics)


@pytest.fixture()
def client(demo_server: Any) -> AnalyticsClient:
    return AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=demo_server.url, retry=NO_RETRY))


async def test_daily_spend_adds_up_to_flat_queries(
    client: AnalyticsClient, demo_server: Any
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    daily = await daily_spend(client, now)
    await client.aclose()
    last7 = complete_days(now.date())
    assert sum(daily.get(d, 0) for d in last7) == pytest.approx(
        _raw_total(demo_server.url, midnight(last7[0]), midnight(now.date()), ["credits_usage"]),
        abs=1e-5,
    )
    first = midnight(now.date().replace(day=1))
    assert sum(v for d, v in daily.items() if d >= first.date()) == pytest.approx(
        _raw_total(demo_server.url, first, now, ["credits_usage"]), abs=1e-5
    )


async def test_today_and_the_same_hours_yesterday(
    client: AnalyticsClient, demo_server: Any
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    today = await today_comparison(client, now)
    await client.aclose()
    start = midnight(now.date())
    day = timedelta(days=1)
    assert today.today == pytest.approx(_raw_total(demo_server.url, start, now, ["credits_usage"]))
    assert today.yesterday_same_hours == pytest.approx(
        _raw_total(demo_server.url, start - day, now - day, ["credits_usage"])
    )
    assert today.yesterday_same_hours > 0


async def test_workspace_spend_over_its_period_with_and_without_byok(
    client: AnalyticsClient, demo_server: Any
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    week = midnight(now.date() - timedelta(days=now.weekday()))
    plain = await workspace_spent(client, RESEARCH, "weekly", False, now)
    byok = await workspace_spent(client, RESEARCH, "weekly", True, now)
    await client.aclose()
    only = [{"field": "workspace", "operator": "eq", "value": RESEARCH}]
    assert plain == pytest.approx(_raw_total(demo_server.url, week, now, ["credits_usage"], only))
    assert byok == pytest.approx(
        _raw_total(demo_server.url, week, now, ["credits_usage", "byok_usage"], only)
    )
    assert byok > plain > 0
