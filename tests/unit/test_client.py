"""The client through httpx.MockTransport: statuses, retries, bounds, headers, no key leaks."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.models import QueryRequest
from ortui.api.retry import RetryPolicy, parse_retry_after
from ortui.auth.secret import Secret
from tests.conftest import CANARY_KEY

OK_BODY = {
    "data": {
        "data": [{"request_count": "3"}],
        "metadata": {"query_time_ms": 1, "row_count": 1, "truncated": False},
    }
}
REQUEST = QueryRequest(metrics=["request_count"])


class FakeTime:
    """An injected clock and sleep: no real waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_client(
    handler: Callable[[httpx.Request], httpx.Response], fake: FakeTime, **config: Any
) -> AnalyticsClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return AnalyticsClient(
        Secret(CANARY_KEY),
        ClientConfig(base_url="http://test/api/v1", **config),
        http=http,
        sleep=fake.sleep,
        clock=fake.clock,
        rng=lambda: 0.5,
    )


def json_response(
    status: int, body: object, headers: dict[str, str] | None = None
) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def error_body(status: int, message: str) -> dict[str, object]:
    return {"error": {"code": status, "message": message}}


async def test_query_sends_bearer_attribution_headers_and_json() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, OK_BODY)

    client = make_client(handler, FakeTime(), title="my-team")
    result = await client.query(REQUEST)
    assert result.response.data.data == [{"request_count": "3"}]
    request = seen[0]
    assert request.url.path == "/api/v1/analytics/query"
    assert request.headers["authorization"] == f"Bearer {CANARY_KEY}"
    assert request.headers["x-openrouter-title"] == "my-team"
    assert request.headers["http-referer"] and request.headers["x-openrouter-categories"]
    assert json.loads(request.content) == {"metrics": ["request_count"]}


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, errors.BadRequest),
        (401, errors.Unauthorized),
        (403, errors.Forbidden),
        (404, errors.ClientError),
        (408, errors.QueryTimeout),
        (429, errors.RateLimited),
        (500, errors.ServerError),
        (502, errors.ServerError),
        (503, errors.ServerError),
    ],
)
async def test_each_status_maps_to_a_typed_error_without_the_key(
    status: int, kind: type[errors.ApiError]
) -> None:
    fake = FakeTime()
    client = make_client(
        lambda r: json_response(status, error_body(status, "boom")),
        fake,
        retry=RetryPolicy(max_attempts=1),
    )
    with pytest.raises(kind) as caught:
        await client.query(REQUEST)
    assert CANARY_KEY not in str(caught.value) and CANARY_KEY not in repr(caught.value)
    assert caught.value.message


async def test_bad_request_carries_the_server_message() -> None:
    client = make_client(
        lambda r: json_response(400, error_body(400, "dimensions: Too big")), FakeTime()
    )
    with pytest.raises(errors.BadRequest) as caught:
        await client.query(REQUEST)
    assert caught.value.server_message == "dimensions: Too big"


