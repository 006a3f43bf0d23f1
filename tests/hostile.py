"""A hostile stand-in for the Analytics API on loopback: every answer is set by the test.

It speaks real HTTP (a threaded server on 127.0.0.1), so the CLI and the TUI are driven through
the same client code as against OpenRouter. Each route answers with a configurable status, body,
content type and headers; it can echo the Authorization header, or drip its body one byte at a
time. It records what it was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.conftest import CONTRACT

#: Payloads a hostile server sends to a terminal: clipboard write (OSC 52), window title,
#: clear screen, a C1 CSI, a bidi override.
OSC52 = "\x1b]52;c;cm0gLXJmIH4vKg==\x07"
TITLE = "\x1b]0;PWNED-TITLE\x07"
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
BIDI = "\u202egnp.exe"
HOSTILE = OSC52 + TITLE + CLEAR + C1_CSI + BIDI
RAW_MARKERS = ("\x1b]52", "\x1b]0;PWNED", "\x1b[2J", "\x9b", "\u202e")


def raw_markers_in(text: str | bytes) -> list[str]:
    """The hostile sequences that got through unescaped (bytes are read as UTF-8)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return [m for m in RAW_MARKERS if m in text]


@dataclass
class Answer:
    """One canned response; ``body`` may be a function of the request headers."""

    body: bytes | Callable[[dict[str, str]], bytes] = b"{}"
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    drip_seconds: float = 0.0  # pause between single bytes of the body


def example_meta() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CONTRACT / "examples" / "meta.json").read_text())
    return data


def hostile_meta() -> dict[str, Any]:
    """The example meta with escape sequences in labels and one hostile metric name."""
    meta = example_meta()
    metrics = meta["data"]["metrics"]
    metrics[0]["display_label"] = "Requests" + OSC52
    metrics[1]["display_label"] = "Spend" + TITLE + CLEAR
    metrics.append(
        {
            "name": "evil" + C1_CSI,
            "display_label": "Evil" + BIDI,
            "is_rate": False,
            "display_format": "number",
        }
    )
    meta["data"]["dimensions"][0]["display_label"] = "Model" + OSC52
    return meta


def query_body(
    rows: list[dict[str, Any]],
    warnings: list[str] | None = None,
    cached_at: Any = None,
    raw: str | None = None,
) -> bytes:
    """A query envelope; ``raw`` replaces the rows' JSON text (for bodies json cannot write)."""
    payload: dict[str, Any] = {
        "data": rows,
        "metadata": {"query_time_ms": 5, "row_count": len(rows), "truncated": False},
        "warnings": warnings or [],
    }
    if cached_at is not None:
        payload["cachedAt"] = cached_at
    text = json.dumps({"data": payload})
    if raw is not None:
        text = text.replace('"data": []', '"data": ' + raw, 1)
    return text.encode()


def error_body(message: str, code: int = 400) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        sent = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.owner.seen.append((self.command, self.path, headers, sent))
        answer = self.server.owner.answer_for(self.path)
        body = answer.body(headers) if callable(answer.body) else answer.body
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not answer.drip_seconds:
            self.wfile.write(body)
            return
        for index in range(len(body)):
            if self.server.owner.stopping.is_set():
                return
            self.wfile.write(body[index : index + 1])
            self.wfile.flush()
            time.sleep(answer.drip_seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: HostileServer


class HostileServer:
    """Routes are matched by path suffix (``/analytics/meta``, ``/analytics/query``)."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {
            "/analytics/meta": Answer(json.dumps(example_meta()).encode()),
            "/analytics/query": Answer(query_body([])),
        }
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/api/v1"

    def answer_for(self, path: str) -> Answer:
        route = path.split("?", 1)[0]
        for suffix, answer in self.routes.items():
            if route.endswith(suffix):
                return answer
        return Answer(error_body("no such route", 404), status=404)

    def meta(self, document: dict[str, Any]) -> None:
        self.routes["/analytics/meta"] = Answer(json.dumps(document).encode())

    def query(self, answer: Answer | bytes) -> None:
        self.routes["/analytics/query"] = answer if isinstance(answer, Answer) else Answer(answer)

    def start(self) -> HostileServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def serve() -> Iterator[HostileServer]:
    server = HostileServer().start()
    try:
        yield server
    finally:
        server.stop()


def by_model(url: str, *options: str) -> list[str]:
    """The ``ortui query`` arguments for request_count by model from ``url``, then ``options``."""
    return [
        "query",
        "--base-url",
        url,
        "--metrics",
        "request_count",
        "--dimensions",
        "model",
        *options,
    ]
