"""SVG snapshots of each chart kind and the pivot view, at 120×40 and 80×24, colour and not."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import rich

from ortui.query import time_range
from ortui.widgets.chart_pane import CHART_KEYS, ChartPane
from tests.fixtures import fixed_app
from tests.pilot import AppPilot, explorer
from tests.snapshots.test_snapshots import SnapCompare, _ran

VIEWS = {  # keys pressed on the focused pane after the run
    "stacked": ("#chart", ()),
    "line": ("#chart", (CHART_KEYS["kind"],)),
    "bars": ("#chart", (CHART_KEYS["kind"], CHART_KEYS["kind"])),
    "pivot": ("#grid", ("v",)),
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative ranges end at a fixed moment, just after the fixed data's last day: the bar
    chart's note names the range asked for, the same on every run."""
    monkeypatch.setattr(time_range, "utc_now", lambda: datetime(2026, 5, 20, tzinfo=UTC))


@pytest.fixture(params=[False, True], ids=["colour", "no_color"])
def no_color(request: pytest.FixtureRequest) -> Iterator[bool]:
    if request.param:
        os.environ["NO_COLOR"] = "1"
    yield bool(request.param)
    os.environ.pop("NO_COLOR", None)
    rich._console = None  # a console created meanwhile would keep NO_COLOR for later tests


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_chart_views(
    snap_compare: SnapCompare, view: str, size: tuple[int, int], no_color: bool
) -> None:
    pane, keys = VIEWS[view]

    async def run_before(pilot: AppPilot) -> None:
        await _ran(pilot)
        screen = explorer(pilot.app)
        if size[0] < 100:
            await pilot.press("ctrl+b")
        screen.query_one(pane).focus()
        for key in keys:
            await pilot.press(key)
        chart = screen.query_one("#chart", ChartPane)
        if size[0] < 100:
            await pilot.press("z")
        await pilot.pause(0.1)
        for _ in range(100):  # the chart redrawn at its final size (at most 5 s)
            if pane != "#chart" or (
                chart._rendered is not None and chart._rendered[0][:2] == tuple(chart.content_size)
            ):
                break
            await pilot.pause(0.05)
        pilot.app.clear_notifications()  # "Chart: line" toasts would hide the chart
        await pilot.pause()

    assert snap_compare(fixed_app(), terminal_size=size, run_before=run_before)
