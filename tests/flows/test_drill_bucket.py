"""Drilling a time series row breaks that bucket down by a finer grain (a day by hour, an hour
by minute); the breadcrumb names the bucket and Backspace's hint the range it brings back.
Checked by the requests sent and the simulator's own rows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import msgspec

from ortui.api.models import QueryRequest
from ortui.demo.server import DemoServer
from ortui.query.time_range import RelativeRange
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.breadcrumb import Breadcrumb
from tests.flows.conftest import demo_app
from tests.helpers import rows
from tests.pilot import HearingPilot, ready_with_result, result_shown, run, sent_queries


def _shown_request(screen: ExplorerScreen, sent: list[QueryRequest]) -> QueryRequest:
    """The request of the result on screen (grouped by API key, the requests that tell two
    keys of one name apart are sent with it)."""
    shown = screen.last_request
    assert shown is not None and shown in sent
    return shown


def _range(request: QueryRequest) -> tuple[datetime, datetime]:
    assert request.time_range is not None
    return (
        datetime.fromisoformat(request.time_range.start),
        datetime.fromisoformat(request.time_range.end),
    )


async def _drill_row(pilot: HearingPilot, screen: ExplorerScreen, row: int) -> None:
    """Enter on grid row ``row``, drill by the first dimension offered."""
    screen.grid.focus()
    screen.grid.move_cursor(row)
    await pilot.press("enter")
    await pilot.shown(ChoiceDialog)
    async with result_shown(pilot):
        await pilot.press("enter")


async def test_a_day_is_broken_down_by_hour_and_an_hour_by_minute(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(160, 40)) as pilot:
        screen = await ready_with_result(pilot)
        first, grid = screen.table, screen.grid
        row = next(p for p in range(len(grid.order)) if not grid.cell_text(p, 0).endswith("*"))
        day, model = grid.cell_text(row, 0), grid.cell_text(row, 1)
        sent = sent_queries(screen)
        await _drill_row(pilot, screen, row)
        drilled = _shown_request(screen, sent)
        assert drilled.granularity == "hour"
        start, end = _range(drilled)
        assert start.strftime("%Y-%m-%d") == day and end - start == timedelta(days=1)
        body = json.loads(msgspec.json.encode(drilled))
        expected = rows(demo_server.url, body)
        assert screen.table is not None and screen.table.row_count == len(expected) > 1
        assert {grid.cell_text(p, 0) for p in range(len(grid.order))} == {
            datetime.fromisoformat(r["date__hour"]).strftime("%Y-%m-%d %H:%M") for r in expected
        }
        crumb = screen.query_one(Breadcrumb)
        assert crumb.plain == f"model = {model} › {day}"
        assert "Backspace: back to Last 7 days" in str(crumb.render())

        hour, value = grid.cell_text(0, 0), grid.cell_text(0, 1)
        field = screen.builder.draft.dimensions[0]
        await _drill_row(pilot, screen, 0)
        drilled = _shown_request(screen, sent)
        assert drilled.granularity == "minute"
        start, end = _range(drilled)
        assert start.strftime("%Y-%m-%d %H:%M") == hour and end - start == timedelta(hours=1)
        assert crumb.plain.endswith(f"› {day} › {field} = {value} › {hour}")
        assert "Backspace: back to " + day in str(crumb.render())

        asked = len(sent)
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert screen.table is first and len(sent) == asked
        assert screen.builder.draft.granularity == "day"
        assert screen.builder.draft.time == RelativeRange("last_7d")
