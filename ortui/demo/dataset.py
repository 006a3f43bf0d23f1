"""Builds the deterministic synthetic traffic (``demo/traffic.py``) into a SQLite file (cached
per seed and day).

Traffic covers ~13 months ending at the next UTC midnight: weekly seasonality, steady
growth, a new API key whose spend spikes, a provider latency incident, cache hits and a BYOK
share. Costs are tokens × per-model prices.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from ortui.demo.cached import DATASET_VERSION as DATASET_VERSION
from ortui.demo.cached import DEFAULT_SEED as DEFAULT_SEED
from ortui.demo.cached import DEFAULT_SIZE as DEFAULT_SIZE
from ortui.demo.cached import dataset_end as dataset_end
from ortui.demo.cached import dataset_path as dataset_path
from ortui.demo.cached import is_cached as is_cached
from ortui.demo.metrics import ADDITIVE_COLUMNS, ROLLUP_DIMENSIONS
from ortui.demo.traffic import DAYS, TEXT_COLUMNS, TrafficGenerator


def _create_schema(db: sqlite3.Connection) -> None:
    numeric = ", ".join(f"{c} REAL" for c in ADDITIVE_COLUMNS)
    text = ", ".join(f'"{c}" TEXT' for c in TEXT_COLUMNS)
    db.execute(f"CREATE TABLE generations (ts INTEGER, {text}, {numeric})")
    dims = ", ".join(f'"{c}"' for c in ROLLUP_DIMENSIONS)
    sums = ", ".join(f"SUM({c}) AS {c}" for c in ADDITIVE_COLUMNS)
    db.execute(
        f"CREATE TABLE rollup AS SELECT (ts / 3600) * 3600 AS ts, {dims}, {sums} "
        f"FROM generations WHERE 0 GROUP BY 1"
    )
    db.execute("CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT)")


def build_database(
    path: Path,
    seed: int,
    size: int,
    end: datetime,
    days: Sequence[int] | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Write the dataset (only ``days``, days back from the end, when given) to ``path``
    atomically; ``progress`` hears the fraction of rows written, 0 to 1."""
    generator = TrafficGenerator(seed, end)
    counts = generator.day_counts(size)
    wanted = sum(counts[d] for d in (days if days is not None else counts)) or 1
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        _create_schema(db)
        marks = ", ".join("?" * (1 + len(TEXT_COLUMNS) + len(ADDITIVE_COLUMNS)))
        report = None if progress is None else (lambda done: progress(done / wanted))
        db.executemany(
            f"INSERT INTO generations VALUES ({marks})", generator.rows(size, days, report)
        )
        dims = ", ".join(f'"{c}"' for c in ROLLUP_DIMENSIONS)
        sums = ", ".join(f"SUM({c})" for c in ADDITIVE_COLUMNS)
        db.execute(
            f"INSERT INTO rollup SELECT (ts / 3600) * 3600, {dims}, {sums} "
            f"FROM generations GROUP BY 1, {dims}"
        )
        db.execute("CREATE INDEX generations_ts ON generations (ts)")
        db.execute("CREATE INDEX rollup_ts ON rollup (ts)")
        db.execute("CREATE INDEX generations_id ON generations (generation_id)")
        first = max(days) + 1 if days is not None else DAYS
        start = int(end.timestamp()) - first * 86400
        db.executemany(
            "INSERT INTO info VALUES (?, ?)",
            [("end", str(int(end.timestamp()))), ("seed", str(seed)), ("start", str(start))],
        )
        db.commit()
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


#: The days a first start builds before anything else (the default query's last 7 days,
#: whole): the rest of the year is built in another process meanwhile.
RECENT_DAYS = 9


def recent_path(cache_dir: Path, seed: int, size: int, end: datetime) -> Path:
    return cache_dir / f"demo-v{DATASET_VERSION}-seed{seed}-n{size}-{end:%Y%m%d}-recent.sqlite"


def ensure_recent(
    cache_dir: Path,
    seed: int = DEFAULT_SEED,
    size: int = DEFAULT_SIZE,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Today's last ``RECENT_DAYS`` days only (a small file, built in well under a second);
    their rows are exactly those of the full dataset."""
    end = dataset_end()
    path = recent_path(cache_dir, seed, size, end)
    if not path.exists():
        build_database(path, seed, size, end, list(range(RECENT_DAYS)), progress)
    return path


def ensure_dataset(
    cache_dir: Path, seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE, today: date | None = None
) -> Path:
    """The dataset file for this seed, size and day; built once, then read from the cache."""
    end = dataset_end(today)
    path = dataset_path(cache_dir, seed, size, end)
    if not path.exists():
        build_database(path, seed, size, end)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ortui.demo.dataset CACHE_DIR SEED SIZE``: build the full dataset, printing
    the fraction done (``0.42``) a line at a time — the explorer runs this in another process
    so that building never slows its keystrokes."""
    cache_dir, seed, size = (argv if argv is not None else sys.argv[1:])[:3]

    def report(fraction: float) -> None:
        print(f"{fraction:.3f}", flush=True)

    end = dataset_end()
    path = dataset_path(Path(cache_dir), int(seed), int(size), end)
    if not path.exists():
        build_database(path, int(seed), int(size), end, None, report)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
