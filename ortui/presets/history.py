"""Every query run, appended to a bounded JSON Lines file (the last 500) in the data dir."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ortui.fileio import atomic_write, open_regular
from ortui.presets.codec import (
    PresetFormatError,
    clean_document,
    draft_from_dict,
    draft_to_dict,
)
from ortui.query.draft import QueryDraft

HISTORY_LIMIT = 500
MAX_LINE_BYTES = 16 * 1024  # a real entry is well under 2 KB
_BLOCK = 64 * 1024


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
        return json.dumps(
            {
                "time": self.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "query": draft_to_dict(self.draft),
                "row_count": self.row_count,
                "duration_ms": round(self.duration_ms, 1),
                "outcome": self.outcome,
                "preset": self.preset,
            },
            ensure_ascii=False,
        )


def _parse(line: bytes) -> HistoryEntry:
    """One line; raises ValueError (or a subclass) for anything that is not a history entry."""
    if len(line) > MAX_LINE_BYTES:
        raise ValueError("line too long")
    try:
        data = clean_document(json.loads(line))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("time"), str):
        raise ValueError("not a history entry")
    moment = datetime.fromisoformat(data["time"].replace("Z", "+00:00"))
    rows, preset = data.get("row_count"), data.get("preset")
    return HistoryEntry(
        time=moment if moment.tzinfo else moment.replace(tzinfo=UTC),
        draft=draft_from_dict(data.get("query")),
        row_count=rows if isinstance(rows, int) and not isinstance(rows, bool) else None,
        duration_ms=float(data.get("duration_ms", 0)),
        outcome=str(data.get("outcome", "?")),
        preset=preset if isinstance(preset, str) else None,
    )


def tail_lines(path: Path, count: int, max_bytes: int) -> tuple[list[bytes], bool]:
    """The last ``count`` complete lines of ``path``, reading backwards in blocks and never
    more than ``max_bytes``; also whether anything precedes them (more lines, or a cut)."""
    with open_regular(path, os.O_RDONLY) as handle:
        end = handle.seek(0, os.SEEK_END)
        start, data = end, b""
        while start > 0 and data.count(b"\n") <= count and end - start < max_bytes:
            step = min(_BLOCK, start, max_bytes - (end - start))
            start -= step
            handle.seek(start)
            data = handle.read(step) + data
    lines = data.split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first piece is the tail of a line that began earlier
    lines = [line for line in lines if line.strip()]
    return lines[-count:], start > 0 or len(lines) > count


class History:
    """Append-only with a trim; a lock file keeps two ortui instances from interleaving."""

    def __init__(self, path: Path, limit: int = HISTORY_LIMIT) -> None:
        self.path = path
        self.limit = limit

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        with open_regular(self.path.with_suffix(".lock"), lock_flags) as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @property
    def _max_bytes(self) -> int:
        return self.limit * MAX_LINE_BYTES

    def append(self, entry: HistoryEntry) -> None:
        """Append one line; past ``limit`` lines, keep the last ``limit`` (read from the end)."""
        line = entry.to_json() + "\n"
        with self._locked():
            with open_regular(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT) as handle:
                handle.write(line.encode("utf-8"))
            lines, more = tail_lines(self.path, self.limit, self._max_bytes)
            if more:
                atomic_write(self.path, b"".join(ln + b"\n" for ln in lines))

    def entries(self) -> tuple[list[HistoryEntry], int]:
        """Newest first, and how many lines could not be read (they are skipped, not removed).
        Only the end of the file is read (at most twice ``limit`` lines)."""
        try:
            lines, _ = tail_lines(self.path, 2 * self.limit, 2 * self._max_bytes)
        except FileNotFoundError:
            return [], 0
        except OSError:
            return [], 1
        entries: list[HistoryEntry] = []
        bad = 0
        for line in reversed(lines):
            if len(entries) == self.limit:
                break
            try:
                entries.append(_parse(line))
            except (ValueError, KeyError, TypeError, AttributeError, PresetFormatError):
                bad += 1
        return entries, bad

    def last_run(self, preset: str) -> datetime | None:
        return next((e.time for e in self.entries()[0] if e.preset == preset), None)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
