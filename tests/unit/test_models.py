"""Wire models: open enums, decoding variations, request encoding against the schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest

from ortui.api.models import (
    META_DECODER,
    QUERY_DECODER,
    Filter,
    OrderBy,
    QueryRequest,
    TimeRange,
    encode_request,
)
from ortui.query.time_range import format_wire
from ortui.results.decode import build_table
from tests.conftest import CONTRACT, validator
from tests.helpers import time_values, values


def test_example_meta_decodes_every_entry(example_meta: bytes) -> None:
    meta = META_DECODER.decode(example_meta).data
    assert len(meta.metrics) == 38 and len(meta.dimensions) == 16
    rate, in_list = meta.metric("cache_hit_rate"), meta.operator("in")
    assert rate is not None and rate.is_rate
    assert in_list is not None and in_list.takes_array


def test_unknown_enum_values_and_extra_keys_decode() -> None:
    body = {
        "data": {
            "metrics": [
                {
                    "name": "carbon_grams",
                    "display_label": "CO2",
                    "is_rate": False,
                    "display_format": "mass",
                    "unit": "g",
                }
            ],
            "dimensions": [{"name": "planet", "display_label": "Planet", "new": 1}],
            "operators": [{"name": "regex", "value_type": "pattern"}],
            "granularities": [{"name": "fortnight", "display_label": "Fortnight"}],
            "future_section": [1, 2, 3],
        }
    }
    meta = META_DECODER.decode(json.dumps(body))
    assert meta.data.metrics[0].display_format == "mass"
    assert meta.data.operators[0].value_type == "pattern"
    assert meta.data.granularities[0].name == "fortnight"


def test_wrong_types_in_meta_fail_with_validation_error() -> None:
    with pytest.raises(msgspec.ValidationError):
        META_DECODER.decode(b'{"data": {"metrics": [{"name": 3}]}}')


def test_example_response_becomes_typed_columns(example_meta: bytes) -> None:
    meta = META_DECODER.decode(example_meta).data
    payload = QUERY_DECODER.decode(
        (CONTRACT / "examples" / "query-response.json").read_bytes()
    ).data
    table = build_table(
        payload,
        QueryRequest(
            ["request_count", "total_usage", "cache_hit_rate"], ["model"], granularity="day"
        ),
        meta,
    )
    assert [c.key for c in table.columns] == [
        "date__day",
        "model",
        "request_count",
        "total_usage",
        "cache_hit_rate",
    ]
    assert values(table, "request_count") == [1523, 892, 1310]
    assert values(table, "cache_hit_rate")[1] is None
    assert time_values(table)[0] == datetime(2026, 5, 19, tzinfo=UTC)
    assert table.cached_at == datetime.fromtimestamp(1747699200, UTC)
    assert table.granularity == "day"


@pytest.mark.parametrize(
    "raw",
    ["2025-01-01T00:00:00.000Z", "2025-01-01", "2025-01-01T00:00:00Z", "2025-01-01T01:00:00+01:00"],
)
def test_bucket_values_become_the_same_utc_datetime(raw: str, example_meta: bytes) -> None:
    meta = META_DECODER.decode(example_meta).data
    payload = QUERY_DECODER.decode(
        json.dumps(
            {
                "data": {
                    "data": [{"created_at__hour": raw, "request_count": 5}],
                    "metadata": {"query_time_ms": 1, "row_count": 1, "truncated": False},
                }
            }
        )
    ).data
    table = build_table(payload, QueryRequest(["request_count"], granularity="hour"), meta)
    assert time_values(table) == [datetime(2025, 1, 1, tzinfo=UTC)]


def test_unreadable_metric_values_are_flagged_not_fatal(example_meta: bytes) -> None:
    meta = META_DECODER.decode(example_meta).data
    payload = QUERY_DECODER.decode(
        json.dumps(
            {
                "data": {
                    "data": [
                        {"request_count": "12"},
                        {"request_count": "n/a"},
                        {"request_count": None},
                        {"request_count": 1e300},
                    ],
                    "metadata": {},
                }
            }
        )
    ).data
    table = build_table(payload, QueryRequest(["request_count"]), meta)
    assert values(table, "request_count") == [12, None, None, 1e300]
    assert table.problems and "request_count" in table.problems[0]


def test_encoded_request_is_snake_case_omits_unset_and_validates(schema: dict[str, Any]) -> None:
    request = QueryRequest(
        metrics=["total_usage"],
        dimensions=["model"],
        filters=[
            Filter("model", "in", ["openai/gpt-4o"]),
            Filter("app", "not_in", ["3101"], include_unset=True),
        ],
        granularity="day",
        time_range=TimeRange("2026-05-13T00:00:00Z", "2026-05-20T00:00:00Z"),
        order_by=OrderBy("total_usage", "desc"),
        limit=100,
    )
    body = json.loads(encode_request(request))
    assert "group_limit" not in body and "classifier_dimensions" not in body
    assert "include_unset" not in body["filters"][0]
    assert body["filters"][1]["include_unset"] is True
    assert body["time_range"]["start"] == "2026-05-13T00:00:00Z"
    validator(schema, "AnalyticsQueryRequest").validate(body)


def test_shared_example_request_round_trips(schema: dict[str, Any]) -> None:
    raw = (CONTRACT / "examples" / "query-request.json").read_bytes()
    request = msgspec.json.decode(raw, type=QueryRequest)
    assert json.loads(encode_request(request)) == json.loads(raw)


@pytest.mark.parametrize("offset", [-8, 0, 5.5, 14])
def test_wire_times_are_utc_with_seconds_and_z(offset: float) -> None:
    local = datetime(2026, 5, 13, 9, 30, tzinfo=timezone(timedelta(hours=offset)))
    text = format_wire(local)
    assert text.endswith("Z") and len(text) == 20
    assert datetime.fromisoformat(text.replace("Z", "+00:00")) == local
