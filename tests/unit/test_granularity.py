"""The grain table (api/granularity.py) is what validation, decoding, formatting and bucket
arithmetic read: each fact checked where it shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ortui.api.granularity import GRAINS, bucket_keys, grain
from ortui.api.models import Granularity, Meta, Metric
from ortui.query.draft import QueryDraft
from ortui.query.time_range import AbsoluteRange
from ortui.query.validation import validate
from ortui.results.buckets import bucket_end
from ortui.results.formatting import format_time

META = Meta(
    metrics=[Metric("request_count", "Requests", False, "number")],
    granularities=[Granularity(g, g.title()) for g in GRAINS],
)
START = datetime(2026, 1, 31, 0, 0, tzinfo=UTC)


def test_the_table_lists_the_documented_grains_in_order() -> None:
    assert list(GRAINS) == ["minute", "hour", "day", "week", "month"]
    assert grain(None) is None and grain("fortnight") is None
    assert bucket_keys("fortnight") == ("date__fortnight", "created_at__fortnight")


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("minute", START, datetime(2026, 1, 31, 0, 1, tzinfo=UTC)),
        ("hour", START, datetime(2026, 1, 31, 1, 0, tzinfo=UTC)),
        ("day", START, datetime(2026, 2, 1, tzinfo=UTC)),
        ("week", START, datetime(2026, 2, 7, tzinfo=UTC)),
        ("month", datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)),
        ("month", datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)),
    ],
)
def test_each_bucket_closes_when_its_grain_says(name: str, start: datetime, end: datetime) -> None:
    assert bucket_end(start, name) == end
    assert bucket_end(start, "fortnight") is None


@pytest.mark.parametrize("name", [g.name for g in GRAINS.values() if g.max_range])
def test_a_range_longer_than_the_grain_allows_is_explained_in_its_words(name: str) -> None:
    facts = GRAINS[name]
    assert facts.max_range is not None
    end = datetime(2026, 11, 1, tzinfo=UTC)

    def draft(span: timedelta) -> QueryDraft:
        start = end - span
        return QueryDraft(
            metrics=("request_count",),
            granularity=name,
            time=AbsoluteRange(f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}"),
        )

    assert validate(draft(facts.max_range), META, now=end) == []
    problems = validate(draft(facts.max_range + timedelta(hours=1)), META, now=end)
    assert [p.message for p in problems] == [
        f"{name.title()} buckets need a range of {facts.max_range_text} or less."
    ]


def test_clock_times_are_shown_for_grains_within_a_day() -> None:
    midnight = datetime(2026, 1, 31, tzinfo=UTC)
    shown = {g.name: format_time(midnight, g.name) for g in GRAINS.values()}
    assert shown == {
        "minute": "2026-01-31 00:00",
        "hour": "2026-01-31 00:00",
        "day": "2026-01-31",
        "week": "2026-01-31",
        "month": "2026-01-31",
    }
