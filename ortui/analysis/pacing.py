"""Keep a burst of requests under the server's rate limit (a sliding one-minute window)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

DEFAULT_PER_MINUTE = 48  # OpenRouter allows about 64 a minute; leave room for the explorer


class Pacer:
    """``await pacer.wait()`` before each request: at most ``per_minute`` starts in any 60 s."""

    def __init__(
        self,
        per_minute: int = DEFAULT_PER_MINUTE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_minute = max(1, per_minute)
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = asyncio.Lock()
        self.waited = 0.0

    async def wait(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                while self._starts and now - self._starts[0] >= 60:
                    self._starts.popleft()
                if len(self._starts) < self.per_minute:
                    self._starts.append(now)
                    return
                pause = 60 - (now - self._starts[0]) + 0.01
                self.waited += pause
                await self._sleep(pause)
