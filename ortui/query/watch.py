"""When to refresh a watched query: every N seconds, never sooner than the server's 60 s
response cache or a rate limit allows, paused while the user cannot see the result.

Pure logic with an injectable clock (seconds, monotonic), so tests drive it without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

#: The server answers an identical body from its cache for 60 s: asking sooner is pointless.
SERVER_CACHE_SECONDS = 60
MIN_INTERVAL = SERVER_CACHE_SECONDS
DEFAULT_INTERVAL = 60


def clamp_interval(seconds: float) -> int:
    """The interval actually used: at least the server's cache lifetime."""
    return max(MIN_INTERVAL, int(seconds))


@dataclass
class Watch:
    """A watch on the current query; ``due`` says when to run it again."""

    interval: int = DEFAULT_INTERVAL
    clock: Callable[[], float] = time.monotonic
    active: bool = False
    last_update: float | None = None
    next_due: float | None = None
    cached: bool = False
    refreshes: int = 0
    note: str = ""
    wall: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def start(self) -> None:
        """Watch from now: refresh at once unless the last result is younger than N s."""
        now = self.clock()
        self.active = True
        fresh = self.last_update is not None and now - self.last_update < self.interval
        self.next_due = (
            self.last_update + self.interval if fresh and self.last_update is not None else now
        )

    def stop(self) -> None:
        self.active = False
        self.next_due = None

    def toggle(self) -> bool:
        if self.active:
            self.stop()
        else:
            self.start()
        return self.active

    def due(self, paused: bool = False) -> bool:
        return (
            self.active
            and not paused
            and self.next_due is not None
            and self.clock() >= self.next_due
        )

    def started_refresh(self) -> None:
        """A refresh was sent: not due again until its answer (or failure) arrives."""
        self.next_due = None

    def finished(self, cached_at: datetime | None = None) -> None:
        """A result arrived; with ``cached_at`` the server answered from its cache, so the
        next refresh waits until that cache entry has expired."""
        now = self.clock()
        self.last_update = now
        self.cached = cached_at is not None
        self.refreshes += 1
        self.note = ""
        wait = float(self.interval)
        if cached_at is not None:
            age = (self.wall() - cached_at).total_seconds()
            wait = max(wait, SERVER_CACHE_SECONDS - age)
        if self.active:
            self.next_due = now + wait

    def failed(self, reason: str, retry_after: float | None = None) -> None:
        """A refresh failed: try again after N s, or after the rate limit's wait if longer."""
        self.note = reason
        if self.active:
            self.next_due = self.clock() + max(float(self.interval), retry_after or 0.0)

    def describe(self, paused: str | None = None) -> str:
        """``watching every 60 s · updated 12 s ago · cached`` (or why it is paused)."""
        if not self.active:
            return ""
        parts = [f"watching every {self.interval} s"]
        if self.last_update is not None:
            parts.append(f"updated {max(0, int(self.clock() - self.last_update))} s ago")
        if self.cached:
            parts.append("cached")
        if self.note:
            parts.append(self.note)
        if paused:
            parts.append(f"paused: {paused}")
        elif self.next_due is None:
            parts.append("refreshing…")
        return " · ".join(parts)
