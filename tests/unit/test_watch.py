"""Watch timing (fake clocks) and ``ortui query --watch`` (fake sleep): one result per
interval when piped, redrawn in place on a terminal, cache and rate limit respected."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from ortui.api import errors
from ortui.cli import main
from ortui.cli import watch as cli_watch
from ortui.demo.server import DemoServer
from ortui.query.watch import Watch, clamp_interval
from ortui.results.table import ResultTable
from tests.conftest import TEST_KEY


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_refreshes_once_per_interval_and_pauses() -> None:
    clock = Clock()
    watch = Watch(60, clock)
    watch.finished()
    watch.start()
    assert not watch.due()  # the last result is fresh
    clock.now = 59
    assert not watch.due()
    clock.now = 60
    assert watch.due() and not watch.due(paused=True)
    watch.started_refresh()
    assert not watch.due()  # not again until the answer arrives
    watch.finished()
    clock.now = 100
    assert not watch.due() and watch.describe() == "watching every 60 s · updated 40 s ago"
    assert "paused: a dialog is open" in watch.describe("a dialog is open")
    watch.failed("last refresh failed: Rate limited", retry_after=300)
    clock.now = 399
    assert not watch.due()
    clock.now = 400
    assert watch.due()
    watch.stop()
    assert not watch.due() and watch.describe() == ""


def test_never_faster_than_the_server_cache() -> None:
    assert clamp_interval(5) == 60 and clamp_interval(90) == 90
    clock = Clock()
    now = datetime(2026, 11, 1, tzinfo=UTC)
    watch = Watch(60, clock, wall=lambda: now)
    watch.start()
    watch.finished(cached_at=now - timedelta(seconds=10))
    assert watch.cached and "cached" in watch.describe()
    assert watch.next_due == 60  # the cache entry expires in 50 s: the interval is later


def _table(cached: bool = False) -> ResultTable:
    return ResultTable([], 0, cached_at=datetime.now(UTC) if cached else None)


async def test_terminal_redraws_in_place_and_says_cached() -> None:
    out, err, waits = io.StringIO(), io.StringIO(), []
    answers = [_table(), _table(cached=True)]

    async def once() -> tuple[ResultTable, str]:
        if not answers:
            raise errors.RateLimited(300)
        return answers.pop(0), "ROWS\n"

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await cli_watch.watch_loop(once, 60, UTC, tty=True, out=out, err=err, sleep=sleep)
    frames = out.getvalue().split(cli_watch.CLEAR)
    assert frames[0] == "" and len(frames) == 3
    assert frames[1].startswith("ROWS\nupdated ") and "every 60 s" in frames[1]
    assert "cached" not in frames[1] and "cached" in frames[2]
    assert waits == [60, 60, 300, 300]  # a 429's Retry-After stretches the wait
    assert "Rate limited" in err.getvalue()


async def test_a_failure_retrying_cannot_fix_ends_the_watch() -> None:
    async def once() -> tuple[ResultTable, str]:
        raise errors.Unauthorized("bad key")

    async def sleep(seconds: float) -> None:
        raise AssertionError("should not wait")

    code = await cli_watch.watch_loop(
        once, 60, UTC, tty=False, out=io.StringIO(), err=io.StringIO(), sleep=sleep
    )
    assert code == 4


def test_piped_watch_prints_one_result_per_interval(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_watch, "SLEEP", sleep)
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--last",
            "7d",
            "--format",
            "jsonl",
            "--watch",
            "5",
        ]
    )
    out = capsys.readouterr()
    assert code == 0 and "stopped watching" in out.err
    assert "watching every 60 s: the server caches answers for 60 s" in out.err
    lines = [json.loads(line) for line in out.out.splitlines()]
    assert len(lines) == 3 and all("request_count" in line for line in lines)
    assert out.err.count("updated ") == 3 and waits == [60, 60, 60]
    assert cli_watch.CLEAR not in out.out
