"""Item 1 of #14: no control sequence from a server or a file reaches stdout or stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ortui.cli import main
from ortui.safe_text import safe_text
from tests.conftest import CANARY_KEY, TEST_KEY
from tests.hostile import (
    HOSTILE,
    OSC52,
    Answer,
    HostileServer,
    by_model,
    error_body,
    hostile_meta,
    query_body,
    raw_markers_in,
)

pytestmark = pytest.mark.usefixtures("key")


def hostile_rows() -> list[dict[str, Any]]:
    return [
        {"model": "openai/gpt-4o" + HOSTILE, "request_count": 3},
        {"model": "=cmd|' /C calc'!A0" + OSC52, "request_count": 1},
    ]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_safe_text_shows_controls_and_bidi_visibly() -> None:
    assert safe_text("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert safe_text("line\r\nnext\ttab\x7f\x9b") == "line\\r\\nnext\\ttab\\x7f\\x9b"
    assert safe_text("\u202egnp.exe\u2066") == "⍰gnp.exe⍰"
    clean = "openai/gpt-4o ✨ Ünïcode"
    assert safe_text(clean) is clean


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e"])
def test_invisible_characters_are_shown_so_two_names_never_look_the_same(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], invisible: str
) -> None:
    """A key or model named ``prod`` + a zero-width space looked exactly like ``prod``: a
    server could show two rows (or a key) that a user cannot tell apart."""
    escaped = f"\\u{ord(invisible):04x}"
    assert safe_text(f"prod{invisible}") == f"prod{escaped}"
    rows = [
        {"model": "prod", "request_count": 1},
        {"model": f"prod{invisible}", "request_count": 2},
    ]
    hostile.query(query_body(rows))
    argv = ["--metrics", "request_count", "--dimensions", "model", "--format", "csv"]
    code, out, err = run(capsys, "query", "--base-url", hostile.url, *argv)
    assert code == 0, err
    assert sorted(out.splitlines()[1:]) == ["prod,1", f"prod{escaped},2"]


def test_meta_labels_never_reach_stdout(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile.meta(hostile_meta())
    code, out, err = run(capsys, "meta", "--base-url", hostile.url)
    assert code == 0
    assert raw_markers_in(out + err) == []
    assert "Requests\\x1b]52;c;cm0gLXJmIH4vKg==\\x07" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "md", "json", "jsonl"])
def test_row_values_labels_and_warnings_are_escaped(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    hostile.meta(hostile_meta())
    hostile.query(query_body(hostile_rows(), warnings=["slow" + HOSTILE]))
    code, out, err = run(capsys, *by_model(hostile.url, "--format", fmt))
    assert code == 0, err
    assert raw_markers_in(out + err) == []
    assert "warning: slow\\x1b]52" in err
    if fmt in ("json", "jsonl"):
        first = json.loads(out.splitlines()[0] if fmt == "jsonl" else out)
        assert first  # still valid JSON


def test_server_error_messages_are_escaped(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile.query(Answer(error_body("bad field" + HOSTILE), status=400))
    code, _, err = run(capsys, "query", "--base-url", hostile.url, "--metrics", "request_count")
    assert code == 3
    assert raw_markers_in(err) == [] and "bad field\\x1b]52" in err


@pytest.mark.parametrize("status", [400, 401, 404, 500, 200])
def test_an_echoed_authorization_header_is_redacted(
    hostile: HostileServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    status: int,
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)

    def echo(headers: dict[str, str]) -> bytes:
        said = f"you sent {headers.get('authorization')}"
        return error_body(said) if status != 200 else said.encode()

    hostile.query(
        Answer(
            echo, status=status, content_type="text/plain" if status == 200 else "application/json"
        )
    )
    code, out, err = run(
        capsys, "query", "--base-url", hostile.url, "--metrics", "request_count", "--retries", "0"
    )
    assert code != 0
    assert CANARY_KEY not in out + err
    assert CANARY_KEY[-4:] in err or status in (401,)  # the hint is shown where the text is


def test_preset_names_and_descriptions_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    presets = tmp_path / "presets"
    presets.mkdir()
    (presets / "evil.toml").write_text(
        'version = 1\nname = "Evil\\u001b]52;c;cm0=\\u0007"\n'
        'description = "\\u001b]0;PWNED-TITLE\\u0007"\n'
        '[query]\nmetrics = ["request_count\\u001b[2J"]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "presets", "list", "--config-dir", str(tmp_path))
    assert code == 0
    assert raw_markers_in(out + err) == [] and "Evil\\x1b]52" in out
    code, out, err = run(
        capsys, "presets", "show", "Evil\\x1b]52;c;cm0=\\x07", "--config-dir", str(tmp_path)
    )
    assert code == 0 and raw_markers_in(out + err) == []


async def test_management_answers_are_made_safe(hostile: HostileServer) -> None:
    from ortui.api.client import AnalyticsClient, ClientConfig
    from ortui.api.management import ManagementClient
    from ortui.api.retry import NO_RETRY
    from ortui.auth.secret import Secret

    hostile.routes["/key"] = Answer(
        json.dumps({"data": {"is_management_key": True, "label": "ops" + HOSTILE}}).encode()
    )
    client = AnalyticsClient(Secret(TEST_KEY), ClientConfig(base_url=hostile.url, retry=NO_RETRY))
    key = await ManagementClient(client).current_key()
    await client.aclose()
    assert raw_markers_in(key.label) == [] and key.label.startswith("ops\\x1b]52")


@given(st.text())
def test_the_body_precheck_never_misses_an_unsafe_string(text: str) -> None:
    from ortui.safe_text import body_may_be_unsafe, is_safe

    if not is_safe(text):
        for ascii_only in (True, False):
            body = json.dumps({"data": [text]}, ensure_ascii=ascii_only).encode()
            assert body_may_be_unsafe(body)
