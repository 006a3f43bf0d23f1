"""Item 4 of #14 in the TUI: bad answers end the run with a message; nothing crashes or hangs."""

from __future__ import annotations

import pytest

from tests.flows.conftest import demo_app
from tests.flows.test_explorer import ready, status_text, wait_for
from tests.hostile import Answer, query_body


async def run_and_settle(app, pilot):  # type: ignore[no-untyped-def]
    screen = await ready(pilot)
    await pilot.press("f5")
    await wait_for(
        pilot, lambda: not screen.state.running and "Running" not in status_text(screen), timeout=15
    )
    await pilot.pause(0.2)
    return screen


async def test_a_401_digit_count_can_be_charted_and_sorted(hostile) -> None:
    big = "9" * 401
    hostile.query(
        query_body(
            [],
            raw=f'[{{"model": "a", "request_count": {big}, '
            f'"total_usage": 1.5}}, {{"model": "b", '
            f'"request_count": 2, "total_usage": 2.5}}]',
        )
    )
    app = demo_app(hostile.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_and_settle(app, pilot)
        assert screen.table is not None and screen.table.row_count == 2
        screen.action_cycle_metric()
        screen.action_cycle_metric()
        await pilot.pause(0.3)
        screen.grid.sort_by("request_count", True)
        screen.grid.sort_by("request_count", False)
        await pilot.pause(0.3)
        assert app.is_running and app._exception is None
        assert "not numbers" in status_text(screen) or screen.table.problems


@pytest.mark.parametrize("cached_at", [1e300, -1e20])
async def test_absurd_cached_at_shows_the_result(hostile, cached_at: float) -> None:
    hostile.query(
        query_body([{"model": "a", "request_count": 1, "total_usage": 1.0}], cached_at=cached_at)
    )
    app = demo_app(hostile.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_and_settle(app, pilot)
        assert screen.table is not None and screen.table.cached_at is None
        assert app._exception is None


async def test_a_row_nested_100000_deep_ends_the_run_with_a_message(hostile) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    hostile.query(query_body([], raw=f'[{{"model": {deep}, "request_count": 1}}]'))
    app = demo_app(hostile.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_and_settle(app, pilot)
        assert "nested too deeply" in status_text(screen)
        assert app._exception is None


async def test_an_unforeseen_worker_failure_ends_the_run_with_a_message(
    hostile, monkeypatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("odd data")

    monkeypatch.setattr("ortui.screens.run_flow.chart_data", boom)
    hostile.query(query_body([{"model": "a", "request_count": 1, "total_usage": 1.0}]))
    app = demo_app(hostile.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_and_settle(app, pilot)
        assert "ZeroDivisionError: odd data" in status_text(screen)
        assert app.is_running and app._exception is None


async def test_a_dripping_server_ends_at_the_deadline(hostile) -> None:
    from ortui.api.client import AnalyticsClient, ClientConfig
    from ortui.api.retry import NO_RETRY
    from ortui.app import OrtuiApp
    from ortui.auth.secret import Secret
    from tests.conftest import TEST_KEY

    hostile.query(Answer(query_body([{"model": "a", "request_count": 1}]), drip_seconds=0.5))
    client = AnalyticsClient(
        Secret(TEST_KEY), ClientConfig(base_url=hostile.url, retry=NO_RETRY, total_timeout=1.5)
    )
    app = OrtuiApp(client, server_label="hostile", key_label="test key")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_and_settle(app, pilot)
        assert "no complete answer within 1.5 s" in status_text(screen)
