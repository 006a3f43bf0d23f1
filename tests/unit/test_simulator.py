"""The simulator behaves like the documented service: shapes, rules, errors, reconciliation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from ortui.demo.faults import parse_fault
from ortui.demo.metrics import METRICS
from ortui.demo.server import DemoServer
from tests.conftest import ServerFactory, validator
from tests.helpers import AUTH, post, rows, total, window


def test_meta_validates_and_covers_the_shared_example(
    demo_server: DemoServer, schema: dict[str, Any], example_meta: bytes
) -> None:
    import json

    response = httpx.get(f"{demo_server.url}/analytics/meta", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    validator(schema, "AnalyticsMetaResponse").validate(body)
    example = json.loads(example_meta)["data"]
    for section in ("metrics", "dimensions", "operators", "granularities"):
        ours = {item["name"] for item in body["data"][section]}
        assert {item["name"] for item in example[section]} <= ours


@pytest.mark.parametrize(
    "body",
    [
        {
            "metrics": ["total_usage", "request_count", "cache_hit_rate"],
            "dimensions": ["model"],
            "granularity": "day",
            "time_range": window(7),
        },
        {
            "metrics": ["p90_latency", "avg_throughput"],
            "dimensions": ["provider"],
            "granularity": "hour",
            "time_range": window(2),
        },
        {"metrics": ["request_count"], "dimensions": ["user"], "time_range": window(30)},
        {"metrics": ["tokens_total"], "granularity": "minute", "time_range": window(0.1)},
    ],
)
def test_query_responses_validate_against_the_schema(
    demo_server: DemoServer, schema: dict[str, Any], body: dict[str, Any]
) -> None:
    response = post(demo_server.url, body)
    assert response.status_code == 200, response.text
    validator(schema, "AnalyticsQueryResponse").validate(response.json())


def test_rows_look_like_the_real_service(demo_server: DemoServer) -> None:
    result = rows(
        demo_server.url,
        {
            "metrics": ["request_count", "total_usage"],
            "dimensions": ["api_key_id", "user"],
            "granularity": "day",
            "time_range": window(7),
        },
    )
    first = result[0]
    assert set(first) == {
        "date__day",
        "api_key_id",
        "user",
        "user_email",
        "request_count",
        "total_usage",
    }
    assert isinstance(first["request_count"], str) and isinstance(first["total_usage"], float)
    assert len(first["date__day"]) == 10
    names = {r["api_key_id"] for r in result}
    assert "prod-backend" in names and not any(n and n.isdigit() for n in names)
    assert any(r["user_email"] and r["user_email"].endswith("@acme.example") for r in result)
    dates = [r["date__day"] for r in result]
    assert dates == sorted(dates, reverse=True)  # newest first by default


def test_raw_generation_queries_use_created_at_timestamps(demo_server: DemoServer) -> None:
    result = rows(
        demo_server.url,
        {
            "metrics": ["p50_latency"],
            "dimensions": ["provider"],
            "granularity": "day",
            "time_range": window(3),
        },
    )
    assert "created_at__day" in result[0] and result[0]["created_at__day"].endswith(".000Z")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"metrics": ["nope"]}, 'Unknown metric "nope"'),
        ({"metrics": []}, "metrics: Too small"),
        (
            {"metrics": ["request_count"], "dimensions": ["model", "app", "user"]},
            "dimensions: Too big: expected array to have <=2 items",
        ),
        ({"metrics": ["request_count"], "dimensions": ["planet"]}, 'Unknown dimension "planet"'),
        (
            {
                "metrics": ["request_count"],
                "filters": [{"field": "model", "operator": "eq", "value": "x"}] * 21,
            },
            "filters: Too big",
        ),
        (
            {
                "metrics": ["request_count"],
                "filters": [{"field": "model", "operator": "like", "value": "x"}],
            },
            'Unknown operator "like"',
        ),
        (
            {
                "metrics": ["request_count"],
                "filters": [{"field": "model", "operator": "in", "value": "x"}],
            },
            "expects an array",
        ),
        (
            {
                "metrics": ["request_count"],
                "filters": [{"field": "model", "operator": "eq", "value": ["x"]}],
            },
            "single string or number",
        ),
        (
            {
                "metrics": ["request_count"],
                "filters": [
                    {"field": "model", "operator": "in", "value": ["x"], "include_unset": True}
                ],
            },
            'Dimension "model" has no unset bucket',
        ),
        ({"metrics": ["request_count"], "granularity": "fortnight"}, "Unknown granularity"),
        (
            {
                "metrics": ["request_count"],
                "time_range": {"start": "2026-05-13T00:00Z", "end": "2026-05-14T00:00:00Z"},
            },
            "seconds and a trailing Z",
        ),
        (
            {
                "metrics": ["request_count"],
                "time_range": {"start": "2026-05-13T00:00:00+02:00", "end": "2026-05-14T00:00:00Z"},
            },
            "seconds and a trailing Z",
        ),
        (
            {
                "metrics": ["request_count"],
                "time_range": {"start": "2026-05-14T00:00:00Z", "end": "2026-05-13T00:00:00Z"},
            },
            "start must be before end",
        ),
        ({"metrics": ["request_count"], "time_range": window(400)}, "maximum of 365 days"),
        ({"metrics": ["p90_latency"], "time_range": window(40)}, "maximum of 31 days"),
        (
            {"metrics": ["request_count"], "dimensions": ["country"], "time_range": window(40)},
            "maximum of 31 days",
        ),
        (
            {"metrics": ["request_count"], "granularity": "minute", "time_range": window(1)},
            "up to 3 hours",
        ),
        (
            {"metrics": ["request_count"], "granularity": "hour", "time_range": window(60)},
            "up to 31 days",
        ),
        (
            {"metrics": ["request_count"], "order_by": {"field": "model", "direction": "asc"}},
            "must be a requested metric",
        ),
        ({"metrics": ["request_count"], "limit": 0}, "limit: must be an integer between 1"),
        ({"metrics": ["request_count"], "limit": 10_001}, "limit: must be"),
        ({"metrics": ["request_count"], "group_limit": 0}, "group_limit: must be"),
    ],
)
def test_each_broken_rule_gets_a_specific_400(
    demo_server: DemoServer, schema: dict[str, Any], body: dict[str, Any], message: str
) -> None:
    response = post(demo_server.url, body)
    assert response.status_code == 400
    validator(schema, "BadRequestResponse").validate(response.json())
    assert message in response.json()["error"]["message"]


def test_malformed_json_is_a_400(demo_server: DemoServer) -> None:
    response = httpx.post(
        f"{demo_server.url}/analytics/query",
        content=b"{nope",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and "Invalid JSON" in response.text


def test_auth_errors(make_server: ServerFactory, schema: dict[str, Any]) -> None:
    server = make_server(keys=["sk-or-v1-good"], inference_keys=["sk-or-v1-inference"])
    url = f"{server.url}/analytics/meta"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer sk-or-v1-wrong"}).status_code == 401
    forbidden = httpx.get(url, headers={"Authorization": "Bearer sk-or-v1-inference"})
    assert forbidden.status_code == 403
    validator(schema, "ForbiddenResponse").validate(forbidden.json())
    assert httpx.get(url, headers={"Authorization": "Bearer sk-or-v1-good"}).status_code == 200


def test_rate_limit_answers_429_with_retry_after(make_server: ServerFactory) -> None:
    server = make_server(rpm=3)
    statuses = [httpx.get(f"{server.url}/analytics/meta", headers=AUTH) for _ in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert int(statuses[-1].headers["Retry-After"]) >= 1


def test_other_paths_and_methods(demo_server: DemoServer) -> None:
    assert httpx.get(f"{demo_server.url}/analytics/nope", headers=AUTH).status_code == 404
    wrong = httpx.get(f"{demo_server.url}/analytics/query", headers=AUTH)
    assert wrong.status_code == 405


def test_repeated_query_is_served_from_cache(demo_server: DemoServer) -> None:
    body = {"metrics": ["request_count"], "dimensions": ["origin"], "time_range": window(5)}
    first = post(demo_server.url, body).json()["data"]
    second = post(demo_server.url, body).json()["data"]
    assert "cachedAt" not in first and second["cachedAt"] > 1e12
    assert first["data"] == second["data"]


def test_limit_truncates_and_says_so(demo_server: DemoServer) -> None:
    body = {
        "metrics": ["request_count"],
        "dimensions": ["model"],
        "time_range": window(30),
        "limit": 5,
    }
    data = post(demo_server.url, body).json()["data"]
    assert len(data["data"]) == 5 and data["metadata"]["truncated"] is True
    counts = [int(r["request_count"]) for r in data["data"]]
    assert counts == sorted(counts, reverse=True)


def test_group_limit_keeps_n_rows_per_combination(demo_server: DemoServer) -> None:
    body = {
        "metrics": ["request_count"],
        "dimensions": ["model"],
        "granularity": "day",
        "time_range": window(10),
        "group_limit": 2,
    }
    result = rows(demo_server.url, body)
    per_model: dict[str, int] = {}
    for row in result:
        per_model[row["model"]] = per_model.get(row["model"], 0) + 1
    assert max(per_model.values()) == 2


def test_auto_group_limit_keeps_every_bucket_of_a_time_series(demo_server: DemoServer) -> None:
    body = {
        "metrics": ["request_count"],
        "dimensions": ["model", "api_key_id"],
        "granularity": "day",
        "time_range": window(30),
    }
    data = post(demo_server.url, body).json()["data"]
    assert data["metadata"]["row_count"] > 1000 and not data["metadata"]["truncated"]


def test_order_by_dimension_and_request_count(demo_server: DemoServer) -> None:
    by_name = rows(
        demo_server.url,
        {
            "metrics": ["total_usage"],
            "dimensions": ["api_key_id"],
            "time_range": window(30),
            "order_by": {"field": "api_key_id", "direction": "asc"},
        },
    )
    names = [r["api_key_id"] for r in by_name if r["api_key_id"]]
    assert names == sorted(names, key=str.casefold)
    by_count = rows(
        demo_server.url,
        {
            "metrics": ["total_usage"],
            "dimensions": ["model"],
            "time_range": window(30),
            "order_by": {"field": "request_count", "direction": "desc"},
        },
    )
    assert "request_count" not in by_count[0]


def test_unresolvable_api_key_filter_gives_a_warning(demo_server: DemoServer) -> None:
    body = {
        "metrics": ["request_count"],
        "time_range": window(7),
        "filters": [{"field": "api_key_id", "operator": "in", "value": ["91001", "zz"]}],
    }
    data = post(demo_server.url, body).json()["data"]
    assert data["warnings"] and "'zz'" in data["warnings"][0]


# Reconciliation properties on the synthetic data


def test_grouped_additive_metric_sums_to_the_total(demo_server: DemoServer) -> None:
    tw = window(30)
    grand = rows(demo_server.url, {"metrics": ["total_usage", "request_count"], "time_range": tw})
    grouped = rows(
        demo_server.url,
        {"metrics": ["total_usage", "request_count"], "dimensions": ["model"], "time_range": tw},
    )
    assert total(grouped, "total_usage") == pytest.approx(grand[0]["total_usage"], rel=1e-6)
    assert total(grouped, "request_count") == int(grand[0]["request_count"])


def test_day_buckets_sum_to_the_month(demo_server: DemoServer) -> None:
    from datetime import UTC, datetime

    end = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    start = (end.replace(day=1) - __import__("datetime").timedelta(days=1)).replace(day=1)
    tw = {"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": end.strftime("%Y-%m-%dT%H:%M:%SZ")}
    days = rows(
        demo_server.url, {"metrics": ["request_count"], "granularity": "day", "time_range": tw}
    )
    month = rows(
        demo_server.url, {"metrics": ["request_count"], "granularity": "month", "time_range": tw}
    )
    assert len(month) == 1 and total(days, "request_count") == total(month, "request_count")


def test_eq_plus_neq_covers_everything(demo_server: DemoServer) -> None:
    tw = window(14)
    everything = total(
        rows(demo_server.url, {"metrics": ["request_count"], "time_range": tw}), "request_count"
    )
    for field, value in (("model", "openai/gpt-4o"), ("app", "3101")):
        parts = [
            total(
                rows(
                    demo_server.url,
                    {
                        "metrics": ["request_count"],
                        "time_range": tw,
                        "filters": [{"field": field, "operator": op, "value": value}],
                    },
                ),
                "request_count",
            )
            for op in ("eq", "neq")
        ]
        assert sum(parts) == everything and all(parts)


def test_in_equals_the_sum_of_eqs(demo_server: DemoServer) -> None:
    tw = window(20)
    models = ["openai/gpt-4o", "anthropic/claude-sonnet-4"]

    def count(filters: list[dict[str, object]]) -> float:
        return total(
            rows(
                demo_server.url,
                {"metrics": ["request_count"], "time_range": tw, "filters": filters},
            ),
            "request_count",
        )

    both = count([{"field": "model", "operator": "in", "value": models}])
    assert both == sum(count([{"field": "model", "operator": "eq", "value": m}]) for m in models)
    assert both > 0


def test_include_unset_adds_the_unset_bucket(demo_server: DemoServer) -> None:
    tw = window(20)
    base = {"metrics": ["request_count"], "time_range": tw}
    without = total(
        rows(
            demo_server.url,
            {**base, "filters": [{"field": "app", "operator": "in", "value": ["3101"]}]},
        ),
        "request_count",
    )
    with_unset = total(
        rows(
            demo_server.url,
            {
                **base,
                "filters": [
                    {"field": "app", "operator": "in", "value": ["3101"], "include_unset": True}
                ],
            },
        ),
        "request_count",
    )
    unset = [r for r in rows(demo_server.url, {**base, "dimensions": ["app"]}) if r["app"] is None]
    assert with_unset == without + int(unset[0]["request_count"])


def test_rate_metrics_stay_in_range(demo_server: DemoServer) -> None:
    rates = [m.name for m in METRICS if m.fmt == "percent"]
    result = rows(
        demo_server.url, {"metrics": rates, "dimensions": ["model"], "time_range": window(14)}
    )
    values = [r[m] for r in result for m in rates if r[m] is not None]
    assert values and all(0 <= v <= 1 for v in values)
    latency = rows(
        demo_server.url,
        {
            "metrics": ["p50_latency", "p90_latency", "p99_latency"],
            "dimensions": ["provider"],
            "time_range": window(7),
        },
    )
    assert all(r["p50_latency"] <= r["p90_latency"] <= r["p99_latency"] for r in latency)


def test_fault_spec_parsing() -> None:
    fault = parse_fault("status=503@0.5x3")
    assert (fault.name, fault.value, fault.probability, fault.remaining) == ("status", 503, 0.5, 3)
    with pytest.raises(ValueError, match="NAME"):
        parse_fault("explode")


def test_fault_injection_fails_then_recovers(make_server: ServerFactory) -> None:
    from ortui.demo.faults import FaultPlan

    server = make_server(faults=FaultPlan([parse_fault("status=503x2")]))
    codes = [httpx.get(f"{server.url}/analytics/meta", headers=AUTH).status_code for _ in range(3)]
    assert codes == [503, 503, 200]


def test_non_loopback_bind_is_refused(dataset: Path) -> None:
    from ortui.demo.server import DemoServer, ServerConfig

    with pytest.raises(ValueError, match="loopback"):
        DemoServer(ServerConfig(host="0.0.0.0", port=0), dataset)


def test_each_counted_fault_fires_once_in_turn(make_server: ServerFactory) -> None:
    from ortui.demo.faults import FaultPlan

    plan = FaultPlan([parse_fault("html@1x1"), parse_fault("truncate@1x1")])
    server = make_server(faults=plan)
    bodies = [httpx.get(f"{server.url}/analytics/meta", headers=AUTH) for _ in range(3)]
    assert bodies[0].headers["content-type"] == "text/html"
    assert bodies[1].text.startswith('{"data": {"data": [{"model"') and bodies[1].status_code == 200
    assert bodies[2].json()["data"]["metrics"]
