"""Explain and the spend series send every query through the one pipeline (``fetch_table``):
validated, decoded off the loop, cancellable and failing the same way as the explorer's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ortui.analysis.explain_run import Explainer, ExplainQuery
from ortui.analysis.pacing import Pacer
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.models import Meta, QueryRequest
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from ortui.query import pipeline
from ortui.results.table import ResultTable
from ortui.spend.series import daily_spend, today_comparison, workspace_spent
from tests.conftest import TEST_KEY

RESEARCH = "6f1c2d3e-0000-4a1b-9c2d-000000000002"


@pytest.fixture()
def client(demo_server: DemoServer) -> AnalyticsClient:
    return AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=demo_server.url, retry=NO_RETRY))


@pytest.fixture()
def through_pipeline(
    client: AnalyticsClient, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[QueryRequest], list[QueryRequest]]:
    """(every request sent, the requests that went through ``pipeline.fetch_table``)."""
    sent: list[QueryRequest] = []
    piped: list[QueryRequest] = []
    send, fetch = client.query_body, pipeline.fetch_table

    async def sending(request: QueryRequest, **options: Any) -> tuple[bytes, float]:
        sent.append(request)
        return await send(request, **options)

    async def fetching(
        client: AnalyticsClient, request: QueryRequest, meta: Meta, **options: Any
    ) -> tuple[ResultTable, float]:
        piped.append(request)
        return await fetch(client, request, meta, **options)

    monkeypatch.setattr(client, "query_body", sending)
    monkeypatch.setattr(pipeline, "fetch_table", fetching)
    return sent, piped


async def test_explain_queries_go_through_the_pipeline(
    client: AnalyticsClient, through_pipeline: tuple[list[QueryRequest], list[QueryRequest]]
) -> None:
    sent, piped = through_pipeline
    meta = await client.meta()
    end = datetime.now(UTC).replace(microsecond=0)
    explainer = Explainer(client, meta, pacer=Pacer(6000))
    explanation = await explainer.run(
        ExplainQuery("request_count", end - timedelta(days=7), end, ("model",))
    )
    await client.aclose()
    assert explanation.by["model"].groups
    assert len(sent) == 4 and piped == sent


async def test_spend_series_queries_go_through_the_pipeline(
    client: AnalyticsClient, through_pipeline: tuple[list[QueryRequest], list[QueryRequest]]
) -> None:
    sent, piped = through_pipeline
    now = datetime.now(UTC)
    assert sum((await daily_spend(client, now)).values()) > 0
    await today_comparison(client, now)
    await workspace_spent(client, RESEARCH, "weekly", True, now)
    await client.aclose()
    assert len(sent) == 4 and piped == sent
