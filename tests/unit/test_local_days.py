"""Local days from hourly buckets: each local day and their sum equal UTC queries over the same
instants (Asia/Tokyo, America/Los_Angeles across a DST change, Asia/Kolkata at +05:30)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest

from ortui.api.models import Granularity, Meta, Metric
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.presets.preset import Preset, from_document, to_document
from ortui.query.draft import QueryDraft
from ortui.query.local_days import plan_query
from ortui.query.local_rows import local_bucket
from ortui.query.time_range import AbsoluteRange, RelativeRange
from ortui.query.validation import validate
from tests.helpers import rows, stamp

METRICS = ("total_usage", "request_count")


def _last_dst_change(zone: ZoneInfo) -> date:
    """The most recent local date whose length is not 24 hours."""
    day = datetime.now(UTC).date() - timedelta(days=3)
    for _ in range(400):
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        following = start + timedelta(days=1)
        if (following.astimezone(UTC) - start.astimezone(UTC)) != timedelta(days=1):
            return day
        day -= timedelta(days=1)
    raise AssertionError("no DST change in the last 400 days")


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight as a UTC instant, floored to the hour (half-hour zones)."""
    instant = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    return instant.replace(minute=0)


def _flat(url: str, start: datetime, end: datetime) -> dict[str, float]:
    result = rows(
        url, {"metrics": list(METRICS), "time_range": {"start": stamp(start), "end": stamp(end)}}
    )
    return {m: float(result[0][m] or 0) if result else 0.0 for m in METRICS}


