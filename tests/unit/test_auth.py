"""Key sources, the keyring wrapper (memory, fail, hanging, plaintext backends) and ortui auth."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from ortui.auth.keyring_store import KeyringStore, backend_problem
from ortui.auth.secret import Secret
from ortui.auth.sources import KeyFileError, find_key
from ortui.cli import main
from tests.conftest import CANARY_KEY, ServerFactory


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base __init__ is untyped
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class HangingKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(2)
        return None


class PlaintextKeyring(MemoryKeyring):
    pass


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture()
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_secret_never_shows_itself() -> None:
    secret = Secret(CANARY_KEY)
    for text in (
        str(secret),
        repr(secret),
        f"{secret}",
        f"{secret!r}",
        "%s" % secret,  # noqa: UP031
        repr([secret]),
        repr({"k": secret}),
    ):
        assert CANARY_KEY not in text
    assert secret.hint == "sk-or-v1-…4242" and secret.reveal() == CANARY_KEY
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_key_file_wins_and_warns_when_others_can_read_it(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    path = tmp_path / "key"
    path.write_text(CANARY_KEY + "\n")
    path.chmod(0o644)
    lookup = find_key(path, KeyringStore(), {"OPENROUTER_MANAGEMENT_KEY": "sk-or-v1-env"})
    assert lookup.key == Secret(CANARY_KEY) and lookup.source == "key file"
    assert "chmod 600" in lookup.notes[0]
    path.chmod(0o600)
    assert find_key(path, None, {}).notes == []
    path.write_text("\n")
    with pytest.raises(KeyFileError, match="empty"):
        find_key(path, None, {})


def test_env_order_and_sdk_variable_note(memory: MemoryKeyring) -> None:
    both = {
        "OPENROUTER_MANAGEMENT_KEY": "sk-or-v1-management-aaaa",
        "OPENROUTER_API_KEY": "sk-or-v1-sdk-bbbb",
    }
    assert find_key(None, None, both).source == "env OPENROUTER_MANAGEMENT_KEY"
    only_sdk = find_key(None, None, {"OPENROUTER_API_KEY": "sk-or-v1-sdk-bbbbbbbb"})
    assert only_sdk.source == "env OPENROUTER_API_KEY" and "official SDKs" in only_sdk.notes[0]


def test_memory_keyring_round_trip(memory: MemoryKeyring) -> None:
    store = KeyringStore()
    assert store.problem() is None and store.get().key is None
    assert store.set(Secret(CANARY_KEY)).ok
    assert find_key(None, store, {}).source == "keyring"
    assert store.clear().ok and store.get().key is None


def test_fail_backend_is_detected_and_never_written() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # keyring's is untyped
    try:
        store = KeyringStore()
        assert "No usable OS keyring" in (store.problem() or "")
        result = store.set(Secret(CANARY_KEY))
        assert not result.ok and "OPENROUTER_MANAGEMENT_KEY" in result.message
    finally:
        keyring.set_keyring(previous)


def test_hanging_backend_times_out() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(HangingKeyring())
    try:
        started = time.monotonic()
        result = KeyringStore(timeout=0.2).get()
        assert time.monotonic() - started < 1.5
        assert result.key is None and "did not answer" in result.message
    finally:
        keyring.set_keyring(previous)


def test_plaintext_backend_needs_explicit_consent() -> None:
    assert "plaintext" in (backend_problem(PlaintextKeyring()) or "")
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        assert not KeyringStore().set(Secret(CANARY_KEY)).ok
        assert KeyringStore(allow_plaintext=True).set(Secret(CANARY_KEY)).ok
    finally:
        keyring.set_keyring(previous)


def test_auth_set_from_stdin_status_and_clear(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(CANARY_KEY + "\n"))
    assert main(["auth", "set"]) == 0
    assert memory.store[("ortui", "openrouter-management-key")] == CANARY_KEY
    assert main(["auth", "status"]) == 0
    assert main(["auth", "clear"]) == 0
    assert main(["auth", "status"]) == 4
    out = capsys.readouterr()
    assert CANARY_KEY not in out.out + out.err
    assert "keyring (sk-or-v1-…4242)" in out.out


def test_auth_test_reports_each_outcome(
    make_server: ServerFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory: MemoryKeyring,
) -> None:
    good = make_server(inference_keys=["sk-or-v1-inference-key-123"], keys=[CANARY_KEY])
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)
    assert main(["auth", "test", "--base-url", good.url]) == 0
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-inference-key-123")
    assert main(["auth", "test", "--base-url", good.url]) == 4
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-unknown-key-456")
    assert main(["auth", "test", "--base-url", good.url]) == 4
    assert main(["auth", "test", "--base-url", "http://127.0.0.1:9/api/v1"]) == 5
    out = capsys.readouterr().out
    assert "valid management key" in out
    assert "this is an inference key, not a management key" in out
    assert "invalid key (401)" in out and "unreachable" in out
    assert CANARY_KEY not in out and "sk-or-v1-inference-key-123" not in out
    os.environ.pop("OPENROUTER_MANAGEMENT_KEY", None)


def test_auth_test_asks_get_key_before_any_analytics_call(
    make_server: ServerFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[str] = []

    class Log:
        def write(self, text: str) -> int:
            lines.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    server = make_server(inference_keys=["sk-or-v1-inference-key-789"], log=Log())
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-inference-key-789")
    assert main(["auth", "test", "--base-url", server.url]) == 4
    out = capsys.readouterr().out
    assert "this is an inference key, not a management key" in out
    assert "settings/management-keys" in out and "sk-or-v1-inference-key-789" not in out
    deadline = time.monotonic() + 5  # the server logs a request just after answering it
    while not lines and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    requests = [line for line in lines if "GET" in line or "POST" in line]
    assert len(requests) == 1 and "GET /api/v1/key 200" in requests[0]
    os.environ.pop("OPENROUTER_MANAGEMENT_KEY", None)


def test_auth_test_falls_back_to_a_403_without_get_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        status = 404 if request.url.path.endswith("/key") else 403
        return httpx.Response(status, json={"error": {"code": status, "message": "no"}})

    real = httpx.AsyncClient
    monkeypatch.setattr(
        httpx, "AsyncClient", lambda **kw: real(transport=httpx.MockTransport(handler), **kw)
    )
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-some-key-000")
    assert main(["auth", "test", "--base-url", "http://127.0.0.1:9/api/v1"]) == 4
    assert "not a management key (403)" in capsys.readouterr().out
    os.environ.pop("OPENROUTER_MANAGEMENT_KEY", None)
