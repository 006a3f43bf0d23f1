"""The result's keys (p, w, c, z, !, r, Enter, Backspace) act only while the grid or the chart
has the focus, as README and help say; in the builder a key does what the focused control does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import SelectionList

from ortui.app import OrtuiApp
from ortui.demo.server import DemoServer
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explain import ExplainScreen
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.help_screen import help_rows
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import HearingPilot, ready_with_result, result_shown, run, wait_for

Seen = Callable[[OrtuiApp, ExplorerScreen], bool]


def _notified(app: OrtuiApp, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


#: key → what a person sees once the key acted.
EFFECTS: dict[str, Seen] = {
    "p": lambda app, s: s.compare.enabled,
    "w": lambda app, s: isinstance(app.screen, ExplainScreen),
    "c": lambda app, s: s.state.chart_metric == "request_count",
    "z": lambda app, s: s.maximized is not None,
    "exclamation_mark": lambda app, s: _notified(app, "no warnings"),
    "r": lambda app, s: s.watcher.watch.active,
    "enter": lambda app, s: (
        isinstance(app.screen, ChoiceDialog) or _notified(app, "No single series to drill")
    ),
}


async def _result(pilot: HearingPilot) -> ExplorerScreen:
    screen = await ready_with_result(pilot)
    return screen


async def _reset(pilot: Pilot[None], app: OrtuiApp, screen: ExplorerScreen) -> None:
    while app.screen is not screen:
        app.pop_screen()
        await pilot.pause()
    if screen.compare.enabled:
        screen.compare.toggle()
    if screen.watcher.watch.active:
        screen.watcher.toggle()
    screen.minimize()
    screen.state.chart_metric = "total_usage"
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("key", sorted(EFFECTS))
async def test_result_key_acts_from_grid_and_chart_only(demo_server: DemoServer, key: str) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        effect = EFFECTS[key]
        picker = screen.query_one("#dimensions").query_one(SelectionList)
        picker.focus()
        picker.highlighted = 1
        chosen = list(picker.selected)
        await pilot.press(key)
        await pilot.pause(0.2)
        assert not effect(app, screen), f"{key} acted from the builder's dimension list"
        assert app.screen is screen
        if key == "enter":  # Enter in a builder list toggles the highlighted option
            assert list(picker.selected) != chosen
        for pane in (ResultsGrid, ChartPane):
            await _reset(pilot, app, screen)
            screen.query_one(pane).focus()
            await pilot.press(key)
            await wait_for(pilot, lambda: effect(app, screen))


async def test_backspace_steps_back_from_the_grid_not_the_builder(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        first = screen.table
        screen.grid.focus()
        await pilot.press("enter")
        await pilot.shown(ChoiceDialog)
        async with result_shown(pilot):
            await pilot.press("enter")
        assert screen.table is not first and len(screen.drill.stack) == 1
        screen.query_one("#dimensions").query_one(SelectionList).focus()
        await pilot.press("backspace")
        await pilot.pause(0.2)
        assert len(screen.drill.stack) == 1 and screen.table is not first
        screen.grid.focus()
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.table is first)


async def test_help_names_the_result_keys_where_they_work(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        screen.query_one("#dimensions").query_one(SelectionList).focus()
        await pilot.pause()
        in_builder = {description: where for _, description, where in help_rows(app.screen)}
        assert "Compare" not in in_builder and "Drill down" not in in_builder
        screen.grid.focus()
        await pilot.pause()
        in_grid = {description: where for _, description, where in help_rows(app.screen)}
        for description in ("Compare", "Why? (explain)", "Zoom", "Warnings", "Drill down"):
            assert in_grid[description] == "grid, chart"
        assert in_grid["Spend"] == "anywhere"


async def test_palette_runs_result_actions_from_the_builder(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _result(pilot)
        screen.query_one("#dimensions").query_one(SelectionList).focus()
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await pilot.press(*"Next chart metric")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.state.chart_metric == "request_count")
