"""The explain screen's key bar offers only keys that work there, and each one does: no pivot
view (its groups are never a time series), sort, copy, dimensions, drill, back, close, quit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.worker import Worker

from ortui.demo.server import DemoServer
from ortui.screens.explain import ExplainScreen
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import HearingPilot, ready, run, wait_for, worker_ended

OFFERED = [
    "s Sort",
    "y Copy cell",
    "esc Close",
    "d Next dimension",
    "⏎ Explain group",
    "⌫ Back",
    "^q Quit",
]


async def _explain(pilot: HearingPilot) -> ExplainScreen:
    explorer = await ready(pilot)
    explorer.grid.focus()
    await pilot.press("w")
    screen = await pilot.shown(ExplainScreen)
    await pilot.worker_done(screen, "explain")
    await pilot.pause()
    return screen


def _bar(screen: ExplainScreen) -> str:
    return " ".join(str(screen.query_one(KeyBar).render()).split())


async def _sorts(pilot: HearingPilot, screen: ExplainScreen) -> None:
    grid = screen.query_one(ResultsGrid)
    before = [grid.cell_text(row, 0) for row in range(grid.table.row_count if grid.table else 0)]
    await pilot.press("s")
    after = [grid.cell_text(row, 0) for row in range(len(before))]
    assert grid.sort_key == "model" and after == sorted(before, reverse=True) != before


async def _copies(pilot: HearingPilot, screen: ExplainScreen) -> None:
    copied: list[str] = []
    pilot.app.copy_to_clipboard = copied.append  # type: ignore[assignment]
    await pilot.press("y")
    await wait_for(pilot, lambda: copied == [screen.query_one(ResultsGrid).cell_text(0, 0)])


async def _next_dimension(pilot: HearingPilot, screen: ExplainScreen) -> None:
    await pilot.press("d")
    assert "by api_key_id (2/5)" in str(screen.query_one("#explain-note").render())


async def _drills_and_back(pilot: HearingPilot, screen: ExplainScreen) -> None:
    async with pilot.expect(Worker.StateChanged, worker_ended(screen, "explain")):
        await pilot.press("enter")
    assert len(screen.levels) == 2
    await pilot.press("backspace")
    assert len(screen.levels) == 1


async def _closes(pilot: HearingPilot, screen: ExplainScreen) -> None:
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExplorerScreen))


async def _quits(pilot: HearingPilot, screen: ExplainScreen) -> None:
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: pilot.app._exit)


EFFECTS: dict[str, Callable[[HearingPilot, ExplainScreen], Awaitable[None]]] = {
    "s": _sorts,
    "y": _copies,
    "d": _next_dimension,
    "enter": _drills_and_back,
    "escape": _closes,
    "ctrl+q": _quits,
}


async def test_the_key_bar_offers_no_pivot_view(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen = await _explain(pilot)
        bar = _bar(screen)
        assert "Pivot" not in bar and "v " not in bar, bar
        assert all(key in bar for key in OFFERED), bar
        grid = screen.query_one(ResultsGrid)
        await pilot.press("v")
        await pilot.pause()
        assert not grid.pivoted and not app._notifications  # no "needs a time series" either


@pytest.mark.parametrize("key", sorted(EFFECTS))
async def test_each_offered_key_works(demo_server: DemoServer, key: str) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(140, 40)) as pilot:
        screen = await _explain(pilot)
        await EFFECTS[key](pilot, screen)
