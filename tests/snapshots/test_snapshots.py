"""SVG snapshots of the key screens at 120×40: builder, results + chart, an error.

pytest-textual-snapshot runs the app itself (``App.run`` with an auto-pilot), where no
``message_hook`` can be given: these waits poll, with a timeout, for what the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable

from ortui.widgets.chart_pane import ChartPane
from tests.fixtures import fixed_app
from tests.pilot import TIMEOUT, AppPilot, ready, wait_for

#: The ``snap_compare`` fixture of pytest-textual-snapshot (untyped): app, options → matched.
SnapCompare = Callable[..., bool]


async def _loaded(pilot: AppPilot) -> None:
    await ready(pilot)


async def _ran(pilot: AppPilot) -> None:
    screen = await ready(pilot)
    await pilot.press("f5")
    await wait_for(
        pilot,
        lambda: (
            not screen.state.running
            and (screen.table is not None or "error" in screen.status.classes)
        ),
        timeout=TIMEOUT,
    )
    chart = screen.query_one("#chart", ChartPane)
    if screen.table is not None:  # the chart drawn at its final size
        await wait_for(
            pilot,
            lambda: (
                chart._rendered is not None and chart._rendered[0][:2] == tuple(chart.content_size)
            ),
            timeout=TIMEOUT,
        )
    await pilot.pause()


def test_builder(snap_compare: SnapCompare) -> None:
    assert snap_compare(fixed_app(), terminal_size=(120, 40), run_before=_loaded)


def test_results_and_chart(snap_compare: SnapCompare) -> None:
    assert snap_compare(fixed_app(), terminal_size=(120, 40), run_before=_ran)


def test_forbidden_error(snap_compare: SnapCompare) -> None:
    assert snap_compare(fixed_app(403), terminal_size=(120, 40), run_before=_ran)


async def _spend_shown(pilot: AppPilot) -> None:
    from ortui.screens.spend import SpendScreen

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, SpendScreen) and screen.report is not None

    await wait_for(pilot, shown, timeout=TIMEOUT)
    await pilot.pause()


def test_spend_screen_80x24(snap_compare: SnapCompare) -> None:
    from tests.spend_fixtures import fixed_spend_app

    assert snap_compare(fixed_spend_app(), terminal_size=(80, 24), run_before=_spend_shown)
