"""The simulator's management endpoints: schema, consistency with analytics, demo states."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from ortui.demo import catalog as cat
from ortui.demo.faults import FaultPlan, parse_fault
from ortui.demo.server import DemoServer
from tests.conftest import ServerFactory, validator
from tests.helpers import AUTH, post, stamp

#: A fixed "now" inside the test dataset's last day (it runs to the next midnight).
NOW = datetime.now(UTC).replace(hour=15, minute=37, second=12, microsecond=0)
DAY = NOW.replace(hour=0, minute=0, second=0)
WEEK = DAY - timedelta(days=DAY.weekday())
MONTH = DAY.replace(day=1)
WORKSPACES = list(cat.WORKSPACES)


@pytest.fixture(scope="module")
def fixed(dataset: Path) -> Iterator[DemoServer]:
    from ortui.demo.server import DemoServer, ServerConfig

    server = DemoServer(
        ServerConfig(port=0, rpm=100_000, clock=lambda: NOW, inference_keys=["sk-or-v1-inference"]),
        dataset,
    ).start()
    yield server
    server.stop()


def get(server: DemoServer, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(
        f"{server.url}{path}", headers=AUTH if headers is None else headers, timeout=30
    )


def data(server: Any, path: str) -> Any:
    response = get(server, path)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def all_keys(server: Any) -> list[dict[str, Any]]:
    return [
        k
        for ws in WORKSPACES
        for k in data(server, f"/keys?include_disabled=true&workspace_id={ws}")
    ]


def analytics(
    server: Any,
    metrics: list[str],
    start: datetime,
    end: datetime,
    filters: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "metrics": metrics,
        "time_range": {"start": stamp(start), "end": stamp(end)},
        "filters": filters or [],
        **extra,
    }
    response = post(server.url, body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]
    return result


@pytest.mark.parametrize(
    ("path", "definition"),
    [
        ("/credits", "GetCreditsResponse"),
        ("/key", "GetCurrentKeyResponse"),
        ("/keys", "ListResponse"),
        ("/keys?include_disabled=true&workspace_id=" + WORKSPACES[2], "ListResponse"),
        ("/workspaces", "ListWorkspacesResponse"),
        ("/workspaces/research", "GetWorkspaceResponse"),
        ("/organization/members", "ListOrganizationMembersResponse"),
        *[(f"/workspaces/{ws}/budgets", "ListWorkspaceBudgetsResponse") for ws in WORKSPACES],
        ("/workspaces/customer-apps/budgets", "ListWorkspaceBudgetsResponse"),
    ],
)
def test_every_lookup_validates_against_the_schema(
    fixed: DemoServer, management_schema: dict[str, Any], path: str, definition: str
) -> None:
    response = get(fixed, path)
    assert response.status_code == 200, response.text
    validator(management_schema, definition).validate(response.json())


def test_single_key_and_generation_validate(
    fixed: DemoServer, management_schema: dict[str, Any]
) -> None:
    for key in all_keys(fixed):
        one = get(fixed, f"/keys/{key['hash']}")
        validator(management_schema, "GetKeyResponse").validate(one.json())
        assert one.json()["data"] == key
    row = analytics(
        fixed,
        ["total_usage", "tokens_prompt"],
        NOW - timedelta(days=1),
        NOW,
        dimensions=["generation_id"],
        limit=3,
    )["data"][0]
    generation = get(fixed, f"/generation?id={row['generation_id']}")
    assert generation.status_code == 200, generation.text
    validator(management_schema, "GenerationResponse").validate(generation.json())
    details = generation.json()["data"]
    assert details["total_cost"] == pytest.approx(row["total_usage"], abs=1e-6)
    assert details["tokens_prompt"] == int(row["tokens_prompt"])


def test_not_found_and_bad_parameters(fixed: DemoServer, management_schema: dict[str, Any]) -> None:
    for path in ("/keys/" + "0" * 64, "/workspaces/nope/budgets", "/generation?id=gen-nope"):
        response = get(fixed, path)
        assert response.status_code == 404
        validator(management_schema, "NotFoundResponse").validate(response.json())
    for path in (
        "/keys?offset=-1",
        "/keys?include_disabled=maybe",
        "/keys?workspace_id=x",
        "/workspaces?limit=101",
        "/organization/members?limit=0",
        "/generation",
    ):
        response = get(fixed, path)
        assert response.status_code == 400, path
        validator(management_schema, "BadRequestResponse").validate(response.json())


def test_key_usage_equals_analytics_for_its_hash(fixed: DemoServer) -> None:
    keys = all_keys(fixed)
    assert len(keys) == len(cat.API_KEYS)
    for key in keys:
        where = [{"field": "api_key_id", "operator": "eq", "value": key["hash"]}]
        for suffix, start in (("_daily", DAY), ("_weekly", WEEK), ("_monthly", MONTH)):
            found = analytics(
                fixed,
                ["credits_usage", "byok_usage", "total_usage"],
                start,
                NOW + timedelta(days=1),
                where,
            )["data"][0]
            row = {name: value or 0.0 for name, value in found.items()}  # null: no traffic
            assert key[f"usage{suffix}"] == pytest.approx(row["credits_usage"], abs=2e-6)
            assert key[f"byok_usage{suffix}"] == pytest.approx(row["byok_usage"], abs=2e-6)
            assert key[f"usage{suffix}"] + key[f"byok_usage{suffix}"] == pytest.approx(
                row["total_usage"], abs=5e-6
            )
    assert any(k["usage_daily"] > 0 for k in keys)


def test_credits_cover_every_key_and_last_about_twenty_days(fixed: DemoServer) -> None:
    credits = data(fixed, "/credits")
    keys = all_keys(fixed)
    assert credits["total_usage"] >= sum(k["usage"] for k in keys) - 1e-6
    last7 = analytics(fixed, ["credits_usage"], DAY - timedelta(days=7), DAY)["data"][0]
    today = analytics(fixed, ["credits_usage"], DAY, NOW)["data"][0]
    burn = last7["credits_usage"] / 7
    runway = (credits["total_credits"] - credits["total_usage"]) / burn
    assert 0 < runway < 30
    assert runway == pytest.approx(20 - today["credits_usage"] / burn, abs=0.01)


def test_demo_account_states(fixed: DemoServer) -> None:
    keys = {k["hash"]: k for k in all_keys(fixed)}
    names = [k["name"] for k in keys.values()]
    assert names.count("staging") == 2
    staging = [k for k in keys.values() if k["name"] == "staging"]
    assert staging[0]["workspace_id"] != staging[1]["workspace_id"]
    spiking_ref = cat.api_key_by_ref(cat.SPIKING_KEY)
    assert spiking_ref is not None
    spiking = keys[spiking_ref.hash]
    assert spiking["limit_reset"] == "daily"
    assert 0.8 < spiking["usage_daily"] / spiking["limit"] < 1  # about to hit it
    assert spiking["limit_remaining"] == pytest.approx(spiking["limit"] - spiking["usage_daily"])
    disabled = [k for k in keys.values() if k["disabled"]]
    assert [k["name"] for k in disabled] == ["legacy-batch"]
    assert disabled[0]["hash"] not in {k["hash"] for k in data(fixed, "/keys")}
    expiring = [k for k in keys.values() if k["expires_at"]]
    until = datetime.fromisoformat(expiring[0]["expires_at"].replace("Z", "+00:00")) - NOW
    assert timedelta(0) < until < timedelta(days=7)
    budget = data(fixed, "/workspaces/customer-apps/budgets")[0]
    spent = analytics(
        fixed,
        ["credits_usage"],
        MONTH,
        NOW,
        [{"field": "workspace", "operator": "eq", "value": WORKSPACES[2]}],
    )
    assert budget["reset_interval"] == "monthly"
    assert spent["data"][0]["credits_usage"] > budget["limit_usd"]


def test_default_listing_is_the_default_workspace_paged(make_server: ServerFactory) -> None:
    server = make_server(keys_page=2, clock=lambda: NOW)
    first = data(server, "/keys")
    second = data(server, "/keys?offset=2")
    assert len(first) == 2 and 0 < len(second) <= 2
    default = [
        k
        for k in cat.API_KEYS
        if cat.workspace_of(k) == cat.DEFAULT_WORKSPACE and k.disabled_days_ago is None
    ]
    assert {k["hash"] for k in first + second} == {k.hash for k in default}
    assert data(server, "/keys?offset=99") == []


def test_filters_take_hashes_user_ids_and_workspace_uuids(fixed: DemoServer) -> None:
    key = cat.API_KEYS[0]
    start = NOW - timedelta(days=7)

    def usage(field: str, value: str) -> dict[str, Any]:
        return analytics(
            fixed,
            ["request_count"],
            start,
            NOW,
            [{"field": field, "operator": "eq", "value": value}],
        )

    assert usage("api_key_id", key.hash)["data"] == usage("api_key_id", key.id)["data"]
    assert int(usage("user", cat.USERS[0].id)["data"][0]["request_count"]) > 0
    assert int(usage("workspace", WORKSPACES[1])["data"][0]["request_count"]) > 0
    for field, value in (
        ("api_key_id", "f" * 64),
        ("user", "ada@acme.example"),
        ("workspace", "Research"),
    ):
        result = usage(field, value)
        assert int(result["data"][0]["request_count"]) == 0
        assert any(repr(value) in warning for warning in result["warnings"])


def test_no_bucket_after_now(fixed: DemoServer) -> None:
    hourly = analytics(fixed, ["request_count"], DAY, DAY + timedelta(days=1), granularity="hour")[
        "data"
    ]
    last = max(r["date__hour"] for r in hourly)
    assert last == NOW.replace(minute=0).strftime("%Y-%m-%dT%H:00:00.000Z")
    minutes = analytics(
        fixed,
        ["avg_latency"],
        NOW - timedelta(hours=2),
        NOW + timedelta(minutes=50),
        granularity="minute",
    )["data"]
    assert minutes and max(r["created_at__minute"] for r in minutes) <= stamp(NOW)[:16]
    total = analytics(fixed, ["request_count"], DAY, NOW + timedelta(hours=8))["data"][0]
    so_far = analytics(fixed, ["request_count"], DAY, NOW)["data"][0]
    assert total == so_far


def test_no_bucket_after_the_wall_clock(demo_server: DemoServer) -> None:
    now = datetime.now(UTC)
    body = {
        "metrics": ["request_count"],
        "granularity": "hour",
        "time_range": {
            "start": stamp(now - timedelta(hours=20)),
            "end": stamp(now + timedelta(hours=20)),
        },
    }
    hours = [r["date__hour"] for r in post(demo_server.url, body).json()["data"]["data"]]
    assert hours and max(hours) <= stamp(now)


def test_auth_rate_limit_and_faults_apply(
    make_server: ServerFactory, management_schema: dict[str, Any]
) -> None:
    server = make_server(
        keys=["sk-or-v1-good"],
        inference_keys=["sk-or-v1-inference"],
        rpm=3,
        faults=FaultPlan([parse_fault("status=503x1")]),
    )
    good = {"Authorization": "Bearer sk-or-v1-good"}
    assert get(server, "/credits", good).status_code == 503  # the injected fault, once
    assert get(server, "/credits", {}).status_code == 401
    assert get(server, "/keys", {"Authorization": "Bearer sk-or-v1-bad"}).status_code == 401
    inference = {"Authorization": "Bearer sk-or-v1-inference"}
    forbidden = get(server, "/keys", inference)
    assert forbidden.status_code == 403
    validator(management_schema, "ForbiddenResponse").validate(forbidden.json())
    own = get(server, "/key", inference)
    assert own.status_code == 200 and own.json()["data"]["is_management_key"] is False
    assert get(server, "/key", good).json()["data"]["is_management_key"] is True
    statuses = [get(server, "/workspaces", good) for _ in range(3)]  # 3 a minute per key
    assert [r.status_code for r in statuses] == [200, 200, 429]
    limited = statuses[-1]
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
