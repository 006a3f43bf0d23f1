"""The decoder: the fast typed path matches the forgiving one, which takes the bad rows."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from benchmarks.decode import META, METRICS, decode_ortui, make_body, run
from ortui.api.models import QUERY_DECODER, QueryRequest
from ortui.results.decode import build_table, decode_result
from tests.helpers import time_values, values


@pytest.mark.parametrize("rows", [0, 1, 50])
def test_fast_decode_matches_the_generic_path(rows: int) -> None:
    body = make_body(rows)
    request = QueryRequest(METRICS, ["model", "api_key_id"], granularity="day")
    fast = decode_result(body, request, META)
    slow = build_table(QUERY_DECODER.decode(body).data, request, META)
    if rows:
        assert [(c.key, c.kind, c.label) for c in fast.columns] == [
            (c.key, c.kind, c.label) for c in slow.columns
        ]
        for a, b in zip(fast.columns, slow.columns, strict=True):
            assert a.values == b.values
    assert (fast.row_count, fast.truncated) == (slow.row_count, slow.truncated)


def test_unreadable_numbers_fall_back_and_are_flagged() -> None:
    body = json.dumps(
        {"data": {"data": [{"model": "m", "request_count": "n/a"}], "metadata": {}}}
    ).encode()
    table = decode_result(body, QueryRequest(["request_count"], ["model"]), META)
    assert values(table, "request_count") == [None]
    assert table.problems


def test_decode_benchmark_runs_at_a_tiny_size() -> None:
    assert decode_ortui(make_body(10)) == 10
    result = run(sizes=(20,), repeat=1)[0]
    assert result["rows"] == 20 and result["sdk_ms"] > 0 and result["ortui_ms"] > 0


@pytest.mark.parametrize("odd", ["yesterday", 20260519, ["2026-05-19"], {"d": 1}])
def test_unreadable_buckets_become_null_and_are_counted(odd: object) -> None:
    rows = [
        {"date__day": "2026-05-19", "model": "m", "request_count": "3"},
        {"date__day": odd, "model": "m", "request_count": "4"},
        {"date__day": odd, "model": "m", "request_count": "5"},
        {"date__day": None, "model": "m", "request_count": "6"},
    ]
    body = json.dumps({"data": {"data": rows, "metadata": {}}}).encode()
    table = decode_result(body, QueryRequest(["request_count"], ["model"], granularity="day"), META)
    times = time_values(table)
    assert isinstance(times[0], datetime)
    assert times[0].isoformat() == "2026-05-19T00:00:00+00:00"
    assert times[1:] == [None, None, None]
    assert table.problems == ["2 value(s) of date__day were not dates and are shown as null"]
    assert values(table, "request_count") == [3, 4, 5, 6]
