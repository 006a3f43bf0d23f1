"""Spend arithmetic at a fixed clock, every figure computed by hand in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from ortui.spend.accounts import Budget, Credits, KeyAccount, Usage, Workspace
from ortui.spend.burn import TodayComparison, burn_rate, runway
from ortui.spend.month import project_month
from ortui.spend.pace import measure_pace
from ortui.spend.periods import current_period
from ortui.spend.report import SpendInputs, build_report
from ortui.spend.views import report_json

#: Wednesday 18 November 2026, 15:00 UTC.
NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)

#: Nov 10 (excluded: 8 days ago), the last 7 complete days Nov 11 (Wed) … Nov 17 (Tue), today.
DAILY = {
    date(2026, 11, 1): 20.0,
    date(2026, 11, 10): 100.0,
    date(2026, 11, 11): 10.0,
    date(2026, 11, 12): 10.0,
    date(2026, 11, 13): 10.0,
    date(2026, 11, 14): 3.0,
    date(2026, 11, 15): 2.0,
    date(2026, 11, 16): 12.0,
    date(2026, 11, 17): 9.0,
    date(2026, 11, 18): 6.0,
}


def test_periods_are_utc_day_monday_week_and_month() -> None:
    day, week, month = (current_period(r, NOW) for r in ("daily", "weekly", "monthly"))
    assert day and week and month
    assert (day.start, day.end) == (
        datetime(2026, 11, 18, tzinfo=UTC),
        datetime(2026, 11, 19, tzinfo=UTC),
    )
    assert (week.start, week.end) == (
        datetime(2026, 11, 16, tzinfo=UTC),
        datetime(2026, 11, 23, tzinfo=UTC),
    )
    assert (month.start, month.end) == (
        datetime(2026, 11, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    december = current_period("monthly", datetime(2026, 12, 31, 23, tzinfo=UTC))
    assert december and december.end == datetime(2027, 1, 1, tzinfo=UTC)
    assert current_period(None, NOW) is None
    assert current_period("yearly", NOW) is None


def test_daily_pace_below_the_limit() -> None:
    # 15 h of 24 gone: $5 so far → $5 / 0.625 = $8 at midnight, under $10.
    pace = measure_pace(5.0, 10.0, current_period("daily", NOW), NOW)
    assert pace.used_pct == pytest.approx(50.0)
    assert pace.projected == pytest.approx(8.0)
    assert not pace.will_exceed and pace.crosses_at is None and not pace.exceeded


def test_daily_pace_that_crosses_and_when() -> None:
    # $7.50 in 15 h → $12 by midnight; $10 is reached after 15 h × 10/7.5 = 20 h → 20:00.
    pace = measure_pace(7.5, 10.0, current_period("daily", NOW), NOW)
    assert pace.projected == pytest.approx(12.0)
    assert pace.projected_pct == pytest.approx(120.0)
    assert pace.will_exceed and not pace.exceeded
    assert pace.crosses_at == datetime(2026, 11, 18, 20, 0, tzinfo=UTC)


def test_weekly_pace_crosses_on_sunday() -> None:
    # Monday 00:00 → Wednesday 15:00 = 63 h of 168. $21 → 21 × 168/63 = $56 > $50;
    # $50 after 63 × 50/21 = 150 h → Sunday 22 November 06:00.
    pace = measure_pace(21.0, 50.0, current_period("weekly", NOW), NOW)
    assert pace.projected == pytest.approx(56.0)
    assert pace.crosses_at == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


def test_monthly_pace_and_exceeded_and_lifetime_and_no_limit() -> None:
    # 423 h of November's 720 gone: $42.30 → $72.
    monthly = measure_pace(42.3, 100.0, current_period("monthly", NOW), NOW)
    assert monthly.projected == pytest.approx(72.0) and not monthly.will_exceed
    over = measure_pace(12.0, 10.0, current_period("daily", NOW), NOW)
    assert over.exceeded and over.will_exceed and over.crosses_at is None
    assert over.used_pct == pytest.approx(120.0)
    lifetime = measure_pace(40.0, 100.0, None, NOW)
    assert lifetime.used_pct == pytest.approx(40.0) and lifetime.projected is None
    assert not lifetime.will_exceed
    unlimited = measure_pace(3.0, None, current_period("daily", NOW), NOW)
    assert unlimited.used_pct is None and not unlimited.will_exceed
    assert unlimited.projected == pytest.approx(4.8)


def test_burn_rate_is_the_mean_of_the_last_seven_complete_days() -> None:
    # Nov 11–17: 10+10+10+3+2+12+9 = 56 → $8/day; Nov 10 and today do not count.
    assert burn_rate(DAILY, NOW.date()) == pytest.approx(8.0)
    assert burn_rate({}, NOW.date()) == 0.0


def test_runway_at_the_burn_rate() -> None:
    # $100 at $8/day → 12.5 days → 1 December 03:00.
    run = runway(100.0, 8.0, NOW)
    assert run.days == pytest.approx(12.5)
    assert run.runs_out_at == datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    assert runway(-5.0, 8.0, NOW).days == 0.0
    assert runway(100.0, 0.0, NOW).days is None


def test_month_projection_is_weekday_aware() -> None:
    # To date: Nov 1 20 + Nov 10 100 + Nov 11–17 56 + today 6 = 182.
    # Rest of today: Wednesday (Nov 11) $10 × 9/24 = 3.75.
    # Nov 19 Thu … Nov 30 Mon at Thu 10, Fri 10, Sat 3, Sun 2, Mon 12, Tue 9, Wed 10, Thu 10,
    # Fri 10, Sat 3, Sun 2, Mon 12 = 93.  Projection 182 + 3.75 + 93 = 278.75.
    month = project_month(DAILY, NOW)
    assert month.to_date == pytest.approx(182.0)
    assert month.projected == pytest.approx(278.75)
    assert "Nov 11–Nov 17" in month.method and "$8.00/day" in month.method
    assert "weekday" in month.method


def test_today_against_the_same_hours_yesterday() -> None:
    today = TodayComparison(6.0, 4.0)
    assert today.delta == pytest.approx(2.0) and today.change_pct == pytest.approx(50.0)
    assert TodayComparison(1.0, 0.0).change_pct is None


def _key(hash_: str, workspace: str, **kwargs: Any) -> KeyAccount:
    return KeyAccount(hash=hash_, name=f"key-{hash_}", workspace_id=workspace, **kwargs)


K1 = _key(
    "k1",
    "w1",
    limit=3.0,
    limit_remaining=1.0,
    limit_reset="daily",
    usage=Usage(100, 2, 10, 30),
    byok_usage=Usage(10, 1, 2, 5),
    include_byok_in_limit=True,
)
K2 = _key(
    "k2",
    "w1",
    usage=Usage(50, 1, 5, 20),
    byok_usage=Usage(4, 4, 4, 4),
    disabled=True,
    expires_at=NOW + timedelta(days=3),
)
K3 = _key("k3", "w2", usage=Usage(500, 100, 100, 100), expires_at=NOW - timedelta(hours=1))
W1 = Workspace(
    "w1", "Research", (Budget("b1", "w1", 60.0, "monthly"), Budget("b2", "w1", 140.0, None))
)


def test_keys_count_byok_only_when_the_key_says_so_and_are_marked() -> None:
    report = build_report(SpendInputs(keys=[K1, K2, K3], workspaces=[W1]), NOW)
    k1, k2, k3 = report.keys
    # k1: daily usage 2 + BYOK 1 = 3 = its limit → exceeded.
    assert k1.pace.spent == pytest.approx(3.0) and k1.pace.exceeded and k1.workspace == "Research"
    # k2: no limit, no reset → lifetime usage 50 (BYOK not counted); expiring in 3 days.
    assert k2.pace.spent == pytest.approx(50.0) and k2.expiring and not k2.expired
    assert k2.key.disabled
    assert k3.expired and not k3.expiring and k3.workspace == "w2"


def test_budgets_pace_on_the_workspace_spend_of_their_period() -> None:
    spent = {("w1", "monthly"): 50.0, ("w1", None): 150.0}
    report = build_report(SpendInputs(keys=[K1], workspaces=[W1], budget_spent=spent), NOW)
    monthly, lifetime = report.budgets
    # Monthly: $50 of $60 after 423 h of 720 → 50 × 720/423 = 85.106…; crosses after
    # 423 × 60/50 = 507.6 h → 22 November 03:36.
    assert monthly.pace.spent == pytest.approx(50.0)
    assert monthly.pace.projected == pytest.approx(50 * 720 / 423)
    assert monthly.pace.crosses_at == datetime(2026, 11, 22, 3, 36, tzinfo=UTC)
    # Lifetime: $150 of $140 → already over, no projection.
    assert lifetime.pace.exceeded and lifetime.pace.projected is None
    assert lifetime.pace.used_pct == pytest.approx(150 / 140 * 100)


def test_report_json_has_the_documented_shape() -> None:
    inputs = SpendInputs(
        Credits(300.0, 200.0), [K1], [W1], DAILY, TodayComparison(6, 4), {("w1", "monthly"): 50.0}
    )
    doc = report_json(build_report(inputs, NOW))
    assert set(doc) == {"credits", "keys", "budgets", "month"}
    assert doc["credits"] == {
        "total_credits": 300.0,
        "total_usage": 200.0,
        "remaining": 100.0,
        "burn_rate_per_day": pytest.approx(8.0),
        "runway_days": pytest.approx(12.5),
    }
    assert set(doc["keys"][0]) == {
        "hash",
        "name",
        "workspace_id",
        "disabled",
        "limit",
        "limit_reset",
        "limit_remaining",
        "usage_period",
        "used_pct",
        "projected_period",
        "will_exceed",
    }
    assert doc["keys"][0]["usage_period"] == pytest.approx(3.0)
    assert set(doc["budgets"][0]) == {
        "workspace_id",
        "workspace",
        "limit_usd",
        "reset_interval",
        "spent",
        "used_pct",
        "projected",
        "will_exceed",
    }
    assert doc["month"]["projected"] == pytest.approx(278.75)
