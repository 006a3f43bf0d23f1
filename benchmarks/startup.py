"""Start-up in a terminal: ``ortui --demo`` until its default result is on screen, warm (dataset
cached) and cold (empty cache dir), beside a minimal Textual app's first frame — all started
as fresh processes on a pseudo-terminal in the same run, timed from spawn to the bytes on the
terminal. The machine may be shared and loaded: only the ratios are meaningful.

    python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import Result, machine, median, table  # noqa: E402

MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("minimal-app-ready")
Minimal().run()
"""
#: The explorer's status line once the default query's rows are shown ("236 rows · server …").
RESULT_SHOWN = " rows \u00b7 server ".encode()


def on_terminal(
    argv: list[str],
    done: bytes,
    env: dict[str, str],
    timeout: float = 120.0,
    size: tuple[int, int] = (120, 40),
) -> float:
    """Milliseconds from spawning ``argv`` on a pty until ``done`` appears in its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
        env=_spawn_env(env),
        start_new_session=True,
    )
    os.close(slave)
    output = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    output += os.read(master, 65536)
                except OSError:
                    break
                if done in output:
                    return (time.perf_counter() - started) * 1000
        raise RuntimeError(f"{done!r} not seen in {timeout:.0f} s: {output[-400:]!r}")
    finally:
        os.write(master, b"\x11")  # ctrl+q
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        os.close(master)


def _spawn_env(env: dict[str, str]) -> dict[str, str]:
    """The caller's environment with ``env`` on top, byte-code caching allowed: a warm start
    is an installed ortui's, whose modules are compiled once. ``PYTHONDONTWRITEBYTECODE``
    (set in some shells and CI) would have every start compile ortui's ~170 modules again,
    while Textual's came compiled from pip: the compiler would be measured, not the start."""
    merged = {**os.environ, "TERM": "xterm-256color", **env}
    merged.pop("PYTHONDONTWRITEBYTECODE", None)
    return merged


def _ortui_env(home: Path, cache: Path) -> dict[str, str]:
    return {
        "ORTUI_CONFIG_DIR": str(home / "config"),
        "ORTUI_DATA_DIR": str(home / "data"),
        "ORTUI_CACHE_DIR": str(cache),
        "PYTHONPATH": str(ROOT),
    }


def run(repeat: int = 5) -> list[Result]:
    ortui = [sys.executable, "-m", "ortui", "--demo"]
    with tempfile.TemporaryDirectory(prefix="ortui-startup-") as tmp:
        home, warm_cache = Path(tmp), Path(tmp) / "warm-cache"
        from ortui.demo.dataset import DEFAULT_SEED
        from ortui.demo.server import demo_size

        subprocess.run(
            [
                sys.executable,
                "-m",
                "ortui.demo.dataset",
                str(warm_cache),
                str(DEFAULT_SEED),
                str(demo_size()),
            ],
            check=True,
            capture_output=True,
        )
        on_terminal(ortui, RESULT_SHOWN, _ortui_env(home, warm_cache))  # warm the .pyc too
        minimal, warm, cold = [], [], []
        for index in range(repeat):  # interleaved, so load changes hit all three alike
            minimal.append(on_terminal([sys.executable, "-c", MINIMAL], b"minimal-app-ready", {}))
            warm.append(on_terminal(ortui, RESULT_SHOWN, _ortui_env(home, warm_cache)))
            cold_cache = home / f"cold-{index}"
            cold.append(on_terminal(ortui, RESULT_SHOWN, _ortui_env(home, cold_cache)))
            shutil.rmtree(cold_cache, ignore_errors=True)
    base = median(minimal)
    return [
        Result("minimal Textual app: first frame on the terminal", base, "ms"),
        Result(
            "ortui --demo, warm: default result on screen",
            median(warm),
            "ms",
            base,
            "minimal Textual app",
            "≤ 2.5× minimal",
            median(warm) <= 2.5 * base,
        ),
        Result(
            "ortui --demo, cold (empty cache dir): default result on screen",
            median(cold),
            "ms",
            base,
            "minimal Textual app",
            "≤ 8× minimal",
            median(cold) <= 8 * base,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{machine()} · load average {_load()} before")
    results = run(args.repeat)
    print(f"load average {_load()} after")
    print(table(results))


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
