"""Item 4 of #14 in the TUI: bad answers end the run with a message; nothing crashes or hangs."""

from __future__ import annotations

import pytest

from ortui.messages import QueryFailed, QueryFinished
from ortui.screens.explorer import ExplorerScreen
from tests.flows.conftest import demo_app
from tests.hostile import Answer, HostileServer, query_body
from tests.pilot import HearingPilot, ready, run, status_text


async def run_and_settle(pilot: HearingPilot) -> ExplorerScreen:
    """Run the builder's query; the run ends with a result or a failure."""
    screen = await ready(pilot)
    async with pilot.expect((QueryFinished, QueryFailed)):
        await pilot.press("f5")
    return screen


async def test_a_401_digit_count_can_be_charted_and_sorted(hostile: HostileServer) -> None:
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
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
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
async def test_absurd_cached_at_shows_the_result(hostile: HostileServer, cached_at: float) -> None:
    hostile.query(
        query_body([{"model": "a", "request_count": 1, "total_usage": 1.0}], cached_at=cached_at)
    )
    app = demo_app(hostile.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
        assert screen.table is not None and screen.table.cached_at is None
        assert app._exception is None


async def test_a_row_nested_100000_deep_ends_the_run_with_a_message(hostile: HostileServer) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    hostile.query(query_body([], raw=f'[{{"model": {deep}, "request_count": 1}}]'))
    app = demo_app(hostile.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
        assert "nested too deeply" in status_text(screen)
        assert app._exception is None


async def test_an_unforeseen_worker_failure_ends_the_run_with_a_message(
    hostile: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("odd data")

    monkeypatch.setattr("ortui.screens.run_flow.chart_data", boom)
    hostile.query(query_body([{"model": "a", "request_count": 1, "total_usage": 1.0}]))
    app = demo_app(hostile.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
        assert "ZeroDivisionError: odd data" in status_text(screen)
        assert app.is_running and app._exception is None


async def test_a_dripping_server_ends_at_the_deadline(hostile: HostileServer) -> None:
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
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
        assert "no complete answer within 1.5 s" in status_text(screen)


async def test_a_result_that_is_not_utf8_ends_the_run_with_what_is_wrong(
    hostile: HostileServer,
) -> None:
    hostile.query(query_body([{"model": "NAME", "request_count": 1}]).replace(b"NAME", b"\xff"))
    app = demo_app(hostile.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await run_and_settle(pilot)
        assert "not UTF-8" in status_text(screen)
        assert "UnicodeDecodeError" not in status_text(screen)
        assert app.is_running and app._exception is None
