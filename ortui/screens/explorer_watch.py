"""Watch mode in the explorer: re-runs the last query every N seconds while it is visible.

The explorer owns one ``WatchController``; it keeps the timing in a pure ``Watch`` (fake clocks
in tests), is told how to run a draft and whether one is running, and asks the screen only
whether a dialog covers it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from ortui.api import errors
from ortui.query.draft import QueryDraft
from ortui.query.watch import Watch, clamp_interval
from ortui.results.table import ResultTable
from ortui.screens.guard import guarded


class WatchController:
    """Ticks once a second; refreshes when due and nothing hides the result."""

    def __init__(
        self,
        screen: Screen[None],
        running: Callable[[], bool],
        run: Callable[[QueryDraft], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.screen = screen
        self.running, self.run = running, run
        interval = int(getattr(screen.app, "watch_interval", 60))
        self.watch = Watch(clamp_interval(interval), clock)
        self.draft: QueryDraft | None = None
        self._shown: str | None = None

    @property
    def badge(self) -> Static:
        return self.screen.query_one("#watch-badge", Static)

    def attach(self) -> None:
        self.screen.set_interval(1.0, self.tick)

    def paused_reason(self) -> str | None:
        if self.screen.app.screen is not self.screen:
            return "a dialog is open"
        if self.screen.has_class("-too-small"):
            return "the terminal is too small"
        return None

    def toggle(self) -> None:
        if not self.watch.active and self.draft is None:
            self.screen.notify("Run a query first (F5); then r watches it.", timeout=4)
            return
        on = self.watch.toggle()
        self.screen.notify(
            f"Watching: the query re-runs every {self.watch.interval} s"
            if on
            else "Stopped watching.",
            timeout=3,
        )
        self.tick()

    def tick(self) -> None:
        paused = self.paused_reason()
        if self.draft is not None and not self.running() and self.watch.due(paused is not None):
            self.watch.started_refresh()
            self.run(self.draft)
        self.show(paused)

    def show(self, paused: str | None = None) -> None:
        """Only a changed badge is updated: an update lays out the screen (a frame), and the
        tick comes every second even when nothing is watched."""
        text = self.watch.describe(paused)
        shown = f"⟳ {text}" if text else ""
        if shown == self._shown:
            return
        self._shown = shown
        self.badge.set_class(bool(text), "-on")
        self.badge.update(Text(shown))

    @guarded("update the watch")
    def finished(self, table: ResultTable, draft: QueryDraft) -> None:
        self.draft = draft
        self.watch.finished(table.cached_at)
        self.show(self.paused_reason())

    @guarded("update the watch")
    def failed(self, error: errors.ApiError) -> None:
        retry_after = error.retry_after if isinstance(error, errors.RateLimited) else None
        self.watch.failed(f"last refresh failed: {error.title}", retry_after)
        self.show(self.paused_reason())
