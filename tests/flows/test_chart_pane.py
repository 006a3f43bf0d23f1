"""The chart pane in the explorer: kinds cycle with a key, room to read, colour or markers."""

from __future__ import annotations

import pytest
from rich.style import Style

from ortui.demo.server import DemoServer
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.chart_pane import CHART_KEYS, ChartPane
from tests.chart_text import legend_rows
from tests.flows.conftest import demo_app
from tests.pilot import (
    AppPilot,
    HearingPilot,
    ready_with_result,
    run,
    wait_for,
)


async def ran(pilot: HearingPilot) -> tuple[ExplorerScreen, ChartPane]:
    screen = await ready_with_result(pilot)
    chart = screen.query_one(ChartPane)
    await wait_for(pilot, lambda: chart._rendered is not None)  # drawn, maybe in a thread
    return screen, chart


async def drawn(pilot: AppPilot, chart: ChartPane) -> str:
    await wait_for(
        pilot,
        lambda: chart._rendered is not None and chart._rendered[0][:2] == tuple(chart.content_size),
    )
    assert chart._rendered is not None
    return chart._rendered[1].plain


def plot_rows(text: str) -> int:
    lines = text.split("\n")
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    return sum(1 for line in lines[:axis] if "┤" in line or "│" in line)


async def test_chart_kinds_cycle_with_their_key_and_auto_stacks_spend(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen, chart = await ran(pilot)
        assert chart.data is not None and chart.data.kind == "stacked"
        chart.focus()
        kinds: list[tuple[str, str, str]] = []
        for _ in range(4):
            await pilot.press(CHART_KEYS["kind"])
            await wait_for(pilot, lambda: chart._rendered is not None)
            assert chart.data is not None
            kinds.append((screen.state.chart_kind, chart.data.kind, await drawn(pilot, chart)))
        assert [k[:2] for k in kinds] == [
            ("line", "line"),
            ("bar", "bar"),
            ("stacked", "stacked"),
            ("auto", "stacked"),
        ]
        line_text, bar_text = kinds[0][2], kinds[1][2]
        assert any(0x2800 < ord(c) <= 0x28FF for c in line_text)  # braille lines
        assert "Totals over" in bar_text and "│ " in bar_text  # ranked bars, whole range


async def test_the_chart_has_room_to_be_read(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        _, chart = await ran(pilot)
        assert plot_rows(await drawn(pilot, chart)) >= 12
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        _, chart = await ran(pilot)
        chart.focus()
        await pilot.press("z")
        await pilot.pause()
        assert plot_rows(await drawn(pilot, chart)) >= 15


@pytest.mark.parametrize("no_color", [False, True])
async def test_colour_legend_or_markers_without_colour(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        _, chart = await ran(pilot)
        chart.focus()
        await pilot.press(CHART_KEYS["kind"])  # lines
        text = await drawn(pilot, chart)
        assert chart._rendered is not None
        rendered = chart._rendered[1]
        coloured = {
            str(span.style.color.name)
            for span in rendered.spans
            if isinstance(span.style, Style) and span.style.color is not None
        }
        legend = "\n".join(legend_rows(text))  # a row holds the entries it has room for
        if no_color:
            assert "● " in legend and "x " in legend and "■" not in legend and not coloured
        else:
            assert "■ " in legend and len(coloured) >= 3
            assert "#8c8c8c" in coloured  # Other and the axes are neutral grey
