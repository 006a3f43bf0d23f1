"""Helpers for Pilot flows: apps wired to the loopback simulator or a MockTransport."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from ortui.presets.history import History
from ortui.presets.store import PresetStore
from tests.conftest import CONTRACT, TEST_KEY


def demo_app(
    base_url: str, key: str = TEST_KEY, folder: Path | None = None, **options: Any
) -> OrtuiApp:
    """An app on ``base_url``; with ``folder``, presets and history live there."""
    client = AnalyticsClient(Secret(key), ClientConfig(base_url=base_url, retry=NO_RETRY))
    stores: dict[str, Any] = {}
    if folder is not None:
        stores = {
            "presets": PresetStore(folder / "presets"),
            "history": History(folder / "history.jsonl"),
        }
    return OrtuiApp(
        client, server_label="demo simulator", key_label="test key", **stores, **options
    )


def mock_app(handler: Callable[[httpx.Request], httpx.Response], key: str = TEST_KEY) -> OrtuiApp:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AnalyticsClient(
        Secret(key), ClientConfig(base_url="http://mock/api/v1", retry=NO_RETRY), http=http
    )
    return OrtuiApp(client, server_label="mock", key_label="test key")


def example_meta_response() -> httpx.Response:
    return httpx.Response(
        200,
        content=(CONTRACT / "examples" / "meta.json").read_bytes(),
        headers={"content-type": "application/json"},
    )


def meta_then(
    answer: Callable[[httpx.Request], httpx.Response], seen: list[dict[str, Any]] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    """A handler serving the example meta, then ``answer`` for queries (recording bodies)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/meta"):
            return example_meta_response()
        if seen is not None:
            seen.append(json.loads(request.content))
        return answer(request)

    return handler
