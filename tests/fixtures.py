"""Deterministic app fixtures for snapshots and screenshots (no clock, no today)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from tests.conftest import CONTRACT

MODELS = (
    "anthropic/claude-sonnet-4",
    "openai/gpt-4o",
    "google/gemini-2.5-pro",
    "deepseek/deepseek-chat-v3-0324",
)


def fixed_rows() -> list[dict[str, object]]:
    """Fourteen days × four models of made-up but stable traffic."""
    start = datetime(2026, 5, 6, tzinfo=UTC)
    rows: list[dict[str, object]] = []
    for day in range(13, -1, -1):
        for index, model in enumerate(MODELS):
            requests = 400 + 37 * day * (index + 1) % 300 + 90 * index
            rows.append(
                {
                    "date__day": (start + timedelta(days=day)).strftime("%Y-%m-%d"),
                    "model": model,
                    "total_usage": round(requests * (0.004 + index / 900), 4),
                    "request_count": str(requests),
                }
            )
    return rows


def fixed_handler(query_status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    meta = (CONTRACT / "examples" / "meta.json").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/meta"):
            return httpx.Response(200, content=meta, headers={"content-type": "application/json"})
        if query_status != 200:
            return httpx.Response(
                query_status,
                json={
                    "error": {
                        "code": query_status,
                        "message": "Only management keys can perform this operation",
                    }
                },
            )
        rows = fixed_rows()
        return httpx.Response(
            200,
            content=json.dumps(
                {
                    "data": {
                        "data": rows,
                        "metadata": {
                            "query_time_ms": 42,
                            "row_count": len(rows),
                            "truncated": False,
                        },
                    }
                }
            ),
            headers={"content-type": "application/json"},
        )

    return handler


def fixed_app(query_status: int = 200) -> OrtuiApp:
    http = httpx.AsyncClient(transport=httpx.MockTransport(fixed_handler(query_status)))
    client = AnalyticsClient(
        Secret("sk-or-v1-snapshot-key-000000000000"),
        ClientConfig(base_url="http://demo/api/v1", retry=NO_RETRY),
        http=http,
        clock=lambda: 0.0,
    )
    return OrtuiApp(client, server_label="demo simulator", key_label="built-in demo key")
