"""Every query run, appended to a bounded JSON Lines file (the last 500) in the data dir."""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ortui.fileio import atomic_write
from ortui.presets.codec import PresetFormatError, draft_from_dict, draft_to_dict
from ortui.query.draft import QueryDraft

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class HistoryEntry:
    """One run: when, what, how many rows, how long, and how it ended. Never the key."""

    time: datetime
    draft: QueryDraft
    row_count: int | None
    duration_ms: float
    outcome: str  # "ok" or the error title
    preset: str | None = None

    def to_json(self) -> str:
        return json.dumps({"time": self.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                           "query": draft_to_dict(self.draft), "row_count": self.row_count,
                           "duration_ms": round(self.duration_ms, 1), "outcome": self.outcome,
                           "preset": self.preset}, ensure_ascii=False)


def _parse(line: str) -> HistoryEntry:
    data = json.loads(line)
    return HistoryEntry(
        time=datetime.fromisoformat(data["time"].replace("Z", "+00:00")),
        draft=draft_from_dict(data["query"]), row_count=data.get("row_count"),
        duration_ms=float(data.get("duration_ms", 0)), outcome=str(data.get("outcome", "?")),
        preset=data.get("preset"))


class History:
    """Append-only with a trim; a lock file keeps two ortui instances from interleaving."""

    def __init__(self, path: Path, limit: int = HISTORY_LIMIT) -> None:
        self.path = path
        self.limit = limit

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, entry: HistoryEntry) -> None:
        line = entry.to_json() + "\n"
        with self._locked():
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line)
            lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True)
            if len(lines) > self.limit:
                atomic_write(self.path, "".join(lines[-self.limit:]).encode())

    def entries(self) -> tuple[list[HistoryEntry], int]:
        """Newest first, and how many lines could not be read (they are skipped, not removed)."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return [], 0
        except (OSError, UnicodeDecodeError):
            return [], 1
        entries, bad = [], 0
        for line in lines:
            if not line.strip():
                continue
            try:
                entries.append(_parse(line))
            except (ValueError, KeyError, TypeError, PresetFormatError):
                bad += 1
        return entries[::-1], bad

    def last_run(self, preset: str) -> datetime | None:
        return next((e.time for e in self.entries()[0] if e.preset == preset), None)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
