"""Faults seen by ``ortui query``: the documented exit code and a message on stderr, no traceback."""

from __future__ import annotations

import pytest

from ortui.cli import main
from ortui.demo.faults import FaultPlan, parse_fault
from tests.conftest import ServerFactory

pytestmark = pytest.mark.usefixtures("key")


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        ("status=500", 5, "The server failed with 500"),
        ("status=503", 5, "The server failed with 503"),
        ("status=408", 5, "Query timed out"),
        ("429", 5, "Rate limited"),
        ("429-bare", 5, "Rate limited"),
        ("drop", 5, "Could not reach the server"),
        ("reset", 5, "Could not reach the server"),
        ("truncate", 5, "malformed JSON"),
        ("html", 5, "content type 'text/html'"),
        ("wrong-type", 5, "content type 'text/plain'"),
        ("latency=300", 0, "rows"),
        ("status=503x1", 0, "rows"),  # retried, then fine
    ],
)
def test_fault_exit_codes(
    make_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
    fault: str,
    code: int,
    message: str,
) -> None:
    server = make_server(faults=FaultPlan([parse_fault(fault)]))
    assert (
        main(
            [
                "query",
                "--base-url",
                server.url,
                "--metrics",
                "request_count",
                "--retries",
                "1",
                "--format",
                "csv",
            ]
        )
        == code
    )
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_connection_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "query",
                "--base-url",
                "http://127.0.0.1:9/api/v1",
                "--metrics",
                "request_count",
                "--retries",
                "0",
            ]
        )
        == 5
    )
    assert "Could not reach the server" in capsys.readouterr().err


def test_oversized_body_is_refused(
    make_server: ServerFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORTUI_MAX_BODY_MB", "1")
    server = make_server(faults=FaultPlan([parse_fault("huge=2")]))
    assert (
        main(["query", "--base-url", server.url, "--metrics", "request_count", "--retries", "0"])
        == 5
    )
    assert "larger than the 1,048,576 byte limit" in capsys.readouterr().err
