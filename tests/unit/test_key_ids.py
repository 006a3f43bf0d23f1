"""Two keys named ``staging`` are told apart in ``ortui query``: each row reads ``staging
(2b182c99…)`` with its own key's numbers, and JSON/CSV carry every row's key hash."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import msgspec
import pytest

from ortui.api import management_models as mm
from ortui.api.models import Filter, Meta, Metric, QueryPayload, QueryRequest
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.query.key_ids import ID_KEY, shared_in_account, shown_name, with_key_ids
from ortui.query.resolver import Directory
from ortui.results.decode import build_table
from tests.helpers import key_hashes, rows, window

QUERY = ["--metrics", "total_usage,request_count", "--dimensions", "api_key_id"]


def _run(base: str, fmt: str, capsys: pytest.CaptureFixture[str], span: dict[str, str]) -> str:
    times = ["--start", span["start"][:16].replace("T", " ")]
    times += ["--end", span["end"][:16].replace("T", " ")]
    assert main(["query", "--base-url", base, *QUERY, *times, "--format", fmt]) == 0
    return capsys.readouterr().out


def test_json_rows_carry_each_keys_hash_and_its_own_numbers(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    span = window(7)
    hashes = key_hashes(demo_server.url, "staging")
    assert len(hashes) == 2
    records = json.loads(_run(demo_server.url, "json", capsys, span))["rows"]
    staging = [r for r in records if str(r["api_key_id"]).startswith("staging")]
    assert sorted(r[ID_KEY] for r in staging) == sorted(hashes)
    for record in staging:
        assert record["api_key_id"] == shown_name("staging", record[ID_KEY])
        body: dict[str, Any] = {
            "metrics": ["total_usage", "request_count"],
            "time_range": span,
            "filters": [{"field": "api_key_id", "operator": "eq", "value": record[ID_KEY]}],
        }
        (own,) = rows(demo_server.url, body)
        assert record["total_usage"] == pytest.approx(own["total_usage"])
        assert record["request_count"] == int(own["request_count"])
    assert all(r[ID_KEY] for r in records if r["api_key_id"] is not None)


def test_table_and_csv_tell_the_two_apart(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    span = window(7)
    hashes = key_hashes(demo_server.url, "staging")
    table = _run(demo_server.url, "table", capsys, span)
    for key_hash in hashes:
        assert shown_name("staging", key_hash) in table
    parsed = list(csv.DictReader(io.StringIO(_run(demo_server.url, "csv", capsys, span))))
    assert {r[ID_KEY] for r in parsed if r["api_key_id"].startswith("staging")} == set(hashes)


def test_a_row_no_answer_matches_keeps_its_plain_name() -> None:
    meta = Meta(metrics=[Metric("cost", "Cost", False, "currency")])
    request = QueryRequest(["cost"], ["api_key_id"])
    shown = build_table(QueryPayload([{"api_key_id": "staging", "cost": 1.0}] * 2), request, meta)
    one = build_table(QueryPayload([{"api_key_id": "staging", "cost": 1.0}]), request, meta)
    keys = tuple(
        mm.ApiKey(h * 64, "staging", "w", False, None, None, None, 0.0, 0.0, 0.0, 0.0) for h in "ab"
    )
    told = with_key_ids(shown, Directory(keys), {"a" * 64: one, "b" * 64: one})
    assert told.ids[ID_KEY] == ["a" * 64, "b" * 64]
    lone = with_key_ids(shown, Directory(keys), {"a" * 64: one})
    assert lone.ids[ID_KEY] == ["a" * 64, None]
    assert lone.column("api_key_id") is not None
    assert lone.column("api_key_id").values[1] == "staging"  # type: ignore[union-attr]


def _key(key_hash: str, name: str) -> mm.ApiKey:
    return mm.ApiKey(key_hash, name, "w", False, None, None, None, 0.0, 0.0, 0.0, 0.0)


def _staging_keys() -> tuple[mm.ApiKey, ...]:
    return (_key("a" * 64, "staging"), _key("b" * 64, "staging"), _key("c" * 64, "prod"))


def test_answers_match_whatever_order_their_columns_come_in() -> None:
    meta = Meta(
        metrics=[Metric("cost", "Cost", False, "currency"), Metric("n", "N", False, "integer")]
    )
    request = QueryRequest(["cost", "n"], ["api_key_id"])
    rows = [
        {"api_key_id": "staging", "cost": 1.0, "n": 2},
        {"api_key_id": "staging", "cost": 3.0, "n": 4},
    ]
    shown = build_table(QueryPayload(rows), request, meta)
    swapped = QueryRequest(["n", "cost"], ["api_key_id"])
    a = build_table(QueryPayload([rows[1]]), swapped, meta)
    b = build_table(QueryPayload([rows[0]]), swapped, meta)
    told = with_key_ids(shown, Directory(_staging_keys()), {"a" * 64: a, "b" * 64: b})
    assert told.ids[ID_KEY] == ["b" * 64, "a" * 64]


def test_keys_asked_before_the_result_are_those_sharing_a_name_and_passing_the_filters() -> None:
    directory = Directory(_staging_keys())
    plain = QueryRequest(["cost"], ["api_key_id"])
    assert [c.id for c in shared_in_account(directory, plain)["staging"]] == ["a" * 64, "b" * 64]
    only_a = msgspec.structs.replace(plain, filters=[Filter("api_key_id", "in", ["a" * 64])])
    assert shared_in_account(directory, only_a) == {}
    not_c = msgspec.structs.replace(plain, filters=[Filter("api_key_id", "neq", "c" * 64)])
    assert list(shared_in_account(directory, not_c)) == ["staging"]
    not_b = msgspec.structs.replace(plain, filters=[Filter("api_key_id", "not_in", ["b" * 64])])
    assert shared_in_account(directory, not_b) == {}


def _local(base: str, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    args = ["query", "--base-url", base, *QUERY, "--granularity", "day", "--last", "7d"]
    assert main([*args, "--tz", "Asia/Tokyo", *extra, "--format", "json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["rows"]
    return records


def test_local_days_keep_two_keys_of_one_name_apart(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Local days add hourly rows up by name; each staging key still gets its own row per day,
    with the numbers of the same query filtered to that key."""
    hashes = key_hashes(demo_server.url, "staging")
    records = _local(demo_server.url, capsys)
    staging = [r for r in records if str(r["api_key_id"]).startswith("staging")]
    assert staging and all(r[ID_KEY] in hashes for r in staging)
    assert all(r["api_key_id"] == shown_name("staging", r[ID_KEY]) for r in staging)
    for key_hash in hashes:
        own = _local(demo_server.url, capsys, "--filter", f"api_key_id = {key_hash}")
        told = {r["date__day"]: r for r in staging if r[ID_KEY] == key_hash}
        assert set(told) == {r["date__day"] for r in own}
        for row in own:
            assert told[row["date__day"]]["total_usage"] == pytest.approx(row["total_usage"])
            assert told[row["date__day"]]["request_count"] == row["request_count"]
