"""Run the real ``ortui`` in a pseudo-terminal and keep every byte it writes to it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path


class PtyRun:
    """``ortui ARGS`` on a pty of ``size``; ``output`` is everything written to the terminal."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ortui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **env},
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, done: Callable[[bytes], bool], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self.output):
                return True
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    return done(self.output)
        return done(self.output)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> int:
        self.send(b"\x11")  # ctrl+q
        self.read_until(lambda _: self.process.poll() is not None, timeout=10)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait(timeout=10)
        os.close(self.master)
        return code


def tui_env(home: Path, key: str) -> dict[str, str]:
    return {
        "OPENROUTER_MANAGEMENT_KEY": key,
        "ORTUI_CONFIG_DIR": str(home / "config"),
        "ORTUI_DATA_DIR": str(home / "data"),
        "ORTUI_CACHE_DIR": str(home / "cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
