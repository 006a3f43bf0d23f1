"""Builder time fields: last N days/weeks/months, absolute ranges prefilled, fit at 80 columns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input, Select, Static

from ortui.demo.server import DemoServer
from ortui.query.time_range import RelativeRange, months_before
from ortui.widgets.query_builder import QueryBuilder
from tests.flows.conftest import demo_app
from tests.pilot import AppPilot, ready, result_shown, run


async def pick(pilot: AppPilot, select: Select[str], value: str) -> None:
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    values = [v for _, v in select._options]
    start = values.index(select.value)
    key = "down" if values.index(value) > start else "up"
    for _ in range(abs(values.index(value) - start)):
        await pilot.press(key)
    await pilot.press("enter")
    await pilot.pause()


async def test_last_n_weeks_and_months_from_the_keyboard(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        assert not [row for row in builder.query("#last-n") if row.display]  # not shown
        await pick(pilot, builder.query_one("#time", Select), "__last_n__")
        assert builder.query_one("#last-n").display is True
        assert builder.draft.time == RelativeRange("last_14d")
        builder.query_one("#last_count", Input).focus()
        await pilot.press("ctrl+u", "3")
        await pick(pilot, builder.query_one("#last_unit", Select), "m")
        assert builder.draft.time == RelativeRange("last_3m")
        assert builder.draft.time.label == "Last 3 months"
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        sent = result.message.request.time_range
        assert sent is not None
        end = datetime.fromisoformat(sent.end.replace("Z", "+00:00"))
        assert sent.start == months_before(end, 3).strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_rows_of_other_kinds_of_range_are_made_when_first_chosen(
    demo_server: DemoServer,
) -> None:
    """The default range needs neither the "last N" row nor the absolute dates: they are not
    built at start (~15 widgets of every start) and appear when chosen."""
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        assert not builder.query("#last-n, #absolute, #absolute-end, #absolute-hint")
        await pick(pilot, builder.query_one("#time", Select), "__absolute__")
        assert [row.display for row in builder.query("#absolute, #absolute-end")] == [True, True]
        assert not builder.query("#last-n")


async def test_absolute_range_starts_with_the_last_seven_whole_days(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        await pick(pilot, builder.query_one("#time", Select), "__absolute__")
        today = datetime.now(UTC).date()
        start, end = builder.query_one("#start", Input), builder.query_one("#end", Input)
        assert (start.value, end.value) == (
            (today - timedelta(days=7)).isoformat(),
            today.isoformat(),
        )
        assert start.display and end.display
        assert not builder.query_one("#err-time_range").has_class("shown")
        assert builder.problems == []
        hint = builder.query_one("#absolute-hint", Static)
        assert hint.display and "end is exclusive" in str(hint.render())
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        sent = result.message.request.time_range
        assert sent is not None
        assert (sent.start, sent.end) == (f"{start.value}T00:00:00Z", f"{end.value}T00:00:00Z")


async def test_placeholders_and_choices_fit_their_fields_at_80_columns(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        for kind in ("__last_n__", "__absolute__"):  # each kind's rows are made when chosen
            await pick(pilot, builder.query_one("#time", Select), kind)
        for part in ("#absolute", "#absolute-end", "#last-n"):
            builder.query_one(part).remove_class("hidden")
        await pilot.pause()
        for field in builder.query(Input):
            assert field.content_size.width >= len(field.placeholder), field.id
            assert field.content_size.width >= len(field.value), field.id
        for select in builder.query(Select):
            current = select.query_one("SelectCurrent")
            longest = max(len(str(label)) for label, _ in select._options)
            if select.id in ("order_by",):
                longest = len("Default")  # metric names may be cut; the overlay is wider
            assert current.content_size.width - 2 >= longest, select.id
