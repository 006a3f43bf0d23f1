"""The Spend screen at 80×24 with fixed figures (no clock, no network)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ortui.app import OrtuiApp
from ortui.screens.spend import SpendScreen
from ortui.spend.accounts import Budget, Credits, KeyAccount, Usage, Workspace
from ortui.spend.burn import TodayComparison
from ortui.spend.report import SpendInputs
from tests.fixtures import fixed_app

SPEND_NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
W = (
    "6f1c2d3e-0000-4a1b-9c2d-000000000001",
    "6f1c2d3e-0000-4a1b-9c2d-000000000002",
    "6f1c2d3e-0000-4a1b-9c2d-000000000003",
)


def spend_inputs() -> SpendInputs:
    """Every demo state: near a daily limit, over a budget, disabled, expiring, a short runway."""
    keys = [
        KeyAccount(
            "a1" * 32,
            "prod-backend",
            W[1],
            limit=500.0,
            limit_remaining=231.0,
            limit_reset="monthly",
            usage=Usage(4210, 12.4, 61.2, 269.0),
        ),
        KeyAccount(
            "b2" * 32,
            "agent-experiments",
            W[0],
            limit=20.0,
            limit_remaining=2.0,
            limit_reset="daily",
            usage=Usage(180, 18.0, 52.0, 96.0),
        ),
        KeyAccount(
            "c3" * 32,
            "ci-evals",
            W[0],
            expires_at=SPEND_NOW + timedelta(days=4, hours=9),
            usage=Usage(900, 2.1, 9.9, 40.2),
        ),
        KeyAccount(
            "d4" * 32,
            "staging",
            W[1],
            limit=30.0,
            limit_remaining=11.0,
            limit_reset="weekly",
            usage=Usage(800, 3.0, 19.0, 51.0),
        ),
        KeyAccount("e5" * 32, "legacy-batch", W[0], disabled=True, usage=Usage(2300, 0, 0, 0)),
        KeyAccount(
            "f6" * 32,
            "support-bot",
            W[2],
            limit=1500.0,
            limit_remaining=300.0,
            usage=Usage(1200, 4.4, 20.1, 88.0),
        ),
    ]
    spaces = [
        Workspace(W[0], "Default", (Budget("b1", W[0], 800.0, "monthly"),)),
        Workspace(
            W[1], "Research", (Budget("b2", W[1], 120.0, "weekly"),), include_byok_in_budgets=True
        ),
        Workspace(W[2], "Customer Apps", (Budget("b3", W[2], 70.0, "monthly"),)),
    ]
    daily = {date(2026, 11, d): 25.0 + (d % 7) * 3 for d in range(1, 19)}
    spent: dict[tuple[str, str | None], float] = {
        (W[0], "monthly"): 402.0,
        (W[1], "weekly"): 88.0,
        (W[2], "monthly"): 91.5,
    }
    return SpendInputs(
        Credits(2000.0, 1610.0), keys, spaces, daily, TodayComparison(17.2, 14.9), spent
    )


def fixed_spend_app() -> OrtuiApp:
    """The app opening straight on the Spend screen with :func:`spend_inputs` at a fixed time."""

    async def load(now: datetime) -> SpendInputs:
        return spend_inputs()

    class SpendApp(OrtuiApp):
        def open_explorer(self) -> None:
            self.push_screen(SpendScreen(self.client, loader=load, clock=lambda: SPEND_NOW))

    app = fixed_app()
    return SpendApp(app.client, server_label="demo simulator", key_label="built-in demo key")
