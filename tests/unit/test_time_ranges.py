"""Time ranges people ask for: last N days/weeks/months, whole-day absolute ranges."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from ortui.api.models import META_DECODER, Meta
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.presets.codec import draft_from_dict, draft_to_dict
from ortui.query.draft import default_draft
from ortui.query.encoding import to_request
from ortui.query.options import QueryOptions, apply_options
from ortui.query.time_range import (
    RelativeRange,
    TimeRangeError,
    last_whole_days,
    parse_shorthand,
    resolve,
)
from ortui.query.validation import validate
from tests.conftest import TEST_KEY

NOW = datetime(2026, 3, 31, 15, 30, 12, tzinfo=UTC)


@pytest.fixture()
def meta(example_meta: bytes) -> Meta:
    return META_DECODER.decode(example_meta).data


@pytest.mark.parametrize(
    ("text", "name", "label", "start"),
    [
        ("14d", "last_14d", "Last 14 days", datetime(2026, 3, 17, 15, 30, 12, tzinfo=UTC)),
        ("2w", "last_2w", "Last 2 weeks", datetime(2026, 3, 17, 15, 30, 12, tzinfo=UTC)),
        ("3m", "last_3m", "Last 3 months", datetime(2025, 12, 31, 15, 30, 12, tzinfo=UTC)),
        ("1m", "last_1m", "Last 1 month", datetime(2026, 2, 28, 15, 30, 12, tzinfo=UTC)),
        ("6 months", "last_6m", "Last 6 months", datetime(2025, 9, 30, 15, 30, 12, tzinfo=UTC)),
        ("36h", "last_36h", "Last 36 hours", datetime(2026, 3, 30, 3, 30, 12, tzinfo=UTC)),
        ("7d", "last_7d", "Last 7 days", datetime(2026, 3, 24, 15, 30, 12, tzinfo=UTC)),
    ],
)
def test_last_n_days_weeks_months(text: str, name: str, label: str, start: datetime) -> None:
    spec = parse_shorthand(text)
    assert spec == RelativeRange(name) and spec.label == label
    assert resolve(spec, NOW) == (start, NOW)


@pytest.mark.parametrize("text", ["0d", "2x", "10000d", "-3d", "", "d"])
def test_bad_shorthands_say_what_works(text: str) -> None:
    with pytest.raises(TimeRangeError, match="14d, 2w, 3m"):
        parse_shorthand(text)


def test_a_bad_count_is_explained_by_validation(meta: Meta) -> None:
    draft = default_draft(meta).with_changes(time=RelativeRange("last_0d"))
    assert [p.message for p in validate(draft, meta, NOW)] == [
        "Time range: 'Last N' takes a whole number from 1 to 9,999."
    ]


def test_last_n_months_is_sent_and_validated(meta: Meta) -> None:
    draft = apply_options(default_draft(meta), QueryOptions(last="3m"))
    request = to_request(draft, meta, NOW)
    assert request.time_range is not None
    assert (request.time_range.start, request.time_range.end) == (
        "2025-12-31T15:30:12Z",
        "2026-03-31T15:30:12Z",
    )
    too_long = draft.with_changes(metrics=("p90_latency",))
    assert any("31 days; this range is 90 days" in p.message for p in validate(too_long, meta, NOW))


def test_last_n_stays_relative_in_presets_and_history() -> None:
    draft = default_draft(Meta()).with_changes(metrics=("m",), time=RelativeRange("last_2w"))
    data = draft_to_dict(draft)
    assert data["time"] == "last_2w" and draft_from_dict(data).time == RelativeRange("last_2w")


def test_last_whole_days_ends_today_at_midnight_exclusive() -> None:
    whole = last_whole_days(7, NOW)
    assert (whole.start, whole.end) == ("2026-03-24", "2026-03-31")
    start, end = resolve(whole)
    assert end - start == timedelta(days=7) and end.hour == 0


def test_cli_last_2w_sends_two_weeks(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--granularity",
            "day",
            "--last",
            "2w",
            "--format",
            "json",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    days = sorted({row["date__day"] for row in json.loads(out)["rows"]})
    today = datetime.now(UTC).date()
    assert days[0] == (today - timedelta(days=14)).isoformat()
    assert days[-1] == today.isoformat() and len(days) == 15
    assert date.fromisoformat(days[0]) < date.fromisoformat(days[-1])
