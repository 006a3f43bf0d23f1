"""The spend picture: balance and runway, each key and budget against its limit, the month."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from ortui.spend.accounts import Budget, Credits, KeyAccount, Workspace
from ortui.spend.burn import Runway, TodayComparison, burn_rate, runway
from ortui.spend.month import MonthProjection, month_byok, project_month
from ortui.spend.pace import Pace, measure_pace
from ortui.spend.periods import current_period

EXPIRING_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class KeyLine:
    """A key beside its limit: spend this period, pace, and whether it is disabled or expiring."""

    key: KeyAccount
    workspace: str
    pace: Pace
    expiring: bool
    expired: bool


@dataclass(frozen=True)
class BudgetLine:
    """A workspace budget beside the workspace's spend over the budget's period."""

    workspace: Workspace
    limit_usd: float
    reset_interval: str | None
    pace: Pace


@dataclass(frozen=True)
class SpendReport:
    """Everything the Spend screen, ``ortui spend`` and ``ortui check`` show, for one moment."""

    now: datetime
    credits: Credits | None
    runway: Runway | None
    keys: tuple[KeyLine, ...]
    budgets: tuple[BudgetLine, ...]
    month: MonthProjection | None
    today: TodayComparison | None


@dataclass(frozen=True)
class SpendInputs:
    """What was fetched; parts a command did not need stay empty/None."""

    credits: Credits | None = None
    keys: Sequence[KeyAccount] = ()
    workspaces: Sequence[Workspace] = ()
    daily: Mapping[date, float] | None = None
    today: TodayComparison | None = None
    #: Each workspace's spend per budget period, by (workspace id, reset interval).
    budget_spent: Mapping[tuple[str, str | None], float] = field(default_factory=dict)
    #: BYOK spend per UTC day over the same days as ``daily`` (None: not fetched).
    daily_byok: Mapping[date, float] | None = None


def build_report(inputs: SpendInputs, now: datetime) -> SpendReport:
    """Compute every figure from what was fetched, at ``now`` (UTC)."""
    now = now.astimezone(UTC)
    names = {w.id: w.name for w in inputs.workspaces}
    keys = tuple(key_line(k, names.get(k.workspace_id, k.workspace_id), now) for k in inputs.keys)
    budgets = tuple(
        budget_line(w, b, inputs.budget_spent.get((w.id, b.reset_interval), 0.0), now)
        for w in inputs.workspaces
        for b in w.budgets
    )
    month = project_month(inputs.daily, now) if inputs.daily is not None else None
    if month is not None and inputs.daily_byok is not None:
        month = replace(month, byok_to_date=month_byok(inputs.daily_byok, now))
    rate = burn_rate(inputs.daily, now.date()) if inputs.daily is not None else None
    run = (
        runway(inputs.credits.remaining, rate, now)
        if inputs.credits is not None and rate is not None
        else None
    )
    return SpendReport(now, inputs.credits, run, keys, budgets, month, inputs.today)


def key_line(key: KeyAccount, workspace: str, now: datetime) -> KeyLine:
    spent = key.counted_usage().over(key.limit_reset)
    pace = measure_pace(spent, key.limit, current_period(key.limit_reset, now), now)
    expires = key.expires_at
    expired = expires is not None and expires <= now
    expiring = expires is not None and not expired and expires - now <= EXPIRING_WITHIN
    return KeyLine(key, workspace, pace, expiring, expired)


def budget_line(workspace: Workspace, budget: Budget, spent: float, now: datetime) -> BudgetLine:
    """A budget beside the workspace's spend over its period (BYOK already in or out)."""
    pace = measure_pace(spent, budget.limit_usd, current_period(budget.reset_interval, now), now)
    return BudgetLine(workspace, budget.limit_usd, budget.reset_interval, pace)
