"""ortui never outlives its terminal: a real ``ortui --demo`` on a pty whose other end closes,
or that gets SIGHUP, or whose tmux session is killed, ends within seconds with its simulator,
and spends next to no CPU doing so (Textual's driver alone spun on the dead terminal)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from tests.security.terminal import PtyRun, tui_env

#: How long ortui may take to end once its terminal has gone (the issue says 2 s; the rest is
#: headroom for a loaded test machine).
GONE_WITHIN_S = 5.0
#: The CPU time ortui may use from the moment its terminal goes until it has ended.
CPU_AFTER_S = 1.0
READY = b"Total Usage"


@pytest.fixture
def demo_env(dataset: Path, tmp_path: Path) -> dict[str, str]:
    """``ortui --demo`` on the tests' cached dataset (no build), in a home of its own."""
    return {
        **tui_env(tmp_path, ""),
        "ORTUI_CACHE_DIR": str(dataset.parent),
        "ORTUI_DEMO_SIZE": "20000",
    }


@pytest.fixture
def demo_run(demo_env: dict[str, str]) -> Iterator[PtyRun]:
    run = PtyRun(["--demo"], demo_env)
    try:
        assert run.read_until(lambda out: READY in out, timeout=60), run.output[-2000:]
        yield run
    finally:
        for pid in [run.process.pid, *_children(run.process.pid)]:
            _kill(pid)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    for task in task_dir.iterdir() if task_dir.exists() else []:
        with_children = task / "children"
        if with_children.exists():
            found += [int(child) for child in with_children.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie, or a pid gone, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _demo_child(run: PtyRun) -> int:
    deadline = time.monotonic() + 10
    while not (children := _children(run.process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(children) == 1, children  # the demo simulator's own process
    return children[0]


def _wait_ended(run: PtyRun, before_cpu: float) -> float:
    """Wait (``GONE_WITHIN_S`` at most) for ortui to end; the CPU seconds it used since."""
    pid = run.process.pid
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline:
        ended, _status, usage = os.wait4(pid, os.WNOHANG)
        if ended == pid:
            run.process.returncode = 0  # reaped here: Popen must not wait for it again
            return usage.ru_utime + usage.ru_stime - before_cpu
        time.sleep(0.05)
    raise AssertionError(
        f"ortui still running {GONE_WITHIN_S}s after its terminal went "
        f"(CPU since: {_cpu_s(pid) - before_cpu:.2f}s)"
    )


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN_S
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def test_ortui_and_its_simulator_end_when_the_terminal_is_closed(demo_run: PtyRun) -> None:
    """The pty's other end closes and no SIGHUP comes (ortui does not lead its session)."""
    simulator = _demo_child(demo_run)
    before = _cpu_s(demo_run.process.pid)
    os.close(demo_run.master)
    demo_run.master = os.open(os.devnull, os.O_RDWR)  # for the fixture's own clean-up
    used = _wait_ended(demo_run, before)
    assert used < CPU_AFTER_S, f"{used:.2f}s of CPU after the terminal closed"
    assert _gone_soon(simulator), "the demo simulator outlived ortui"


def test_ortui_and_its_simulator_end_on_sighup(demo_run: PtyRun) -> None:
    simulator = _demo_child(demo_run)
    before = _cpu_s(demo_run.process.pid)
    demo_run.process.send_signal(signal.SIGHUP)
    used = _wait_ended(demo_run, before)
    assert used < CPU_AFTER_S, f"{used:.2f}s of CPU after SIGHUP"
    assert _gone_soon(simulator), "the demo simulator outlived ortui"


def test_sigterm_ends_ortui_and_gives_the_terminal_back(demo_run: PtyRun) -> None:
    """Its terminal still there, a ``kill`` ends ortui as ctrl+q does: the screen and the
    terminal's modes are restored (Textual left it in the alternate screen, mouse on)."""
    simulator = _demo_child(demo_run)
    shown = len(demo_run.output)
    demo_run.process.send_signal(signal.SIGTERM)
    demo_run.read_until(lambda _: demo_run.process.poll() is not None, timeout=GONE_WITHIN_S)
    demo_run.process.wait(timeout=GONE_WITHIN_S)  # the terminal closes just before the end
    demo_run.read_until(lambda _: False, timeout=0.3)
    after = demo_run.output[shown:]
    assert b"\x1b[?1049l" in after and b"\x1b[?1000l" in after, after[-300:]
    assert _gone_soon(simulator), "the demo simulator outlived ortui"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_killing_its_tmux_session_leaves_no_ortui(demo_env: dict[str, str]) -> None:
    socket = f"ortui-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket, "-f", os.devnull]
    env = {**os.environ, **demo_env, "TERM": "xterm-256color"}
    command = f"{sys.executable} -m ortui --demo; sleep 30"  # not exec'd: sh leads the session
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30", command], env=env)
    try:
        deadline = time.monotonic() + 60
        while READY.decode() not in _pane(tmux) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert READY.decode() in _pane(tmux)
        ours = _ortui_pids(socket, env)
        assert ours, "no ortui process found in the tmux session"
        subprocess.run([*tmux, "kill-session"], env=env)
        assert all(_gone_soon(pid) for pid in ours), [p for p in ours if _alive(p)]
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True)


def _pane(tmux: list[str]) -> str:
    done = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
    return done.stdout


def _ortui_pids(socket: str, env: dict[str, str]) -> list[int]:
    """ortui and its simulator: every process under the tmux server's panes."""
    tmux = ["tmux", "-L", socket, "-f", os.devnull]
    pane = subprocess.run(
        [*tmux, "display-message", "-p", "#{pane_pid}"], capture_output=True, text=True, env=env
    ).stdout.strip()
    found: list[int] = []
    todo = [int(pane)]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += _children(pid)
    return [pid for pid in found if b"ortui" in _cmdline(pid)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""
