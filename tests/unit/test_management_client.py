"""The typed management client and the name resolver, against the simulator over loopback."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.management import ManagementClient
from ortui.api.retry import NO_RETRY, RetryPolicy
from ortui.auth.secret import Secret
from ortui.cli import main
from ortui.demo import catalog as cat
from ortui.demo.faults import FaultPlan, parse_fault
from ortui.demo.server import DemoServer
from ortui.query.draft import FilterDraft
from ortui.query.resolver import Directory, Unresolved, load_directory, resolve_filters
from tests.conftest import TEST_KEY, ServerFactory
from tests.helpers import AUTH


def client_for(url: str, retry: RetryPolicy = NO_RETRY, **config: Any) -> ManagementClient:
    analytics = AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=url, retry=retry, **config))
    return ManagementClient(analytics)


T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def raw(url: str, path: str) -> Any:
    return httpx.get(f"{url}{path}", headers=AUTH, timeout=30).json()["data"]


def test_typed_reads_equal_the_raw_answers(demo_server: DemoServer) -> None:
    async def go() -> tuple[Any, ...]:
        client = client_for(demo_server.url)
        try:
            return (
                await client.credits(),
                await client.current_key(),
                await client.all_keys(),
                await client.workspaces(),
                await client.members(),
                await client.budgets("customer-apps"),
                await client.key(cat.API_KEYS[1].hash),
            )
        finally:
            await client.client.aclose()

    credits, current, keys, workspaces, members, budgets, one = run(go())
    assert one.name == "staging" and one.hash == cat.API_KEYS[1].hash
    assert credits.total_credits == raw(demo_server.url, "/credits")["total_credits"]
    assert current.is_management_key is True
    assert {k.hash for k in keys} == {k.hash for k in cat.API_KEYS}
    by_hash = {
        k["hash"]: k
        for ws in cat.WORKSPACES
        for k in raw(demo_server.url, f"/keys?include_disabled=true&workspace_id={ws}")
    }
    for key in keys:
        assert key.usage_monthly == by_hash[key.hash]["usage_monthly"]
        assert key.name == by_hash[key.hash]["name"]
    assert [w.name for w in workspaces] == list(cat.WORKSPACES.values())
    assert [m.email for m in members] == [u.email for u in cat.USERS]
    assert budgets.data[0].reset_interval == "monthly"


def test_pages_are_followed_and_answers_cached(make_server: ServerFactory) -> None:
    server = make_server(keys_page=1)
    requests: list[str] = []
    log = _Log(requests)
    server.config.log = log

    async def go() -> tuple[list[Any], list[Any]]:
        client = client_for(server.url)
        try:
            first = await client.keys(include_disabled=True)
            again = await client.keys(include_disabled=True)
            return first, again
        finally:
            await client.client.aclose()

    first, again = run(go())
    default = [k for k in cat.API_KEYS if cat.workspace_of(k) == cat.DEFAULT_WORKSPACE]
    assert [k.hash for k in first] == [k.hash for k in default] == [k.hash for k in again]
    expected = len(default) + 1  # one page per key, then an empty page; the rest cached
    deadline = time.monotonic() + 5  # the server logs a request just after answering it
    while len(requests) < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    assert len([r for r in requests if " /api/v1/keys " in r]) == expected


class _Log(io.StringIO):
    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def write(self, text: str) -> int:
        if text.strip():
            self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_unknowns_are_none_and_failures_are_the_analytics_errors(
    make_server: ServerFactory,
) -> None:
    flaky = make_server(faults=FaultPlan([parse_fault("status=503x1")]))
    forbidden = make_server(inference_keys=[TEST_KEY])

    async def go() -> None:
        client = client_for(flaky.url, RetryPolicy(max_attempts=2, initial_interval=0.01))
        try:
            assert await client.key("0" * 64) is None  # the 503 was retried first
            assert await client.generation("gen-nope") is None
        finally:
            await client.client.aclose()
        other = client_for(forbidden.url)
        try:
            with pytest.raises(errors.Forbidden):
                await other.all_keys()
            assert (await other.current_key()).is_management_key is False
        finally:
            await other.client.aclose()
        small = client_for(flaky.url, max_body_bytes=200)
        try:
            with pytest.raises(errors.ResponseTooLarge):
                await small.keys()
        finally:
            await small.client.aclose()

    run(go())


def directory(url: str) -> Directory:
    async def go() -> Directory:
        client = client_for(url)
        try:
            return await load_directory(client)
        finally:
            await client.client.aclose()

    return run(go())


def test_resolver_names_to_ids(demo_server: DemoServer) -> None:
    found = directory(demo_server.url)
    spiking = cat.api_key_by_ref(cat.SPIKING_KEY)
    assert spiking is not None
    assert found.resolve("api_key_id", "agent-experiments") == spiking.hash
    assert found.resolve("api_key_id", spiking.hash) == spiking.hash
    assert found.resolve("api_key_id", "91001") == "91001"
    assert found.resolve("user", "grace@acme.example") == "user_2bR9nYs2"
    assert found.resolve("user", "Grace Hopper") == "user_2bR9nYs2"
    assert found.resolve("workspace", "Customer Apps") == list(cat.WORKSPACES)[2]
    assert found.resolve("workspace", "research") == list(cat.WORKSPACES)[1]
    assert found.name_of("api_key_id", spiking.hash) == "agent-experiments"
    with pytest.raises(Unresolved) as ambiguous:
        found.resolve("api_key_id", "staging")
    assert ambiguous.value.ambiguous and len(ambiguous.value.candidates) == 2
    details = [c.detail for c in ambiguous.value.candidates]
    assert "Research" in details[0] and "Customer Apps" in details[1]
    with pytest.raises(Unresolved, match="apps have no listing endpoint"):
        found.resolve("app", "Cline")
    assert found.resolve("app", "3104") == "3104"
    with pytest.raises(Unresolved, match="matches no known"):
        found.resolve("user", "nobody@example.com")
    assert [c.name for c in found.suggest("api_key_id", "sta")] == ["staging", "staging"]
    filters = resolve_filters(
        (
            FilterDraft("api_key_id", "in", ("prod-backend", "ci-evals")),
            FilterDraft("model", "eq", ("openai/gpt-4o",)),
        ),
        found,
    )
    assert filters[0].values == tuple(k.hash for k in cat.API_KEYS[:3:2])
    assert filters[1].values == ("openai/gpt-4o",)


def test_server_names_are_printed_safely() -> None:
    from ortui.api.management_models import ApiKey

    evil = ApiKey(
        hash="a" * 64,
        name="x\x1b]0;pwned\x07y",
        workspace_id="w",
        disabled=False,
        limit=None,
        limit_remaining=None,
        limit_reset=None,
        usage=0,
        usage_daily=0,
        usage_weekly=0,
        usage_monthly=0,
    )
    twice = Directory(keys=(evil, evil))
    with pytest.raises(Unresolved) as info:
        twice.resolve("api_key_id", "x\x1b]0;pwned\x07y")
    assert "\x1b" not in str(info.value) and "\x07" not in str(info.value)


QUERY = [
    "query",
    "--metrics",
    "total_usage,request_count",
    "--dimensions",
    "model",
    "--granularity",
    "day",
    "--last",
    "7d",
    "--format",
    "json",
]


def test_name_filter_returns_exactly_the_rows_of_a_hash_filter(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    spiking = cat.api_key_by_ref(cat.SPIKING_KEY)
    assert spiking is not None
    outputs, notes = [], []
    for value in ("agent-experiments", spiking.hash):
        code = main([*QUERY, "--base-url", demo_server.url, "--filter", f"api_key_id = {value}"])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        outputs.append(json.loads(captured.out))
        notes.append(captured.err)
    by_name, by_hash = outputs
    assert by_name["rows"] == by_hash["rows"] and by_name["rows"]
    assert f"api_key_id 'agent-experiments' → {spiking.hash}" in notes[0]


def test_ambiguous_or_unknown_names_exit_2_listing_candidates(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    staging = [k for k in cat.API_KEYS if k.name == "staging"]
    code = main([*QUERY, "--base-url", demo_server.url, "--filter", "api_key_id = staging"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "ambiguous" in captured.err
    assert all(k.hash in captured.err for k in staging)
    code = main([*QUERY, "--base-url", demo_server.url, "--filter", "workspace = Nowhere"])
    captured = capsys.readouterr()
    assert code == 2 and "matches no known workspace" in captured.err
    assert "Customer Apps" in captured.err


def test_ids_need_no_lookup_requests(
    make_server: ServerFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[str] = []
    server = make_server(log=_Log(lines))
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    spiking = cat.api_key_by_ref(cat.SPIKING_KEY)
    assert spiking is not None
    code = main(
        [
            *QUERY,
            "--base-url",
            server.url,
            "--filter",
            f"api_key_id = {spiking.hash}",
            "--filter",
            f"workspace = {cat.DEFAULT_WORKSPACE}",
        ]
    )
    assert code == 0, capsys.readouterr().err
    deadline = time.monotonic() + 5  # the server logs a request just after answering it
    while len(lines) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    paths = [line.split()[2] for line in lines if " GET " in line or " POST " in line]
    assert paths == ["/api/v1/analytics/meta", "/api/v1/analytics/query"]


def test_hostile_names_from_the_server_arrive_terminal_safe() -> None:
    hostile = {
        "data": [
            {
                "hash": "b" * 64,
                "name": "evil\u001b]0;owned\u0007\u202e",
                "workspace_id": "w",
                "disabled": False,
                "limit": None,
                "limit_remaining": None,
                "limit_reset": None,
                "usage": 0,
                "usage_daily": 0,
                "usage_weekly": 0,
                "usage_monthly": 0,
            }
        ]
    }

    def handler(request: httpx.Request) -> httpx.Response:
        body = hostile if request.url.params.get("offset") == "0" else {"data": []}
        return httpx.Response(200, json=body)

    async def go() -> list[Any]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        analytics = AnalyticsClient(
            Secret(TEST_KEY),
            ClientConfig(base_url="http://127.0.0.1:9/api/v1", retry=NO_RETRY),
            http=http,
        )
        try:
            return await ManagementClient(analytics).keys()
        finally:
            await http.aclose()

    (key,) = run(go())
    assert "\x1b" not in key.name and "\x07" not in key.name and "\u202e" not in key.name
    assert key.name.startswith("evil\\x1b]0;owned") and key.hash == "b" * 64
