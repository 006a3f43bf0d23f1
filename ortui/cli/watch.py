"""``ortui query … --watch N``: on a terminal the result is redrawn in place every N seconds
until Ctrl-C; piped, one result is written per interval. Never sooner than the server's 60 s
response cache (or a rate limit's wait) allows."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, tzinfo
from typing import TextIO

from ortui.api import errors
from ortui.cli.connection import exit_code_for
from ortui.query.watch import SERVER_CACHE_SECONDS
from ortui.results.table import ResultTable

#: Home the cursor and clear the screen: the next result replaces the last one.
CLEAR = "\x1b[H\x1b[2J"
Once = Callable[[], Awaitable[tuple[ResultTable, str]]]
Sleep = Callable[[float], Awaitable[None]]
#: How the loop waits; tests put a fake here.
SLEEP: Sleep = asyncio.sleep


def _wait_after(table: ResultTable, interval: int, now: datetime) -> float:
    if table.cached_at is None:
        return float(interval)
    age = (now - table.cached_at).total_seconds()
    return max(float(interval), SERVER_CACHE_SECONDS - age)


def _footer(table: ResultTable, interval: int, zone: tzinfo, now: datetime) -> str:
    cached = " · cached (the server answered from its 60 s cache)" if table.cached_at else ""
    return f"updated {now.astimezone(zone):%H:%M:%S} · every {interval} s{cached} · Ctrl-C stops"


def _failure_wait(exc: errors.ApiError, interval: int) -> float | None:
    """How long to wait after a failed refresh; None when retrying cannot help."""
    if not exc.retryable:
        return None
    retry_after = exc.retry_after if isinstance(exc, errors.RateLimited) else None
    return max(float(interval), retry_after or 0.0)


async def watch_loop(
    once: Once,
    interval: int,
    zone: tzinfo,
    *,
    tty: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
    sleep: Sleep | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Run ``once`` forever (until Ctrl-C or a failure retrying cannot fix)."""
    out, err = out or sys.stdout, err or sys.stderr
    sleep = sleep or SLEEP
    while True:
        try:
            table, text = await once()
        except errors.ApiError as exc:
            print(f"ortui: {exc.title}: {exc.message}", file=err, flush=True)
            wait = _failure_wait(exc, interval)
            if wait is None:
                return exit_code_for(exc)
        else:
            now = clock()
            footer = _footer(table, interval, zone, now)
            if tty:
                out.write(f"{CLEAR}{text}{footer}\n")
            else:
                out.write(text)
                print(f"ortui: {footer}", file=err, flush=True)
            out.flush()
            wait = _wait_after(table, interval, now)
        await sleep(wait)
