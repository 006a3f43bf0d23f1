"""``GET /generation?id=``: one request of the dataset in full, as the real service shows it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ortui.demo.engine import QueryEngine

COLUMNS = (
    "ts",
    "generation_id",
    "model",
    "provider",
    "api_key_id",
    "app",
    "origin",
    "finish_reason",
    "external_user",
    "session_id",
    "workspace",
    "data_region",
    "cost",
    "byok",
    "upstream_cost",
    "cache_cost",
    "tokens_prompt",
    "tokens_completion",
    "reasoning_tokens",
    "cached_tokens",
    "latency_ms",
    "throughput",
    "web_cost",
    "web_fetch_cost",
    "response_cached",
)
REGIONS = {"eu": "europe", "us": "us"}


def generation_record(engine: QueryEngine, ident: str, now: datetime) -> dict[str, Any] | None:
    """The generation called ``ident`` that exists at ``now``, or None."""
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    found = engine.execute(
        f"SELECT {columns} FROM generations WHERE generation_id = ? AND ts < ?",
        [ident, int(now.timestamp())],
    ).fetchone()
    if found is None:
        return None
    g = dict(zip(COLUMNS, found, strict=True))
    completion = int(g["tokens_completion"])
    speed = float(g["throughput"]) or 1.0
    return {
        "id": g["generation_id"],
        "upstream_id": f"chatcmpl-{g['generation_id'][4:]}",
        "request_id": None,
        "response_cache_source_id": None,
        "total_cost": round(g["cost"], 8),
        "usage": round(g["cost"], 8),
        "cache_discount": round(-g["cache_cost"], 8) if g["cache_cost"] else None,
        "upstream_inference_cost": round(g["upstream_cost"], 8),
        "created_at": datetime.fromtimestamp(g["ts"], UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "model": g["model"],
        "app_id": int(g["app"]) if g["app"] else None,
        "streamed": True,
        "cancelled": False,
        "provider_name": g["provider"],
        "latency": round(g["latency_ms"], 1),
        "moderation_latency": None,
        "generation_time": round(completion / speed * 1000, 1),
        "finish_reason": g["finish_reason"],
        "native_finish_reason": g["finish_reason"],
        "service_tier": None,
        "tokens_prompt": int(g["tokens_prompt"]),
        "tokens_completion": completion,
        "native_tokens_prompt": int(g["tokens_prompt"]),
        "native_tokens_completion": completion,
        "native_tokens_completion_images": 0,
        "native_tokens_reasoning": int(g["reasoning_tokens"]),
        "native_tokens_cached": int(g["cached_tokens"]),
        "num_media_prompt": 0,
        "num_input_audio_prompt": 0,
        "num_media_completion": 0,
        "num_search_results": 5 if g["web_cost"] else 0,
        "num_fetches": 1 if g["web_fetch_cost"] else 0,
        "web_search_engine": "exa" if g["web_cost"] else None,
        "origin": g["origin"],
        "is_byok": bool(g["byok"]),
        "external_user": g["external_user"],
        "api_type": "completions",
        "preset_id": None,
        "router": None,
        "provider_responses": None,
        "user_agent": "ortui-demo-traffic/1.0",
        "http_referer": None,
        "data_region": REGIONS.get(g["data_region"], "global"),
        "session_id": g["session_id"],
        "workspace_id": g["workspace"],
    }
