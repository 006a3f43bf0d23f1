"""Two keys named ``staging`` are told apart in ``ortui query``: each row reads ``staging
(2b182c99…)`` with its own key's numbers, and JSON/CSV carry every row's key hash."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
import pytest

from ortui.api import management_models as mm
from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.query.key_ids import ID_KEY, shown_name, with_key_ids
from ortui.query.resolver import Directory
from ortui.results.decode import build_table
from tests.conftest import TEST_KEY
from tests.helpers import AUTH, rows, window

QUERY = ["--metrics", "total_usage,request_count", "--dimensions", "api_key_id"]


def staging_hashes(base: str) -> list[str]:
    found: list[str] = []
    spaces = httpx.get(f"{base}/workspaces", headers=AUTH, timeout=10).json()["data"]
    for space in spaces:
        keys = httpx.get(
            f"{base}/keys", params={"workspace_id": space["id"]}, headers=AUTH, timeout=10
        ).json()["data"]
        found += [k["hash"] for k in keys if k["name"] == "staging"]
    return found


@pytest.fixture()
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)


def _run(base: str, fmt: str, capsys: pytest.CaptureFixture[str], span: dict[str, str]) -> str:
    times = ["--start", span["start"][:16].replace("T", " ")]
    times += ["--end", span["end"][:16].replace("T", " ")]
    assert main(["query", "--base-url", base, *QUERY, *times, "--format", fmt]) == 0
    return capsys.readouterr().out


def test_json_rows_carry_each_keys_hash_and_its_own_numbers(
    demo_server: DemoServer, key: None, capsys: pytest.CaptureFixture[str]
) -> None:
    span = window(7)
    hashes = staging_hashes(demo_server.url)
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
    demo_server: DemoServer, key: None, capsys: pytest.CaptureFixture[str]
) -> None:
    span = window(7)
    hashes = staging_hashes(demo_server.url)
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
