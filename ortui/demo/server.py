"""The simulator on a real loopback HTTP server, with fault injection and request logs."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from ortui.demo.cached import DEFAULT_SEED, DEFAULT_SIZE
from ortui.demo.cached import demo_size as demo_size
from ortui.demo.dataset import ensure_dataset
from ortui.demo.engine import QueryEngine
from ortui.demo.faults import FaultPlan
from ortui.demo.handler import SimulatorHandler
from ortui.demo.prepared import PreparingDataset
from ortui.demo.simulator import Clock, Simulator


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8787
    seed: int = DEFAULT_SEED
    size: int = DEFAULT_SIZE
    rpm: int = 64
    latency_ms: float = 0.0
    keys: list[str] = field(default_factory=list)
    inference_keys: list[str] = field(default_factory=list)
    faults: FaultPlan = field(default_factory=FaultPlan)
    allow_remote: bool = False
    log: IO[str] | None = None
    clock: Clock | None = None  # the simulator's "now" (tests fix it); default: wall clock
    keys_page: int = 100  # GET /keys page size
    idle_timeout: float = 30.0  # seconds a kept-alive connection may sit silent


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 resets connections when 20 clients arrive at once
    config: ServerConfig
    simulator: Simulator | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def track(self, connection: socket.socket, is_open: bool) -> None:
        with self._open_lock:
            (self._open.add if is_open else self._open.discard)(connection)

    def drop_connections(self) -> None:
        """Close kept-alive client connections too, so a stopped server is really gone."""
        with self._open_lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a cancelled query) is normal, not worth a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class DemoServer:
    """A running simulator; ``url`` is the API base URL (ending in ``/api/v1``)."""

    def __init__(
        self,
        config: ServerConfig,
        dataset: Path | Callable[[], Path] | PreparingDataset,
        listening: socket.socket | None = None,
    ) -> None:
        """Binds the port now (or serves on ``listening``, a socket bound and listening
        already); the dataset (a path, or a function building one) loads when serving starts,
        so a caller can go on while it loads — early requests just wait."""
        if not config.allow_remote and not is_loopback(config.host):
            raise ValueError(
                f"refusing to bind {config.host}: the demo server is for loopback "
                "only (pass --allow-remote to force it)"
            )
        self.config = config
        self._dataset = dataset
        handler = type("_Handler", (SimulatorHandler,), {"timeout": config.idle_timeout})
        if listening is None:
            self._httpd = SimulatorHTTPServer((config.host, config.port), handler)
        else:
            self._httpd = SimulatorHTTPServer(
                listening.getsockname(), handler, bind_and_activate=False
            )
            self._httpd.socket.close()
            self._httpd.socket = listening
        self._httpd.config = config
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = self.config.host if ":" not in self.config.host else f"[{self.config.host}]"
        return f"http://{host}:{self.port}/api/v1"

    def prepare(self) -> None:
        """Open (or build) the dataset; idempotent."""
        if getattr(self._httpd, "simulator", None) is None:
            engine: QueryEngine | PreparingDataset
            if isinstance(self._dataset, PreparingDataset):
                engine = self._dataset.start()  # serves at once; queries wait for their data
            else:
                engine = QueryEngine(self._dataset() if callable(self._dataset) else self._dataset)
            config = self.config
            self._httpd.simulator = Simulator(
                engine,
                rpm=config.rpm,
                keys=config.keys,
                inference_keys=config.inference_keys,
                clock=config.clock,
                keys_page=config.keys_page,
            )

    def serve_forever(self) -> None:
        try:
            self.prepare()
        except Exception as exc:  # surfaced to clients as a closed connection
            print(f"ortui demo-server: cannot load the dataset: {exc}", file=sys.stderr)
            self._httpd.server_close()
            return
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        except (OSError, ValueError):  # stopped while the dataset was loading: nothing to say
            if not self._stopped:
                raise

    def start(self) -> DemoServer:
        """Serve from a daemon thread (for ``--demo`` and tests)."""
        self._thread = threading.Thread(target=self.serve_forever, name="ortui-demo", daemon=True)
        self._thread.start()
        return self

    @property
    def preparing(self) -> str | None:
        """What is being built for the demo (with progress), or None when all is ready."""
        return self._dataset.status if isinstance(self._dataset, PreparingDataset) else None

    def stop(self) -> None:
        self._stopped = True
        if isinstance(self._dataset, PreparingDataset):
            self._dataset.stop()
        if getattr(self._httpd, "simulator", None) is not None:
            self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.drop_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)


def start_demo(
    cache_dir: Path, config: ServerConfig | None = None, fast: bool = False
) -> DemoServer:
    """Build or load the dataset and start a server on an ephemeral loopback port; ``fast``
    (the explorer) serves at once and builds a missing dataset recent days first."""
    config = config or ServerConfig(port=0, size=demo_size())
    if fast:
        return DemoServer(config, PreparingDataset(cache_dir, config.seed, config.size)).start()
    return DemoServer(config, lambda: ensure_dataset(cache_dir, config.seed, config.size)).start()
