"""The demo account behind the management endpoints: spend per key and workspace, limits,
budgets and credits, all computed from the same rows the analytics endpoints answer from.

What the numbers mean (and what a client may rely on):

- a key's ``usage*`` is analytics ``credits_usage`` for that key's hash over the period, its
  ``byok_usage*`` is analytics ``byok_usage``; the two add up to ``total_usage``;
- periods are UTC: the day from 00:00, the week from Monday 00:00, the month from the 1st;
- ``/credits`` ``total_usage`` is the account's lifetime ``credits_usage`` (every request, with
  or without a key) up to now;
- the demo clock is the wall clock, so limits and budgets are set relative to the traffic so
  that each state the Spend screen shows exists at any hour: a key 90 % into its daily limit,
  a workspace over its monthly budget, a balance that lasts about 20 days at the last 7
  complete days' rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from ortui.demo import catalog as cat
from ortui.demo.engine import QueryEngine

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Spend:
    """Credits and BYOK spend in one window."""

    credits: float = 0.0
    byok: float = 0.0


@dataclass(frozen=True)
class Periods:
    """The UTC boundaries in force at ``now``."""

    now: datetime
    day: datetime
    week: datetime
    month: datetime

    @property
    def previous_week(self) -> datetime:
        return self.week - timedelta(days=7)

    @property
    def previous_month(self) -> datetime:
        last = self.month - timedelta(days=1)
        return last.replace(day=1)


def periods(now: datetime) -> Periods:
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return Periods(now, day, day - timedelta(days=day.weekday()), day.replace(day=1))


#: Windows the account needs, by name: (start, end); end None = now.
def windows(p: Periods) -> dict[str, tuple[datetime, datetime | None]]:
    return {
        "lifetime": (EPOCH, None),
        "month": (p.month, None),
        "week": (p.week, None),
        "day": (p.day, None),
        "prev_month": (p.previous_month, p.month),
        "prev_week": (p.previous_week, p.week),
        "last7": (p.day - timedelta(days=7), p.day),
        "before_today": (EPOCH, p.day),
    }


def spend_by(
    engine: QueryEngine, column: str | None, p: Periods
) -> dict[str | None, dict[str, Spend]]:
    """Spend per value of ``column`` (or in total) for every window: the part before today
    is summed once a day (a full scan), today's part on each call."""
    history = _history(engine, column, p.day)
    today = _sums(engine, column, {"today": (p.day, p.now)}, p.now)
    out: dict[str | None, dict[str, Spend]] = {}
    for value in history.keys() | today.keys():
        past = history.get(value) or {}
        now_part = (today.get(value) or {}).get("today", (0.0, 0.0))
        out[value] = {}
        for name, (_, end) in windows(p).items():
            credits, byok = past.get(name, (0.0, 0.0))
            if end is None:
                credits, byok = credits + now_part[0], byok + now_part[1]
            out[value][name] = Spend(round(credits - byok, 6), round(byok, 6))
    return out


@lru_cache(maxsize=16)
def _history(
    engine: QueryEngine, column: str | None, day: datetime
) -> dict[str | None, dict[str, tuple[float, float]]]:
    """(cost, byok_cost) per value and window, for the part of each window before ``day``."""
    clipped = {
        name: (start, min(end or day, day)) for name, (start, end) in windows(periods(day)).items()
    }
    return _sums(engine, column, clipped, day)


def _sums(
    engine: QueryEngine,
    column: str | None,
    spans: dict[str, tuple[datetime, datetime]],
    now: datetime,
) -> dict[str | None, dict[str, tuple[float, float]]]:
    source, params = engine.source(False, now)
    parts: list[str] = []
    span_params: list[object] = []
    for start, end in spans.values():
        for expr in ("cost", "byok_cost"):
            parts.append(f"TOTAL(CASE WHEN ts >= ? AND ts < ? THEN {expr} END)")
            span_params += [int(start.timestamp()), int(end.timestamp())]
    key = f'"{column}"' if column else "NULL"
    low = int(min(start for start, _ in spans.values()).timestamp())
    sql = f"SELECT {key}, {', '.join(parts)} FROM {source} WHERE ts >= ? GROUP BY 1"
    out: dict[str | None, dict[str, tuple[float, float]]] = {}
    for record in engine.execute(sql, span_params + params + [low]):
        out[record[0]] = {
            name: (record[1 + 2 * i], record[2 + 2 * i]) for i, name in enumerate(spans)
        }
    return out


