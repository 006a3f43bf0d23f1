"""Explain a change: groups reconcile to the total, the mix split adds up, checked against raw
queries to the simulator; pacing; the JSON shape; refusals."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ortui.analysis.explain import RateSide, additive_breakdown, rate_breakdown
from ortui.analysis.explain_run import Explainer, ExplainQuery
from ortui.analysis.pacing import Pacer
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from tests.conftest import TEST_KEY
from tests.helpers import rows, run_cli, stamp

END = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
START = END - timedelta(days=7)
BEFORE = {"start": stamp(START - timedelta(days=7)), "end": stamp(START)}
NOW = {"start": stamp(START), "end": stamp(END)}
CLI_RANGE = ["--start", f"{START:%Y-%m-%d %H:%M}", "--end", f"{END:%Y-%m-%d %H:%M}"]


def _raw(
    base: str, metrics: list[str], window: dict[str, str], dim: str | None = None
) -> list[dict[str, Any]]:
    body: dict[str, object] = {"metrics": metrics, "time_range": window, "limit": 10000}
    if dim:
        body["dimensions"] = [dim]
    return rows(base, body)


def test_additive_groups_reconcile_to_the_total_change(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        [
            "explain",
            "--base-url",
            demo_server.url,
            "--metric",
            "total_usage",
            *CLI_RANGE,
            "--by",
            "model,api_key_id,app",
            "--top",
            "5",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0, err
    body = json.loads(out)
    assert set(body) == {"metric", "current", "previous", "change", "by"}
    now = float(_raw(demo_server.url, ["total_usage"], NOW)[0]["total_usage"])
    before = float(_raw(demo_server.url, ["total_usage"], BEFORE)[0]["total_usage"])
    assert body["current"] == {**NOW, "total": pytest.approx(now)}
    assert body["previous"] == {**BEFORE, "total": pytest.approx(before)}
    assert body["change"] == pytest.approx(now - before)
    for dim, groups in body["by"].items():
        assert set(groups[0]) == {"value", "id", "current", "previous", "change", "share"}
        assert sum(g["change"] for g in groups) == pytest.approx(now - before, abs=1e-9)
        assert sum(g["share"] for g in groups) == pytest.approx(1.0)
        assert len(groups) <= 6 and (groups[-1]["value"] == "other" or len(groups) <= 5)
        # keys can share a name (two "staging" keys): explain adds up a name's rows
        then: dict[object, float] = defaultdict(float)
        for r in _raw(demo_server.url, ["total_usage"], BEFORE, dim):
            then[r[dim]] += float(r["total_usage"])
        current: dict[object, float] = defaultdict(float)
        for r in _raw(demo_server.url, ["total_usage"], NOW, dim):
            current[r[dim]] += float(r["total_usage"])
        for group in groups[:-1]:
            assert group["current"] == pytest.approx(current.get(group["value"]))
            assert group["previous"] == pytest.approx(then.get(group["value"]))
        changes = [abs(g["change"]) for g in groups if g["value"] != "other"]
        assert changes == sorted(changes, reverse=True)
    assert "8 requests" in err  # totals + 3 dimensions, each for two periods


def test_rate_mix_split_adds_up_and_matches_raw_queries(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        [
            "explain",
            "--base-url",
            demo_server.url,
            "--metric",
            "avg_latency",
            *CLI_RANGE,
            "--by",
            "provider",
            "--top",
            "50",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0, err
    body = json.loads(out)
    metrics = ["avg_latency", "request_count"]
    total_now = _raw(demo_server.url, metrics, NOW)[0]
    total_then = _raw(demo_server.url, metrics, BEFORE)[0]
    change = float(total_now["avg_latency"]) - float(total_then["avg_latency"])
    assert body["change"] == pytest.approx(change)
    groups = body["by"]["provider"]
    for group in groups:
        assert group["own"] + group["mix"] == pytest.approx(group["change"], abs=1e-9)
    assert sum(g["change"] for g in groups) == pytest.approx(change, abs=1e-6)
    # one group's effect recomputed by hand from the raw rows
    now = {r["provider"]: r for r in _raw(demo_server.url, metrics, NOW, "provider")}
    then = {r["provider"]: r for r in _raw(demo_server.url, metrics, BEFORE, "provider")}
    together = next(g for g in groups if g["value"] == "Together")
    s1 = int(now["Together"]["request_count"]) / int(total_now["request_count"])
    s0 = int(then["Together"]["request_count"]) / int(total_then["request_count"])
    r1, r0 = float(now["Together"]["avg_latency"]), float(then["Together"]["avg_latency"])
    assert together["own"] == pytest.approx((s0 + s1) / 2 * (r1 - r0))
    centre = (float(total_now["avg_latency"]) + float(total_then["avg_latency"])) / 2
    assert together["mix"] == pytest.approx((s1 - s0) * ((r1 + r0) / 2 - centre))


def test_mix_split_pure_example() -> None:
    """Two groups, no rate changes inside them: all of the change is mix (traffic shift)."""
    before: dict[str | None, RateSide] = {"fast": RateSide(100.0, 50), "slow": RateSide(300.0, 50)}
    now: dict[str | None, RateSide] = {"fast": RateSide(100.0, 20), "slow": RateSide(300.0, 80)}
    breakdown = rate_breakdown("provider", now, before, (260.0, 100, 200.0, 100))
    assert [g.own for g in breakdown.groups] == [0.0, 0.0]
    assert sum(g.mix or 0 for g in breakdown.groups) == pytest.approx(60.0)
    additive = additive_breakdown(
        "model", {"a": 5.0, "b": 1.0, "c": 1.0}, {"a": 1.0, "b": 2.0}, (7.0, 3.0), top=1
    )
    assert [(g.value, g.change) for g in additive.groups] == [("a", 4.0), ("other", 0.0)]
    assert additive.groups[1].current == 2.0 and additive.groups[1].previous == 2.0


def test_percentiles_say_they_cannot_be_decomposed(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        ["explain", "--base-url", demo_server.url, "--metric", "p90_latency", *CLI_RANGE], capsys
    )
    assert code == 0, err
    assert "percentile: it cannot be decomposed" in out and "2 requests" in err


def test_refusals_exit_2(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["explain", "--base-url", demo_server.url, "--metric", "nope"], capsys)
    assert code == 2 and "unknown metric" in err
    code, _, err = run_cli(
        ["explain", "--base-url", demo_server.url, "--metric", "avg_latency", "--last", "90d"],
        capsys,
    )
    assert code == 2 and "31 days" in err


def test_one_query_per_dimension_and_period_paced(demo_server: DemoServer) -> None:
    sent: list[float] = []

    async def record(request: httpx.Request) -> None:
        if request.url.path.endswith("/query"):
            sent.append(asyncio.get_running_loop().time())

    async def go() -> int:
        http = httpx.AsyncClient(event_hooks={"request": [record]})
        client = AnalyticsClient(
            Secret(TEST_KEY), ClientConfig(base_url=demo_server.url, retry=NO_RETRY), http=http
        )
        meta = await client.meta()
        progress: list[tuple[int, int]] = []
        explainer = Explainer(
            client, meta, pacer=Pacer(200), on_progress=lambda d, t, _: progress.append((d, t))
        )
        await explainer.run(ExplainQuery("total_usage", START, END, ("model", "app", "user")))
        await http.aclose()
        assert progress[-1] == (8, 8) and [d for d, _ in progress] == list(range(1, 9))
        return len(sent)

    assert asyncio.run(go()) == 8  # totals + 3 dimensions, each for two periods


def test_pacer_never_exceeds_its_rate_in_any_minute() -> None:
    clock = [0.0]
    starts: list[float] = []

    async def sleep(seconds: float) -> None:
        clock[0] += seconds

    async def go() -> None:
        pacer = Pacer(3, clock=lambda: clock[0], sleep=sleep)
        for _ in range(10):
            await pacer.wait()
            starts.append(clock[0])
            clock[0] += 0.5

    asyncio.run(go())
    assert all(sum(1 for s in starts if t <= s < t + 60) <= 3 for t in starts)
    assert starts[-1] >= 180


def test_groups_carry_the_ids_filters_take(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers import key_hashes

    code, out, err = run_cli(
        [
            "explain",
            "--base-url",
            demo_server.url,
            *CLI_RANGE,
            "--by",
            "api_key_id,model",
            "--top",
            "20",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0, err
    by = json.loads(out)["by"]
    agent = next(g for g in by["api_key_id"] if g["value"] == "agent-experiments")
    assert [agent["id"]] == key_hashes(demo_server.url, "agent-experiments")
    staging = [g for g in by["api_key_id"] if g["value"] == "staging"]
    assert staging and all(g["id"] is None for g in staging)  # two keys share the name
    assert all(g["id"] == g["value"] for g in by["model"] if g["value"] != "other")
