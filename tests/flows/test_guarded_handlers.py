"""A handler that raises on outside data (a result a formatter chokes on, a preset that breaks
while opening) says so in a notification without the key, and the app lives on."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.notifications import Notify

from ortui.demo.server import DemoServer
from ortui.presets.preset import Preset
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.results.table import ResultTable
from ortui.screens.explorer import ExplorerScreen
from tests.conftest import CANARY_KEY
from tests.flows.conftest import demo_app
from tests.pilot import notified, ready, result_shown, run, status_text


def shown(app: App[None]) -> list[str]:
    return [str(n.message) for n in app._notifications]


def failures(app: App[None]) -> list[str]:
    return [text for text in shown(app) if text.startswith("Could not")]


async def test_a_result_that_breaks_the_status_line_is_told_and_the_app_lives_on(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(table: ResultTable, client_ms: float, limit: int | None, width: int = 0) -> str:
        raise ValueError(f"cannot format a server string (key {CANARY_KEY})")

    monkeypatch.setattr("ortui.screens.run_flow.describe_result", broken)
    app = demo_app(demo_server.url, key=CANARY_KEY)
    async with run(app, size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        async with notified(pilot, "Could not"):
            await pilot.press("f5")
        [told] = failures(app)
        assert told.startswith("Could not show the result (ValueError: cannot format")
        assert CANARY_KEY not in "".join(shown(app)) + status_text(screen)
        assert app.is_running and app.screen is screen
        monkeypatch.undo()  # the formatter works again: the same app runs the next query
        async with result_shown(pilot):
            await pilot.press("f5")
        assert "rows" in status_text(screen) and not screen.state.running
        assert screen.table is not None and app.is_running


async def test_a_preset_that_breaks_while_opening_is_told_and_the_app_lives_on(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(draft: QueryDraft, meta: object) -> list[str]:
        raise KeyError("metrics")

    monkeypatch.setattr("ortui.screens.preset_flow.schema_drift", broken)
    preset = Preset(
        "broken", QueryDraft(metrics=("request_count",), time=RelativeRange("last_24h"))
    )
    app = demo_app(demo_server.url, preset=preset)
    async with run(app, size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.first(Notify, lambda note: note.notification.message.startswith("Could not"))
        assert failures(app) == ["Could not open the query (KeyError: 'metrics')."]
        assert app.is_running and isinstance(app.screen, ExplorerScreen)
        async with result_shown(pilot) as result:  # the builder holds the preset's query
            await pilot.press("f5")
        assert [c.key for c in result.message.table.metric_columns] == ["request_count"]