def round_up(value: float, step: float) -> float:
    return max(step, math.ceil(value / step) * step)


@dataclass(frozen=True)
class KeyLimit:
    limit: float | None
    reset: str | None
    include_byok: bool = False


def key_limit(key: cat.ApiKey, spend: dict[str, Spend]) -> KeyLimit:
    """The demo limits: each a state the Spend screen should be able to show."""

    def both(name: str) -> float:
        return spend[name].credits + spend[name].byok

    if key.id == "91001":  # comfortable monthly limit
        return KeyLimit(round_up(spend["prev_month"].credits * 1.6, 10), "monthly")
    if key.id == "91002":  # weekly limit a little above last week
        return KeyLimit(round_up(spend["prev_week"].credits * 1.2, 1), "weekly")
    if key.id == "91004":  # BYOK counts toward this one
        return KeyLimit(round_up(both("prev_month") * 1.3, 10), "monthly", True)
    if key.id == cat.SPIKING_KEY:  # about to hit its daily limit, whatever the hour
        return KeyLimit(round(max(spend["day"].credits / 0.9, 0.01), 2), "daily")
    if key.id == "91005":  # a lifetime cap
        return KeyLimit(round_up(spend["lifetime"].credits * 1.5, 10), None)
    return KeyLimit(None, None)


def period_usage(limit: KeyLimit, spend: dict[str, Spend]) -> float:
    """What counts toward a key's limit in its current period."""
    window = {"daily": "day", "weekly": "week", "monthly": "month"}.get(
        limit.reset or "", "lifetime"
    )
    used = spend[window].credits + (spend[window].byok if limit.include_byok else 0.0)
    return used


def expires_at(key: cat.ApiKey, p: Periods) -> datetime | None:
    """ci-evals expires in five days (a key expiring this week)."""
    return p.day + timedelta(days=5) if key.id == "91003" else None


@dataclass(frozen=True)
class Budget:
    id: str
    workspace_id: str
    limit_usd: float
    reset_interval: str | None


def budgets(workspace_id: str, spend: dict[str, Spend] | None) -> list[Budget]:
    """Default: monthly; Research: weekly and daily; Customer Apps: over its monthly budget."""
    s = spend or {name: Spend() for name in ("prev_month", "prev_week", "month", "lifetime")}
    index = list(cat.WORKSPACES).index(workspace_id) + 1

    def budget(n: int, limit: float, reset: str | None) -> Budget:
        return Budget(
            f"b0d9e7a1-0000-4c2e-8f3a-0000000{index}{n:04d}", workspace_id, round(limit, 2), reset
        )

    if index == 1:
        return [
            budget(1, round_up(s["prev_month"].credits * 1.4, 10), "monthly"),
            budget(2, round_up(s["lifetime"].credits * 2, 100), None),
        ]
    if index == 2:
        both = s["prev_week"].credits + s["prev_week"].byok
        return [budget(1, round_up(both * 1.5, 10), "weekly")]
    return [budget(1, max(round(s["month"].credits * 0.8, 2), 0.01), "monthly")]


#: Whether BYOK spend counts toward each workspace's budgets.
BYOK_IN_BUDGETS = {uuid: i == 1 for i, uuid in enumerate(cat.WORKSPACES)}


def credits(total: dict[str, Spend]) -> tuple[float, float]:
    """(total_credits, total_usage): about 20 days left at the last 7 complete days' rate."""
    burn = total["last7"].credits / 7
    bought = round(total["before_today"].credits + 20 * burn, 2)
    return bought, round(total["lifetime"].credits, 6)
