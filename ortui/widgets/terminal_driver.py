"""Textual's Linux driver, made to end the app when its terminal goes away.

When the terminal closes without a SIGHUP reaching ortui (a pty whose other end is closed
while ortui is not its session's leader, an SSH connection torn down under a program started
through another, a benchmark killed), Textual's driver carries on forever: its input thread
selects the dead terminal, which is always readable, reads nothing and loops at full CPU, and
its output thread dies on the first write (EIO) so the app's next frames fill the output
queue and the main thread blocks on it. ``HangupAwareDriver``:

- watches the input for a hang-up (``poll`` wakes on POLLHUP/POLLERR, no CPU until then);
- keeps writing safely: a failed write to the terminal means it has gone, the rest is
  dropped (the queue never fills);
- treats a failed read (EIO) the same, instead of Textual's crash screen;
- ends the app on SIGHUP and SIGTERM (unless they were ignored when ortui started: ``nohup``)
  the way ctrl+q does, so a terminal still there is restored;

and then asks the app to exit, and ends the process after ``GRACE_S`` if it has not (its
own children, the demo simulator, end when their stdin pipe closes with it). Private Textual
API used: ``LinuxDriver._file`` (the terminal's output stream, wrapped before the output
thread starts), ``Driver._app`` and ``Driver._loop``; tested in
tests/unit/test_terminal_driver.py against the pinned version.
"""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from types import FrameType
from typing import IO, Any, cast

from textual.drivers.linux_driver import LinuxDriver

#: How long the app has to shut down after its terminal went away before the process ends.
GRACE_S = 1.5
#: The exit status when the process has to be ended: killed by SIGHUP, as a shell says it.
HANGUP_STATUS = 128 + signal.SIGHUP
#: How often the hang-up watch checks whether the driver has stopped (the watch sleeps in
#: ``poll`` between; a hang-up wakes it at once).
WATCH_TICK_MS = 500
_ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class SafeOutput:
    """The terminal's output stream for Textual's output thread: the first failed write or
    flush (EIO once the terminal has hung up, EPIPE…) calls ``on_gone`` and every write after
    it is dropped, so the thread keeps emptying its queue."""

    def __init__(self, stream: IO[str], on_gone: Callable[[], None]) -> None:
        self._stream = stream
        self._on_gone = on_gone
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self._stream.write(text)
            except (OSError, ValueError):
                self._broken()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._broken()

    def fileno(self) -> int:
        return self._stream.fileno()

    def _broken(self) -> None:
        self.broken = True
        self._on_gone()


class HangupAwareDriver(LinuxDriver):
    """``LinuxDriver`` that ends the app (and, failing that, the process) when the terminal
    goes away; see the module's docstring."""

    grace_s = GRACE_S

    def __init__(self, app: Any, **options: Any) -> None:
        super().__init__(app, **options)
        stream = self._file
        assert stream is not None  # Textual's driver needs a terminal's stderr, as ortui
        self._output = SafeOutput(stream, self.terminal_gone)
        self._file = cast(Any, self._output)  # what Textual's output thread writes to
        self._gone = threading.Event()
        self._closed = threading.Event()
        self._watch: threading.Thread | None = None
        self._previous: dict[int, Any] = {}

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]
        for number in _ENDING_SIGNALS:
            if signal.getsignal(number) == signal.SIG_DFL:
                self._previous[number] = signal.signal(number, self._on_signal)
        if self._watch is None:
            self._watch = threading.Thread(target=self._watch_hangup, name="ortui-hangup")
            self._watch.daemon = True
            self._watch.start()

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        except OSError:  # EIO: the terminal is gone (Textual would show its crash screen)
            self.terminal_gone()

    def close(self) -> None:
        self._closed.set()
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        super().close()

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        if number == signal.SIGHUP:
            self.terminal_gone()
        else:
            self._end()

    def _watch_hangup(self) -> None:
        """Sleep in ``poll`` until the input hangs up (or the driver closes)."""
        watch = select.poll()
        watch.register(self.fileno, 0)  # no events asked: only POLLHUP, POLLERR, POLLNVAL
        while not self._closed.is_set():
            try:
                if watch.poll(WATCH_TICK_MS):
                    self.terminal_gone()
                    return
            except OSError:
                return

    def terminal_gone(self) -> None:
        """The terminal has gone: stop reading it, exit the app, and end the process after
        ``GRACE_S`` if it has not ended by then. Any thread, or a signal handler."""
        if self._gone.is_set():
            return
        self._gone.set()
        self._output.broken = True  # nothing more can be shown; restoring it would fail
        self.exit_event.set()  # Textual's input thread stops selecting the dead terminal
        self._end()

    def _end(self) -> None:
        """Ask the app to exit as ctrl+q would; end the process if it is still here later."""
        with suppress(RuntimeError):  # the loop has closed: the app is ending already
            self._loop.call_soon_threadsafe(self._app.exit, None, HANGUP_STATUS)
        deadline = threading.Timer(self.grace_s, self.end_process)
        deadline.daemon = True
        deadline.start()

    def end_process(self) -> None:
        """The app has not ended in time: end the process (its files are written whole or
        not at all; the demo simulator ends when its stdin pipe closes)."""
        os._exit(HANGUP_STATUS)
