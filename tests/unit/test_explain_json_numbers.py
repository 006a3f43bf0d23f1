"""``ortui explain --format json`` writes numbers without float noise: money to the millionth
of a dollar (as the server sends it), other amounts and shares to 9 decimals; still numbers,
still adding up, C1 controls in names escaped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from ortui.analysis.explain import Breakdown, Explanation, Group, Period
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.export.explanation import explanation_json
from tests.conftest import TEST_KEY


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _numbers(node: Any, key: str = "") -> list[tuple[str, float]]:
    if isinstance(node, dict):
        return [n for k, v in node.items() for n in _numbers(v, k)]
    if isinstance(node, list):
        return [n for item in node for n in _numbers(item, key)]
    return [(key, node)] if isinstance(node, float) else []


def _explain(url: str, metric: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    args = ["explain", "--base-url", url, "--metric", metric, "--last", "7d", "--format", "json"]
    assert main([*args, "--by", "model,provider"]) == 0
    body: dict[str, Any] = json.loads(capsys.readouterr().out)
    return body


def test_money_has_no_float_tail(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    body = _explain(demo_server.url, "total_usage", capsys)
    numbers = _numbers(body)
    assert len(numbers) > 20 and isinstance(body["current"]["total"], float)
    for key, value in numbers:
        assert _decimals(value) <= (9 if key == "share" else 6), (key, value)
    for groups in body["by"].values():
        assert sum(g["change"] for g in groups) == pytest.approx(body["change"], abs=1e-9)


def test_rates_keep_nine_decimals_and_still_add_up(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    body = _explain(demo_server.url, "avg_latency", capsys)
    for key, value in _numbers(body):
        assert _decimals(value) <= 9, (key, value)
    for groups in body["by"].values():
        for group in groups:
            assert group["own"] + group["mix"] == pytest.approx(group["change"], abs=1e-12)


def test_noise_is_rounded_away_and_names_are_escaped() -> None:
    start, middle, end = (datetime(2026, 11, day, tzinfo=UTC) for day in (1, 8, 15))
    group = Group("bad\x9b31mname", 0.1 + 0.2, 0.1, 0.1 + 0.2 - 0.1, (0.2 + 0.1) / 3)
    explanation = Explanation(
        "total_usage",
        "additive",
        Period(middle, end, 0.1 + 0.2),
        Period(start, middle, 0.1),
        by={"model": Breakdown("model", [group])},
    )
    text = explanation_json(explanation, "currency")
    assert "\x9b" not in text and "\\u009b" in text
    body = json.loads(text)
    assert body["current"]["total"] == 0.3 and body["change"] == 0.2
    [row] = body["by"]["model"]
    assert (row["current"], row["change"], row["share"]) == (0.3, 0.2, 0.1)
