"""``/`` finds rows whose cells contain the text in any case, and says so where a user reads:
help, the find bar and the status line."""

from __future__ import annotations

from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.screens.help_screen import help_rows
from tests.flows.conftest import demo_app
from tests.pilot import ready_with_result, run, status_text, wait_for


async def test_find_matches_any_part_of_a_cell_in_any_case(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        screen.grid.focus()
        await pilot.pause()
        described = {keys: text for keys, text, _ in help_rows(app.screen)}
        assert "any part of a cell" in described["/"] and "upper or lower case" in described["/"]
        await pilot.press("slash")
        find = screen.query_one("#find", Input)
        assert "any case" in find.placeholder
        await pilot.press(*"GPT-4O", "enter")
        await wait_for(pilot, lambda: bool(screen.grid.matches))
        models = {screen.grid.cell_text(p, 1) for p in screen.grid.matches}
        assert models and all("gpt-4o" in m for m in models)
        assert "in a cell, any case" in status_text(screen)
