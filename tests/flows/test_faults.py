"""Faults from the simulator, in the TUI: no traceback, builder and results kept, words to act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.worker import Worker, WorkerState

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import RetryPolicy
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from ortui.demo.faults import parse_fault
from ortui.demo.server import DemoServer, ServerConfig
from ortui.messages import RetryScheduled
from ortui.query.draft import QueryDraft
from ortui.results.table import ResultTable
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.query_builder import QueryBuilder
from tests.conftest import TEST_KEY, ServerFactory
from tests.pilot import (
    HearingPilot,
    ready,
    result_shown,
    run,
    run_failed,
    status_text,
    wait_for,
    worker_ended,
)

FAST_RETRY = RetryPolicy(max_attempts=3, initial_interval=0.05, max_elapsed=10)


def app_for(url: str, **config: Any) -> OrtuiApp:
    client = AnalyticsClient(
        Secret(TEST_KEY), ClientConfig(base_url=url, retry=FAST_RETRY, **config)
    )
    return OrtuiApp(client, server_label="demo", key_label="test")


@dataclass
class Kept:
    """The explorer after a failed run, and the good result and query shown before it."""

    screen: ExplorerScreen
    table: ResultTable
    draft: QueryDraft


async def good_run_then_fault(server: DemoServer, pilot: HearingPilot, fault: str) -> Kept:
    """Run once cleanly, then inject ``fault`` and run again, which fails."""
    screen = await ready(pilot)
    async with result_shown(pilot) as result:
        await pilot.press("f5")
    server.config.faults.faults = [parse_fault(fault)]
    kept = Kept(screen, result.message.table, screen.query_one(QueryBuilder).draft)
    async with run_failed(pilot):
        await pilot.press("f5")
    assert not screen.state.running and "error" in screen.status.classes
    return kept


def assert_kept(kept: Kept) -> str:
    screen = kept.screen
    assert screen.table is kept.table  # the last good result stays on screen
    assert screen.query_one(QueryBuilder).draft == kept.draft
    panel = str(screen.query_one("#error").render())
    assert "Traceback" not in panel and "Error:" not in panel
    return panel


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("status=503", "The server failed with 503"),
        ("status=502", "Press F5 to retry"),
        ("status=408", "Narrow the time range"),
        ("429-bare", "Rate limited by the server"),
        ("reset", "Could not reach the server"),
        ("drop", "Could not reach the server"),
        ("truncate", "malformed JSON"),
        ("html", "content type 'text/html'"),
        ("wrong-type", "content type 'text/plain'"),
    ],
)
async def test_each_fault_is_explained_and_nothing_is_lost(
    make_server: ServerFactory, fault: str, expected: str
) -> None:
    server = make_server()
    app = app_for(server.url)
    async with run(app, size=(120, 40)) as pilot:
        kept = await good_run_then_fault(server, pilot, fault)
        assert expected in assert_kept(kept)


async def test_body_over_the_size_bound(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url, max_body_bytes=1_000_000)
    async with run(app, size=(120, 40)) as pilot:
        kept = await good_run_then_fault(server, pilot, "huge=2")
        assert "larger than the 1,000,000 byte limit" in assert_kept(kept)


async def test_a_burst_of_5xx_is_retried_to_success(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("status=503x2")]
        async with result_shown(pilot):
            await pilot.press("f5")
        assert "rows" in status_text(screen)


async def test_429_with_retry_after_counts_down_then_succeeds(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("429=2x1")]
        async with result_shown(pilot):
            async with pilot.expect(RetryScheduled):
                await pilot.press("f5")
            await wait_for(pilot, lambda: "retry 1 in" in status_text(screen))  # counting down
            assert "Rate limited: retry 1 in 2 s" in status_text(
                screen
            ) or "Rate limited: retry 1 in 1 s" in status_text(screen)


async def test_slow_server_keeps_the_ui_responsive_and_esc_cancels(
    make_server: ServerFactory,
) -> None:
    server = make_server()
    app = app_for(server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("latency=10000")]
        await pilot.press("f5")
        await wait_for(pilot, lambda: "Running" in status_text(screen))
        await pilot.press("ctrl+b")  # the UI still answers while the request waits
        assert "collapsed" in screen.query_one(QueryBuilder).classes
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "query")) as ended:
            await pilot.press("escape")
        assert ended.message.state == WorkerState.CANCELLED
        assert "Cancelled" in status_text(screen)
        server.config.faults.faults = []


async def test_server_disappears_and_comes_back(dataset: Path) -> None:
    first = DemoServer(ServerConfig(port=0), dataset).start()
    port = first.port
    app = app_for(first.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        first.stop()
        async with run_failed(pilot):
            await pilot.press("f5")
        assert "error" in screen.status.classes
        assert "Could not reach the server" in str(screen.query_one("#error").render())
        again = DemoServer(ServerConfig(port=port), dataset).start()
        try:
            async with result_shown(pilot):
                await pilot.press("f5")
            assert "hidden" in screen.query_one("#error").classes
        finally:
            again.stop()
