"""Watch mode with a fake clock: refreshes every N s, pauses behind dialogs and when the
terminal is too small, respects the server cache and a rate limit, says "cached"."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from ortui.demo.server import DemoServer
from ortui.messages import QueryFailed, QueryFinished
from ortui.screens.key_prompt import KeyPrompt
from tests.flows.conftest import meta_then, mock_app
from tests.pilot import ready, ready_with_result, result_shown, run, wait_for


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def answer(cached_at: float | None = None, status: int = 200) -> httpx.Response:
    if status == 429:
        return httpx.Response(
            429,
            json={"error": {"code": 429, "message": "slow down"}},
            headers={"retry-after": "300"},
        )
    body: dict[str, Any] = {
        "data": [{"model": "openai/gpt-4o", "total_usage": 1.5, "request_count": "3"}],
        "metadata": {"query_time_ms": 1, "row_count": 1, "truncated": False},
    }
    if cached_at is not None:
        body["cachedAt"] = cached_at
    return httpx.Response(200, json={"data": body}, headers={"content-type": "application/json"})


async def test_watch_refreshes_pauses_and_respects_cache_and_rate_limit() -> None:
    sent: list[dict[str, Any]] = []
    replies: list[httpx.Response] = []

    def reply(request: httpx.Request) -> httpx.Response:
        return replies.pop(0) if replies else answer()

    app = mock_app(meta_then(reply, sent))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        clock = Clock()
        watcher = screen.watcher
        watcher.watch.clock = clock
        screen.grid.focus()
        await pilot.press("r")  # nothing run yet: says so, does not start
        assert not watcher.watch.active
        async with result_shown(pilot):
            await pilot.press("f5")
        assert len(sent) == 1
        await pilot.press("r")
        assert watcher.watch.active
        badge = screen.query_one("#watch-badge")
        assert "watching every 60 s · updated 0 s ago" in str(badge.render())

        async def advance(seconds: float) -> None:
            clock.now += seconds
            watcher.tick()
            await pilot.pause()
            await wait_for(pilot, lambda: not screen.state.running)

        await advance(59)
        assert len(sent) == 1 and "updated 59 s ago" in str(badge.render())
        await advance(1)
        assert len(sent) == 2  # one refresh per interval, with a fresh time range
        first_end = sent[0]["time_range"]["end"]
        assert (
            sent[1]["metrics"] == sent[0]["metrics"] and sent[1]["time_range"]["end"] >= first_end
        )

        await pilot.press("ctrl+k")  # a dialog hides the result: no refresh behind it
        await pilot.shown(KeyPrompt)
        await advance(120)
        assert len(sent) == 2 and "paused: a dialog is open" in str(badge.render())
        await pilot.press("escape")
        await pilot.back_to(screen)
        await advance(0)
        assert len(sent) == 3  # overdue: refreshed as soon as the dialog closed

        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        await advance(120)
        assert len(sent) == 3
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await advance(0)
        assert len(sent) == 4

        # the server answered from its 60 s cache 50 s ago: wait for that entry to expire
        replies.append(answer(cached_at=(datetime.now(UTC).timestamp() - 50) * 1000))
        await advance(60)
        assert len(sent) == 5 and "cached" in str(badge.render())
        # a 429 with Retry-After 300: no refresh before 300 s
        replies.append(answer(status=429))
        await advance(60)
        assert len(sent) == 6
        await advance(200)
        assert len(sent) == 6 and "Rate limited" in str(badge.render())
        await advance(100)
        assert len(sent) == 7
        await pilot.press("r")
        await advance(600)
        assert len(sent) == 7 and not badge.has_class("-on")
        assert json.dumps(sent).count("time_range") == 7


async def test_watch_timer_ticks_on_its_own(demo_server: DemoServer) -> None:
    from tests.flows.conftest import demo_app

    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        screen.grid.focus()
        screen.watcher.watch.interval = 1  # only a test may go below the server's cache
        runs = screen.watcher.watch.refreshes
        started = time.monotonic()
        async with pilot.expect(QueryFinished, unless=(QueryFailed,), timeout=8):
            await pilot.press("r")  # the refresh a second later shows a result
        assert screen.watcher.watch.refreshes >= runs + 1
        assert time.monotonic() - started < 8
