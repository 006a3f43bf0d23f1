"""Pivot tables, sparklines and grid column widths, without a terminal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.results.column_widths import PADDING, fit_widths, natural_widths
from ortui.results.decode import build_table
from ortui.results.pivot import pivot_table, sparkline
from ortui.results.table import ResultTable

META = Meta(
    metrics=[Metric("cost", "Cost", False, "currency"), Metric("rate", "Rate", True, "percent")]
)


def daily(models: list[str], days: int, skip: set[tuple[int, int]] | None = None) -> ResultTable:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    rows = [
        {
            "date__day": (start + timedelta(days=d)).strftime("%Y-%m-%d"),
            "model": m,
            "cost": float((i + 1) * (d + 1)),
            "rate": 0.1 * (i + 1),
        }
        for d in range(days)
        for i, m in enumerate(models)
        if (d, i) not in (skip or set())
    ]
    return build_table(
        QueryPayload(rows), QueryRequest(["cost", "rate"], ["model"], granularity="day"), META
    )


def test_sparkline_spans_zero_to_the_row_maximum() -> None:
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, None, 5]) == "█ █"
    assert sparkline([None, None]) == "  "


def test_pivot_sums_buckets_ranks_rows_and_fills_missing_additive_buckets_with_zero() -> None:
    pivot = pivot_table(daily(["a", "b"], 3, skip={(1, 1)}), "cost")
    assert [c.label for c in pivot.columns] == [
        "Model",
        "Cost trend",
        "Total",
        "2026-11-01",
        "2026-11-02",
        "2026-11-03",
    ]
    assert pivot.columns[0].values == ["b", "a"]
    assert pivot.columns[2].values == [2.0 + 0.0 + 6.0, 1.0 + 2.0 + 3.0]
    assert pivot.columns[4].values == [0.0, 2.0]


def test_a_rate_pivot_has_no_total_and_keeps_gaps() -> None:
    pivot = pivot_table(daily(["a", "b"], 3, skip={(1, 1)}), "rate")
    assert "Total" not in [c.label for c in pivot.columns]
    assert pivot.columns[3].values[0] is None  # b has no 11-02 row: not 0 %


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 80), min_size=1, max_size=4), st.integers(30, 200))
def test_metric_columns_are_never_cut_and_text_gives_way_first(
    name_lengths: list[int], room: int
) -> None:
    rows = [{"model": "m" * n, "cost": 1234.5 * n} for n in name_lengths]
    table = build_table(QueryPayload(rows), QueryRequest(["cost"], ["model"]), META)
    natural = natural_widths(table)
    widths = fit_widths(table, natural, room)
    assert widths[1] == natural[1]  # the metric keeps its width
    if sum(w + PADDING for w in natural) > room and widths[0] > 12:
        assert sum(w + PADDING for w in widths) <= room
