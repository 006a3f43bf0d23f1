"""Fetch what a spend report needs — and only that — from the management and analytics APIs."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

from ortui.api import management_models as mm
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.spend.accounts import Budget, Credits, KeyAccount, Usage, Workspace
from ortui.spend.report import SpendInputs
from ortui.spend.series import daily_spend_and_byok, today_comparison, workspace_spent


@dataclass(frozen=True)
class Needs:
    """Which parts to fetch (``ortui check`` asks only for what its thresholds read)."""

    credits: bool = True
    daily: bool = True
    today: bool = True
    keys: bool = True
    budgets: bool = True


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def key_account(key: mm.ApiKey) -> KeyAccount:
    """A listed key as the spend arithmetic sees it (the management client has already made
    its texts terminal-safe)."""
    return KeyAccount(
        hash=key.hash,
        name=key.name,
        workspace_id=key.workspace_id,
        disabled=key.disabled,
        expires_at=_when(key.expires_at),
        limit=key.limit,
        limit_remaining=key.limit_remaining,
        limit_reset=key.limit_reset,
        include_byok_in_limit=key.include_byok_in_limit,
        usage=Usage(key.usage, key.usage_daily, key.usage_weekly, key.usage_monthly),
        byok_usage=Usage(
            key.byok_usage, key.byok_usage_daily, key.byok_usage_weekly, key.byok_usage_monthly
        ),
    )


def workspace(space: mm.Workspace, budgets: mm.Budgets | None) -> Workspace:
    found = (
        ()
        if budgets is None
        else tuple(
            Budget(b.id, b.workspace_id, b.limit_usd, b.reset_interval) for b in budgets.data
        )
    )
    byok = budgets.include_byok_in_budgets if budgets is not None else False
    return Workspace(space.id, space.name, found, byok)


async def _workspaces(management: ManagementClient, with_budgets: bool) -> list[Workspace]:
    spaces = await management.workspaces()
    if not with_budgets:
        return [workspace(s, None) for s in spaces]
    budgets = await asyncio.gather(*(management.budgets(s.id) for s in spaces))
    return [workspace(s, b) for s, b in zip(spaces, budgets, strict=True)]


async def _budget_spent(
    analytics: AnalyticsClient, spaces: list[Workspace], now: datetime
) -> dict[tuple[str, str | None], float]:
    wanted = sorted(
        {(w.id, b.reset_interval, w.include_byok_in_budgets) for w in spaces for b in w.budgets},
        key=str,
    )
    spent = await asyncio.gather(
        *(workspace_spent(analytics, w, reset, byok, now) for w, reset, byok in wanted)
    )
    return {(w, reset): value for (w, reset, _), value in zip(wanted, spent, strict=True)}


async def gather(
    management: ManagementClient, analytics: AnalyticsClient, now: datetime, needs: Needs = Needs()
) -> SpendInputs:
    """Everything ``needs`` asks for, read fresh (the management cache is dropped first)."""
    management.invalidate()
    credits = await management.credits() if needs.credits else None
    spaces = await _workspaces(management, needs.budgets) if needs.keys or needs.budgets else []
    keys = [key_account(k) for k in await management.all_keys()] if needs.keys else []
    daily, byok = await daily_spend_and_byok(analytics, now) if needs.daily else (None, None)
    today = await today_comparison(analytics, now) if needs.today else None
    spent = await _budget_spent(analytics, spaces, now) if needs.budgets else {}
    return SpendInputs(
        credits=None if credits is None else Credits(credits.total_credits, credits.total_usage),
        keys=keys,
        workspaces=spaces,
        daily=daily,
        daily_byok=byok,
        today=today,
        budget_spent=spent,
    )
