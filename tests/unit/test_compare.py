"""Compare with an earlier period: windows, row matching, deltas checked against raw queries."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ortui.analysis.compare import compare_tables
from ortui.analysis.periods import CompareSpec, Shift, parse_compare, previous_window
from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.demo.server import DemoServer
from ortui.query.time_range import TimeRangeError
from ortui.results.decode import build_table
from ortui.results.formatting import format_metric
from ortui.results.table import Cell, ResultTable
from tests.helpers import rows, run_cli, stamp

END = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
START = END - timedelta(days=7)
CLI_RANGE = ["--start", f"{START:%Y-%m-%d %H:%M}", "--end", f"{END:%Y-%m-%d %H:%M}"]


def test_compare_specs_parse() -> None:
    assert parse_compare("previous") == CompareSpec("previous")
    assert parse_compare("previous-year") == CompareSpec("year")
    assert parse_compare("7d ago") == CompareSpec("ago", timedelta(days=7))
    assert parse_compare(" 7 d  ago ") == CompareSpec("ago", timedelta(days=7))
    assert parse_compare("2 weeks ago") == CompareSpec("ago", timedelta(days=14))
    assert parse_compare("36h ago") == CompareSpec("ago", timedelta(hours=36))
    for bad in ("", "yesterday", "0d ago", "-3d ago", "7x ago", "99999d ago"):
        with pytest.raises(TimeRangeError):
            parse_compare(bad)


def test_previous_window_is_the_preceding_equal_window() -> None:
    start, end = (
        datetime(2026, 11, 22, 10, 30, tzinfo=UTC),
        datetime(2026, 11, 29, 10, 30, tzinfo=UTC),
    )
    before = previous_window(start, end, CompareSpec("previous"))
    assert before[:2] == (start - timedelta(days=7), start)
    ago = previous_window(start, end, parse_compare("14d ago"))
    assert ago[:2] == (start - timedelta(days=14), end - timedelta(days=14))
    year = previous_window(start, end, CompareSpec("year"))
    assert year[:2] == (start.replace(year=2025), end.replace(year=2025))


def test_a_calendar_month_compares_with_the_month_before() -> None:
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    earlier_start, earlier_end, shift = previous_window(start, end, CompareSpec("previous"))
    assert (earlier_start, earlier_end) == (datetime(2026, 2, 1, tzinfo=UTC), start)
    assert shift == Shift(months=1)
    assert shift.forward(datetime(2026, 2, 28, tzinfo=UTC)) == datetime(2026, 3, 28, tzinfo=UTC)


def test_overlapping_windows_are_refused() -> None:
    start, end = datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, 5, tzinfo=UTC)
    with pytest.raises(TimeRangeError, match="overlap"):
        previous_window(start, end, parse_compare("7d ago"))


META = Meta(
    metrics=[
        Metric("total_usage", "Spend", False, "currency"),
        Metric("cache_hit_rate", "Cache hit", True, "percent"),
    ]
)


def _table(rows_: list[dict[str, Any]]) -> ResultTable:
    return build_table(
        QueryPayload(data=rows_), QueryRequest(["total_usage", "cache_hit_rate"], ["model"]), META
    )


def test_rows_in_one_period_only_show_the_other_side_as_none() -> None:
    now = _table(
        [
            {"model": "a", "total_usage": 5.0, "cache_hit_rate": 0.5},
            {"model": "new", "total_usage": 2.0, "cache_hit_rate": 0.1},
        ]
    )
    before = _table(
        [
            {"model": "a", "total_usage": 4.0, "cache_hit_rate": 0.4},
            {"model": "gone", "total_usage": 3.0, "cache_hit_rate": 0.2},
        ]
    )
    span = (datetime(2026, 1, 8, tzinfo=UTC), datetime(2026, 1, 15, tzinfo=UTC))
    earlier = (datetime(2026, 1, 1, tzinfo=UTC), span[0])
    joined = compare_tables(now, before, Shift(timedelta(days=7)), span, earlier).table

    def col(key: str) -> list[Cell]:
        column = joined.column(key)
        assert column is not None
        return column.values

    assert col("model") == ["a", "new", "gone"]
    assert col("total_usage") == [5.0, 2.0, None]
    assert col("total_usage__previous") == [4.0, None, 3.0]
    assert col("total_usage__delta") == [1.0, None, None]
    assert col("total_usage__delta_pct") == [0.25, None, None]
    # a rate compares as a difference in points, never as a ratio of ratios
    assert col("cache_hit_rate__delta") == [0.1, None, None]
    assert col("cache_hit_rate__delta_pct") == [None, None, None]
    assert format_metric(0.1, "points") == "+10.0 pts"
    assert format_metric(-1.5, "delta:currency") == "-$1.50"
    assert format_metric(0.25, "delta_pct") == "+25.0%"


def _by(result: list[dict[str, Any]], *keys: str) -> dict[tuple[object, ...], dict[str, Any]]:
    return {tuple(r[k] for k in keys): r for r in result}


def test_json_previous_and_deltas_equal_two_independent_queries(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    metrics = ["total_usage", "request_count", "cache_hit_rate"]
    code, out, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            ",".join(metrics),
            "--dimensions",
            "model",
            *CLI_RANGE,
            "--compare",
            "previous",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0, err
    body = json.loads(out)
    earlier = {"start": stamp(START - timedelta(days=7)), "end": stamp(START)}
    assert body["metadata"]["previous"] == earlier
    assert body["metadata"]["current"] == {"start": stamp(START), "end": stamp(END)}
    now = _by(
        rows(
            demo_server.url,
            {
                "metrics": metrics,
                "dimensions": ["model"],
                "time_range": {"start": stamp(START), "end": stamp(END)},
            },
        ),
        "model",
    )
    then = _by(
        rows(demo_server.url, {"metrics": metrics, "dimensions": ["model"], "time_range": earlier}),
        "model",
    )
    assert {r["model"] for r in body["rows"]} == {m for (m,) in now | then}
    for row in body["rows"]:
        current, previous = now.get((row["model"],)), then.get((row["model"],))
        for metric in metrics:
            was = None if previous is None else float(previous[metric])
            assert row["previous"][metric] == pytest.approx(was)
            if current is None or was is None:
                assert row["delta"][metric] is None
                continue
            assert row["delta"][metric] == pytest.approx(float(current[metric]) - was)
            if metric != "cache_hit_rate" and was:
                assert row["delta_pct"][metric] == pytest.approx(
                    (float(current[metric]) - was) / was
                )


def test_time_series_rows_match_shifted_buckets(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--granularity",
            "day",
            *CLI_RANGE,
            "--compare",
            "7d ago",
            "--format",
            "csv",
        ],
        capsys,
    )
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    assert "request_count__previous" in table[0] and "request_count__delta_pct" in table[0]
    earlier = rows(
        demo_server.url,
        {
            "metrics": ["request_count"],
            "granularity": "day",
            "time_range": {"start": stamp(START - timedelta(days=7)), "end": stamp(START)},
        },
    )
    then = {r["date__day"]: int(r["request_count"]) for r in earlier}
    checked = 0
    for row in table:
        day = (datetime.fromisoformat(row["date__day"]) - timedelta(days=7)).strftime("%Y-%m-%d")
        if day in then and row["request_count"]:
            assert int(row["request_count__previous"]) == then[day]
            assert int(row["request_count__delta"]) == int(row["request_count"]) - then[day]
            checked += 1
    assert checked >= 7


def test_markdown_and_table_gain_columns(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            "--dimensions",
            "model",
            *CLI_RANGE,
            "--compare",
            "previous",
            "--format",
            "md",
        ],
        capsys,
    )
    assert code == 0
    assert out.startswith(
        "| Model | Total Usage | Total Usage (prev) | Total Usage Δ | Total Usage Δ% |"
    )


def test_overlapping_compare_exits_2_before_sending(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            "--last",
            "30d",
            "--compare",
            "7d ago",
        ],
        capsys,
    )
    assert code == 2 and out == "" and "overlap" in err
    code, _, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            "--compare",
            "last tuesday",
        ],
        capsys,
    )
    assert code == 2 and "previous-year" in err


def test_local_days_compare_with_the_same_local_days_before(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --tz the shown days are local; the earlier window is counted the same way."""
    days = [(END - timedelta(days=n)).strftime("%Y-%m-%d") for n in (15, 8, 1)]
    base = [
        "query",
        "--base-url",
        demo_server.url,
        "--metrics",
        "request_count",
        "--granularity",
        "day",
        "--tz",
        "Asia/Tokyo",
        "--format",
        "csv",
    ]
    code, out, err = run_cli(
        [*base, "--start", days[1], "--end", days[2], "--compare", "previous"], capsys
    )
    assert code == 0, err
    compared = list(csv.DictReader(io.StringIO(out)))
    code, out, err = run_cli([*base, "--start", days[0], "--end", days[1]], capsys)
    assert code == 0, err
    alone = {r["date__day"]: int(r["request_count"]) for r in csv.DictReader(io.StringIO(out))}
    assert len(compared) == len(alone) == 7
    for row in compared:
        before = (datetime.fromisoformat(row["date__day"]) - timedelta(days=7)).strftime("%Y-%m-%d")
        assert int(row["request_count__previous"]) == alone[before]
        assert int(row["request_count__delta"]) == int(row["request_count"]) - alone[before]


