"""Retry policy: exponential backoff with jitter, honouring ``Retry-After``."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: the equivalent of the official SDK's ``RetryConfig``.

    Retries apply to network failures, 408, 429 and 5xx. ``max_attempts`` counts the first
    try; ``max_elapsed`` bounds the whole sequence including waits, in seconds.
    """

    max_attempts: int = 4
    initial_interval: float = 0.5
    multiplier: float = 1.5
    max_interval: float = 60.0
    max_elapsed: float = 60.0
    jitter: float = 0.25

    def backoff(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based), jitter included."""
        base = min(self.initial_interval * self.multiplier ** (attempt - 1), self.max_interval)
        spread = base * self.jitter
        return max(0.0, base - spread + 2 * spread * rng())


NO_RETRY = RetryPolicy(max_attempts=1)


@dataclass(frozen=True)
class RetryNotice:
    """Told to the caller before each wait, so a UI can show a countdown."""

    attempt: int
    wait: float
    reason: str


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header given as seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
