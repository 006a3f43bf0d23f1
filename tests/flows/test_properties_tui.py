"""Random meta documents and random rows in the real widgets: they render, nothing crashes."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings

from ortui.api.models import META_DECODER, QueryRequest
from ortui.results.decode import decode_result
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import mock_app
from tests.pilot import run
from tests.unit.test_properties import META, ROWS


async def _render(document: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=document)

    app = mock_app(handler)
    async with run(app, size=(100, 30)) as pilot:
        while not (isinstance(app.screen, ExplorerScreen) and app.screen.meta is not None):
            await pilot.pause(0.02)
        await pilot.pause()
        meta = META_DECODER.decode(json.dumps(document)).data
        body = json.dumps({"data": {"data": rows, "metadata": {}}}).encode()
        names = [m.name for m in meta.metrics][:3]
        table = decode_result(
            body, QueryRequest(names, [d.name for d in meta.dimensions][:2]), meta
        )
        grid = app.screen.query_one(ResultsGrid)
        grid.set_table(table)
        grid.focus()
        await pilot.press("end", "right", "s", "pagedown")
        await pilot.pause()
        app.export_screenshot()  # renders every visible line, writes nothing


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(META, ROWS)
def test_random_meta_and_rows_render_in_the_explorer(
    document: dict[str, Any], rows: list[dict[str, Any]]
) -> None:
    asyncio.run(_render(document, rows))
