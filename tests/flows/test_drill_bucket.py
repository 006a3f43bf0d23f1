"""Drilling a time series row breaks that bucket down by a finer grain (a day by hour, an hour
by minute); the breadcrumb names the bucket and Backspace's hint the range it brings back.
Checked by the requests sent and the simulator's own rows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import msgspec

from ortui.api.models import QueryRequest
from ortui.demo.server import DemoServer
from ortui.query.time_range import RelativeRange
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.breadcrumb import Breadcrumb
from tests.flows.conftest import demo_app
from tests.helpers import rows
from tests.pilot import HearingPilot, ready, result_shown, run


def _sent(screen: ExplorerScreen) -> list[QueryRequest]:
    sent: list[QueryRequest] = []
    original = screen.client.query_body

    async def recording(request: QueryRequest, **options: Any) -> tuple[bytes, float]:
        sent.append(request)
        return await original(request, **options)

    screen.client.query_body = recording  # type: ignore[method-assign]
    return sent


def _range(request: QueryRequest) -> tuple[datetime, datetime]:
    assert request.time_range is not None
    return (
        datetime.fromisoformat(request.time_range.start),
        datetime.fromisoformat(request.time_range.end),
    )


async def _drill_row(pilot: HearingPilot, screen: ExplorerScreen, row: int, dimension: str) -> None:
    """Enter on grid row ``row``, drill by ``dimension``."""
    screen.grid.focus()
    screen.grid.move_cursor(row)
    await pilot.press("enter")
    dialog = await pilot.shown(ChoiceDialog)
    index = [key for key, _ in dialog.choices].index(dimension)
    async with result_shown(pilot):
        await pilot.press(*["down"] * index, "enter")


async def test_a_day_is_broken_down_by_hour_and_an_hour_by_minute(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(160, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot):
            await pilot.press("f5")
        first, grid = screen.table, screen.grid
        row = next(p for p in range(len(grid.order)) if not grid.cell_text(p, 0).endswith("*"))
        day, model = grid.cell_text(row, 0), grid.cell_text(row, 1)
        sent = _sent(screen)
        await _drill_row(pilot, screen, row, "provider")
        drilled = sent[0]  # the drilled query (the first request the drill sends)
        assert drilled.granularity == "hour"
        start, end = _range(drilled)
        assert start.strftime("%Y-%m-%d") == day and end - start == timedelta(days=1)
        body = json.loads(msgspec.json.encode(drilled))
        expected = rows(demo_server.url, body)
        assert screen.table is not None and screen.table.row_count == len(expected) > 1
        assert {grid.cell_text(p, 0) for p in range(len(grid.order))} == {
            datetime.fromisoformat(r.get("date__hour") or r["created_at__hour"]).strftime(
                "%Y-%m-%d %H:%M"
            )
            for r in expected
        }
        crumb = screen.query_one(Breadcrumb)
        assert crumb.plain == f"model = {model} › {day}"
        assert "Backspace: back to Last 7 days" in str(crumb.render())

        hour, value = grid.cell_text(0, 0), grid.cell_text(0, 1)
        count = len(sent)
        await _drill_row(pilot, screen, 0, "country")
        assert sent[count].granularity == "minute"
        start, end = _range(sent[count])
        assert start.strftime("%Y-%m-%d %H:%M") == hour and end - start == timedelta(hours=1)
        assert crumb.plain.endswith(f"› {day} › provider = {value} › {hour}")
        assert "Backspace: back to " + day in str(crumb.render())

        count = len(sent)
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert screen.table is first and len(sent) == count  # back without a request
        assert screen.builder.draft.granularity == "day"
        assert screen.builder.draft.time == RelativeRange("last_7d")
