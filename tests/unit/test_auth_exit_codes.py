"""``ortui auth status`` and ``auth test`` exit as the README's table says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import REPO, TEST_KEY
from tests.unit.test_auth import MemoryKeyring


def readme_row(command: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(f"| `{command}` |"))


@pytest.fixture()
def no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No key in the environment and a keyring that holds none."""
    monkeypatch.delenv("OPENROUTER_MANAGEMENT_KEY", raising=False)
    monkeypatch.delenv("OPENROUTER_API_KEY", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        yield tmp_path
    finally:
        keyring.set_keyring(previous)


def test_auth_status_exit_codes(no_key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row = readme_row("ortui auth status")
    assert "0 a key was found" in row and "4 no key anywhere" in row
    assert "2 the `--key-file` cannot be read as a key" in row
    config = ["--config-dir", str(no_key)]
    assert main(["auth", "status", *config]) == 4
    missing = no_key / "absent"
    assert main(["auth", "status", "--key-file", str(missing), *config]) == 2
    binary = no_key / "binary"
    binary.write_bytes(b"\x01\x02\x03")
    assert main(["auth", "status", "--key-file", str(binary), *config]) == 2
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    assert main(["auth", "status", *config]) == 0


def test_auth_test_exit_codes(
    no_key: Path, monkeypatch: pytest.MonkeyPatch, demo_server: DemoServer
) -> None:
    row = readme_row("ortui auth test")
    assert "0 a valid management key" in row and "4 no key, an inference key, 401 or 403" in row
    assert "5 the server cannot be reached" in row
    config = ["--config-dir", str(no_key)]
    assert main(["auth", "test", "--base-url", demo_server.url, *config]) == 4
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    assert main(["auth", "test", "--base-url", demo_server.url, *config]) == 0
    nowhere = "http://127.0.0.1:9/api/v1"  # the discard port: nothing listens
    assert main(["auth", "test", "--base-url", nowhere, *config]) == 5
