"""The explorer opens on the answers ortui asked for as it started: the builder filled and the
default result in the grid and chart from the first frame, the query sent once."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Input

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.app import OrtuiApp
from ortui.demo.server import DemoServer
from ortui.preferences import Preferences
from ortui.query import pipeline
from ortui.query.draft import default_draft
from ortui.query.early import EarlyAnswers
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.chart_pane import ChartPane
from tests.flows.conftest import demo_app
from tests.pilot import explorer, status_text, wait_for

MakeServer = Callable[..., DemoServer]


def _posts(log: io.StringIO) -> int:
    return sum(" POST /api/v1/analytics/query " in line for line in log.getvalue().splitlines())


def _app_asking_early(server: DemoServer, run_on_start: bool = True) -> OrtuiApp:
    app = demo_app(server.url, preferences=Preferences(run_on_start=run_on_start))
    draft_for = default_draft if run_on_start else (lambda meta: None)
    app.early = EarlyAnswers(app.client, draft_for).start()
    return app


async def test_the_explorer_opens_on_the_early_result_sent_once(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounted_with: list[bool] = []
    mount = ExplorerScreen.on_mount

    def on_mount(screen: ExplorerScreen) -> None:
        mount(screen)
        mounted_with.append(screen.table is not None and screen.grid.table is screen.table)

    monkeypatch.setattr(ExplorerScreen, "on_mount", on_mount)
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log)
    app = _app_asking_early(server)
    assert app.early is not None
    app.early.meta.result(timeout=30)
    await wait_for_post(log)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(mounted_with))
        assert mounted_with == [True]  # in its first frame: nobody pressed F5, no worker ran
        screen = explorer(app)
        assert screen.table is not None and screen.table.row_count > 0
        assert "rows" in status_text(screen)
        assert screen.last_request is not None
        assert list(screen.last_request.metrics) == ["total_usage", "request_count"]
        await wait_for(pilot, lambda: screen.query_one(ChartPane)._rendered is not None)
        await pilot.pause(0.3)
        assert _posts(log) == 1  # the explorer did not ask again


async def wait_for_post(log: io.StringIO) -> None:
    import asyncio

    for _ in range(600):
        if _posts(log):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the early query was not sent")


async def test_a_slow_early_answer_is_waited_for_not_asked_again(
    make_server: MakeServer,
) -> None:
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log, latency_ms=400)
    app = _app_asking_early(server)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))
        screen = explorer(app)
        await wait_for(pilot, lambda: screen.table is not None)
        assert "rows" in status_text(screen)
        await pilot.pause(0.5)
        assert _posts(log) == 1


async def test_a_failed_early_query_is_run_by_the_explorer(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.execute

    async def fails_early(
        client: AnalyticsClient, planned: pipeline.Planned, **options: Any
    ) -> pipeline.Ran | pipeline.Failed:
        if threading.current_thread().name == "ortui-early":
            error = errors.ServerError(503, "busy")
            return pipeline.Failed(planned.draft, planned.request, error, 1.0)
        return await real(client, planned, **options)

    monkeypatch.setattr(pipeline, "execute", fails_early)
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log)
    app = _app_asking_early(server)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))
        screen = explorer(app)
        await wait_for(pilot, lambda: screen.table is not None)
        assert screen.table is not None and screen.table.row_count > 0
        assert "rows" in status_text(screen)
        assert _posts(log) == 1  # the failed one never reached the server
        await pilot.pause(0.3)


async def test_with_running_on_start_off_only_meta_is_asked(make_server: MakeServer) -> None:
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log)
    app = _app_asking_early(server, run_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))
        screen = explorer(app)
        await wait_for(pilot, lambda: screen.meta is not None)
        await pilot.pause(0.5)
        assert screen.table is None and "F5 runs the query" in status_text(screen)
        assert _posts(log) == 0


async def test_the_cursor_starts_in_the_metric_search(make_server: MakeServer) -> None:
    server = make_server(rpm=100_000, latency_ms=2000)  # meta is still on its way
    app = demo_app(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))
        await pilot.pause()
        screen = explorer(app)
        assert screen.meta is None
        focused = screen.focused
        assert focused is not None and focused is screen.query_one("#metrics").query_one(Input)
        await wait_for(pilot, lambda: screen.meta is not None)
        assert screen.focused is focused
