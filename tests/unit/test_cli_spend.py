"""``ortui spend`` and ``ortui check`` against the loopback simulator, checked with raw HTTP."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ortui.demo.server import DemoServer
from ortui.spend.periods import current_period
from tests.conftest import CANARY_KEY, TEST_KEY
from tests.helpers import run_cli

WIRE = "%Y-%m-%dT%H:%M:%SZ"


def _get(url: str, path: str, **params: str) -> Any:
    response = httpx.get(url + path, params=params, headers={"Authorization": f"Bearer {TEST_KEY}"})
    assert response.status_code == 200, response.text
    return response.json()


def _spent(url: str, workspace: str, start: datetime, end: datetime, byok: bool) -> float:
    metrics = ["credits_usage", "byok_usage"] if byok else ["credits_usage"]
    body = {
        "metrics": metrics,
        "time_range": {"start": start.strftime(WIRE), "end": end.strftime(WIRE)},
        "filters": [{"field": "workspace", "operator": "eq", "value": workspace}],
    }
    rows = httpx.post(
        url + "/analytics/query", json=body, headers={"Authorization": f"Bearer {TEST_KEY}"}
    ).json()["data"]["data"]
    return sum(float(r[m] or 0) for r in rows for m in metrics)


def _spend_json(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run_cli(["spend", "--base-url", url, "--format", "json"], capsys)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def test_spend_json_equals_what_the_management_endpoints_say(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_server.url
    doc = _spend_json(url, capsys)
    credits = _get(url, "/credits")["data"]
    assert doc["credits"]["total_credits"] == credits["total_credits"]
    assert doc["credits"]["total_usage"] == pytest.approx(credits["total_usage"], abs=0.01)
    assert doc["credits"]["remaining"] == pytest.approx(
        credits["total_credits"] - credits["total_usage"], abs=0.01
    )
    spaces = _get(url, "/workspaces")["data"]
    listed = [
        k
        for w in spaces
        for k in _get(url, "/keys", workspace_id=w["id"], include_disabled="true")["data"]
    ]
    assert [k["hash"] for k in doc["keys"]] == [k["hash"] for k in listed]
    assert any(k["disabled"] for k in doc["keys"])
    for mine, theirs in zip(doc["keys"], listed, strict=True):
        assert {
            f: mine[f]
            for f in ("name", "workspace_id", "disabled", "limit", "limit_reset", "limit_remaining")
        } == {
            f: theirs[f]
            for f in ("name", "workspace_id", "disabled", "limit", "limit_reset", "limit_remaining")
        }
        period = {"daily": "usage_daily", "weekly": "usage_weekly", "monthly": "usage_monthly"}.get(
            theirs["limit_reset"] or "", "usage"
        )
        expected = theirs[period] + (
            theirs["byok_" + period] if theirs["include_byok_in_limit"] else 0
        )
        assert mine["usage_period"] == pytest.approx(expected, abs=0.01)
        if theirs["limit"]:
            assert mine["used_pct"] == pytest.approx(expected / theirs["limit"] * 100, abs=0.1)
    budgets = [(w, b) for w in spaces for b in _get(url, f"/workspaces/{w['id']}/budgets")["data"]]
    assert [(b["workspace_id"], b["limit_usd"], b["reset_interval"]) for b in doc["budgets"]] == [
        (w["id"], b["limit_usd"], b["reset_interval"]) for w, b in budgets
    ]
    assert [b["workspace"] for b in doc["budgets"]] == [w["name"] for w, _ in budgets]


def test_pace_and_budget_spend_are_true_at_the_time_of_the_run(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_server.url
    before = datetime.now(UTC)
    doc = _spend_json(url, capsys)
    after = datetime.now(UTC)
    for key_doc in doc["keys"]:
        period = current_period(key_doc["limit_reset"], before)
        if period is None or not key_doc["usage_period"]:
            continue
        # Projected = spent ÷ elapsed share of the period, at some moment of the run.
        low = key_doc["usage_period"] / period.elapsed_share(after)
        high = key_doc["usage_period"] / period.elapsed_share(before)
        assert low - 0.01 <= key_doc["projected_period"] <= high + 0.01
        if key_doc["limit"]:
            assert key_doc["will_exceed"] == (key_doc["projected_period"] >= key_doc["limit"])
    byok = {
        w["id"]: _get(url, f"/workspaces/{w['id']}/budgets").get("include_byok_in_budgets", False)
        for w in _get(url, "/workspaces")["data"]
    }
    for budget in doc["budgets"]:
        period = current_period(budget["reset_interval"], before)
        if period is None:
            continue
        spent = _spent(
            url,
            budget["workspace_id"],
            period.start,
            after.replace(microsecond=0) + timedelta(seconds=1),
            byok[budget["workspace_id"]],
        )
        assert budget["spent"] == pytest.approx(spent, abs=0.05)


def test_the_demo_states_are_there(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _spend_json(demo_server.url, capsys)
    daily = [k for k in doc["keys"] if k["limit_reset"] == "daily"]
    assert daily and all(k["used_pct"] >= 85 for k in daily)
    assert any(b["used_pct"] > 100 for b in doc["budgets"])
    assert any(k["disabled"] for k in doc["keys"])
    assert 0 < doc["credits"]["runway_days"] < 31
    assert doc["month"]["projected"] >= doc["month"]["to_date"] > 0
    assert "weekday" in doc["month"]["method"]


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_spend_text_formats(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, _ = run_cli(["spend", "--base-url", demo_server.url, "--format", fmt], capsys)
    assert code == 0
    assert "agent-experiments" in out and "Research" in out


def _check(url: str, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code, out, _ = run_cli(["check", "--base-url", url, *options], capsys)
    return code, out


@pytest.fixture()
def figures(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    return _spend_json(demo_server.url, capsys)


def test_each_check_threshold_crossed_and_not(
    demo_server: DemoServer, figures: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_server.url
    remaining = figures["credits"]["remaining"]
    runway = figures["credits"]["runway_days"]
    keyed = [k for k in figures["keys"] if k["limit"] and not k["disabled"]]
    top_use = max(k["used_pct"] for k in keyed)
    top_pace = max(
        k["projected_period"] / k["limit"] * 100 for k in keyed if k["projected_period"] is not None
    )
    top_budget = max(b["used_pct"] for b in figures["budgets"])
    cases = [
        ("--balance-below", remaining + 1, remaining - 1),
        ("--runway-below", runway + 1, runway - 1),
        ("--key-usage-above", top_use - 1, top_use + 5),
        ("--key-pace-above", top_pace * 0.8, top_pace * 1.5 + 5),
        ("--budget-usage-above", top_budget - 1, top_budget + 5),
    ]
    for option, crossed, holds in cases:
        code, out = _check(url, capsys, option, f"{crossed:.4f}")
        assert code == 1 and len(out.splitlines()) >= 1, option
        code, out = _check(url, capsys, option, f"{max(holds, 0):.4f}")
        assert (code, out) == (0, ""), option
    assert _check(url, capsys, "--spend-today-above", "0")[0] == 1
    assert _check(url, capsys, "--spend-today-above", "1000000")[0] == 0


def test_check_by_key_name_and_json(
    demo_server: DemoServer, figures: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_server.url
    daily = next(k for k in figures["keys"] if k["limit_reset"] == "daily")
    code, out = _check(
        url,
        capsys,
        "--key-usage-above",
        "100",
        "--key-usage-above",
        f"{daily['name']}=50",
        "--format",
        "json",
    )
    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False
    assert [c["id"] for c in doc["crossed"]] == [daily["hash"]]
    assert doc["crossed"][0]["check"] == "key-usage-above"
    code, out = _check(url, capsys, "--key-usage-above", f"{daily['hash']}=100", "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_check_usage_errors(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_server.url
    assert _check(url, capsys)[0] == 2
    assert _check(url, capsys, "--key-usage-above", "lots")[0] == 2
    assert _check(url, capsys, "--key-usage-above", "no-such-key=5")[0] == 2
    code, _, err = run_cli(
        ["check", "--base-url", url + "/nowhere", "--balance-below", "5", "--retries", "0"], capsys
    )
    assert code == 3 and "ortui:" in err


def test_the_key_never_shows(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)
    for args in (
        ["spend", "--format", "json"],
        ["spend", "--format", "table"],
        ["check", "--balance-below", "1000000", "--format", "json"],
    ):
        code, out, err = run_cli([*args, "--base-url", demo_server.url], capsys)
        assert code in (0, 1) and CANARY_KEY not in out + err
    code, out, err = run_cli(["spend", "--base-url", demo_server.url + "/nowhere"], capsys)
    assert code == 3 and CANARY_KEY not in out + err
