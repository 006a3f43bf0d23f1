"""Charts tell the truth, read back from their plain text: bar lengths, axes, date labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ortui.results.series import ChartData, Series
from ortui.results.table import Column
from ortui.widgets.chart_pane import render_chart
from tests.chart_text import (
    axis_under,
    column_heights,
    legend_entries,
    legend_rows,
    plot_rows,
    ranked_bars,
    top_dot_column,
    value_of,
    y_top,
)

SPEND = Column("total_usage", "Spend", "metric", [], "currency")
LATENCY = Column("latency_p90", "P90 latency", "metric", [], "latency", True)
RATE = Column("cache_hit_rate", "Cache hit rate", "metric", [], "percent", True)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def check_bars(values: list[float], metric: Column, width: int, height: int) -> None:
    bars = [(f"model-{i}", v) for i, v in enumerate(sorted(values, reverse=True))]
    text = render_chart(ChartData("bar", metric, bars=bars), width, height, colour=False)
    shown, start, axis = ranked_bars(text)
    assert shown, text
    lengths = [b.eighths for b in shown]
    assert lengths[0] == max(lengths), f"the largest value must have the longest bar\n{text}"
    ticks = [(column, value_of(label)) for column, label in axis.ticks]
    assert ticks[0] == (start, 0.0), f"the value axis starts at 0 where bars start\n{text}"
    top_column, top_value = ticks[-1]
    assert top_value >= bars[0][1] * (1 - 1e-9), f"axis ends before the maximum\n{text}"
    for bar, (_, value) in zip(shown, bars, strict=False):
        expected = value / top_value * (top_column - start)
        assert abs(bar.eighths / 8 - expected) <= 1, (bar, value, text)


def test_the_largest_bar_is_not_clipped_to_the_runner_up() -> None:
    """The issue's case: opus $20.27 and sonnet $15.45 were drawn the same length."""
    check_bars([20.27, 15.45, 7.1, 3.3, 1.2], SPEND, 100, 20)
    check_bars([2323, 2156, 1400], LATENCY, 80, 12)
    check_bars([0.385, 0.372, 0.2], RATE, 70, 12)


@FAST
@given(
    st.lists(st.floats(0.01, 1e7), min_size=1, max_size=12),
    st.integers(40, 200),
    st.integers(8, 30),
    st.sampled_from([SPEND, LATENCY, RATE, Column("n", "Requests", "metric", [], "number")]),
)
def test_bars_are_proportional_on_an_axis_from_zero(
    values: list[float], width: int, height: int, metric: Column
) -> None:
    check_bars(values, metric, width, height)


def days_in(zone: str, first: datetime, count: int) -> list[datetime]:
    tz = ZoneInfo(zone)
    start = first.replace(tzinfo=tz)
    return [(start + timedelta(days=i)).replace(tzinfo=tz) for i in range(count)]


def labels_of(text: str) -> list[tuple[int, str]]:
    lines, _, axis_row = plot_rows(text)
    return axis_under(lines, axis_row, "┴").ticks


def check_spike(
    times: list[datetime], spike: int, width: int, kind: str, partial: datetime | None = None
) -> None:
    values = [10.0 if i == spike else 1.0 for i in range(len(times))]
    data = ChartData(
        kind,
        SPEND,
        series=[Series("openai/gpt-4o", times, values)],
        granularity="day",
        partial=partial,
    )
    text = render_chart(data, width, 20, colour=False)
    labels = labels_of(text)
    names = [t.strftime("%m-%d") for t in times]
    assert labels, text
    order = [names.index(n.rstrip("*")) for _, n in labels]
    assert order == sorted(order), f"labels out of order\n{text}"
    assert labels[-1][1].rstrip("*") == names[-1], f"the last bucket is labelled\n{text}"
    if kind == "line":
        peak = top_dot_column(text)
    else:
        heights = column_heights(text)
        peak = max(heights, key=lambda x: (heights[x], -x))
    for column, label in labels:
        if column == peak:
            assert label.rstrip("*") == names[spike], f"label under the spike\n{text}"


@FAST
@given(
    st.integers(2, 16),
    st.data(),
    st.integers(40, 200),
    st.sampled_from(
        [
            "UTC",
            "America/Los_Angeles",
            "Pacific/Kiritimati",
            "Asia/Kolkata",
            "Europe/Berlin",
            "Australia/Lord_Howe",
        ]
    ),
    st.sampled_from(["line", "stacked"]),
)
def test_each_date_label_stands_under_its_own_bucket(
    count: int, data: st.DataObject, width: int, zone: str, kind: str
) -> None:
    spike = data.draw(st.integers(0, count - 1))
    times = days_in(zone, datetime(2026, 11, 27) - timedelta(days=count), count)
    check_spike(times, spike, width, kind)


def test_the_spike_of_the_issue_sits_over_its_own_date() -> None:
    """The 11-27 spike used to sit over "2026-11-26"; 7 ticks had 6 labels, ending at 11-27."""
    times = [datetime(2026, 11, 23, tzinfo=UTC) + timedelta(days=i) for i in range(7)]
    for width in range(40, 201, 7):
        check_spike(times, 4, width, "line")
        check_spike(times, 4, width, "stacked")


