"""Partial buckets at both ends, from the range asked for and each bucket's own bounds: the
first when the range starts inside it, the last when it closes after the range or after now —
in UTC and in local zones (whole-hour, DST, half-hour offsets)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest, TimeRange
from ortui.export.renderers import to_text_table
from ortui.query.time_range import format_wire
from ortui.results.decode import build_table
from ortui.results.partial import PartialBuckets, footnote, partial_buckets, partial_ends

ZONES = ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Europe/Paris"]
META = Meta(metrics=[Metric("cost", "Cost", False, "currency")])


def local_days(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Local midnights of the days from ``start``'s day to ``end``'s (wall-clock steps)."""
    day = start.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    days = []
    while day < end:
        days.append(day)
        day = (day + timedelta(days=1)).replace(hour=0)
    return days


def test_last_7_days_from_mid_afternoon_has_two_partial_days() -> None:
    now = datetime(2026, 11, 29, 14, 10, tzinfo=UTC)
    start = now - timedelta(days=7)
    days = local_days(ZoneInfo("UTC"), start, now)
    partial = partial_ends(days, "day", (start, now), now)
    assert partial == PartialBuckets(days[0], days[-1], True)
    assert footnote(partial, "day") == (
        "* partial: 2026-11-22 (range starts inside), 2026-11-29 (in progress)"
    )


def test_whole_days_and_a_closed_range_have_none() -> None:
    start, end = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 15, tzinfo=UTC)
    days = local_days(ZoneInfo("UTC"), start, end)
    assert (
        partial_ends(days, "day", (start, end), datetime(2026, 11, 29, tzinfo=UTC)).times == set()
    )


def test_a_range_ending_mid_day_in_the_past_cuts_the_last_day() -> None:
    start, end = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 15, 12, tzinfo=UTC)
    days = local_days(ZoneInfo("UTC"), start, end)
    partial = partial_ends(days, "day", (start, end), datetime(2026, 11, 29, tzinfo=UTC))
    assert partial == PartialBuckets(None, days[-1], False)
    assert footnote(partial, "day") == "* partial: 2026-11-15 (range ends inside)"


def test_weeks_and_months_by_their_calendar_bounds() -> None:
    now = datetime(2026, 11, 29, 14, tzinfo=UTC)
    start = datetime(2026, 8, 29, 14, tzinfo=UTC)
    months = [datetime(2026, m, 1, tzinfo=UTC) for m in (8, 9, 10, 11)]
    assert partial_ends(months, "month", (start, now), now).times == {months[0], months[-1]}
    whole = (datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
    assert partial_ends(months[:3], "month", whole, now).times == set()
    mondays = [datetime(2026, 11, 2, tzinfo=UTC) + timedelta(weeks=w) for w in range(4)]
    assert partial_ends(mondays, "week", (mondays[0], now), now).times == {mondays[-1]}


def test_a_23_hour_dst_day_is_whole_when_the_range_covers_it() -> None:
    zone = ZoneInfo("America/Los_Angeles")  # DST ends 2026-11-01: a 25-hour day
    start = datetime(2026, 10, 31, tzinfo=zone)
    end = datetime(2026, 11, 3, tzinfo=zone)
    days = local_days(zone, start, end)
    assert len(days) == 3
    assert (
        partial_ends(days, "day", (start, end), datetime(2026, 11, 29, tzinfo=UTC)).times == set()
    )
    cut = end - timedelta(hours=1)  # 23:00 local on 11-02
    assert (
        partial_ends(days, "day", (start, cut), datetime(2026, 11, 29, tzinfo=UTC)).last == days[-1]
    )


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.datetimes(datetime(2025, 1, 1), datetime(2027, 1, 1)),
    st.integers(1, 30),
    st.integers(0, 23 * 60),
)
def test_every_zone_first_partial_iff_range_starts_after_midnight(
    zone_name: str, naive_now: datetime, days: int, back_minutes: int
) -> None:
    zone = ZoneInfo(zone_name)
    now = naive_now.replace(tzinfo=UTC)
    start = (now - timedelta(days=days)).astimezone(zone)
    start = start.replace(hour=0, minute=0, second=0, microsecond=0)
    start = start + timedelta(minutes=back_minutes)  # somewhere in the local day
    buckets = local_days(zone, start, now)
    partial = partial_ends(buckets, "day", (start, now), now)
    starts_mid_day = start.astimezone(zone) != buckets[0]
    assert (partial.first is not None) == starts_mid_day
    local_now = now.astimezone(zone)
    if local_now == local_now.replace(hour=0, minute=0, second=0, microsecond=0):
        assert partial.last is None  # the range ends as a day does
    else:
        assert partial.last == buckets[-1] and partial.in_progress  # today is not over


def test_the_table_knows_its_range_and_the_cli_table_marks_both_ends() -> None:
    now = datetime.now(UTC)
    start = now - timedelta(days=3)
    days = local_days(ZoneInfo("UTC"), start, now)
    rows = [{"date__day": f"{d:%Y-%m-%d}", "cost": 1.5} for d in days]
    request = QueryRequest(
        ["cost"], granularity="day", time_range=TimeRange(format_wire(start), format_wire(now))
    )
    table = build_table(QueryPayload(rows), request, META)
    assert table.span is not None
    assert partial_buckets(table).times == {days[0], days[-1]}
    text = to_text_table(table)
    assert f"{days[0]:%Y-%m-%d}*" in text and f"{days[-1]:%Y-%m-%d}*" in text
    assert f"{days[1]:%Y-%m-%d}*" not in text
    assert text.rstrip().splitlines()[-1].startswith("* partial: ")


@pytest.mark.parametrize("zone_name", ZONES)
def test_the_footnote_names_local_dates(zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    now = datetime(2026, 11, 29, 14, 10, tzinfo=UTC)
    start = (now - timedelta(days=2)).astimezone(zone)
    days = local_days(zone, start, now)
    note = footnote(partial_ends(days, "day", (start, now), now), "day")
    assert note is not None and f"{days[0]:%Y-%m-%d}" in note and f"{days[-1]:%Y-%m-%d}" in note
