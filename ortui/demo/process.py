"""The demo simulator in a process of its own, for ``ortui --demo``: its imports, its request
handling and its dataset never compete with the TUI for the interpreter, and it runs on
another core while the TUI starts.

The TUI binds the loopback port itself (so its first requests can be sent at once: they wait
in the socket's queue until the simulator accepts them) and hands the listening socket to
``python -m ortui.demo.process``, which says what it prepares on its stdout, a line at a time
(``preparing building demo data (the year) 42%``, ``preparing`` once all is ready), and exits
when its stdin closes — when the TUI stops it, or dies.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from ortui.auth.sources import ENV_VARS
from ortui.safe_text import safe_text

#: How often the simulator process says what it prepares (the TUI's header shows it).
REPORT_EVERY_S = 0.1


class DemoProcess:
    """``url``, ``preparing`` and ``stop()``: what the TUI needs of a running simulator."""

    def __init__(self, cache_dir: Path, seed: int, size: int) -> None:
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listening.bind(("127.0.0.1", 0))
        listening.listen(128)
        self.port = int(listening.getsockname()[1])
        #: What the simulator is still preparing, or None when all is ready.
        self.preparing: str | None = None
        self._stopped = False
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ortui.demo.process",
                str(listening.fileno()),
                str(cache_dir),
                str(seed),
                str(size),
            ],
            pass_fds=(listening.fileno(),),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_without_keys(os.environ),
        )
        # The child serves on its copy; this one only keeps early connections queued until
        # the child has started, and is closed if it never does (so they fail, not hang).
        self._listening: socket.socket | None = listening
        threading.Thread(target=self._listen, name="ortui-demo-status", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def _listen(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            kind, _, text = line.rstrip("\n").partition(" ")
            if kind == "preparing":
                self._release()
                self.preparing = safe_text(text) or None  # shown in the header
        self._release()
        if not self._stopped:
            self.preparing = "the demo server stopped"

    def _release(self) -> None:
        if self._listening is not None:
            self._listening.close()
            self._listening = None

    def stop(self) -> None:
        self._stopped = True
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()  # the child's signal to stop
            self._process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        self._release()


def _without_keys(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment less the user's management key: the simulator never needs it, and a
    second process should not hold it (``/proc/PID/environ``, a core dump)."""
    return {name: value for name, value in environ.items() if name not in ENV_VARS}


def _report(server: object, stopped: threading.Event) -> None:
    """In the child: say what is prepared whenever it changes (and once at the start)."""
    said: str | None = "\0"
    while not stopped.is_set():
        status = getattr(server, "preparing", None)
        if status != said:
            print(f"preparing {status or ''}", flush=True)
            said = status
        time.sleep(REPORT_EVERY_S)


def main(argv: list[str]) -> int:
    """``python -m ortui.demo.process FD CACHE_DIR SEED SIZE``: serve on the listening socket
    FD until stdin closes."""
    from ortui.demo.prepared import PreparingDataset
    from ortui.demo.server import DemoServer, ServerConfig

    fd, cache_dir, seed, size = argv[:4]
    listening = socket.socket(fileno=int(fd))
    config = ServerConfig(host="127.0.0.1", port=0, seed=int(seed), size=int(size))
    dataset = PreparingDataset(Path(cache_dir), config.seed, config.size)
    server = DemoServer(config, dataset, listening).start()
    stopped = threading.Event()
    threading.Thread(target=_report, args=(server, stopped), daemon=True).start()
    try:
        sys.stdin.read()  # returns when the TUI closes the pipe, or is gone
    except KeyboardInterrupt:
        pass
    finally:
        stopped.set()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
