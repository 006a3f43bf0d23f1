"""The demo server's HTTP request handler: reads a request, applies the injected faults (status
codes, 429s, HTML, cut and oversized bodies, latency), answers from the simulator, logs."""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

from ortui.demo.simulator import Reply, error_reply
from ortui.safe_text import safe_text

if TYPE_CHECKING:
    from ortui.demo.server import SimulatorHTTPServer

HTML_PAGE = b"<html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>"
MAX_REQUEST_BODY = 1024 * 1024  # a query body is a few hundred bytes


class SimulatorHandler(BaseHTTPRequestHandler):
    """One HTTP request: its body read (bounded), injected faults applied, the simulator's
    answer sent, one key-free log line written."""

    server: SimulatorHTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def setup(self) -> None:
        super().setup()  # applies the class's ``timeout`` (the idle timeout) to the socket
        self.server.track(self.connection, True)

    def finish(self) -> None:
        self.server.track(self.connection, False)
        super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default log; ``_log`` writes one key-free line per request."""

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _read_body(self) -> bytes | Reply:
        """The request body, or the error for a malformed or oversized Content-Length (the
        connection is closed then: its remaining bytes cannot be trusted)."""
        declared = (self.headers.get("Content-Length") or "0").strip()
        if not declared.isascii() or not declared.isdigit():
            self.close_connection = True
            return error_reply(400, "Malformed Content-Length header")
        length = int(declared)
        if length > MAX_REQUEST_BODY:
            self.close_connection = True
            return error_reply(413, f"Request body larger than {MAX_REQUEST_BODY:,} bytes")
        return self.rfile.read(length) if length else b""

    def _serve(self, method: str) -> None:
        started = time.perf_counter()
        body = self._read_body()
        if isinstance(body, Reply):
            self._send(body, "application/json")
            self._log(method, body.status, started)
            return
        config = self.server.config
        if config.latency_ms:
            time.sleep(config.latency_ms / 1000)
        reply: Reply | None = None
        shaped = ""
        for fault in config.faults.pick() if self.path.startswith("/api/v1/") else []:
            if fault.name == "latency":
                time.sleep((fault.value or 0) / 1000)
                continue
            shaped, reply = fault.name, self._fault_reply(fault.name, fault.value)
            break
        if reply is None:
            assert self.server.simulator is not None, "requests are served only once ready"
            reply = self.server.simulator.handle(
                method, self.path, self.headers.get("Authorization"), body
            )
        if shaped in ("drop", "reset"):
            self._cut(reply, shaped)
        else:
            self._send(
                reply,
                "text/plain"
                if shaped == "wrong-type"
                else "text/html"
                if shaped == "html"
                else "application/json",
            )
        self._log(method, reply.status if shaped not in ("drop", "reset") else 0, started)

    @staticmethod
    def _fault_reply(name: str, value: float | None) -> Reply:
        if name == "status":
            code = int(value or 500)
            return error_reply(code, {408: "Query timed out"}.get(code, "Internal Server Error"))
        if name == "429":
            return error_reply(429, "Rate limit exceeded", {"Retry-After": f"{value or 1:g}"})
        if name == "429-bare":
            return error_reply(429, "Rate limit exceeded")
        if name == "html":
            return Reply(200, HTML_PAGE)
        if name == "truncate":
            return Reply(200, b'{"data": {"data": [{"model": "openai/gpt-4o", "request_co')
        if name == "huge":
            return Reply(200, b'{"pad": "' + b"x" * int((value or 1) * 1024 * 1024) + b'"}')
        if name == "wrong-type":
            return Reply(200, b'{"data": {"data": [], "metadata": {}}}')
        return Reply(200, b"{}")  # drop / reset: the body is cut below

    def _send(self, reply: Reply, content_type: str) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def _cut(self, reply: Reply, how: str) -> None:
        if how == "reset":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"data": {"data": [')
            self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _log(self, method: str, status: int, started: float) -> None:
        log = self.server.config.log
        if log is not None:
            elapsed = (time.perf_counter() - started) * 1000
            path = safe_text(self.path.split("?", 1)[0])  # a client's bytes, never raw
            print(
                f"{self.client_address[0]} {method} {path} {status or 'cut'} {elapsed:.1f}ms",
                file=log,
                flush=True,
            )
