"""Where the demo dataset is cached and how big it is: what the TUI needs to know of it before
the simulator starts (in a process of its own), without importing the simulator."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

DATASET_VERSION = 6  # 5: more keys; 6: one random stream per day (any days build alike)
DEFAULT_SEED = 42
DEFAULT_SIZE = 120_000
#: The most generations a demo dataset may have (~630 MB on disk; the default is ~75 MB).
MAX_SIZE = 1_000_000


def dataset_end(today: date | None = None) -> datetime:
    """The exclusive end of the data: next UTC midnight."""
    day = today or datetime.now(UTC).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)


def dataset_path(cache_dir: Path, seed: int, size: int, end: datetime) -> Path:
    return cache_dir / f"demo-v{DATASET_VERSION}-seed{seed}-n{size}-{end:%Y%m%d}.sqlite"


def is_cached(cache_dir: Path, seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE) -> bool:
    """Whether today's dataset for this seed and size is already built."""
    return dataset_path(cache_dir, seed, size, dataset_end()).exists()


def demo_size() -> int:
    """``ORTUI_DEMO_SIZE`` (generations in the demo dataset) when from 1 to ``MAX_SIZE``, else
    the default (a few zeros too many would build until the disk is full)."""
    raw = os.environ.get("ORTUI_DEMO_SIZE", "").strip()
    size = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0
    return size if 0 < size <= MAX_SIZE else DEFAULT_SIZE
