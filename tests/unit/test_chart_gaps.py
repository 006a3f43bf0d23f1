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
