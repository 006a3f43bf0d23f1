"""What the simulator advertises in meta, and how each metric is computed in SQL.

Both the raw ``generations`` table and the hourly ``rollup`` carry the same additive columns
(``n`` is 1 per generation), so one SQL expression serves both sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortui.api.limits import RAW_DIMENSIONS, RAW_METRICS


@dataclass(frozen=True)
class MetricDef:
    name: str
    label: str
    fmt: str
    sql: str = ""
    percentile: tuple[str, float] | None = None  # (column, quantile) computed in Python
    is_count: bool = False

    @property
    def is_rate(self) -> bool:
        return self.percentile is not None or "/" in self.sql

    @property
    def raw_only(self) -> bool:
        return self.name in RAW_METRICS


def _count(name: str, label: str, sql: str) -> MetricDef:
    return MetricDef(name, label, "number", sql, is_count=True)


def _usd(name: str, label: str, sql: str) -> MetricDef:
    return MetricDef(name, label, "currency", sql)


def _pct(name: str, label: str, num: str, den: str) -> MetricDef:
    return MetricDef(name, label, "percent", f"1.0 * {num} / NULLIF({den}, 0)")


def _quantiles(kind: str, fmt: str, column: str) -> list[MetricDef]:
    unit = kind.title()
    avg = MetricDef(f"avg_{kind}", f"Avg {unit}", fmt, f"SUM({column}) / NULLIF(SUM(n), 0)")
    return [avg] + [
        MetricDef(f"p{q}_{kind}", f"P{q} {unit}", fmt, percentile=(column, q / 100))
        for q in (50, 90, 99)
    ]


METRICS: tuple[MetricDef, ...] = (
    _count("request_count", "Request Count", "SUM(n)"),
    _usd("total_usage", "Total Usage", "SUM(cost)"),
    _count("tokens_total", "Total Tokens", "SUM(tokens_prompt) + SUM(tokens_completion)"),
    _count("tokens_prompt", "Prompt Tokens", "SUM(tokens_prompt)"),
    _count("tokens_completion", "Completion Tokens", "SUM(tokens_completion)"),
    _count("reasoning_tokens", "Reasoning Tokens", "SUM(reasoning_tokens)"),
    _count("cached_tokens", "Cached Tokens", "SUM(cached_tokens)"),
    _count("possible_cached_tokens", "Possible Cached Tokens", "SUM(possible_cached_tokens)"),
    *_quantiles("latency", "latency", "latency_ms"),
    _pct("cache_hit_rate", "Cache Hit Rate", "SUM(cache_hit)", "SUM(n)"),
    _pct("possible_cache_hit_rate", "Possible Cache Hit Rate", "SUM(possible_cache_hit)", "SUM(n)"),
    _pct(
        "cache_capture_rate",
        "Cache Capture Rate",
        "SUM(cached_tokens)",
        "SUM(possible_cached_tokens)",
    ),
    MetricDef(
        "blended_cost_per_million_tokens",
        "Blended Cost / 1M Tokens",
        "currency",
        "1e6 * SUM(cost) / NULLIF(SUM(tokens_prompt) + SUM(tokens_completion), 0)",
    ),
    *_quantiles("throughput", "throughput", "throughput"),
    _count("guardrail_invoked_count", "Guardrail Invoked Count", "SUM(guardrail)"),
    _pct("guardrail_invoked_rate", "Guardrail Invoked Rate", "SUM(guardrail)", "SUM(n)"),
    _count("response_cached_count", "Response Cached Count", "SUM(response_cached)"),
    _pct("response_cached_rate", "Response Cached Rate", "SUM(response_cached)", "SUM(n)"),
    _usd("byok_usage", "BYOK Usage", "SUM(byok_cost)"),
    _usd("credits_usage", "Credits Usage", "SUM(cost) - SUM(byok_cost)"),
    _usd("openrouter_usage", "OpenRouter Usage", "SUM(cost) - SUM(byok_cost) + SUM(byok_fee)"),
    _usd("byok_fees", "BYOK Fees", "SUM(byok_fee)"),
    _count("byok_request_count", "BYOK Request Count", "SUM(byok)"),
    _usd("usage_upstream", "Upstream Usage", "SUM(upstream_cost)"),
    _usd("usage_cache", "Cache Usage", "SUM(cache_cost)"),
    _usd("usage_data", "Data Usage", "SUM(data_cost)"),
    _usd("usage_web", "Web Search Usage", "SUM(web_cost)"),
    _usd("usage_upstream_web", "Upstream Web Search Usage", "0.8 * SUM(web_cost)"),
    _usd("usage_file", "File Usage", "SUM(file_cost)"),
    _usd("usage_upstream_file", "Upstream File Usage", "0.8 * SUM(file_cost)"),
    _usd("usage_web_fetch", "Web Fetch Usage", "SUM(web_fetch_cost)"),
    _usd("usage_upstream_web_fetch", "Upstream Web Fetch Usage", "0.8 * SUM(web_fetch_cost)"),
)
METRICS_BY_NAME = {m.name: m for m in METRICS}

DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("model", "Model"),
    ("variant", "Variant"),
    ("api_key_id", "API Key"),
    ("provider", "Provider"),
    ("origin", "Origin"),
    ("country", "Country"),
    ("data_region", "Data Region"),
    ("skin", "Skin"),
    ("finish_reason", "Finish Reason"),
    ("workspace", "Workspace"),
    ("app", "App"),
    ("user", "User"),
    ("external_user", "External User"),
    ("context_length_bucket", "Context Length"),
    ("generation_id", "Generation ID"),
    ("session_id", "Session ID"),
)
DIMENSION_NAMES = frozenset(name for name, _ in DIMENSIONS)
ROLLUP_DIMENSIONS = tuple(n for n, _ in DIMENSIONS if n not in RAW_DIMENSIONS)
OPERATORS = (
    ("eq", "scalar"),
    ("neq", "scalar"),
    ("in", "array"),
    ("not_in", "array"),
    ("gt", "scalar"),
    ("gte", "scalar"),
    ("lt", "scalar"),
    ("lte", "scalar"),
)
GRANULARITIES = (
    ("minute", "Minute"),
    ("hour", "Hour"),
    ("day", "Day"),
    ("week", "Week"),
    ("month", "Month"),
)
#: Additive columns shared by ``generations`` and ``rollup``.
ADDITIVE_COLUMNS = (
    "n",
    "cost",
    "byok",
    "byok_cost",
    "byok_fee",
    "upstream_cost",
    "cache_cost",
    "data_cost",
    "web_cost",
    "file_cost",
    "web_fetch_cost",
    "tokens_prompt",
    "tokens_completion",
    "reasoning_tokens",
    "cached_tokens",
    "possible_cached_tokens",
    "cache_hit",
    "possible_cache_hit",
    "guardrail",
    "response_cached",
    "latency_ms",
    "throughput",
)


def meta_document() -> dict[str, object]:
    """The body of ``GET /analytics/meta``."""
    return {
        "data": {
            "metrics": [
                {
                    "name": m.name,
                    "display_label": m.label,
                    "is_rate": m.is_rate,
                    "display_format": m.fmt,
                }
                for m in METRICS
            ],
            "dimensions": [{"name": n, "display_label": label} for n, label in DIMENSIONS],
            "operators": [{"name": n, "value_type": t} for n, t in OPERATORS],
            "granularities": [{"name": n, "display_label": label} for n, label in GRANULARITIES],
        }
    }
