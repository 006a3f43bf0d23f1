"""The Spend screen says why its month differs from the explorer's Total Usage: the month is
what draws on credits; Total Usage adds BYOK. Each figure checked against raw queries over the
same window (the 1st of the UTC month to the report's moment)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.spend.wording import usd
from ortui.widgets.spend_summary import SpendSummary
from tests.conftest import TEST_KEY
from tests.flows.conftest import demo_app
from tests.flows.test_spend_screen import open_spend
from tests.helpers import rows, stamp
from tests.pilot import run


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_month_says_credits_only_and_names_byok(
    demo_server: DemoServer, size: tuple[int, int]
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=size) as pilot:
        screen = await open_spend(pilot)
        assert screen.report is not None
        now = screen.report.now.replace(microsecond=0)
        start = now.replace(day=1, hour=0, minute=0, second=0)
        metrics = ["total_usage", "credits_usage", "byok_usage"]
        body = {"metrics": metrics, "time_range": {"start": stamp(start), "end": stamp(now)}}
        [raw] = rows(demo_server.url, body)
        credits, byok = float(raw["credits_usage"]), float(raw["byok_usage"])
        assert byok > 0 and float(raw["total_usage"]) == pytest.approx(credits + byok, abs=1e-5)
        summary = screen.query_one(SpendSummary)
        lines = [line.strip() for line in str(summary.render()).splitlines()]
        month = next(i for i, line in enumerate(lines) if line.startswith("Month"))
        assert lines[month].startswith(f"Month   {usd(credits)} to date")
        note = f"credits only · the explorer's Total Usage adds BYOK: {usd(byok)} this month"
        assert lines[month + 1] == note
        assert len(note) + 8 <= size[0] - 2  # whole at 80 columns


def test_spend_table_names_the_month_s_byok(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    assert main(["spend", "--base-url", demo_server.url, "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    month = next(i for i, line in enumerate(lines) if line.startswith("Month"))
    assert lines[month + 1].strip().startswith("credits only · the explorer's Total Usage adds")


def test_spend_json_has_the_month_s_byok(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    assert main(["spend", "--base-url", demo_server.url, "--format", "json"]) == 0
    month = json.loads(capsys.readouterr().out)["month"]
    now = datetime.now(UTC).replace(microsecond=0)
    start = now.replace(day=1, hour=0, minute=0, second=0)
    metrics = ["credits_usage", "byok_usage"]
    body = {"metrics": metrics, "time_range": {"start": stamp(start), "end": stamp(now)}}
    [raw] = rows(demo_server.url, body)
    # the demo's day in progress grows a little between the two reads
    assert month["to_date"] == pytest.approx(float(raw["credits_usage"]), abs=0.05)
    assert month["byok_to_date"] == pytest.approx(float(raw["byok_usage"]), abs=0.05)
    assert month["byok_to_date"] > 0
