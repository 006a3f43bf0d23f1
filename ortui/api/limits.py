"""The documented limits of the Analytics API (REFERENCE.md), beside the wire models."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ortui.api.granularity import GRAINS, grain

MAX_DIMENSIONS = 2
MAX_FILTERS = 20
MIN_LIMIT = 1
MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1000
SUMMARY_MAX_RANGE = timedelta(days=365)
RAW_MAX_RANGE = timedelta(days=31)
MINUTE_MAX_RANGE = GRAINS["minute"].max_range or timedelta(hours=3)
HOUR_MAX_RANGE = GRAINS["hour"].max_range or timedelta(days=31)
DEFAULT_RANGE = timedelta(days=7)

#: Metrics the server caps at 31 days (per-generation data, no rollup).
RAW_METRICS = frozenset(
    {
        "avg_latency",
        "p50_latency",
        "p90_latency",
        "p99_latency",
        "avg_throughput",
        "p50_throughput",
        "p90_throughput",
        "p99_throughput",
        "openrouter_usage",
        "byok_fees",
        "usage_file",
        "usage_upstream_file",
        "usage_web_fetch",
        "usage_upstream_web_fetch",
        "guardrail_invoked_count",
        "guardrail_invoked_rate",
        "response_cached_count",
        "response_cached_rate",
        "possible_cached_tokens",
        "possible_cache_hit_rate",
        "cache_capture_rate",
    }
)

#: Dimensions the server caps at 31 days (per-generation data).
RAW_DIMENSIONS = frozenset(
    {
        "provider",
        "origin",
        "country",
        "finish_reason",
        "external_user",
        "context_length_bucket",
        "generation_id",
        "session_id",
        "data_region",
        "skin",
    }
)

#: Dimensions with an "unset" bucket, where ``include_unset`` is allowed.
UNSET_DIMENSIONS = frozenset({"api_key_id", "app", "user"})

#: Operators that take several values, when meta does not say otherwise.
ARRAY_OPERATORS = frozenset({"in", "not_in"})


def capped_fields(
    metrics: Iterable[str], dimensions: Iterable[str], filter_fields: Iterable[str]
) -> list[str]:
    """The requested names that limit the range to 31 days (per-generation data), sorted."""
    return sorted({*metrics} & RAW_METRICS | ({*dimensions} | {*filter_fields}) & RAW_DIMENSIONS)


def bucket_span(granularity: str) -> timedelta | None:
    """Nominal size of a time bucket, for estimating bucket counts."""
    facts = grain(granularity)
    return facts.span if facts else None


#: Keys a dimension brings into each row beside its own (``user`` rows add ``user_email``).
COMPANION_KEYS: dict[str, tuple[str, ...]] = {"user": ("user_email",)}


def row_text_keys(dimensions: Iterable[str]) -> list[str]:
    """The text keys of a row for these dimensions: the dimensions in order, then companions."""
    names = list(dimensions)
    return names + [key for name in names for key in COMPANION_KEYS.get(name, ())]
