"""Start-up in a terminal: ``ortui --demo`` until its default result is on screen, warm (dataset
cached) and cold (empty cache dir), beside a minimal Textual app's first frame — all started
as fresh processes on a pseudo-terminal in the same run, timed from spawn to the bytes on the
terminal. The machine may be shared and loaded: only the ratios are meaningful.

``--cpu`` adds the CPU time each warm start (and the minimal app) used until those bytes were
written, main thread and whole process: a load-steadier view than wall time, as a loaded
machine mostly makes a start wait for a core. Those runs go through a wrapper (``CPU_PROBE``)
that watches what Textual writes to the terminal; the wall-time figures never do.

    python benchmarks/startup.py [--repeat N] [--cpu]
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

#: Runs ``-c CODE`` or ``-m MODULE ARGS…`` (its own arguments) with the terminal's writes
#: watched: once one holds ``ORTUI_PROBE_MARK``, the main thread's and the whole process's CPU
#: time so far (ms) are appended to the file ``ORTUI_PROBE_OUT``.
CPU_PROBE = """
import os, runpy, sys, threading, time
MARK, OUT = os.environ["ORTUI_PROBE_MARK"], os.environ["ORTUI_PROBE_OUT"]
CLOCK = time.pthread_getcpuclockid(threading.main_thread().ident)
class Probe:
    def __init__(self, file):
        self._file, self._seen = file, False
    def write(self, text):
        written = self._file.write(text)
        if not self._seen and MARK in text:
            self._seen = True
            main, whole = time.clock_gettime(CLOCK) * 1000, time.process_time() * 1000
            with open(OUT, "a") as out:
                out.write(f"{main:.1f} {whole:.1f}\\n")
        return written
    def __getattr__(self, name):
        return getattr(self._file, name)
sys.__stderr__ = Probe(sys.__stderr__)
how, what, *rest = sys.argv[1:]
sys.argv = [what, *rest]
if how == "-c":
    exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})
else:
    runpy.run_module(what, run_name="__main__", alter_sys=True)
"""


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


def run(repeat: int = 5, cpu: bool = False) -> list[Result]:
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
        warm_env = _ortui_env(home, warm_cache)
        on_terminal(ortui, RESULT_SHOWN, warm_env)  # warm the .pyc too
        minimal, warm, cold = [], [], []
        probed = _Probed(home)
        for index in range(repeat):  # interleaved, so load changes hit all three alike
            minimal.append(on_terminal([sys.executable, "-c", MINIMAL], b"minimal-app-ready", {}))
            warm.append(on_terminal(ortui, RESULT_SHOWN, warm_env))
            cold_cache = home / f"cold-{index}"
            cold.append(on_terminal(ortui, RESULT_SHOWN, _ortui_env(home, cold_cache)))
            shutil.rmtree(cold_cache, ignore_errors=True)
            if cpu:
                probed.run(["-c", MINIMAL], "minimal-app-ready", {}, "minimal")
                probed.run(["-m", "ortui", "--demo"], RESULT_SHOWN.decode(), warm_env, "warm")
    base = median(minimal)
    results = [
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
    return results + (probed.results() if cpu else [])


class _Probed:
    """Starts under ``CPU_PROBE`` and the CPU times they report, per program."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.times: dict[str, list[tuple[float, float]]] = {"minimal": [], "warm": []}

    def run(self, argv: list[str], mark: str, env: dict[str, str], name: str) -> None:
        out = self.home / f"probe-{name}.txt"
        out.unlink(missing_ok=True)
        probe = {"ORTUI_PROBE_MARK": mark, "ORTUI_PROBE_OUT": str(out)}
        command = [sys.executable, "-c", CPU_PROBE, *argv]
        on_terminal(command, mark.encode(), {**env, **probe, "PYTHONPATH": str(ROOT)})
        main, whole = (float(value) for value in out.read_text().split())
        self.times[name].append((main, whole))

    def results(self) -> list[Result]:
        rows = []
        for index, part in ((0, "main thread"), (1, "whole process")):
            base = median([t[index] for t in self.times["minimal"]])
            warm = median([t[index] for t in self.times["warm"]])
            rows += [
                Result(f"CPU, {part}: minimal Textual app to its first frame", base, "ms"),
                Result(
                    f"CPU, {part}: ortui --demo, warm, to the default result",
                    warm,
                    "ms",
                    base,
                    "minimal Textual app",
                ),
            ]
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--cpu", action="store_true", help="also the CPU time to the frame (wrapped runs)"
    )
    args = parser.parse_args()
    print(f"{machine()} · load average {_load()} before")
    results = run(args.repeat, args.cpu)
    print(f"load average {_load()} after")
    print(table(results))


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
