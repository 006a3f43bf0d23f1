"""A remapped key works, and help, the key bar and the palette show it; vim keys move."""

from __future__ import annotations

from ortui.app import OrtuiApp
from ortui.demo.server import DemoServer
from ortui.keymap import parse_keymap
from ortui.screens.help_screen import HelpScreen
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import ready, result_shown, run

KEYMAP = 'ortui.run = "f7"\n[grid]\nsort = "o"\n[chart]\nkind = "b"\n'


async def test_remapped_keys_work_and_are_shown(demo_server: DemoServer) -> None:
    app: OrtuiApp = demo_app(demo_server.url, keymap=parse_keymap(KEYMAP, "keymap.toml"))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")  # no longer runs
        await pilot.pause(0.3)
        assert screen.table is None
        async with result_shown(pilot):
            await pilot.press("f7")
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.pause()
        assert " o Sort " in str(app.screen.query_one(KeyBar).render())
        await pilot.press("right", "right", "s")  # s is free now: nothing happens
        assert grid.sort_key is None
        async with pilot.expect(ResultsGrid.Sorted):
            await pilot.press("o")
        assert grid.sort_key is not None
        await pilot.press("f1")
        help_screen = await pilot.shown(HelpScreen)
        rows = {description: keys for keys, description, _where in help_screen.rows}
        assert rows["Sort"] == "o" and rows["Run"] == "f7"
        await pilot.press("escape")
        await pilot.back_to(screen)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Run query"].endswith("(f7)")
        assert commands["Export result"].endswith("(e in the grid)")


async def test_vim_movement_in_the_grid(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("j", "j")
        assert grid.cursor_row == 2
        await pilot.press("k")
        assert grid.cursor_row == 1
        await pilot.press("G")
        assert grid.cursor_row == result.message.table.row_count - 1
        await pilot.press("g")
        assert grid.cursor_row == 0
