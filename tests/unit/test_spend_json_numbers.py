"""``ortui spend``/``check`` machine output carries no float noise: money to 6 decimals (the
API's own precision, as ``ortui query`` prints it), percentages and days to 0.1."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer

MONEY = {"total_credits", "total_usage", "remaining", "burn_rate_per_day", "limit"}
MONEY |= {"limit_remaining", "usage_period", "projected_period", "limit_usd", "spent"}
MONEY |= {"projected", "to_date", "byok_to_date"}
TENTHS = {"used_pct", "runway_days"}


pytestmark = pytest.mark.usefixtures("key")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    main(args)
    return capsys.readouterr().out


def _numbers(document: Any, name: str = "") -> Iterator[tuple[str, float]]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _numbers(value, key)
    elif isinstance(document, list):
        for item in document:
            yield from _numbers(item, name)
    elif isinstance(document, float):
        yield name, document


def _decimals(value: float) -> int:
    text = repr(value)
    assert "e" not in text, text
    return len(text.split(".")[1]) if "." in text else 0


def test_spend_json_rounds_money_and_percentages(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(
        _run(["spend", "--base-url", demo_server.url, "--format", "json"], capsys)
    )
    seen = set()
    for name, value in _numbers(document):
        seen.add(name)
        if name in TENTHS:
            assert _decimals(value) <= 1, (name, value)
        else:
            assert name in MONEY and _decimals(value) <= 6, (name, value)
    assert {"remaining", "used_pct", "runway_days", "projected_period"} <= seen
    credits = document["credits"]
    balance = credits["total_credits"] - credits["total_usage"]
    assert credits["remaining"] == pytest.approx(balance, abs=1e-6)


def test_spend_csv_percentages_to_a_tenth(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(["spend", "--base-url", demo_server.url, "--format", "csv"], capsys)
    used = [row["used_pct"] for row in csv.DictReader(io.StringIO(out)) if row["used_pct"]]
    assert used and all(_decimals(float(u)) <= 1 for u in used)


def test_check_json_values_in_their_unit(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", "--base-url", demo_server.url, "--format", "json", "--runway-below", "400"]
    args += ["--key-usage-above", "1", "--balance-below", "100000", "--spend-today-above", "0"]
    crossed = json.loads(_run(args, capsys))["crossed"]
    kinds = {c["check"]: c["value"] for c in crossed}
    assert {"runway-below", "key-usage-above", "balance-below"} <= set(kinds)
    for crossing in crossed:
        places = 6 if crossing["check"] in ("balance-below", "spend-today-above") else 1
        assert _decimals(float(crossing["value"])) <= places, crossing