async def test_5xx_retries_with_growing_backoff_then_succeeds() -> None:
    fake = FakeTime()
    answers = iter([500, 502, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return json_response(status, OK_BODY if status == 200 else error_body(status, "x"))

    client = make_client(handler, fake)
    result = await client.query(REQUEST)
    assert result.response.data.metadata.row_count == 1
    assert fake.sleeps == [pytest.approx(0.5), pytest.approx(0.75)]


async def test_retries_stop_at_max_attempts() -> None:
    fake = FakeTime()
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return json_response(503, error_body(503, "down"))

    client = make_client(handler, fake, retry=RetryPolicy(max_attempts=3))
    with pytest.raises(errors.ServerError):
        await client.query(REQUEST)
    assert len(calls) == 3 and len(fake.sleeps) == 2


async def test_retry_after_seconds_is_honoured() -> None:
    fake = FakeTime()
    answers = iter(
        [
            json_response(429, error_body(429, "slow"), {"Retry-After": "7"}),
            json_response(200, OK_BODY),
        ]
    )
    client = make_client(lambda r: next(answers), fake)
    await client.query(REQUEST)
    assert fake.sleeps == [7.0]


async def test_retry_after_http_date_is_honoured() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (parse_retry_after(when) or 0) <= 31


async def test_wait_beyond_the_time_budget_gives_up_with_the_wait() -> None:
    fake = FakeTime()
    client = make_client(
        lambda r: json_response(429, error_body(429, "slow"), {"Retry-After": "600"}),
        fake,
        retry=RetryPolicy(max_elapsed=30),
    )
    with pytest.raises(errors.RateLimited) as caught:
        await client.query(REQUEST)
    assert caught.value.retry_after == 600 and fake.sleeps == []


async def test_400_is_not_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return json_response(400, error_body(400, "bad"))

    with pytest.raises(errors.BadRequest):
        await make_client(handler, FakeTime()).query(REQUEST)
    assert len(calls) == 1


async def test_connection_errors_are_retried_then_reported() -> None:
    fake = FakeTime()

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    with pytest.raises(errors.NetworkError) as caught:
        await make_client(handler, fake, retry=RetryPolicy(max_attempts=2)).meta()
    assert "refused" in caught.value.message and len(fake.sleeps) == 1


async def test_backoff_wait_can_be_cancelled() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return json_response(503, error_body(503, "down"))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AnalyticsClient(
        Secret("k" * 20),
        ClientConfig(
            base_url="http://test", retry=RetryPolicy(initial_interval=30, max_elapsed=120)
        ),
        http=http,
    )
    task = asyncio.create_task(client.query(REQUEST))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


@pytest.mark.parametrize(
    ("body", "headers", "problem"),
    [
        (
            b'{"data": {"data": [{"model": "x", "req',
            {"content-type": "application/json"},
            "malformed JSON",
        ),
        (b"", {"content-type": "application/json"}, "empty body"),
        (b"<html><h1>502 Bad Gateway</h1></html>", {"content-type": "text/html"}, "content type"),
        (b'{"data": {"data": [], "metadata": {}}}', {"content-type": "text/plain"}, "content type"),
        (b'{"data": {"metadata": {}}}', {"content-type": "application/json"}, "wrong shape"),
        (b'{"data": {"data": "rows"}}', {"content-type": "application/json"}, "wrong shape"),
    ],
)
async def test_malformed_bodies_are_unexpected_responses_with_an_excerpt(
    body: bytes, headers: dict[str, str], problem: str
) -> None:
    client = make_client(lambda r: httpx.Response(200, content=body, headers=headers), FakeTime())
    with pytest.raises(errors.UnexpectedResponse) as caught:
        await client.query(REQUEST)
    assert problem in caught.value.message


async def test_html_error_page_with_status_200_is_reported() -> None:
    client = make_client(
        lambda r: httpx.Response(
            200, text="<html>oops</html>", headers={"content-type": "text/html"}
        ),
        FakeTime(),
    )
    with pytest.raises(errors.UnexpectedResponse) as caught:
        await client.meta()
    assert "<html>oops" in caught.value.message


async def test_body_over_the_bound_is_refused() -> None:
    big = b'{"pad": "' + b"x" * 5000 + b'"}'
    client = make_client(
        lambda r: httpx.Response(200, content=big, headers={"content-type": "application/json"}),
        FakeTime(),
        max_body_bytes=1000,
    )
    with pytest.raises(errors.ResponseTooLarge):
        await client.query(REQUEST)


def test_retry_policy_backoff_grows_and_caps() -> None:
    policy = RetryPolicy(initial_interval=1, multiplier=2, max_interval=5, jitter=0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [1, 2, 4, 5]
    jittered = RetryPolicy(initial_interval=1, jitter=0.25)
    assert jittered.backoff(1, lambda: 0.0) == 0.75 and jittered.backoff(1, lambda: 1.0) == 1.25
