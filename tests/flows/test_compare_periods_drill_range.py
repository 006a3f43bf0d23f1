"""``P`` compares with the previous period or the same window a week, a month or a year
earlier (``--compare`` takes the same words); drilling a time series row narrows the query to
that row's bucket and Backspace brings the whole range back. Checked by the requests sent."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import msgspec
import pytest
from textual.pilot import Pilot

from ortui.analysis.periods import COMPARE_CHOICES, parse_compare
from ortui.api.models import QueryRequest
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.query.time_range import RelativeRange
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.explorer import ExplorerScreen
from tests.conftest import TEST_KEY
from tests.flows.conftest import demo_app
from tests.helpers import rows
from tests.pilot import ready, sent_queries, wait_for


def _range(request: QueryRequest) -> tuple[datetime, datetime]:
    assert request.time_range is not None
    start, end = request.time_range.start, request.time_range.end
    return datetime.fromisoformat(start), datetime.fromisoformat(end)


def _months_back(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 - months
    return moment.replace(year=index // 12, month=index % 12 + 1)


async def _result(pilot: Pilot[None]) -> ExplorerScreen:
    screen = await ready(pilot)
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
    screen.grid.focus()
    return screen


@pytest.mark.parametrize("choice", COMPARE_CHOICES)
async def test_compare_with_each_earlier_window(demo_server: DemoServer, choice: str) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _result(pilot)
        assert screen.last_request is not None
        start, end = _range(screen.last_request)
        sent = sent_queries(screen)
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert [key for key, _ in dialog.choices] == list(COMPARE_CHOICES)
        await pilot.press(*["down"] * COMPARE_CHOICES.index(choice), "enter")
        await wait_for(pilot, lambda: screen.compare.comparison is not None)
        assert len(sent) == 1
        earlier = _range(sent[0])
        expected = {
            "previous": (start - (end - start), start),
            "7d ago": (start - timedelta(days=7), end - timedelta(days=7)),
            "previous-month": (_months_back(start, 1), _months_back(end, 1)),
            "previous-year": (_months_back(start, 12), _months_back(end, 12)),
        }[choice]
        assert earlier == expected
        assert parse_compare(choice).label in str(screen.status.render())
        body = json.loads(msgspec.json.encode(sent[0]))
        then = rows(demo_server.url, body)
        table = screen.grid.table
        assert table is not None
        previous = next(c for c in table.columns if c.key == "total_usage__previous")
        shown = sum(v for v in previous.values if isinstance(v, int | float))
        assert shown == pytest.approx(sum(float(r["total_usage"]) for r in then))


def test_cli_compares_with_the_previous_month(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    args = ["query", "--base-url", demo_server.url, "--metrics", "request_count", "--last", "7d"]
    assert main([*args, "--compare", "previous-month", "--format", "json"]) == 0
    metadata = json.loads(capsys.readouterr().out)["metadata"]
    current = [datetime.fromisoformat(metadata["current"][k]) for k in ("start", "end")]
    previous = [datetime.fromisoformat(metadata["previous"][k]) for k in ("start", "end")]
    assert previous == [_months_back(moment, 1) for moment in current]


async def test_drilling_a_bucket_row_narrows_the_range_and_back(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _result(pilot)
        first, whole = screen.table, screen.last_request
        assert first is not None and whole is not None
        grid = screen.grid
        row = next(
            p for p in range(len(grid.order)) if grid.cell_text(p, 0) != grid.cell_text(0, 0)
        )
        grid.move_cursor(row)  # a whole day: not today's partial bucket
        day = datetime.fromisoformat(grid.cell_text(row, 0)).replace(tzinfo=_range(whole)[0].tzinfo)
        sent = sent_queries(screen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(sent) and not screen.state.running)
        await wait_for(pilot, lambda: screen.table is not first)
        drilled = screen.last_request  # sent with the key requests that tell names apart
        assert drilled is not None and drilled in sent
        assert _range(drilled) == (day, day + timedelta(days=1))
        body = json.loads(msgspec.json.encode(drilled))
        assert screen.table is not None and screen.table.row_count == len(
            rows(demo_server.url, body)
        )
        asked = len(sent)  # the result is shown once its keys' requests are answered
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.table is first)
        assert screen.builder.draft.time == RelativeRange("last_7d")
        assert len(sent) == asked  # back without a request
