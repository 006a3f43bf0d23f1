"""What a compared result shows where a period has no value: "—", never the JSON word "null"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ortui.analysis.compare import compare_tables
from ortui.analysis.periods import Shift
from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.results.decode import build_table
from ortui.results.formatting import format_cell
from ortui.results.table import ResultTable
from tests.conftest import TEST_KEY

META = Meta(
    metrics=[
        Metric("total_usage", "Spend", False, "currency"),
        Metric("cache_hit_rate", "Cache hit", True, "percent"),
    ]
)


def _table(rows: list[dict[str, Any]]) -> ResultTable:
    request = QueryRequest(["total_usage", "cache_hit_rate"], ["model"])
    return build_table(QueryPayload(data=rows), request, META)


def _shown(table: ResultTable, key: str) -> list[str]:
    column = table.column(key)
    assert column is not None
    return [format_cell(value, column) for value in column.values]


def test_a_side_without_the_row_and_a_rates_delta_pct_read_as_a_dash() -> None:
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
    assert _shown(joined, "total_usage") == ["$5.00", "$2.00", "—"]
    assert _shown(joined, "total_usage__previous") == ["$4.00", "—", "$3.00"]
    assert _shown(joined, "total_usage__delta") == ["+$1.00", "—", "—"]
    assert _shown(joined, "total_usage__delta_pct") == ["+25.0%", "—", "—"]
    assert _shown(joined, "cache_hit_rate__delta_pct") == ["—", "—", "—"]


def test_a_metric_the_server_sent_as_null_still_says_null() -> None:
    table = _table([{"model": "a", "total_usage": None, "cache_hit_rate": 0.5}])
    assert _shown(table, "total_usage") == ["null"]


def test_cli_table_of_a_compared_rate_has_no_null(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    args = ["query", "--base-url", demo_server.url, "--metrics", "cache_hit_rate"]
    args += ["--dimensions", "model", "--last", "7d", "--compare", "previous"]
    assert main([*args, "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].rstrip().endswith("Cache Hit Rate Δ%")
    assert len(lines) > 3 and "null" not in "\n".join(lines)
    assert all(line.rstrip().endswith("—") for line in lines[2:])
