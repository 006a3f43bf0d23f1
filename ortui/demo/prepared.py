"""A demo dataset that is ready fast on a first start: the last few days are built at once (in
well under a second) and answer the queries they cover, while the full year is built in
another process; queries reaching further back wait for it. Rows are the same either way (one
random stream per day), so no number changes when the full dataset takes over."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ortui.demo.dataset import RECENT_DAYS, dataset_end, dataset_path, ensure_recent
from ortui.demo.engine import QueryEngine
from ortui.demo.validation import ValidQuery

FULL_BUILD_TIMEOUT_S = 600
FIRST_ANSWER_WAIT_S = 3.0


def _lower_priority() -> None:
    """In the builder process: the explorer's keystrokes come first."""
    os.nice(10)


class PreparingDataset:
    """Builds what is missing, says what it is doing (``status``), and answers queries from
    the best dataset it has (``run``)."""

    def __init__(self, cache_dir: Path, seed: int, size: int) -> None:
        self.cache_dir, self.seed, self.size = cache_dir, seed, size
        self.status: str | None = None
        self._recent: QueryEngine | None = None
        self._full: QueryEngine | None = None
        self._recent_ready = threading.Event()
        self._first_answer = threading.Event()
        self._full_ready = threading.Event()
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False
        self.error: str | None = None

    # Building

    def start(self) -> PreparingDataset:
        threading.Thread(target=self._prepare, name="ortui-demo-data", daemon=True).start()
        return self

    def _prepare(self) -> None:
        full = dataset_path(self.cache_dir, self.seed, self.size, dataset_end())
        try:
            if not full.exists():
                self.status = "preparing demo data…"
                recent = ensure_recent(
                    self.cache_dir, self.seed, self.size, lambda f: self._say("last days", f)
                )
                self._recent = QueryEngine(recent)
                self._recent_ready.set()
                # The first answer goes out before the year's build competes for the CPU.
                self._first_answer.wait(FIRST_ANSWER_WAIT_S)
                self._build_full()
            self._full = QueryEngine(full)
        except Exception as exc:  # shown in the TUI; queries then fail instead of hanging
            self.error = f"The demo dataset could not be built: {exc}"
            self.status = self.error
        finally:
            self._recent_ready.set()
            self._full_ready.set()
        if self.error is None:
            self.status = None

    def _say(self, what: str, fraction: float) -> None:
        self.status = f"building demo data ({what}) {fraction:.0%}"

    def _build_full(self) -> None:
        """In another process, so that building never slows the explorer's keystrokes."""
        if self._stopped:  # the explorer closed before the first answer
            raise RuntimeError("stopped")
        self._say("the year", 0.0)
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ortui.demo.dataset",
                str(self.cache_dir),
                str(self.seed),
                str(self.size),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            preexec_fn=_lower_priority if os.name == "posix" else None,
        )
        if self._stopped:  # stopped while it was being started
            self._process.terminate()
        assert self._process.stdout is not None
        for line in self._process.stdout:
            try:
                self._say("the year", float(line))
            except ValueError:
                continue
        if self._process.wait() != 0 and not self._stopped:
            raise RuntimeError(f"the builder process exited with {self._process.returncode}")

    def stop(self) -> None:
        self._stopped = True
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    # Answering

    def run(
        self, q: ValidQuery, now: datetime | None = None
    ) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:
        """From the full dataset once built; before that from the last days if they cover
        ``q``, else wait for the full one."""
        if self._full is None:
            self._recent_ready.wait(FULL_BUILD_TIMEOUT_S)
            recent = self._recent
            covered = recent is not None and q.start >= recent.end - timedelta(RECENT_DAYS)
            if self._full is None and recent is not None and covered:
                try:
                    return recent.run(q, now)
                finally:
                    self._first_answer.set()
        self._first_answer.set()
        return self.full().run(q, now)

    def full(self) -> QueryEngine:
        """The full dataset, waiting for it (the management endpoints read whole months)."""
        self._full_ready.wait(FULL_BUILD_TIMEOUT_S)
        if self._full is None:
            raise RuntimeError(self.error or "the demo dataset is not ready")
        return self._full

    def execute(self, sql: str, params: list[object]) -> sqlite3.Cursor:
        return self.full().execute(sql, params)

    def source(
        self, raw: bool, now: datetime, start: datetime | None = None, end: datetime | None = None
    ) -> tuple[str, list[object]]:
        return self.full().source(raw, now, start, end)
