"""Watch after a drill step is undone: `r` re-runs the query on screen, not the drilled one."""

from __future__ import annotations

import json

import msgspec

from ortui.demo.server import DemoServer
from ortui.screens.choice_dialog import ChoiceDialog
from tests.flows.conftest import demo_app
from tests.pilot import AppPilot, ready, wait_for


async def _choose(pilot: AppPilot, label: str) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    index = [prompt for _, prompt in dialog.choices].index(label)
    await pilot.press(*["down"] * index, "enter")


async def test_watch_after_backspace_re_runs_the_query_on_screen(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
        shown = screen.table
        screen.grid.focus()
        await pilot.press("enter")
        await _choose(pilot, "Provider")
        await wait_for(
            pilot,
            lambda: (
                screen.table is not shown and screen.table is not None and not screen.state.running
            ),
        )
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.table is shown)
        screen.watcher.watch.interval = 1  # only a test may go below the server's cache
        runs = screen.watcher.watch.refreshes
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: screen.watcher.watch.refreshes > runs and not screen.state.running,
            timeout=15,
        )
        await wait_for(pilot, lambda: screen.table is not shown and not screen.state.running)
        body = json.loads(msgspec.json.encode(screen.last_request))
        assert body["dimensions"] == ["model"]
        assert body.get("filters", []) == []
        assert screen.grid.table is not None
        keys = [column.key for column in screen.grid.table.columns]
        assert "model" in keys and "provider" not in keys
