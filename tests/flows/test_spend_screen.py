"""The Spend screen over loopback: demo states shown, Enter explores, 80×24, hostile names."""

from __future__ import annotations

import json
from typing import Any

import httpx
import msgspec

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.faults import parse_fault
from ortui.demo.server import DemoServer
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.spend import SpendFailed, SpendLoaded, SpendScreen
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.spend_summary import SpendSummary
from ortui.widgets.spend_table import SpendTable
from tests.conftest import TEST_KEY, ServerFactory
from tests.flows.conftest import demo_app
from tests.flows.test_faults import app_for
from tests.pilot import HearingPilot, explorer, ready, result_shown, run, wait_for


def cells(table: SpendTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_spend(pilot: HearingPilot) -> SpendScreen:
    """The Spend screen (F6) once its report is shown."""
    await ready(pilot)
    await pilot.press("f6")
    screen = await pilot.shown(SpendScreen)
    await pilot.first(SpendLoaded, unless=(SpendFailed,))
    assert screen.report is not None
    return screen


def _get(url: str, path: str) -> Any:
    return httpx.get(url + path, headers={"Authorization": f"Bearer {TEST_KEY}"}).json()


async def test_the_demo_states_are_visible(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await open_spend(pilot)
        summary = str(screen.query_one(SpendSummary).render())
        credits = _get(demo_server.url, "/credits")["data"]
        left = credits["total_credits"] - credits["total_usage"]
        assert f"${left:,.2f} of ${credits['total_credits']:,.2f}" in summary
        assert "runway" in summary and "weekday-aware" in summary
        assert "by this time yesterday" in summary
        keys = cells(screen.query_one("#spend-keys", SpendTable))
        by_name = {row[0]: row for row in keys}
        daily = next(row for row in keys if "daily" in row[5])
        assert float(daily[1].split()[-1].rstrip("%")) >= 85  # near its daily limit
        assert any("disabled" in row[4] for row in keys)
        assert any("expires" in row[4] for row in keys)
        assert "agent-experiments" in by_name and "Research" in {row[6] for row in keys}
        budgets = cells(screen.query_one("#spend-budgets", SpendTable))
        over = [row for row in budgets if row[3] == "over"]
        assert over and over[0][2].startswith("✖")  # a workspace over its monthly budget
        assert "at or heading over" in str(screen.query_one("#spend-status").render())


async def test_enter_on_a_key_opens_the_explorer_filtered_by_its_hash(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await open_spend(pilot)
        table = screen.query_one("#spend-keys", SpendTable)
        table.focus()
        await pilot.press("down")
        chosen = table.rows_shown[1]
        async with result_shown(pilot):
            await pilot.press("enter")
        main = explorer(app)
        filters = main.query_one(QueryBuilder).draft.filters
        assert [(f.field, f.operator, f.values) for f in filters] == [
            ("api_key_id", "eq", (chosen.target[1],))
        ]
        sent = json.loads(msgspec.json.encode(main.last_request))
        assert sent["filters"] == [
            {"field": "api_key_id", "operator": "eq", "value": chosen.target[1]}
        ]


async def test_enter_on_a_budget_filters_by_workspace_id(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await open_spend(pilot)
        table = screen.query_one("#spend-budgets", SpendTable)
        table.focus()
        await pilot.press("enter")
        main = await pilot.shown(ExplorerScreen)
        filters = main.query_one(QueryBuilder).draft.filters
        assert [(f.field, f.values) for f in filters] == [
            ("workspace", (table.rows_shown[0].target[1],))
        ]
        assert len(table.rows_shown[0].target[1]) == 36  # a uuid, not the name


async def test_refresh_is_throttled_and_escape_goes_back(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await open_spend(pilot)
        first = screen.report
        await pilot.press("r")
        assert "try again in" in str(screen.query_one("#spend-status").render())
        assert screen.report is first
        screen._last_start -= 60
        async with pilot.expect(SpendLoaded):
            await pilot.press("r")
        assert screen.report is not first
        await pilot.press("escape")
        await pilot.shown(ExplorerScreen)


async def test_fits_80x24(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await open_spend(pilot)
        keys = screen.query_one("#spend-keys", SpendTable)
        budgets = screen.query_one("#spend-budgets", SpendTable)
        # Every key and budget row, the summary and the status line are on screen at once.
        assert keys.region.height == keys.row_count + 1 and keys.region.width <= 80
        assert budgets.region.bottom <= screen.query_one("#spend-status").region.y < 23
        assert screen.query_one(SpendSummary).region.height == 4  # the month has its BYOK line


async def test_server_strings_cannot_reach_the_terminal() -> None:
    evil = "evil\x1b]52;c;aGk=\x07\x1b[2J\u202e"
    bodies = {
        "/credits": {"data": {"total_credits": 10, "total_usage": 1}},
        "/workspaces": {"data": [{"id": "w1", "name": evil, "slug": "w"}], "total_count": 1},
        "/workspaces/w1/budgets": {
            "data": [{"id": "b", "workspace_id": "w1", "limit_usd": 5, "reset_interval": evil}]
        },
        "/keys": {
            "data": [
                {
                    "hash": "h" * 64,
                    "name": evil,
                    "workspace_id": "w1",
                    "disabled": False,
                    "limit": 1,
                    "limit_remaining": 0,
                    "limit_reset": evil,
                    "usage": 1,
                    "usage_daily": 1,
                    "usage_weekly": 1,
                    "usage_monthly": 1,
                }
            ]
        },
    }

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        if path == "/analytics/query":
            return httpx.Response(200, json={"data": {"data": [], "metadata": {}}})
        if path == "/keys" and request.url.params.get("offset") not in (None, "0"):
            return httpx.Response(200, json={"data": []})
        return httpx.Response(200, json=bodies[path])

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AnalyticsClient(
        Secret(TEST_KEY), ClientConfig(base_url="http://mock/api/v1", retry=NO_RETRY), http=http
    )
    from textual.app import App

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(SpendScreen(client))

    app = Host()
    async with run(app, size=(120, 30)) as pilot:
        screen = await pilot.shown(SpendScreen)
        await pilot.first(SpendLoaded, unless=(SpendFailed,))
        rows = cells(screen.query_one("#spend-keys", SpendTable))
        assert rows[0][0] == "evil\\x1b]52;c;aGk=\\x07\\x1b[2J⍰"
        assert "\x1b" not in "".join(rows[0]) + "".join(
            cells(screen.query_one("#spend-budgets", SpendTable))[0]
        )


async def test_ortui_spend_opens_on_it_and_dollar_and_the_palette_reach_it(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url, spend=True)
    async with run(app, size=(120, 40)) as pilot:
        await pilot.shown(SpendScreen)
        await pilot.press("escape")
        main = await ready(pilot)
        main.query_one("#grid").focus()
        await pilot.press("dollar_sign")
        await pilot.shown(SpendScreen)
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Spend")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.shown(SpendScreen)


async def test_a_429_is_waited_out_and_said(make_server: ServerFactory) -> None:
    server = make_server()
    app = app_for(server.url)
    async with run(app, size=(120, 40)) as pilot:
        await ready(pilot)
        server.config.faults.faults = [parse_fault("429=2x1")]
        await pilot.press("f6")
        screen = await pilot.shown(SpendScreen)
        status = screen.query_one("#spend-status")
        await wait_for(pilot, lambda: "retrying in" in str(status.render()))  # counting down
        assert "Rate limited" in str(status.render())
        await pilot.first(SpendLoaded, unless=(SpendFailed,))
        assert screen.report is not None and screen.report.keys
