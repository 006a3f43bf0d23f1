"""SVG snapshots of the key screens at 120×40: builder, results + chart, an error."""

from __future__ import annotations

from typing import Any

from ortui.screens.explorer import ExplorerScreen
from tests.fixtures import fixed_app


async def _loaded(pilot: Any) -> None:
    while not (isinstance(pilot.app.screen, ExplorerScreen) and pilot.app.screen.meta):
        await pilot.pause(0.05)
    await pilot.pause()


async def _ran(pilot: Any) -> None:
    await _loaded(pilot)
    await pilot.press("f5")
    screen = pilot.app.screen
    while screen.state.running or (screen.table is None and "error" not in screen.status.classes):
        await pilot.pause(0.05)
    chart = screen.query_one("#chart")
    while (
        screen.table is not None
        and (
            chart._rendered is None  # drawn at its final size
            or chart._rendered[0][:2] != tuple(chart.content_size)
        )
    ):
        await pilot.pause(0.05)
    await pilot.pause()


def test_builder(snap_compare: Any) -> None:
    assert snap_compare(fixed_app(), terminal_size=(120, 40), run_before=_loaded)


def test_results_and_chart(snap_compare: Any) -> None:
    assert snap_compare(fixed_app(), terminal_size=(120, 40), run_before=_ran)


def test_forbidden_error(snap_compare: Any) -> None:
    assert snap_compare(fixed_app(403), terminal_size=(120, 40), run_before=_ran)


async def _spend_shown(pilot: Any) -> None:
    from ortui.screens.spend import SpendScreen

    while not (isinstance(pilot.app.screen, SpendScreen) and pilot.app.screen.report):
        await pilot.pause(0.05)
    await pilot.pause()


def test_spend_screen_80x24(snap_compare: Any) -> None:
    from tests.spend_fixtures import fixed_spend_app

    assert snap_compare(fixed_spend_app(), terminal_size=(80, 24), run_before=_spend_shown)
