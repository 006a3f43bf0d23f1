"""Formatting by display_format, sorting, finding and chart series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.results.decode import build_table
from ortui.results.formatting import format_metric
from ortui.results.series import chart_data
from ortui.results.sorting import find_rows, sorted_order
from ortui.results.table import ResultTable


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1234.561, "currency", "$1,234.56"),
        (0.0042, "currency", "$0.0042"),
        (0.412, "percent", "41.2%"),
        (812.4, "latency", "812 ms"),
        (95.31, "throughput", "95.3 tok/s"),
        (1523, "number", "1,523"),
        (1234.5, "number", "1,234.50"),
        (7, "mass", "7"),
        (-3.5, "currency", "-$3.50"),
    ],
)
def test_metric_formats(value: float, fmt: str, text: str) -> None:
    assert format_metric(value, fmt) == text


META = Meta(
    metrics=[Metric("cost", "Cost", False, "currency"), Metric("rate", "Rate", True, "percent")]
)


def series_table(models: int, days: int = 3) -> ResultTable:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    rows = [
        {
            "date__day": (start + timedelta(days=d)).strftime("%Y-%m-%d"),
            "model": f"m{m}",
            "cost": float(m + 1),
            "rate": 0.5,
        }
        for d in range(days)
        for m in range(models)
    ]
    request = QueryRequest(["cost", "rate"], ["model"], granularity="day")
    return build_table(QueryPayload(rows), request, META)


def test_line_chart_keeps_top_n_and_sums_the_rest_into_other() -> None:
    data = chart_data(series_table(10), "cost", top_n=8, kind="line")
    assert data.kind == "line" and len(data.series) == 9
    assert data.series[0].label == "m9"
    other = data.series[-1]
    assert other.label == "Other (2)" and other.values == [3.0, 3.0, 3.0]


def test_rate_metric_is_never_summed_into_other() -> None:
    data = chart_data(series_table(10), "rate", top_n=8)
    assert len(data.series) == 8 and "not summed" in data.note


def test_bar_chart_without_granularity() -> None:
    rows = [{"model": f"m{i}", "cost": float(i)} for i in range(12)]
    data = chart_data(
        build_table(QueryPayload(rows), QueryRequest(["cost"], ["model"]), META), None
    )
    assert data.kind == "bar" and data.bars[0] == ("m11", 11.0)
    assert data.bars[-1][0] == "Other (4)" and data.bars[-1][1] == 0 + 1 + 2 + 3


def test_sort_puts_nulls_last_and_find_matches_shown_text() -> None:
    rows: list[dict[str, Any]] = [
        {"model": "b", "cost": 2.0},
        {"model": "a", "cost": None},
        {"model": "c", "cost": 1234.5},
    ]
    table = build_table(QueryPayload(rows), QueryRequest(["cost"], ["model"]), META)
    assert sorted_order(table, "cost", True) == [2, 0, 1]
    assert sorted_order(table, "model", False) == [1, 0, 2]
    assert find_rows(table, "$1,234", [0, 1, 2]) == [2]
    assert find_rows(table, "NULL", [0, 1, 2]) == [1]


def test_bar_kind_over_time_ranks_totals_over_the_whole_range() -> None:
    """Bars of a daily query used to show only the newest (often partial) bucket, silently."""
    data = chart_data(series_table(3, days=4), "cost", kind="bar")
    assert data.kind == "bar" and "Totals over 2026-11-01 – 2026-11-04" in data.note
    assert data.bars == [("m2", 12.0), ("m1", 8.0), ("m0", 4.0)]


def test_bar_kind_of_a_rate_shows_the_newest_complete_bucket_and_says_so() -> None:
    table = series_table(3, days=4)
    now = datetime(2026, 11, 4, 12, tzinfo=UTC)  # 11-04 is still in progress
    data = chart_data(table, "rate", kind="bar", now=now)
    assert data.kind == "bar" and "bucket 2026-11-03 00:00 only" in data.note
    assert [v for _, v in data.bars] == [0.5, 0.5, 0.5]


def test_auto_stacks_additive_metrics_and_draws_rates_as_lines() -> None:
    table = series_table(3, days=4)
    assert chart_data(table, "cost").kind == "stacked"
    assert chart_data(table, "rate").kind == "line"
    stacked_rate = chart_data(table, "rate", kind="stacked")
    assert stacked_rate.kind == "line" and "is a rate" in stacked_rate.note


def test_a_bucket_still_in_progress_is_marked_partial() -> None:
    table = series_table(3, days=4)
    assert chart_data(table, "cost", now=datetime(2026, 11, 4, 9, tzinfo=UTC)).partial == datetime(
        2026, 11, 4, tzinfo=UTC
    )
    assert chart_data(table, "cost", now=datetime(2026, 11, 5, tzinfo=UTC)).partial is None


def test_line_kind_without_time_falls_back_to_bars_and_says_so() -> None:
    rows = [{"model": "a", "cost": 1.0}]
    data = chart_data(
        build_table(QueryPayload(rows), QueryRequest(["cost"], ["model"]), META), None, kind="line"
    )
    assert data.kind == "bar" and "No time buckets" in data.note


def test_series_labels_keep_values_of_other_types_apart() -> None:
    """Labels are made once per distinct key; 1, 1.0 and True are equal keys in Python but
    are three series with three labels (a server may send any JSON in a dimension)."""
    rows = [
        {"model": value, "api_key_id": key, "cost": 1.0}
        for value, key in [(1, "k"), (1.0, "k"), (True, "k"), (None, "k"), ("1", "k"), (1, "k")]
    ]
    table = build_table(QueryPayload(rows), QueryRequest(["cost"], ["model", "api_key_id"]), META)
    bars = dict(chart_data(table, "cost").bars)
    assert bars == {"1 · k": 3.0, "1.0 · k": 1.0, "True · k": 1.0, "(unset) · k": 1.0}
