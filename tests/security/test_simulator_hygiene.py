"""Item 8 of #14: the simulator is a well-behaved server; its test keys never sit in ps."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ortui.cli import main
from ortui.cli.demo import demo_keys
from tests.conftest import CANARY_KEY, TEST_KEY, ServerFactory


def exchange(port: int, raw: bytes, timeout: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("length", [b"abc", b"-5", b"1e3", b"\xd9\xa3"])
def test_a_malformed_content_length_gets_400(make_server: ServerFactory, length: bytes) -> None:
    server = make_server()
    answer = exchange(
        server.port,
        b"POST /api/v1/analytics/query HTTP/1.1\r\nHost: x\r\n"
        b"Content-Length: " + length + b"\r\n\r\n{}",
    )
    assert answer.startswith(b"HTTP/1.1 400") and b"Malformed Content-Length" in answer


def test_an_oversized_body_gets_413_without_being_read(make_server: ServerFactory) -> None:
    server = make_server()
    started = time.monotonic()
    answer = exchange(
        server.port,
        b"POST /api/v1/analytics/query HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n{",
    )
    assert answer.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 3


def test_idle_connections_time_out(make_server: ServerFactory) -> None:
    server = make_server(idle_timeout=0.5)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        assert sock.recv(100) == b""  # closed by the server, not by our timeout
    assert time.monotonic() - started < 5


def test_control_characters_are_escaped_in_the_log(make_server: ServerFactory) -> None:
    log = io.StringIO()
    server = make_server(log=log)
    exchange(
        server.port,
        b"GET /api/v1/\x1b]0;PWNED-TITLE\x07\x9b HTTP/1.1\r\nHost: x\r\n"
        b"Content-Length: 0\r\nConnection: close\r\n\r\n",
    )
    text = log.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\\x1b]0;PWNED-TITLE\\x07" in text


def test_keys_come_from_a_file_or_the_environment(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# test keys\n{TEST_KEY}\ninference sk-or-v1-inf-1\n\n")
    keys, inference = demo_keys(
        keys_file, {"ORTUI_DEMO_KEYS": "a, b", "ORTUI_DEMO_INFERENCE_KEYS": "c"}
    )
    assert keys == ["a", "b", TEST_KEY] and inference == ["c", "sk-or-v1-inf-1"]


def test_keys_on_the_command_line_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-server", "--key", CANARY_KEY]) == 2
    err = capsys.readouterr().err
    assert "ps" in err and "--keys-file" in err and CANARY_KEY not in err


def test_allow_remote_says_it_accepts_any_key(
    capsys: pytest.CaptureFixture[str], dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(dataset.parent))
    # 192.0.2.1 (TEST-NET-1) is not this machine's: the bind fails, nothing is sent anywhere
    code = main(
        [
            "demo-server",
            "--allow-remote",
            "--host",
            "192.0.2.1",
            "--port",
            "0",
            "--seed",
            "42",
            "--size",
            "20000",
        ]
    )
    err = capsys.readouterr().err
    assert "WARNING" in err and "accepts ANY non-empty key" in err
    assert code == 2


def test_a_demo_server_with_keys_from_the_environment(dataset: Path) -> None:
    env = {**os.environ, "ORTUI_DEMO_KEYS": CANARY_KEY, "ORTUI_CACHE_DIR": str(dataset.parent)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ortui",
            "demo-server",
            "--port",
            "0",
            "--seed",
            "42",
            "--size",
            "20000",
            "--quiet",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stderr is not None
        url = ""
        for line in process.stderr:
            if "Serving" in line:
                url = line.split(" at ")[1].split()[0]
                break
        assert url.startswith("http://127.0.0.1:")
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert CANARY_KEY.encode() not in cmdline
        good = httpx.get(
            url + "/analytics/meta", headers={"Authorization": f"Bearer {CANARY_KEY}"}, timeout=10
        )
        other = httpx.get(
            url + "/analytics/meta", headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=10
        )
        assert good.status_code == 200 and other.status_code == 401
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize("raw", ["99999999999999999999", "1000001", "-5", "0", "abc", ""])
def test_a_demo_size_from_the_environment_out_of_range_is_the_default(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    """A typo in ``ORTUI_DEMO_SIZE`` (a few zeros too many) built a dataset until the disk was
    full (400 MB a minute here); it is ignored like a value that is not a number."""
    from ortui.demo.cached import DEFAULT_SIZE, MAX_SIZE, demo_size

    monkeypatch.setenv("ORTUI_DEMO_SIZE", raw)
    assert demo_size() == DEFAULT_SIZE
    monkeypatch.setenv("ORTUI_DEMO_SIZE", str(MAX_SIZE))
    assert demo_size() == MAX_SIZE == 1_000_000


@pytest.mark.parametrize("size", ["0", "-5", "1000001", "99999999999999999999"])
def test_demo_server_refuses_a_size_out_of_range(
    capsys: pytest.CaptureFixture[str], size: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["demo-server", "--port", "0", "--size", size])
    assert ended.value.code == 2
    assert "--size: from 1 to 1,000,000 generations" in capsys.readouterr().err
