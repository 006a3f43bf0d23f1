"""Item 7 of #14: keys stored are keys usable, and key files that are not text are explained."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import CANARY_KEY
from tests.unit.test_auth import MemoryKeyring, PlaintextKeyring

SLOT = ("ortui", "openrouter-management-key")


@pytest.fixture()
def plaintext() -> Iterator[PlaintextKeyring]:
    backend = PlaintextKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_plaintext_saved_key_is_usable_and_removable(
    plaintext: PlaintextKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(CANARY_KEY + "\n"))
    assert main(["auth", "set", "--allow-plaintext"]) == 0
    assert "Saved" in capsys.readouterr().err
    assert main(["auth", "status"]) == 0
    assert "keyring (sk-or-v1-…4242)" in capsys.readouterr().out
    assert main(["auth", "clear"]) == 0
    assert SLOT not in plaintext.store
    assert main(["auth", "status"]) == 4
    out = capsys.readouterr()
    assert CANARY_KEY not in out.out + out.err


class ForgetfulKeyring(MemoryKeyring):
    """Accepts a password and never gives it back (a broken or locked backend)."""

    def get_password(self, service: str, username: str) -> str | None:
        return None


def test_saved_only_when_it_reads_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(ForgetfulKeyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(CANARY_KEY + "\n"))
        assert main(["auth", "set"]) == 2
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert "Saved" not in err and "does not give it back" in err


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00k\x00e\x00y", b"\x89PNG\r\n\x1a\n\x00\x00", b"sk-or-v1-abc\x1b]0;x\x07\n"],
)
def test_a_binary_key_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(content)
    os.chmod(key_file, 0o600)
    assert (
        main(
            [
                "query",
                "--key-file",
                str(key_file),
                "--base-url",
                "http://127.0.0.1:9/api",
                "--metrics",
                "request_count",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "is not a text file" in err or "control characters" in err


def test_auth_test_shows_the_key_file_permission_warning(
    tmp_path: Path, demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(CANARY_KEY + "\n")
    os.chmod(key_file, 0o644)
    assert main(["auth", "test", "--key-file", str(key_file), "--base-url", demo_server.url]) == 0
    out = capsys.readouterr()
    assert "readable by other users; run: chmod 600" in out.err
    assert CANARY_KEY not in out.out + out.err


@pytest.mark.parametrize("variable", ["OPENROUTER_MANAGEMENT_KEY", "OPENROUTER_API_KEY"])
def test_the_demo_simulators_process_never_holds_the_users_key(
    dataset: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    """``ortui --demo`` with a real key in the environment: the simulator's own process (which
    never needs it) has it neither in its arguments nor in its environment."""
    from ortui.demo.process import DemoProcess

    monkeypatch.setenv(variable, CANARY_KEY)
    demo = DemoProcess(dataset.parent, 42, 20_000)
    try:
        pid = demo._process.pid
        environ = Path(f"/proc/{pid}/environ").read_bytes()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        assert b"ortui.demo.process" in cmdline
        assert CANARY_KEY.encode() not in environ + cmdline
        assert b"PATH=" in environ  # the rest of the environment is kept
    finally:
        demo.stop()
