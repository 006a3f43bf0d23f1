"""A first start is fast: the last days are built at once and answer what they cover, the
year is built in another process, and the numbers are the same either way."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ortui.demo.dataset import ensure_dataset, is_cached
from ortui.demo.engine import QueryEngine
from ortui.demo.prepared import PreparingDataset
from ortui.demo.server import DemoServer, ServerConfig
from ortui.demo.validation import validate_body
from tests.helpers import rows

SIZE = 4000


def _query(days: int) -> dict[str, object]:
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return {
        "metrics": ["request_count", "total_usage", "p90_latency"],
        "dimensions": ["model"],
        "granularity": "day",
        "time_range": {
            "start": f"{end - timedelta(days=days):%Y-%m-%dT%H:%M:%SZ}",
            "end": f"{end:%Y-%m-%dT%H:%M:%SZ}",
        },
    }


def test_recent_days_answer_at_once_and_match_the_full_year(tmp_path: Path) -> None:
    preparing = PreparingDataset(tmp_path, 42, SIZE).start()
    try:
        now = datetime.now(UTC).replace(microsecond=0)
        week = validate_body(_query(7), now)
        started = time.monotonic()
        early = preparing.run(week)
        assert time.monotonic() - started < 30
        month = preparing.run(validate_body(_query(30), now))  # waits for the year
        assert is_cached(tmp_path, 42, SIZE) and preparing.status is None
        full = QueryEngine(ensure_dataset(tmp_path, 42, SIZE))
        assert early[0] == full.run(week)[0] and early[0]
        assert month[0] == full.run(validate_body(_query(30), now))[0]
    finally:
        preparing.stop()


def test_the_server_answers_meta_at_once_and_says_what_it_prepares(tmp_path: Path) -> None:
    server = DemoServer(ServerConfig(port=0), PreparingDataset(tmp_path, 7, 30_000)).start()
    seen: list[str | None] = []
    try:
        body = _query(7)
        result = rows(server.url, body)
        seen.append(server.preparing)
        assert result
        deadline = time.monotonic() + 120
        while server.preparing is not None and time.monotonic() < deadline:
            seen.append(server.preparing)
            time.sleep(0.05)
        assert server.preparing is None
        assert any(s and s.startswith("building demo data") and s.endswith("%") for s in seen)
        assert rows(server.url, _query(30))
    finally:
        server.stop()


def test_stopping_ends_the_builder_process(tmp_path: Path) -> None:
    preparing = PreparingDataset(tmp_path, 9, 200_000).start()
    deadline = time.monotonic() + 60
    while preparing._process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert preparing._process is not None
    preparing.stop()
    assert preparing._process.wait(timeout=10) is not None
    assert not is_cached(tmp_path, 9, 200_000)
