"""The official openrouter SDK (retries off) and the ortui client agree with the simulator."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import httpx
import pytest
from openrouter import OpenRouter
from openrouter import errors as sdk_errors
from openrouter.operations import TimeRangeTypedDict
from openrouter.utils import BackoffStrategy, RetryConfig

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.models import QueryRequest, TimeRange
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from tests.conftest import TEST_KEY, ServerFactory
from tests.helpers import rows, window

NO_RETRIES = RetryConfig("none", BackoffStrategy(1, 1, 1, 1), False)


def sdk(server_url: str, key: str = TEST_KEY, hook: Any = None) -> OpenRouter:
    client = httpx.Client(event_hooks={"response": [hook]} if hook else {})
    return OpenRouter(api_key=key, server_url=server_url, retry_config=NO_RETRIES, client=client)


def test_sdk_reads_meta_and_rows(demo_server: DemoServer) -> None:
    bodies: list[bytes] = []

    def keep(response: httpx.Response) -> None:
        response.read()
        bodies.append(response.content)

    client = sdk(demo_server.url, hook=keep)
    meta = client.analytics.get_analytics_meta()
    assert len(meta.data.metrics) >= 38
    tw = window(7)
    span: TimeRangeTypedDict = {
        "start": datetime.fromisoformat(tw["start"]),
        "end": datetime.fromisoformat(tw["end"]),
    }
    result = client.analytics.query_analytics(
        metrics=["request_count", "total_usage"],
        dimensions=["model"],
        time_range=span,
        limit=50,
    )
    assert result.data.metadata.row_count == len(result.data.data) > 0
    raw_rows = json.loads(bodies[-1])["data"]["data"]
    assert raw_rows == rows(
        demo_server.url,
        {
            "metrics": ["request_count", "total_usage"],
            "dimensions": ["model"],
            "time_range": tw,
            "limit": 50,
        },
    )


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"metrics": ["request_count"], "dimensions": ["a", "b", "c"]}, "BadRequestResponseError"),
    ],
)
def test_sdk_gets_typed_400(demo_server: DemoServer, body: dict[str, Any], kind: str) -> None:
    with pytest.raises(getattr(sdk_errors, kind)):
        sdk(demo_server.url).analytics.query_analytics(**body)


def test_sdk_gets_typed_401_and_403(make_server: ServerFactory) -> None:
    server = make_server(keys=["sk-or-v1-good"], inference_keys=["sk-or-v1-inference"])
    with pytest.raises(sdk_errors.UnauthorizedResponseError):
        sdk(server.url, key="sk-or-v1-wrong").analytics.get_analytics_meta()
    with pytest.raises(sdk_errors.ForbiddenResponseError):
        sdk(server.url, key="sk-or-v1-inference").analytics.get_analytics_meta()


async def test_ortui_client_against_the_simulator(
    make_server: ServerFactory, demo_server: DemoServer
) -> None:
    client = AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=demo_server.url))
    meta = await client.meta()
    assert meta.metric("total_usage") is not None
    tw = window(7)
    result = await client.query(
        QueryRequest(
            metrics=["request_count"],
            dimensions=["model"],
            time_range=TimeRange(tw["start"], tw["end"]),
        )
    )
    assert result.response.data.data == rows(
        demo_server.url, {"metrics": ["request_count"], "dimensions": ["model"], "time_range": tw}
    )
    with pytest.raises(errors.BadRequest, match="Too big"):
        await client.query(QueryRequest(metrics=["request_count"], dimensions=["a", "b", "c"]))
    await client.aclose()
    server = make_server(keys=["sk-or-v1-good"], inference_keys=["sk-or-v1-inference"])
    for key, kind in (
        ("sk-or-v1-wrong", errors.Unauthorized),
        ("sk-or-v1-inference", errors.Forbidden),
    ):
        other = AnalyticsClient(Secret(key), ClientConfig(base_url=server.url, retry=NO_RETRY))
        with pytest.raises(kind):
            await other.meta()
        await other.aclose()
