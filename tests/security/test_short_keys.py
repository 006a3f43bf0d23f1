"""A key shorter than 8 characters is refused when typed (``auth set``, the TUI's prompt) and
never searched for in server text: redacting "e" would replace every "e" of an answer."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import keyring
import pytest
from textual.widgets import Static

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.secret import MIN_KEY_LENGTH, Secret
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.screens.key_prompt import KeyPrompt
from tests.conftest import CANARY_KEY
from tests.pilot import run
from tests.unit.test_auth import MemoryKeyring


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_a_short_key_is_not_redacted_but_a_real_one_is() -> None:
    assert Secret("e").redact("the server said: bad request") == "the server said: bad request"
    assert Secret("e" * (MIN_KEY_LENGTH - 1)).redact("eeeeeee!") == "eeeeeee!"
    assert CANARY_KEY not in Secret(CANARY_KEY).redact(f"you sent Bearer {CANARY_KEY}")


def test_a_one_character_key_leaves_the_servers_answer_intact(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", "e")  # the simulator takes any key
    args = ["query", "--base-url", demo_server.url, "--metrics", "total_usage"]
    code = main([*args, "--dimensions", "model", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    models = [row["model"] for row in json.loads(out.out)["rows"]]
    assert any("e" in model for model in models)  # "openai/gpt-4o…", not "op…nai/…"


def test_auth_set_refuses_a_short_key(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    assert main(["auth", "set"]) == 2
    err = capsys.readouterr().err
    assert "too short for a key" in err and "nothing saved" in err
    assert memory_keyring.store == {}
    monkeypatch.setattr("sys.stdin", io.StringIO(CANARY_KEY + "\n"))
    assert main(["auth", "set"]) == 0
    assert list(memory_keyring.store.values()) == [CANARY_KEY]


async def test_the_key_prompt_refuses_a_short_key(demo_server: DemoServer) -> None:
    client = AnalyticsClient(None, ClientConfig(base_url=demo_server.url, retry=NO_RETRY))
    app = OrtuiApp(client, server_label="demo", key_label="none")
    async with run(app, size=(120, 40)) as pilot:
        prompt = await pilot.shown(KeyPrompt)
        await pilot.press("x", "y", "enter")
        await pilot.pause()
        assert app.screen is prompt
        problem = prompt.query_one("#key-problem", Static)
        assert "too short for a key" in str(problem.render()) and problem.display