def _local_days(
    url: str,
    zone: str,
    first: date,
    days: int,
    capsys: pytest.CaptureFixture[str],
    grain: str = "day",
) -> tuple[list[dict[str, Any]], str]:
    end = first + timedelta(days=days)
    code = main(
        [
            "query",
            "--base-url",
            url,
            "--metrics",
            ",".join(METRICS),
            "--granularity",
            grain,
            "--start",
            first.isoformat(),
            "--end",
            end.isoformat(),
            "--tz",
            zone,
            "--format",
            "json",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)["rows"], out.err


@pytest.mark.parametrize("zone_name", ["Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata"])
def test_each_local_day_and_the_sum_equal_utc_queries(
    zone_name: str, demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = ZoneInfo(zone_name)
    if zone_name == "America/Los_Angeles":
        first = _last_dst_change(zone) - timedelta(days=1)  # the 23- or 25-hour day inside
    else:
        first = datetime.now(UTC).date() - timedelta(days=9)
    got, err = _local_days(demo_server.url, zone_name, first, 4, capsys)
    assert [r["date__day"] for r in got] == [
        (first + timedelta(days=n)).isoformat() for n in (3, 2, 1, 0)
    ]
    for row in got:
        day = date.fromisoformat(str(row["date__day"]))
        expected = _flat(
            demo_server.url, _midnight(day, zone), _midnight(day + timedelta(days=1), zone)
        )
        assert row["request_count"] == expected["request_count"]
        assert row["total_usage"] == pytest.approx(expected["total_usage"], abs=25 * 5e-7)
    whole = _flat(
        demo_server.url, _midnight(first, zone), _midnight(first + timedelta(days=4), zone)
    )
    assert sum(r["request_count"] for r in got) == whole["request_count"]
    assert sum(r["total_usage"] for r in got) == pytest.approx(whole["total_usage"], abs=100 * 5e-7)
    assert ("23:30 the evening before" in err) == (zone_name == "Asia/Kolkata")


def test_weeks_are_local_mondays_and_add_up(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = ZoneInfo("Asia/Tokyo")
    today = datetime.now(UTC).date()
    first = today - timedelta(days=today.weekday() + 14)  # a Monday, two weeks back
    got, _ = _local_days(demo_server.url, "Asia/Tokyo", first, 14, capsys, grain="week")
    assert [r["date__week"] for r in got] == [
        (first + timedelta(days=7)).isoformat(),
        first.isoformat(),
    ]
    whole = _flat(demo_server.url, _midnight(first, zone), _midnight(first + timedelta(14), zone))
    assert sum(r["request_count"] for r in got) == whole["request_count"]


def test_hours_are_shown_in_the_zone(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = datetime.now(UTC).date() - timedelta(days=3)
    got, _ = _local_days(demo_server.url, "Asia/Tokyo", first, 1, capsys, grain="hour")
    stamps = sorted(str(r["date__hour"]) for r in got)
    hours = {f"{first.isoformat()}T{h:02d}:00:00+09:00" for h in range(24)}  # 00:00 too
    assert len(stamps) > 12 and set(stamps) <= hours  # quiet hours have no row


def test_long_windows_and_rates_keep_utc_buckets_and_say_so(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = datetime.now(UTC).date() - timedelta(days=60)
    got, err = _local_days(demo_server.url, "Asia/Tokyo", first, 40, capsys)
    assert "over 31 days the API has no hourly buckets, so day buckets stay UTC" in err
    assert len(got) == 41  # 40 local days from Tokyo midnight touch 41 UTC days
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "cache_hit_rate",
            "--granularity",
            "day",
            "--last",
            "7d",
            "--tz",
            "Asia/Tokyo",
            "--format",
            "csv",
        ]
    )
    assert code == 0 and "cache_hit_rate cannot be added up" in capsys.readouterr().err


META = Meta(
    metrics=[Metric("total_usage"), Metric("cache_hit_rate", is_rate=True)],
    granularities=[Granularity("hour"), Granularity("day")],
)


def test_plan_asks_for_hours_between_local_midnights() -> None:
    draft = QueryDraft(
        metrics=("total_usage",),
        granularity="day",
        limit=5,
        time=AbsoluteRange("2026-03-07", "2026-03-10"),
        timezone="America/Los_Angeles",
    )
    plan = plan_query(draft, META)
    assert plan.request.granularity == "hour" and plan.request.limit == 10_000
    assert plan.request.time_range is not None
    assert (plan.request.time_range.start, plan.request.time_range.end) == (
        "2026-03-07T08:00:00Z",
        "2026-03-10T07:00:00Z",
    )  # PST, then PDT after 8 March
    kolkata = plan_query(draft.with_changes(timezone="Asia/Kolkata"), META)
    assert kolkata.request.time_range is not None
    assert kolkata.request.time_range.start == "2026-03-06T18:00:00Z"
    utc = plan_query(draft.with_changes(timezone="UTC"), META)
    assert utc.request.granularity == "day" and utc.regroup is None


def test_an_hour_goes_to_its_local_day() -> None:
    la, kolkata = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Kolkata")
    hour = datetime(2026, 11, 2, 7, tzinfo=UTC)  # 23:00 PST on 1 November (after DST ended)
    assert local_bucket(hour, la, "day") == date(2026, 11, 1)
    assert local_bucket(hour + timedelta(hours=1), la, "day") == date(2026, 11, 2)
    assert local_bucket(datetime(2026, 11, 1, 18, tzinfo=UTC), kolkata, "day") == date(2026, 11, 2)
    assert local_bucket(datetime(2026, 11, 1, 17, tzinfo=UTC), kolkata, "day") == date(2026, 11, 1)
    assert local_bucket(hour, la, "week") == date(2026, 10, 26)
    assert local_bucket(hour, la, "month") == date(2026, 11, 1)


def test_regrouping_orders_and_cuts_like_the_server() -> None:
    draft = QueryDraft(
        metrics=("total_usage",),
        dimensions=("model",),
        granularity="day",
        time=AbsoluteRange("2026-03-01", "2026-03-03"),
        timezone="Asia/Tokyo",
        order_by="total_usage",
        order_direction="desc",
        group_limit=1,
    )
    plan = plan_query(draft, META)
    hours = [
        {"date__hour": f"2026-03-0{d}T{h:02d}:00:00.000Z", "model": m, "total_usage": v}
        for d, h, m, v in [
            (1, 0, "a", 1.0),
            (1, 1, "a", 2.0),
            (1, 16, "a", 5.0),
            (1, 2, "b", "4"),
            (2, 3, "b", None),
            (2, 3, "a", 0.5),
        ]
    ]
    body = msgspec.json.encode({"data": {"data": hours, "metadata": {"truncated": False}}})
    result = msgspec.json.decode(plan.finish(body))["data"]
    assert result["data"] == [
        {"date__day": "2026-03-02T00:00:00+09:00", "model": "a", "total_usage": 5.5},
        {"date__day": "2026-03-01T00:00:00+09:00", "model": "b", "total_usage": 4},
    ]
    assert result["metadata"] == {"truncated": False, "row_count": 2}


@pytest.mark.parametrize(
    "name",
    ["Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Asia/Tokyo\x1b[2J", "x" * 500, ""],
)
def test_unknown_or_hostile_zones_are_validation_problems(name: str) -> None:
    draft = QueryDraft(metrics=("total_usage",), timezone=name)
    problems = validate(draft, META)
    assert (problems == []) == (name == "")
    assert all("\x1b" not in p.message and len(p.message) < 300 for p in problems)


def test_presets_store_the_zone() -> None:
    preset = Preset(
        "Tokyo days",
        QueryDraft(
            metrics=("total_usage",),
            granularity="day",
            time=RelativeRange("last_7d"),
            timezone="Asia/Tokyo",
        ),
    )
    document = to_document(preset)
    assert document["query"]["timezone"] == "Asia/Tokyo"
    assert from_document(document).draft.timezone == "Asia/Tokyo"
    assert "timezone" not in to_document(Preset("U", QueryDraft(metrics=("x",))))["query"]
