"""Bodies that are not UTF-8, or not JSON, wherever they arrive (rows, meta, an error, rows
regrouped into local days, a management answer): a message naming the server's answer and
its exit code, never "unexpected failure … please report it" (msgspec raises Python's
UnicodeDecodeError, not its own DecodeError, for bytes that are not UTF-8)."""

from __future__ import annotations

import json

import pytest

from tests.hostile import Answer, HostileServer, example_meta, query_body
from tests.security.test_hostile_server import run

GOOD = query_body([{"date": "2026-11-20", "model": "NAME", "request_count": 7, "total_usage": 1}])
NOT_UTF8 = GOOD.replace(b"NAME", b"\xff\xfe\x9b31m")
DEEP = query_body([], raw='[{"model": ' + "[" * 100_000 + "]" * 100_000 + "}]")
QUERY = ["--metrics", "request_count", "--dimensions", "model", "--granularity", "day"]


pytestmark = pytest.mark.usefixtures("key")


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])  # Paris: hourly rows regrouped
@pytest.mark.parametrize(
    ("body", "said"),
    [
        (NOT_UTF8, "not UTF-8"),
        (b"<html>nope</html>", "malformed JSON"),
        (DEEP, "nested too deeply"),
    ],
)
def test_an_unreadable_result_is_an_unexpected_response(
    hostile: HostileServer,
    capsys: pytest.CaptureFixture[str],
    body: bytes,
    said: str,
    zone: str,
) -> None:
    hostile.query(Answer(body))
    argv = ["query", "--base-url", hostile.url, *QUERY, "--tz", zone, "--retries", "0"]
    code, _, err = run(capsys, *argv)
    assert (code, "unexpected failure" in err) == (5, False), err
    assert "Unexpected response" in err and said in err, err


def test_meta_that_is_not_utf8_is_an_unexpected_response(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    body = json.dumps(example_meta()).encode().replace(b"Model", b"Mo\xc0del", 1)
    hostile.routes["/analytics/meta"] = Answer(body)
    code, _, err = run(capsys, "meta", "--base-url", hostile.url, "--retries", "0")
    assert (code, "unexpected failure" in err) == (5, False), err
    assert "not UTF-8" in err


def test_an_error_message_that_is_not_utf8_is_still_the_servers_refusal(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile.query(Answer(b'{"error": {"code": 400, "message": "bad \xff field"}}', status=400))
    code, _, err = run(capsys, "query", "--base-url", hostile.url, *QUERY, "--retries", "0")
    assert (code, "unexpected failure" in err) == (3, False), err
    assert "bad" in err and "field" in err


def test_a_management_answer_that_is_not_utf8_is_an_unexpected_response(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    body = b'{"data": {"total_credits": 1, "total_usage": 0, "note": "\xc2\xff"}}'
    hostile.routes["/credits"] = Answer(body)  # 0xc2 starts C1 characters: it is looked at
    code, _, err = run(capsys, "spend", "--base-url", hostile.url, "--retries", "0")
    assert "unexpected failure" not in err and code in (3, 5), err
