"""A time axis keeps its empty buckets: an hour (day, week…) with no rows is an empty slot at
its own place, not squeezed out so that later buckets slide left under the wrong times."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ortui.results.series import ChartData, Series
from ortui.results.table import Column
from ortui.widgets.chart_pane import render_chart
from tests.chart_text import axis_under, column_heights, plot_rows

SPEND = Column("total_usage", "Spend", "metric", [], "currency")
RATE = Column("cache_hit_rate", "Cache hit rate", "metric", [], "percent", True)
MIDNIGHT = datetime(2026, 11, 27, tzinfo=UTC)


def hourly(hours: list[int], values: list[float], metric: Column, kind: str) -> str:
    times = [MIDNIGHT + timedelta(hours=h) for h in hours]
    data = ChartData(kind, metric, series=[Series("All", times, values)], granularity="hour")
    return render_chart(data, 100, 16, colour=False)


def labels(text: str) -> list[tuple[int, str]]:
    lines, _, axis_row = plot_rows(text)
    return axis_under(lines, axis_row, "┴").ticks


def test_hours_without_rows_keep_their_slots_in_a_stacked_chart() -> None:
    """The demo's agent-experiments key on 11-27 has no requests at 02:00 and 04:00: the axis
    read 00:00 01:00 03:00 05:00 evenly spaced, the 03:00 spike a third of the way across."""
    text = hourly([0, 1, 3, 5], [1.0, 1.0, 5.0, 1.0], SPEND, "stacked")
    shown = labels(text)
    assert [label for _, label in shown] == [f"{h:02}:00" for h in range(6)], text
    heights = column_heights(text)
    at = dict((label, column) for column, label in shown)
    assert heights.get(at["02:00"], 0) == 0 and heights.get(at["04:00"], 0) == 0, text
    assert heights[at["03:00"]] == max(heights.values()), text


def test_hours_without_rows_keep_their_slots_in_a_line_chart() -> None:
    for metric in (SPEND, RATE):
        text = hourly([0, 1, 3, 5], [0.1, 0.1, 0.5, 0.1], metric, "line")
        shown = labels(text)
        assert [label for _, label in shown] == [f"{h:02}:00" for h in range(6)], text
        columns = [column for column, _ in shown]
        steps = {b - a for a, b in itertools.pairwise(columns)}
        assert max(steps) - min(steps) <= 1, f"evenly spaced hours\n{text}"


def test_missing_local_days_across_a_dst_change_are_filled() -> None:
    """Local days in Los Angeles around the November change (one of them 25 hours long)."""
    zone = ZoneInfo("America/Los_Angeles")
    days = [datetime(2026, 10, 30, tzinfo=zone) + timedelta(days=i) for i in (0, 1, 4, 5)]
    data = ChartData(
        "stacked", SPEND, series=[Series("All", days, [1, 1, 4, 1])], granularity="day"
    )
    text = render_chart(data, 100, 16, colour=False)
    assert [label for _, label in labels(text)] == [
        "10-30",
        "10-31",
        "11-01",
        "11-02",
        "11-03",
        "11-04",
    ], text


def test_the_axis_spans_the_range_asked_for_not_only_the_rows() -> None:
    """A key first used on 11-21 in a last-14-days chart: the axis starts at 11-15 (an empty
    slot for each day before) and ends at the range's last day, not at the first and last rows."""
    start = datetime(2026, 11, 15, tzinfo=UTC)
    times = [start + timedelta(days=d) for d in (6, 7, 9)]
    for kind in ("stacked", "line"):
        data = ChartData(
            kind,
            SPEND,
            series=[Series("agent", times, [1.0, 2.0, 3.0])],
            granularity="day",
            span=(start, start + timedelta(days=14)),
        )
        shown = labels(render_chart(data, 140, 16, colour=False))
        days = [datetime.fromisoformat(f"2026-{label}").day for _, label in shown]
        assert days[0] == 15 and days[-1] == 28, shown


def spanned(times: list[datetime], grain: str, start: datetime, length: timedelta) -> list[str]:
    """The axis labels of a stacked chart of two rows at ``times``, asked over ``length``
    from ``start``."""
    data = ChartData(
        "stacked",
        SPEND,
        series=[Series("agent", times, [1.0, 2.0])],
        granularity=grain,
        span=(start, start + length),
    )
    return [label for _, label in labels(render_chart(data, 140, 16, colour=False))]


def test_local_days_and_utc_hours_reach_the_range_ends_too() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    start = datetime(2026, 11, 14, 15, tzinfo=UTC)  # 11-15 00:00 in Tokyo
    days = [datetime(2026, 11, d, tzinfo=tokyo) for d in (18, 19)]
    shown = spanned(days, "day", start, timedelta(days=7))
    assert shown[0] == "11-15" and shown[-1] == "11-21", shown
    hours = [MIDNIGHT + timedelta(hours=h) for h in (3, 4)]
    shown = spanned(hours, "hour", MIDNIGHT, timedelta(hours=6))
    assert shown == [f"{h:02}:00" for h in range(6)], shown


def test_rows_outside_the_range_asked_for_are_drawn_as_they_are() -> None:
    hours = [MIDNIGHT + timedelta(hours=h) for h in (3, 4)]
    shown = spanned(hours, "hour", datetime(2020, 1, 1, tzinfo=UTC), timedelta(days=7))
    assert shown == ["03:00", "04:00"], shown
