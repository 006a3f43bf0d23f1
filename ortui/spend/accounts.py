"""What the management endpoints say, reduced to what spend control needs (plain values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Usage:
    """Spend over the lifetime and the current UTC day, week (Monday–Sunday) and month."""

    lifetime: float = 0.0
    daily: float = 0.0
    weekly: float = 0.0
    monthly: float = 0.0

    def over(self, reset: str | None) -> float:
        """Spend over the period a ``reset`` kind names; lifetime for none or an unknown kind."""
        return {"daily": self.daily, "weekly": self.weekly, "monthly": self.monthly}.get(
            reset or "", self.lifetime
        )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.lifetime + other.lifetime,
            self.daily + other.daily,
            self.weekly + other.weekly,
            self.monthly + other.monthly,
        )


@dataclass(frozen=True)
class KeyAccount:
    """One API key as ``GET /keys`` lists it."""

    hash: str
    name: str
    workspace_id: str
    disabled: bool = False
    expires_at: datetime | None = None
    limit: float | None = None
    limit_remaining: float | None = None
    limit_reset: str | None = None
    include_byok_in_limit: bool = False
    usage: Usage = Usage()
    byok_usage: Usage = Usage()

    def counted_usage(self) -> Usage:
        """Spend that counts toward the key's limit (BYOK only when the key says so)."""
        return self.usage + self.byok_usage if self.include_byok_in_limit else self.usage


@dataclass(frozen=True)
class Budget:
    """One workspace budget; ``reset_interval`` None is a lifetime cap."""

    id: str
    workspace_id: str
    limit_usd: float
    reset_interval: str | None


@dataclass(frozen=True)
class Workspace:
    """A workspace, its budgets and whether BYOK spend counts toward them."""

    id: str
    name: str
    budgets: tuple[Budget, ...] = ()
    include_byok_in_budgets: bool = False


@dataclass(frozen=True)
class Credits:
    """Credits bought and used over the account's lifetime."""

    total_credits: float
    total_usage: float

    @property
    def remaining(self) -> float:
        return self.total_credits - self.total_usage
