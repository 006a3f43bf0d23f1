"""Drilling a time bucket: the range it narrows to and the finer grain it is broken down by
(a month or a week by day, a day by hour, an hour by minute), within meta and the range caps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ortui.analysis.drill import Pin, Window, bucket_window, drill_draft, finer_granularity
from ortui.query.draft import QueryDraft
from ortui.query.time_range import AbsoluteRange, RelativeRange
from ortui.results.table import Cell, Column, ResultTable

ALL = ("minute", "hour", "day", "week", "month")


def _table(
    granularity: str, starts: list[datetime], span: tuple[datetime, datetime]
) -> ResultTable:
    times: list[Cell] = list(starts)
    return ResultTable(
        [
            Column("date__" + granularity, "Date", "time", times),
            Column("model", "Model", "dimension", ["m"] * len(starts)),
            Column("request_count", "Requests", "metric", [1] * len(starts), "number"),
        ],
        len(starts),
        granularity=granularity,
        span=span,
    )


@pytest.mark.parametrize(
    ("granularity", "span", "expected"),
    [
        ("month", timedelta(days=31), "day"),
        ("week", timedelta(days=7), "day"),
        ("day", timedelta(days=1), "hour"),
        ("hour", timedelta(hours=1), "minute"),
        ("minute", timedelta(minutes=1), "minute"),
        (None, timedelta(days=1), None),
    ],
)
def test_each_grain_steps_down_to_the_next(
    granularity: str | None, span: timedelta, expected: str | None
) -> None:
    assert finer_granularity(granularity, ALL, span) == expected


def test_a_grain_meta_lacks_or_the_caps_forbid_is_skipped() -> None:
    assert finer_granularity("month", ("hour", "month"), timedelta(days=31)) == "hour"
    assert finer_granularity("month", ("hour", "month"), timedelta(days=32)) == "month"
    assert finer_granularity("day", ("minute", "day"), timedelta(days=1)) == "day"
    assert finer_granularity("day", ("minute", "day"), timedelta(hours=3)) == "minute"
    assert finer_granularity("hour", ("hour", "day"), timedelta(hours=1)) == "hour"


def test_a_whole_day_is_narrowed_to_and_broken_down_by_hour() -> None:
    days = [datetime(2026, 11, d, tzinfo=UTC) for d in (26, 27, 28)]
    table = _table("day", days, (days[0], days[-1] + timedelta(days=1)))
    window = bucket_window(table, 1, UTC, ALL)
    assert window == Window(
        AbsoluteRange("2026-11-27 00:00", "2026-11-28 00:00"), "2026-11-27", "hour"
    )


def test_a_partial_month_keeps_its_cut_and_its_mark() -> None:
    months = [datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)]
    span = (datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 29, 16, 0, tzinfo=UTC))
    window = bucket_window(_table("month", months, span), 1, UTC, ALL)
    assert window is not None
    assert window.range == AbsoluteRange("2026-11-01 00:00", "2026-11-29 16:00")
    assert (window.shown, window.granularity) == ("2026-11-01*", "day")


def test_the_window_is_typed_in_the_drafts_zone() -> None:
    zone = ZoneInfo("America/New_York")
    day = datetime(2026, 11, 27, tzinfo=zone)
    table = _table("day", [day], (day - timedelta(days=1), day + timedelta(days=2)))
    window = bucket_window(table, 0, zone, ALL)
    assert window is not None and window.range == AbsoluteRange(
        "2026-11-27 00:00", "2026-11-28 00:00"
    )
    assert window.granularity == "hour"


def test_the_drilled_draft_takes_the_range_and_the_finer_grain() -> None:
    draft = QueryDraft(
        ("total_usage",), ("model",), granularity="day", time=RelativeRange("last_7d")
    )
    window = Window(AbsoluteRange("2026-11-27 00:00", "2026-11-28 00:00"), "2026-11-27", "hour")
    drilled = drill_draft(draft, [Pin("model", "gpt", "gpt")], "provider", window)
    assert drilled.time == window.range and drilled.granularity == "hour"
    assert drilled.dimensions == ("provider",)
    assert drill_draft(draft, [Pin("model", "gpt", "gpt")], "provider").granularity == "day"