@FAST
@given(st.integers(17, 400), st.integers(40, 200), st.sampled_from(["line", "stacked"]))
def test_many_buckets_keep_labels_in_order_and_the_last_one_shown(
    count: int, width: int, kind: str
) -> None:
    times = [datetime(2025, 11, 1, tzinfo=UTC) + timedelta(days=i) for i in range(count)]
    values = [float(i % 7) for i in range(count)]
    data = ChartData(kind, SPEND, series=[Series("a", times, values)], granularity="day")
    text = render_chart(data, width, 16, colour=False)
    labels = labels_of(text)
    names = [
        t.strftime("%Y-%m-%d") if times[0].year != times[-1].year else t.strftime("%m-%d")
        for t in times
    ]
    assert labels and labels[-1][1] == names[-1]
    indexes = [names.index(label) for _, label in labels]
    assert indexes == sorted(indexes)


def test_a_bucket_in_progress_is_marked_not_read_as_a_drop() -> None:
    times = [datetime(2026, 11, 23, tzinfo=UTC) + timedelta(days=i) for i in range(7)]
    for kind in ("line", "stacked"):
        check_spike(times, 2, 90, kind, partial=times[-1])
        data = ChartData(
            kind,
            SPEND,
            series=[Series("a", times, [5, 5, 5, 5, 5, 5, 1])],
            granularity="day",
            partial=times[-1],
        )
        text = render_chart(data, 90, 16, colour=False)
        assert labels_of(text)[-1][1] == "11-29*"
        assert "* still in progress" in text


@FAST
@given(
    st.lists(st.lists(st.floats(0, 1e6), min_size=5, max_size=5), min_size=1, max_size=6),
    st.integers(40, 200),
    st.integers(10, 30),
)
def test_stacked_bars_are_as_tall_as_their_totals(
    series: list[list[float]], width: int, height: int
) -> None:
    times = [datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=i) for i in range(5)]
    data = ChartData(
        "stacked",
        SPEND,
        granularity="day",
        series=[Series(f"s{i}", times, v) for i, v in enumerate(series)],
    )
    text = render_chart(data, width, height, colour=False)
    _lines, first, axis_row = plot_rows(text)
    rows = axis_row - first
    top = y_top(text)
    totals = [sum(v[i] for v in series) for i in range(5)]
    assert top >= max(totals) * (1 - 1e-9)
    heights = column_heights(text)
    labels = labels_of(text)
    for column, label in labels:
        index = [t.strftime("%m-%d") for t in times].index(label)
        expected = totals[index] / top * rows * 8
        assert abs(heights.get(column, 0) - expected) <= 8, (label, text)


def test_in_colour_bars_are_backgrounds_of_the_same_proportions() -> None:
    """Colour bars are coloured cells (exact in any font); their lengths match NO_COLOR's."""
    from ortui.charts.render import render

    bars = [("opus", 20.27), ("sonnet", 15.45), ("Other (3)", 4.0)]
    data = ChartData("bar", SPEND, bars=bars, other_bar=True)
    plain_text = render_chart(data, 90, 12, colour=False)
    shown, _, _ = ranked_bars(plain_text)
    for line, bar in zip(render(data, 90, 12, colour=True)[1:], shown, strict=False):
        cells = sum(len(run.text) for run in line if run.bg is not None)
        step = next((run.text for run in line if run.text and run.text in "▏▎▍▌▋▊▉"), "")
        assert 8 * cells + (" ▏▎▍▌▋▊▉".index(step) if step else 0) == bar.eighths
        roles = {run.bg for run in line if run.bg is not None}
        assert roles == ({"other"} if bar.label.startswith("Other") else roles - {"other"})


NINE = [f"provider-{i}/model-{i} · key-{i}-prod" for i in range(8)] + ["Other (14)"]


@FAST
@given(
    st.lists(
        st.text("abcdefghij/-._", min_size=1, max_size=40), min_size=1, max_size=9, unique=True
    ),
    st.integers(40, 200),
    st.sampled_from(["line", "stacked"]),
)
@example(NINE, 74, "stacked")  # the chart pane's width at 120×40
@example(NINE, 48, "line")  # and at 80×24
def test_legend_entries_are_never_cut_by_the_edge(labels: list[str], width: int, kind: str) -> None:
    """Each label is shown whole or counted in "+k more"; the shown ones lead the ranking."""
    times = [datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=i) for i in range(4)]
    data = ChartData(
        kind, SPEND, series=[Series(label, times, [1.0, 2.0, 3.0, 4.0]) for label in labels]
    )
    text = render_chart(data, width, 24, colour=False)
    assert all(len(line) <= width for line in text.split("\n"))
    rows = legend_rows(text)
    shown, more = legend_entries(rows, labels)
    assert 1 <= len(rows) <= 3 and "…" not in "".join(rows), text
    assert shown == labels[: len(shown)] and len(shown) + more == len(labels), text
    assert shown or width < 3 + len(labels[0]), f"room for the first label, yet none shown\n{text}"
