"""Server text is shown as text, never read as Textual markup: square brackets in an error
message cannot style the screen, make a clickable action (``[@click=app.quit]``) or, when
unbalanced (``[/]``), end the screen in a crash."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from textual.app import App
from textual.widgets import Static

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query.draft import QueryDraft
from ortui.screens.dialogs import Confirm
from ortui.screens.presets import PresetsScreen
from ortui.screens.spend import SpendFailed, SpendScreen
from tests.conftest import TEST_KEY
from tests.flows.conftest import demo_app
from tests.pilot import ready, run

CLICKABLE = "see [@click=app.quit]details[/] here"
UNBALANCED = "closing [/] with nothing open"


def _client(message: str) -> AnalyticsClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"error": {"code": 400, "message": message}})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    config = ClientConfig(base_url="http://mock/api/v1", retry=NO_RETRY)
    return AnalyticsClient(Secret(TEST_KEY), config, http=http)


@pytest.mark.parametrize("message", [CLICKABLE, UNBALANCED])
async def test_a_spend_error_message_is_shown_as_the_server_wrote_it(message: str) -> None:
    client = _client(message)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(SpendScreen(client))

    app = Host()
    async with run(app, size=(120, 30)) as pilot:
        screen = await pilot.shown(SpendScreen)
        await pilot.first(SpendFailed)
        await pilot.pause(0.1)
        status = screen.query_one("#spend-status", Static)
        shown = str(status.render())
        assert message in shown, shown
        assert app.is_running and app._exception is None


@pytest.mark.parametrize("name", ["shared [/] preset", "[@click=app.quit]click[/]"])
async def test_deleting_a_preset_with_brackets_in_its_name_asks_with_the_name_as_written(
    demo_server: DemoServer, tmp_path: Path, name: str
) -> None:
    """A preset file from a shared repository names itself; the delete question quotes it."""
    PresetStore(tmp_path / "presets").save(Preset(name, QueryDraft(metrics=("request_count",))))
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.shown(PresetsScreen)
        await pilot.press("ctrl+x")
        confirm = await pilot.shown(Confirm)
        await pilot.pause(0.1)
        shown = str(confirm.query_one("#confirm-question", Static).render())
        assert f"Delete preset {name!r}?" in shown, shown
        assert app.is_running and app._exception is None


async def test_a_server_label_with_brackets_is_shown_as_written(demo_server: DemoServer) -> None:
    """The label comes from ``--base-url`` / ``ORTUI_BASE_URL`` (an ``.envrc`` someone shared)."""
    app = demo_app(demo_server.url)
    app.sub_title = "http://127.0.0.1:1/api/v1?q=[/]&[b]x · key: test key"
    async with run(app, size=(120, 40)) as pilot:
        splash = app.query_one("#splash", Static)
        assert "?q=[/]&[b]x" in str(splash.render())
        await ready(pilot)
        assert app.is_running and app._exception is None
