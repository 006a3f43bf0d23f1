"""``--compare`` grouped by API key joins each of the demo's two ``staging`` keys with its own
earlier period: rows are joined by what they show, so both periods are told apart first
(before, the second ``staging`` of each period went unpaired, or was paired with the other
key's)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.query.key_labels import shown_name
from tests.conftest import TEST_KEY
from tests.helpers import key_hashes, rows


def test_each_staging_key_is_compared_with_its_own_earlier_period(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    args = ["query", "--base-url", demo_server.url, "--metrics", "total_usage"]
    args += ["--dimensions", "api_key_id", "--last", "7d", "--compare", "previous"]
    assert main([*args, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metadata"]["rows_only_current"] == out["metadata"]["rows_only_previous"] == 0
    by_label = {r["api_key_id"]: r for r in out["rows"]}
    for key_hash in key_hashes(demo_server.url, "staging"):
        row = by_label[shown_name("staging", key_hash)]
        for period, value in (("current", row), ("previous", row["previous"])):
            body: dict[str, Any] = {
                "metrics": ["total_usage"],
                "time_range": out["metadata"][period],
                "filters": [{"field": "api_key_id", "operator": "eq", "value": key_hash}],
            }
            (own,) = rows(demo_server.url, body)
            assert value["total_usage"] == pytest.approx(own["total_usage"])
