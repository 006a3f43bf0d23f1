"""Terminal robustness: tiny terminals, resize storms, huge pastes, rapid re-runs."""

from __future__ import annotations

import asyncio
import gc

from textual import events
from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.results.table import ResultTable
from ortui.widgets.ordered_picker import OrderedPicker
from ortui.widgets.query_builder import QueryBuilder
from tests.conftest import ServerFactory
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run, status_text, wait_for


async def test_too_small_terminal_shows_a_notice_and_recovers(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "-too-small" in screen.classes
        assert "Terminal too small (40×12)" in str(screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "-too-small" not in screen.classes


async def test_resize_storm_then_run(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot):
            await pilot.press("f5")
            for step in range(60):
                width, height = 40 + (step * 37) % 170, 12 + (step * 13) % 50
                size = app.size.__class__(width, height)
                app.post_message(events.Resize(size, size))
                if step % 10 == 0:
                    await pilot.pause()
            await pilot.resize_terminal(120, 40)
        await pilot.pause(0.3)
        assert "rows" in status_text(screen)
        app.export_screenshot()


async def test_pasting_ten_thousand_characters(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        search = screen.query_one("#metrics").query_one(Input)
        search.focus()
        search.post_message(events.Paste("x" * 10_000))
        await pilot.pause(0.3)
        assert len(search.value) == 10_000
        picker = screen.query_one("#metrics", OrderedPicker)
        assert picker.selection_list.option_count == len(picker.options)  # nothing hidden
        assert not any(match for match, *_ in picker._shown_state)  # but nothing matches
        limit = screen.query_one("#limit")
        limit.focus()
        limit.post_message(events.Paste("9" * 10_000))
        await pilot.pause(0.3)
        await pilot.press("f5")
        assert "Limit must be between 1 and 10,000" in status_text(screen)


async def test_fifty_rapid_runs_cancel_each_other_without_leaks(make_server: ServerFactory) -> None:
    server = make_server(latency_ms=30)
    app = demo_app(server.url)
    # A plain Pilot: one that hears messages would keep every result alive, and this test
    # counts the results still alive.
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        tasks_before = len(asyncio.all_tasks())
        for _ in range(50):
            screen.action_run()
            await asyncio.sleep(0.005)
        await wait_for(
            pilot, lambda: screen.table is not None and not screen.state.running, timeout=30
        )
        await pilot.pause(0.5)
        running = [w for w in app.workers if w.group == "query" and not w.is_finished]
        assert running == []
        assert len(asyncio.all_tasks()) <= tasks_before + 5
        gc.collect()
        alive = [o for o in gc.get_objects() if isinstance(o, ResultTable)]
        assert len(alive) <= 2  # the shown result (and at most one in flight)
        assert screen.query_one(QueryBuilder).draft.metrics == ("total_usage", "request_count")


async def test_large_terminal_renders_everything(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(200, 60)) as pilot:
        await ready(pilot)
        async with result_shown(pilot):
            await pilot.press("f5")
        await pilot.pause(0.3)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "Total Usage" in svg and "Date (UTC)" in svg
