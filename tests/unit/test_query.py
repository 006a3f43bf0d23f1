"""Validation against meta and the documented limits, time ranges and request encoding."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ortui.api.models import META_DECODER, Meta
from ortui.query.draft import FilterDraft, QueryDraft, default_draft
from ortui.query.encoding import to_request
from ortui.query.time_range import AbsoluteRange, RelativeRange, parse_shorthand, resolve
from ortui.query.validation import validate

NOW = datetime(2026, 11, 29, 15, 30, 12, tzinfo=UTC)


@pytest.fixture()
def meta(example_meta: bytes) -> Meta:
    return META_DECODER.decode(example_meta).data


def messages(draft: QueryDraft, meta: Meta) -> list[str]:
    return [f"{p.field}: {p.message}" for p in validate(draft, meta, NOW)]


def test_default_draft_is_spend_and_requests_by_model_daily(meta: Meta) -> None:
    draft = default_draft(meta)
    assert draft.metrics == ("total_usage", "request_count")
    assert draft.dimensions == ("model",) and draft.granularity == "day"
    assert draft.time == RelativeRange("last_7d") and messages(draft, meta) == []


def test_default_draft_falls_back_to_what_meta_offers() -> None:
    meta = Meta(metrics=[__import__("ortui.api.models").api.models.Metric("joules")])
    draft = default_draft(meta)
    assert draft.metrics == ("joules",) and draft.dimensions == () and draft.granularity is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"metrics": ()}, "metrics: Pick at least one metric"),
        ({"dimensions": ("model", "app", "user")}, "dimensions: At most 2 dimensions"),
        ({"filters": (FilterDraft("model", "eq", ("x",)),) * 21}, "filters: At most 20 filters"),
        (
            {"metrics": ("p90_latency",), "time": RelativeRange("last_90d")},
            "time_range: p90_latency can cover at most 31 days; this range is 90 days",
        ),
        ({"dimensions": ("provider",), "time": RelativeRange("last_90d")}, "at most 31 days"),
        (
            {"granularity": "minute", "time": RelativeRange("last_24h")},
            "granularity: Minute buckets need a range of 3 hours or less",
        ),
        ({"granularity": "hour", "time": RelativeRange("last_90d")}, "Hour buckets"),
        ({"time": AbsoluteRange("2026-05-14", "2026-05-13")}, "start must be before the end"),
        ({"time": AbsoluteRange("2026-13-45", "2026-05-13")}, "'2026-13-45' is not a date"),
        ({"filters": (FilterDraft("model", "eq", ("a", "b")),)}, "takes one value, not a list"),
        ({"filters": (FilterDraft("model", "in", ("a",), True),)}, "'model' has no unset bucket"),
        ({"filters": (FilterDraft("model", "in", ()),)}, "enter a value"),
        ({"limit": 0}, "limit: Limit must be between 1 and 10,000"),
        ({"limit": 10_001}, "limit: Limit must be between"),
        ({"group_limit": 0}, "group_limit: Group limit must be"),
        ({"order_by": "app"}, "order_by: Order by 'app'"),
        ({"time": RelativeRange("last_365d"), "granularity": "day"}, None),
    ],
)
def test_validation_explains_each_rule(
    meta: Meta, changes: dict[str, Any], expected: str | None
) -> None:
    draft = default_draft(meta).with_changes(**changes)
    found = messages(draft, meta)
    if expected is None:
        assert found == []
    else:
        assert any(expected in m for m in found), found


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("last_1h", "2026-11-29T14:30:12Z", "2026-11-29T15:30:12Z"),
        ("last_7d", "2026-11-22T15:30:12Z", "2026-11-29T15:30:12Z"),
        ("month_to_date", "2026-11-01T00:00:00Z", "2026-11-29T15:30:12Z"),
        ("previous_month", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"),
    ],
)
def test_relative_ranges_resolve_in_utc(meta: Meta, name: str, start: str, end: str) -> None:
    request = to_request(default_draft(meta).with_changes(time=RelativeRange(name)), meta, NOW)
    assert request.time_range is not None
    assert (request.time_range.start, request.time_range.end) == (start, end)


def test_absolute_range_accepts_dates_and_minutes() -> None:
    start, end = resolve(AbsoluteRange("2026-05-13", "2026-05-13 12:30"))
    assert start == datetime(2026, 5, 13, tzinfo=UTC) and end.hour == 12 and end.minute == 30


def test_shorthands() -> None:
    assert parse_shorthand("7d") == RelativeRange("last_7d")
    with pytest.raises(ValueError, match="unknown range"):
        parse_shorthand("8x")


def test_filters_encode_arrays_scalars_numbers_and_unset(meta: Meta) -> None:
    draft = default_draft(meta).with_changes(
        filters=(
            FilterDraft("model", "in", ("openai/gpt-4o", " anthropic/claude-sonnet-4 ")),
            FilterDraft("app", "not_in", ("3101",), True),
            FilterDraft("api_key_id", "gte", ("91003",)),
            FilterDraft("country", "eq", ("US",)),
        )
    )
    request = to_request(draft, meta, NOW)
    assert request.filters is not None
    values = [(f.operator, f.value, f.include_unset) for f in request.filters]
    assert values == [
        ("in", ["openai/gpt-4o", "anthropic/claude-sonnet-4"], None),
        ("not_in", ["3101"], True),
        ("gte", 91003, None),
        ("eq", "US", None),
    ]


def test_unfamiliar_meta_operators_follow_value_type() -> None:
    meta = META_DECODER.decode(
        b'{"data": {"metrics": [{"name": "m"}], "dimensions": '
        b'[{"name": "planet"}], "operators": [{"name": "any_of", '
        b'"value_type": "array"}], "granularities": []}}'
    ).data
    draft = QueryDraft(metrics=("m",), filters=(FilterDraft("planet", "any_of", ("a", "b")),))
    assert validate(draft, meta, NOW) == []
    request = to_request(draft, meta, NOW)
    assert request.filters is not None and request.filters[0].value == ["a", "b"]
