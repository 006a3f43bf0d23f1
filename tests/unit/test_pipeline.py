"""The one query pipeline and its request-aware decoder, against the simulator over loopback."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import httpx
import msgspec
import pytest

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.models import META_DECODER, Meta, Metric, QueryRequest
from ortui.api.retry import NO_RETRY, RetryNotice, RetryPolicy
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from ortui.query import pipeline
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.results.decode import DecodeCancelled, decode_result
from tests.conftest import CONTRACT, TEST_KEY
from tests.helpers import post, values

DRAFT = QueryDraft(
    metrics=("request_count", "total_usage"),
    dimensions=("model",),
    granularity="day",
    time=RelativeRange("last_7d"),
)


def loopback(url: str) -> AnalyticsClient:
    return AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=url, retry=NO_RETRY))


def mocked(handler: Any, retry: RetryPolicy = NO_RETRY) -> AnalyticsClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return AnalyticsClient(
        Secret(TEST_KEY), ClientConfig(base_url="http://mock/api/v1", retry=retry), http=http
    )


def example_meta() -> Meta:
    return META_DECODER.decode((CONTRACT / "examples" / "meta.json").read_bytes()).data


async def test_run_returns_the_rows_the_server_sends(demo_server: DemoServer) -> None:
    client = loopback(demo_server.url)
    try:
        meta = await client.meta()
        outcome = await pipeline.run(client, DRAFT, meta)
    finally:
        await client.aclose()
    assert isinstance(outcome, pipeline.Ran)
    raw = post(demo_server.url, msgspec.to_builtins(outcome.request)).json()["data"]["data"]
    table = outcome.table
    assert table.row_count == len(raw) > 0
    assert values(table, "model") == [r["model"] for r in raw]
    assert values(table, "request_count") == [int(r["request_count"]) for r in raw]
    assert table.granularity == "day" and table.time_column is not None


async def test_an_invalid_draft_sends_nothing_and_says_why() -> None:
    sent: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client = mocked(refuse)
    outcome = await pipeline.run(client, DRAFT.with_changes(limit=20_000), example_meta())
    assert isinstance(outcome, pipeline.Invalid)
    assert [p.field for p in outcome.problems] == ["limit"] and sent == []


async def test_a_rejected_query_is_a_typed_failure_with_its_request() -> None:
    client = mocked(
        lambda r: httpx.Response(400, json={"error": {"code": 400, "message": "bad limit"}})
    )
    outcome = await pipeline.run(client, DRAFT, example_meta())
    assert isinstance(outcome, pipeline.Failed)
    assert (
        isinstance(outcome.error, errors.BadRequest) and outcome.error.server_message == "bad limit"
    )
    assert outcome.request.metrics == ["request_count", "total_usage"]


async def test_retry_waits_are_told_to_the_caller_not_to_a_patched_client() -> None:
    answers = iter(
        [
            httpx.Response(503, json={"error": {"code": 503, "message": "busy"}}),
            httpx.Response(200, json={"data": {"data": [], "metadata": {}}}),
        ]
    )
    client = mocked(
        lambda r: next(answers), RetryPolicy(max_attempts=2, initial_interval=0.01, jitter=0)
    )
    heard: list[RetryNotice] = []
    outcome = await pipeline.run(client, DRAFT, example_meta(), on_retry=heard.append)
    assert isinstance(outcome, pipeline.Ran) and client.on_retry is None
    assert [(n.attempt, n.reason) for n in heard] == [(1, errors.ServerError(503, "").title)]


def test_the_decoder_takes_the_grain_from_the_request_not_from_key_names() -> None:
    """A dimension whose name looks like a bucket key is still a dimension."""
    meta = Meta(metrics=[Metric("request_count", "Requests", False, "number")])
    body = json.dumps(
        {"data": {"data": [{"date__shard": "eu-1", "request_count": 3}], "metadata": {}}}
    ).encode()
    table = decode_result(body, QueryRequest(["request_count"], ["date__shard"]), meta)
    assert table.time_column is None and table.granularity is None and not table.problems
    assert values(table, "date__shard") == ["eu-1"]


@pytest.mark.parametrize("odd", [False, True])
def test_user_brings_user_email_on_both_paths(odd: bool) -> None:
    meta = Meta(metrics=[Metric("request_count", "Requests", False, "number")])
    row = {"user": "u1", "user_email": "a@b.c", "request_count": "n/a" if odd else 2}
    body = json.dumps({"data": {"data": [row], "metadata": {}}}).encode()
    table = decode_result(body, QueryRequest(["request_count"], ["user"]), meta)
    assert [c.key for c in table.columns] == ["user", "user_email", "request_count"]
    assert bool(table.problems) is odd  # the odd value took the forgiving path


def test_a_stopped_decode_ends_instead_of_building_the_table() -> None:
    stop = threading.Event()
    stop.set()
    body = json.dumps({"data": {"data": [{"request_count": 1}], "metadata": {}}}).encode()
    with pytest.raises(DecodeCancelled):
        decode_result(body, QueryRequest(["request_count"]), Meta(), stop)


async def test_cancelling_a_run_stops_its_decode_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    entered, finished = threading.Event(), threading.Event()
    ended: list[BaseException | None] = []

    def slow_decode(
        body: bytes,
        request: QueryRequest,
        meta: Meta,
        local: Any,
        stop: threading.Event | None = None,
    ) -> Any:
        entered.set()
        try:
            assert stop is not None and stop.wait(10)  # a long decode, until told to stop
            result = real(body, request, meta, local, stop)
            ended.append(None)
            return result
        except BaseException as exc:
            ended.append(exc)
            raise
        finally:
            finished.set()

    real = pipeline.decode_answer
    monkeypatch.setattr(pipeline, "decode_answer", slow_decode)
    client = mocked(lambda r: httpx.Response(200, json={"data": {"data": [], "metadata": {}}}))
    task = asyncio.create_task(pipeline.run(client, DRAFT, example_meta()))
    await asyncio.to_thread(entered.wait, 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(finished.wait, 10)
    assert len(ended) == 1 and isinstance(ended[0], DecodeCancelled)
