"""Items 2, 4 and 5 of #14: where the key goes, and bad answers that must not crash or hang."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.cli import main
from ortui.cli.connection import server_label
from tests.conftest import CANARY_KEY
from tests.hostile import Answer, HostileServer, by_model, example_meta, query_body

pytestmark = pytest.mark.usefixtures("key")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "url",
    ["http://analytics.example.com/api/v1", "http://10.1.2.3:8080/api/v1", "HTTP://gateway/api/v1"],
)
def test_the_key_never_goes_over_plain_http_to_another_host(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, _, err = run(capsys, "query", "--base-url", url, "--metrics", "request_count")
    host = url.split("//")[1].split("/")[0].split(":")[0].lower()
    assert code == 2
    assert f"refusing to send the management key to {host} over plain http://" in err
    assert "--allow-insecure-http" in err


async def test_the_client_itself_refuses_before_any_network() -> None:
    config = ClientConfig(base_url="http://gateway.internal/api/v1", retry=NO_RETRY)
    client = AnalyticsClient(Secret(CANARY_KEY), config)
    with pytest.raises(errors.InsecureTransport, match=r"gateway\.internal"):
        await client.meta()  # refused before a name is even looked up
    assert client._http_client is None
    await client.aclose()


def test_the_flag_lets_the_key_go_to_a_trusted_proxy(tmp_path: Path) -> None:
    import argparse

    from ortui.cli.connection import open_connection
    from ortui.settings import default_paths

    args = argparse.Namespace(
        base_url="http://gateway.internal/api/v1",
        allow_insecure_http=True,
        key_file=None,
        demo=False,
    )
    connection = open_connection(args, default_paths(str(tmp_path)))
    assert connection.client.config.allow_insecure_http
    assert connection.server_label == "http://gateway.internal/api/v1"
    connection.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/api/v1",
        "http://127.8.9.10:1/x",
        "http://localhost:1/api",
        "http://[::1]:1/api",
    ],
)
def test_loopback_over_http_is_fine(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, _, err = run(
        capsys, "query", "--base-url", url, "--metrics", "request_count", "--retries", "0"
    )
    assert code == 5 and "Could not reach the server" in err  # tried, not refused


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://openrouter.ai/api/v1", "OpenRouter"),
        ("https://openrouter.ai:443/api/v1", "OpenRouter"),
        ("https://evil.example/openrouter.ai/api/v1", "https://evil.example/openrouter.ai/api/v1"),
        ("https://openrouter.ai.evil.example/api/v1", "https://openrouter.ai.evil.example/api/v1"),
        ("https://evil.example/api/v1?openrouter.ai", "https://evil.example/api/v1?openrouter.ai"),
        ("http://openrouter.ai/api/v1", "http://openrouter.ai/api/v1"),
    ],
)
def test_the_header_says_openrouter_only_for_openrouter(url: str, label: str) -> None:
    assert server_label(url) == label


def test_a_dripping_server_meets_the_total_deadline(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile.routes["/analytics/meta"] = Answer(
        json.dumps(example_meta()).encode(), drip_seconds=0.5
    )
    started = time.monotonic()
    code, _, err = run(capsys, "meta", "--base-url", hostile.url, "--timeout", "1.5")
    assert time.monotonic() - started < 6
    assert code == 5
    assert "no complete answer within 1.5 s" in err and "--timeout" in err


def test_the_deadline_comes_from_the_environment_too(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORTUI_TIMEOUT", "1")
    hostile.query(Answer(query_body([{"request_count": 1}]), drip_seconds=0.5))
    code, _, err = run(
        capsys, "query", "--base-url", hostile.url, "--metrics", "request_count", "--retries", "3"
    )
    assert code == 5 and "no complete answer within 1 s" in err


def one_row(**values: Any) -> list[dict[str, Any]]:
    return [{"model": "openai/gpt-4o", "request_count": 3, **values}]


@pytest.mark.parametrize("cached_at", [1e300, -1e20, 1e18])
def test_absurd_cached_at_is_ignored_with_a_warning(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], cached_at: float
) -> None:
    hostile.query(query_body(one_row(), cached_at=cached_at))
    code, out, err = run(capsys, *by_model(hostile.url, "--format", "json"))
    assert code == 0, err
    assert "cachedAt" in err and "Traceback" not in err
    assert "cached_at" not in json.loads(out)["metadata"]


def test_a_401_digit_count_becomes_null_not_a_crash(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    big = "9" * 401
    hostile.query(
        query_body(
            [],
            raw=f'[{{"model": "a", "request_count": {big}}},{{"model": "b", "request_count": 2}}]',
        )
    )
    code, out, err = run(capsys, *by_model(hostile.url, "--format", "csv"))
    assert code == 0, err
    assert out.splitlines()[1:] == ["a,", "b,2"]
    assert "1 value(s) of request_count were not numbers" in err


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_nan_and_infinity_strings_never_become_bare_json_tokens(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    hostile.query(
        query_body(
            [
                {"model": "a", "request_count": "NaN"},
                {"model": "b", "request_count": "Infinity"},
                {"model": "c", "request_count": "-inf"},
            ]
        )
    )
    code, out, err = run(capsys, *by_model(hostile.url, "--format", fmt))
    assert code == 0, err
    assert "NaN" not in out and "Infinity" not in out
    rows = json.loads(out)["rows"] if fmt == "json" else [json.loads(x) for x in out.splitlines()]
    assert [r["request_count"] for r in rows] == [None, None, None]


@pytest.mark.parametrize("where", ["row", "meta", "error"])
def test_nesting_100000_deep_is_a_message_not_a_traceback(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    if where == "row":
        hostile.query(query_body([], raw=f'[{{"model": {deep}, "request_count": 1}}]'))
    elif where == "meta":
        hostile.routes["/analytics/meta"] = Answer(('{"data": ' + deep + "}").encode())
    else:
        hostile.query(Answer(('{"error": {"message": ' + deep + "}}").encode(), status=400))
    code, _, err = run(capsys, *by_model(hostile.url, "--retries", "0"))
    assert "Traceback" not in err and code in (3, 5), err
    if where == "row":
        assert "nested too deeply" in err


def test_an_unforeseen_failure_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hostile: HostileServer
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something odd \x1b]0;PWNED-TITLE\x07")

    monkeypatch.setattr("ortui.cli.query.render", boom)
    code, _, err = run(
        capsys, "query", "--base-url", hostile.url, "--metrics", "request_count", "--format", "csv"
    )
    assert code == 1 and "Traceback" not in err
    assert "unexpected failure (RuntimeError: something odd \\x1b]0;PWNED" in err
