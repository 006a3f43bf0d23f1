"""Every bucket of an hourly (or minute) result is written as a full timestamp in JSON and
CSV — the midnight one too, which was cut to a bare date ("2026-11-27" among
"2026-11-27T01:00:00Z" …) as if it were a day bucket. Day buckets stay dates."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import TEST_KEY

UTC_HOUR = re.compile(r"\d{4}-\d\d-\d\dT\d\d:00:00Z")
TOKYO_HOUR = re.compile(r"\d{4}-\d\d-\d\dT\d\d:00:00\+09:00")
DATE = re.compile(r"\d{4}-\d\d-\d\d")


def query(server: DemoServer, tmp_path: Path, granularity: str, fmt: str, *extra: str) -> list[str]:
    day = datetime.now(UTC).date() - timedelta(days=5)
    args = [
        "query",
        "--base-url",
        server.url,
        "--config-dir",
        str(tmp_path),
        "--metrics",
        "request_count",
        "--granularity",
        granularity,
        "--start",
        day.isoformat(),
        "--end",
        (day + timedelta(days=4)).isoformat(),
        "--order-by",
        "date:asc",
        "--format",
        fmt,
        *extra,
    ]
    assert main(args) == 0
    return args


@pytest.fixture()
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)


@pytest.mark.usefixtures("keyed")
def test_the_midnight_hour_is_a_timestamp_like_the_others(
    demo_server: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query(demo_server, tmp_path, "hour", "json")
    stamps = [r["date__hour"] for r in json.loads(capsys.readouterr().out)["rows"]]
    assert any(s.endswith("T00:00:00Z") for s in stamps), stamps
    assert all(UTC_HOUR.fullmatch(s) for s in stamps), stamps[:3]
    query(demo_server, tmp_path, "hour", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert any(r["date__hour"].endswith("T00:00:00Z") for r in rows)
    assert all(UTC_HOUR.fullmatch(r["date__hour"]) for r in rows)


@pytest.mark.usefixtures("keyed")
def test_a_local_midnight_hour_keeps_its_offset(
    demo_server: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query(demo_server, tmp_path, "hour", "json", "--tz", "Asia/Tokyo")
    stamps = [r["date__hour"] for r in json.loads(capsys.readouterr().out)["rows"]]
    assert any(s.endswith("T00:00:00+09:00") for s in stamps), stamps
    assert all(TOKYO_HOUR.fullmatch(s) for s in stamps), stamps[:3]


@pytest.mark.usefixtures("keyed")
def test_day_buckets_stay_dates(
    demo_server: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for zone in ("UTC", "Asia/Tokyo"):
        query(demo_server, tmp_path, "day", "json", "--tz", zone)
        stamps = [r["date__day"] for r in json.loads(capsys.readouterr().out)["rows"]]
        assert stamps and all(DATE.fullmatch(s) for s in stamps), stamps
