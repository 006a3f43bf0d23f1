"""Faults from the simulator, in the TUI: no traceback, builder and results kept, words to act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import RetryPolicy
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from ortui.demo.faults import parse_fault
from ortui.demo.server import DemoServer, ServerConfig
from ortui.widgets.query_builder import QueryBuilder
from tests.conftest import TEST_KEY, ServerFactory
from tests.pilot import ready, status_text, wait_for

FAST_RETRY = RetryPolicy(max_attempts=3, initial_interval=0.05, max_elapsed=10)


def app_for(url: str, **config: Any) -> OrtuiApp:
    client = AnalyticsClient(
        Secret(TEST_KEY), ClientConfig(base_url=url, retry=FAST_RETRY, **config)
    )
    return OrtuiApp(client, server_label="demo", key_label="test")


async def good_run_then_fault(server: DemoServer, pilot: Any, fault: str) -> Any:
    """Run once cleanly, then inject ``fault`` and run again; return the screen."""
    screen = await ready(pilot)
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
    server.config.faults.faults = [parse_fault(fault)]
    screen.first_table = screen.table
    screen.first_draft = screen.query_one(QueryBuilder).draft
    await pilot.press("f5")
    await wait_for(
        pilot, lambda: not screen.state.running and "error" in screen.status.classes, timeout=20
    )
    return screen


def assert_kept(screen: Any) -> str:
    assert screen.table is screen.first_table  # the last good result stays on screen
    assert screen.query_one(QueryBuilder).draft == screen.first_draft
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
    make_server: ServerFactory, fault, expected
) -> None:
    server = make_server()
    app = app_for(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await good_run_then_fault(server, pilot, fault)
        assert expected in assert_kept(screen)


async def test_body_over_the_size_bound(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url, max_body_bytes=1_000_000)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await good_run_then_fault(server, pilot, "huge=2")
        assert "larger than the 1,000,000 byte limit" in assert_kept(screen)


async def test_a_burst_of_5xx_is_retried_to_success(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("status=503x2")]
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
        assert "rows" in status_text(screen)


async def test_429_with_retry_after_counts_down_then_succeeds(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("429=2x1")]
        await pilot.press("f5")
        await wait_for(pilot, lambda: "retry 1 in" in status_text(screen))
        assert "Rate limited: retry 1 in 2 s" in status_text(
            screen
        ) or "Rate limited: retry 1 in 1 s" in status_text(screen)
        await wait_for(pilot, lambda: screen.table is not None, timeout=10)


async def test_slow_server_keeps_the_ui_responsive_and_esc_cancels(
    make_server: ServerFactory,
) -> None:
    server = make_server()
    app = app_for(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        server.config.faults.faults = [parse_fault("latency=10000")]
        await pilot.press("f5")
        await wait_for(pilot, lambda: "Running" in status_text(screen))
        await pilot.press("ctrl+b")  # the UI still answers while the request waits
        assert "collapsed" in screen.query_one(QueryBuilder).classes
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Cancelled" in status_text(screen))
        server.config.faults.faults = []


async def test_server_disappears_and_comes_back(dataset: Path) -> None:
    first = DemoServer(ServerConfig(port=0), dataset).start()
    port = first.port
    app = app_for(first.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        first.stop()
        await pilot.press("f5")
        await wait_for(pilot, lambda: "error" in screen.status.classes, timeout=20)
        assert "Could not reach the server" in str(screen.query_one("#error").render())
        again = DemoServer(ServerConfig(port=port), dataset).start()
        try:
            await pilot.press("f5")
            await wait_for(pilot, lambda: screen.table is not None, timeout=20)
            assert "hidden" in screen.query_one("#error").classes
        finally:
            again.stop()
