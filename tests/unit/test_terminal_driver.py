"""The driver that ends ortui when its terminal goes away (ortui/widgets/terminal_driver.py),
against the pinned Textual: what Textual's own driver does on a dead terminal, and ours."""

from __future__ import annotations

import os
import pty
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from typing import IO

import pytest
from textual.app import App
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

from ortui.widgets.terminal_driver import HangupAwareDriver, SafeOutput


@pytest.fixture
def dead_terminal() -> Iterator[IO[str]]:
    """The output stream of a pty whose other end has closed (writes fail with EIO)."""
    master, slave = pty.openpty()
    os.close(master)
    stream = os.fdopen(slave, "w")
    yield stream
    with suppress(OSError):
        stream.close()


@pytest.fixture
def signals_kept() -> Iterator[None]:
    """A driver sets signal handlers: give the test process its own back."""
    numbers = (signal.SIGTSTP, signal.SIGCONT, signal.SIGHUP, signal.SIGTERM)
    before = {number: signal.getsignal(number) for number in numbers}
    yield
    for number, handler in before.items():
        signal.signal(number, handler)


def _writes_block(writer: WriterThread, count: int) -> bool:
    """Whether ``count`` writes through ``writer`` are still blocked after a second."""

    def write() -> None:
        for _ in range(count):
            writer.write("frame")

    writing = threading.Thread(target=write)
    writing.daemon = True
    writing.start()
    writing.join(1.0)
    return writing.is_alive()


def test_textuals_output_thread_dies_on_a_dead_terminal_and_the_app_then_blocks(
    dead_terminal: IO[str],
) -> None:
    writer = WriterThread(dead_terminal)
    hook, threading.excepthook = threading.excepthook, lambda _args: None
    try:
        writer.start()
        writer.write("first frame")
        writer.join(5.0)
    finally:
        threading.excepthook = hook
    assert not writer.is_alive()  # died on EIO
    assert _writes_block(writer, 40)  # the queue (30) fills: the app's next frame hangs


def test_our_output_drops_frames_once_the_terminal_is_gone_and_says_so_once(
    dead_terminal: IO[str],
) -> None:
    gone: list[str] = []
    writer = WriterThread(SafeOutput(dead_terminal, lambda: gone.append("gone")))  # type: ignore[arg-type]
    writer.start()
    assert not _writes_block(writer, 100)
    writer.stop()
    assert gone == ["gone"]


class Recorded(HangupAwareDriver):
    """Records instead of ending the test process."""

    grace_s = 0.2

    def __init__(self, app: App[None]) -> None:
        super().__init__(app)
        self.ended = threading.Event()

    def end_process(self) -> None:
        self.ended.set()


async def test_a_hang_up_exits_the_app_and_then_ends_the_process(signals_kept: None) -> None:
    assert LinuxDriver(App())._file is sys.__stderr__  # the stream ours wraps
    master, slave = pty.openpty()
    app: App[None] = App()
    async with app.run_test():
        driver = Recorded(app)
        assert driver._app is app and driver._loop is not None
        driver.fileno = slave
        watch = threading.Thread(target=driver._watch_hangup, daemon=True)
        watch.start()
        watch.join(0.3)
        assert watch.is_alive() and not driver.ended.is_set()  # asleep while the pty is open
        os.close(master)
        watch.join(2.0)
        assert not watch.is_alive()
        assert driver.exit_event.is_set()  # Textual's input thread stops reading
        assert driver.ended.wait(2.0)
    assert app.return_code == 128 + signal.SIGHUP
    os.close(slave)


async def test_a_read_failing_with_eio_ends_the_app_instead_of_textuals_crash_screen(
    signals_kept: None,
) -> None:
    master, slave = pty.openpty()
    os.close(slave)  # the master's reads now fail with EIO, as a dead terminal's may
    app: App[None] = App()
    async with app.run_test():
        driver = Recorded(app)
        driver.fileno = master
        reading = threading.Thread(target=driver.run_input_thread, daemon=True)
        reading.start()
        reading.join(2.0)
        assert not reading.is_alive()  # returned, without raising into Textual's panic
        assert driver.exit_event.is_set() and driver.ended.wait(2.0)
    assert app.return_code == 128 + signal.SIGHUP
    os.close(master)
