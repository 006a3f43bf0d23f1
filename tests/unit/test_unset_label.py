"""An unset dimension value (no key, no app) reads ``(unset)`` everywhere a person reads it —
CLI table and markdown, explain's table, the chart legend — while JSON keeps ``null``."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ortui.analysis.explain import Breakdown, Explanation, Group, Period
from ortui.analysis.explain_table import breakdown_table
from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.results.decode import build_table
from ortui.results.formatting import empty_text
from ortui.results.series import chart_data

QUERY = ["--metrics", "request_count", "--dimensions", "api_key_id", "--last", "30d"]
META = Meta(metrics=[Metric("cost", "Cost", False, "currency")])


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_query_tables_say_unset(
    fmt: str, demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(["query", "--base-url", demo_server.url, *QUERY, "--format", fmt], capsys)
    assert "(unset)" in out and "null" not in out


def test_query_json_keeps_null(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(["query", "--base-url", demo_server.url, *QUERY, "--format", "json"], capsys)
    keys = [row["api_key_id"] for row in json.loads(out)["rows"]]
    assert None in keys and "(unset)" not in keys


def test_explain_table_says_unset_and_json_keeps_null(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["explain", "--base-url", demo_server.url, "--metric", "request_count"]
    args += ["--last", "30d", "--by", "api_key_id", "--top", "20"]
    assert "(unset)" in _run(args, capsys)
    groups = json.loads(_run([*args, "--format", "json"], capsys))["by"]["api_key_id"]
    assert None in [g["value"] for g in groups]


def test_chart_legend_says_unset() -> None:
    rows: list[dict[str, object]] = [{"api_key_id": None, "cost": 2.0}]
    rows.append({"api_key_id": "prod", "cost": 1.0})
    table = build_table(QueryPayload(rows), QueryRequest(["cost"], ["api_key_id"]), META)
    assert [label for label, _ in chart_data(table, "cost").bars] == ["(unset)", "prod"]


def test_explain_numbers_that_do_not_exist_read_as_no_value() -> None:
    """A share of no change at all (the total did not move) is no null from the server: it
    reads "—" in the grid, as every number ortui works out and cannot."""
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    period = Period(moment, moment, 10.0)
    groups = [Group("prod", 5.0, 5.0, 0.0, None), Group("ci", None, 2.0, -2.0, None)]
    explanation = Explanation("request_count", "additive", period, period)
    table = breakdown_table(explanation, Breakdown("api_key_id", groups), "Requests", "integer")
    share, current = table.column("share"), table.column("current")
    assert share is not None and current is not None
    assert empty_text(share) == empty_text(current) == "—"
