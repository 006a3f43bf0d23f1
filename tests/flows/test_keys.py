"""Key handling in the TUI: prompt when missing, re-enter after 401/403, and no leaks anywhere."""

from __future__ import annotations

import io
from pathlib import Path

import keyring
import pytest
from rich.console import Console
from textual.widgets import Input

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret
from ortui.messages import SchemaFailed, SchemaLoaded
from ortui.screens.export_dialog import ExportDialog
from ortui.screens.key_prompt import KeyPrompt
from tests.conftest import CANARY_KEY, ServerFactory
from tests.pilot import explorer, ready, ready_with_result, result_shown, run, status_text, wait_for
from tests.unit.test_auth import MemoryKeyring


async def test_no_key_prompts_masked_and_saves_to_keyring(make_server: ServerFactory) -> None:
    server = make_server(keys=[CANARY_KEY])
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        client = AnalyticsClient(None, ClientConfig(base_url=server.url, retry=NO_RETRY))
        app = OrtuiApp(client, server_label="demo", key_label="none", secrets=KeyringStore())
        async with run(app, size=(120, 40)) as pilot:
            prompt = await pilot.shown(KeyPrompt)
            await pilot.press(*CANARY_KEY)
            assert CANARY_KEY not in prompt.query_one("#key-input").render_line(0).text
            await pilot.press("enter")
            screen = await ready(pilot)
            await wait_for(pilot, lambda: backend.store)
            assert backend.store[("ortui", "openrouter-management-key")] == CANARY_KEY
            assert "…4242" in app.sub_title and CANARY_KEY not in app.sub_title
            assert screen.meta is not None
    finally:
        keyring.set_keyring(previous)


async def test_403_then_ctrl_k_retries_with_the_new_key(make_server: ServerFactory) -> None:
    server = make_server(keys=[CANARY_KEY], inference_keys=["sk-or-v1-inference-000000"])
    client = AnalyticsClient(
        Secret("sk-or-v1-inference-000000"), ClientConfig(base_url=server.url, retry=NO_RETRY)
    )
    app = OrtuiApp(client, server_label="demo", key_label="env", secrets=None)
    async with run(app, size=(120, 40)) as pilot:
        await pilot.first(SchemaFailed)
        screen = explorer(app)
        assert "error" in screen.status.classes
        assert "not a management key" in str(screen.query_one("#error").render())
        await pilot.press("ctrl+k")
        prompt = await pilot.shown(KeyPrompt)
        assert prompt.query_one("#key-save").disabled  # no keyring: memory only
        await pilot.press(*CANARY_KEY, "enter")
        await pilot.first(SchemaLoaded)
        assert screen.meta is not None
        async with result_shown(pilot):
            await pilot.press("f5")
        assert "rows" in status_text(screen)


async def test_canary_key_never_reaches_screen_screenshot_or_crash_output(
    make_server: ServerFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = make_server(keys=[CANARY_KEY])
    client = AnalyticsClient(Secret(CANARY_KEY), ClientConfig(base_url=server.url, retry=NO_RETRY))
    app = OrtuiApp(client, server_label="demo", key_label=Secret(CANARY_KEY).hint)
    crashed = False
    console = Console(file=io.StringIO(), record=True, width=200)

    def capture_crash_output() -> None:
        for renderable in app._exit_renderables:
            console.print(renderable)
        app._exit_renderables.clear()

    monkeypatch.setattr(app, "_print_error_renderables", capture_crash_output)
    try:
        async with run(app, size=(120, 40)) as pilot:
            screen = await ready_with_result(pilot)
            app.save_screenshot(filename="canary.svg", path=str(tmp_path))
            await screen.run_action("copy_query_curl")
            assert "$OPENROUTER_MANAGEMENT_KEY" in app.clipboard
            copied = app.clipboard
            screen.query_one("#grid").focus()
            await pilot.press("t")
            copied += app.clipboard
            await pilot.press("e")
            dialog = await pilot.shown(ExportDialog)
            export_path = dialog.query_one("#export-path", Input)
            export_path.value = str(tmp_path / "canary.csv")
            await pilot.press("enter")
            await wait_for(pilot, lambda: (tmp_path / "canary.csv").exists())
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press("escape")

            def explode() -> None:
                key_in_locals = screen.client.key  # noqa: F841 - Textual shows locals
                raise RuntimeError("induced crash")

            app.call_later(explode)
            await pilot.pause()
    except RuntimeError:
        crashed = True
    svg = (tmp_path / "canary.svg").read_text()
    assert CANARY_KEY not in svg and "…4242" in svg
    assert CANARY_KEY not in copied
    assert CANARY_KEY not in (tmp_path / "canary.csv").read_text()
    crash_text = console.export_text()
    assert crashed and "induced crash" in crash_text
    assert "Secret('sk-or-v1-…4242')" in crash_text  # locals were rendered, masked
    assert CANARY_KEY not in crash_text
