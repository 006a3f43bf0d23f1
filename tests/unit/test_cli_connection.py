"""Every command that talks to the server connects the same way (``run_connected``): the
key-file permission warning, the plain-http refusal and the missing-key message are printed
alike by query, meta, spend, check, explain and auth test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ortui.auth.keyring_store import KeyringResult, KeyringStore
from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import CANARY_KEY

COMMANDS: dict[str, list[str]] = {
    "query": ["query", "--metrics", "request_count", "--last", "24h", "--format", "csv"],
    "meta": ["meta"],
    "spend": ["spend", "--format", "json"],
    "check": ["check", "--balance-below", "1"],
    "explain": ["explain", "--metric", "request_count", "--by", "model", "--rpm", "6000"],
    "auth test": ["auth", "test"],
}
WARNING = "is readable by other users; run: chmod 600"


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def open_key_file(tmp_path: Path) -> Path:
    """A key file other users can read (the warning's cause)."""
    key_file = tmp_path / "key"
    key_file.write_text(CANARY_KEY + "\n")
    os.chmod(key_file, 0o644)
    return key_file


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_warns_about_a_key_file_others_can_read(
    command: str,
    open_key_file: Path,
    demo_server: DemoServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        *COMMANDS[command],
        *("--key-file", str(open_key_file), "--base-url", demo_server.url),
        *("--config-dir", str(tmp_path / "config")),
    ]
    code, out, err = run(capsys, argv)
    assert code in (0, 1), err  # check exits 1 when the threshold is crossed
    warnings = [line for line in err.splitlines() if WARNING in line]
    assert warnings == [f"ortui: {open_key_file} {WARNING} {open_key_file}"]
    assert err.startswith(warnings[0])  # said before anything else
    assert CANARY_KEY not in out + err


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_plain_http_the_same_way(
    command: str, open_key_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        *COMMANDS[command],
        *("--key-file", str(open_key_file), "--base-url", "http://analytics.example.com/api/v1"),
        *("--config-dir", str(tmp_path / "config")),
    ]
    code, out, err = run(capsys, argv)
    assert code == 2
    assert out == ""
    assert err == (
        "ortui: refusing to send the management key to analytics.example.com over plain "
        "http://: anyone on the network path could read it. Use https://, or pass "
        "--allow-insecure-http if you trust every hop to that host.\n"
    )


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_says_the_same_without_a_key(
    command: str,
    demo_server: DemoServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(KeyringStore, "get", lambda self: KeyringResult(None))
    argv = [*COMMANDS[command], "--base-url", demo_server.url]
    code, out, err = run(capsys, [*argv, "--config-dir", str(tmp_path / "config")])
    assert code == 4
    assert out == ""
    assert err == (
        "ortui: no management key: set OPENROUTER_MANAGEMENT_KEY, pass --key-file, or run "
        "'ortui auth set'\n"
    )
