"""The spend report as the documented JSON shape of ``ortui spend --format json``."""

from __future__ import annotations

from typing import Any

from ortui.spend.numbers import days, money, percent
from ortui.spend.report import BudgetLine, KeyLine, SpendReport


def report_json(report: SpendReport) -> dict[str, Any]:
    """``{"credits", "keys", "budgets", "month"}`` exactly as the README documents it; money
    to 6 decimals, percentages and days to 0.1 (spend/numbers.py)."""
    return {
        "credits": _credits(report),
        "keys": [_key(line) for line in report.keys],
        "budgets": [_budget(line) for line in report.budgets],
        "month": None
        if report.month is None
        else {
            "to_date": money(report.month.to_date),
            "projected": money(report.month.projected),
            "method": report.month.method,
            "byok_to_date": money(report.month.byok_to_date),
        },
    }


def _credits(report: SpendReport) -> dict[str, Any] | None:
    credits, run = report.credits, report.runway
    if credits is None:
        return None
    return {
        "total_credits": money(credits.total_credits),
        "total_usage": money(credits.total_usage),
        "remaining": money(credits.remaining),
        "burn_rate_per_day": None if run is None else money(run.burn_rate_per_day),
        "runway_days": None if run is None else days(run.days),
    }


def _key(line: KeyLine) -> dict[str, Any]:
    key, pace = line.key, line.pace
    return {
        "hash": key.hash,
        "name": key.name,
        "workspace_id": key.workspace_id,
        "disabled": key.disabled,
        "limit": money(key.limit),
        "limit_reset": key.limit_reset,
        "limit_remaining": money(key.limit_remaining),
        "usage_period": money(pace.spent),
        "used_pct": percent(pace.used_pct),
        "projected_period": money(pace.projected),
        "will_exceed": pace.will_exceed,
    }


def _budget(line: BudgetLine) -> dict[str, Any]:
    pace = line.pace
    return {
        "workspace_id": line.workspace.id,
        "workspace": line.workspace.name,
        "limit_usd": money(line.limit_usd),
        "reset_interval": line.reset_interval,
        "spent": money(pace.spent),
        "used_pct": percent(pace.used_pct),
        "projected": money(pace.projected),
        "will_exceed": pace.will_exceed,
    }