def test_chart_draws_the_previous_period_dimmed() -> None:
    from ortui.charts.canvas import plain
    from ortui.charts.render import render
    from ortui.results.series import ChartData, Series
    from ortui.results.table import Column

    metric = Column("total_usage", "Spend", "metric", [], "currency")
    days = [datetime(2026, 11, d, tzinfo=UTC) for d in (1, 2, 3)]
    line = ChartData(
        "line",
        metric,
        [Series("a", days, [1.0, 2.0, 1.0])],
        granularity="day",
        previous=[Series("a", days, [9.0, 9.0, 9.0])],
    )
    lines = render(line, 60, 14, colour=True)
    text = plain(lines)
    assert "previous period" in text and "$10" in text  # the axis holds the earlier values
    muted = [run.text for row in lines for run in row if run.fg == "muted" and run.text.strip()]
    assert any(ch in "".join(muted) for ch in "⠁⠂⠄⡀⠈⠐⠠⢀")
    bars = ChartData(
        "bar", metric, bars=[("a", 2.0), ("b", 1.0)], previous_bars={"a": 4.0, "b": 1.0}
    )
    lines = render(bars, 60, 10, colour=True)
    assert "previous period" in plain(lines)
    assert sum(run.text.count("┃") for row in lines for run in row if run.fg == "muted") == 2
