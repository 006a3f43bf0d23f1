"""Decode the same 1,000- and 10,000-row bodies with ortui and the official SDK's models.

Run: python benchmarks/decode.py  (prints min-of-N times and the ratio; bar: ortui ≥ 10×).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortui.api.models import Meta, Metric
from ortui.results.fast_decode import _decoder, decode_table

METRICS = ["request_count", "total_usage", "cache_hit_rate", "p90_latency"]
META = Meta(metrics=[Metric("request_count", "Requests", False, "number"),
                     Metric("total_usage", "Spend", False, "currency"),
                     Metric("cache_hit_rate", "Cache", True, "percent"),
                     Metric("p90_latency", "P90", True, "latency")])


def make_body(rows: int, seed: int = 1) -> bytes:
    """A realistic response: 2 dimensions, a day bucket, 4 metrics, string counts, nulls."""
    rng = random.Random(seed)
    data = []
    for index in range(rows):
        data.append({
            "date__day": f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}",
            "model": f"vendor/model-{index % 30}", "api_key_id": f"key-{index % 7}",
            "request_count": str(rng.randrange(1, 5000)),
            "total_usage": round(rng.random() * 40, 6),
            "cache_hit_rate": None if index % 9 == 0 else round(rng.random(), 4),
            "p90_latency": round(rng.uniform(200, 4000), 3)})
    return json.dumps({"data": {"data": data, "metadata": {
        "query_time_ms": 12, "row_count": rows, "truncated": rows == 10_000}}}).encode()


def decode_ortui(body: bytes) -> int:
    table = decode_table(body, META, METRICS, ["model", "api_key_id"], "day")
    return table.row_count


def decode_rows(body: bytes) -> int:
    """Bytes to typed row objects (counts already numbers), the like-for-like of the SDK."""
    texts = ("date__day", "created_at__day", "model", "api_key_id")
    return len(_decoder(tuple(METRICS), texts).decode(body).data.data)


def sdk_decoder() -> Callable[[bytes], int]:
    """The SDK's own response model, patched to keep row contents (1.3.84 drops them)."""
    from openrouter.operations import queryanalytics as qa

    qa.QueryAnalyticsData1.model_config["extra"] = "allow"
    for model in (qa.QueryAnalyticsData1, qa.QueryAnalyticsData2, qa.QueryAnalyticsResponse):
        model.model_rebuild(force=True)

    def decode(body: bytes) -> int:
        response = qa.QueryAnalyticsResponse.model_validate_json(body)
        assert response.data.data[0].model_extra, "rows must keep their contents"
        return len(response.data.data)

    return decode


def best(fn: Callable[[bytes], int], body: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(body)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def run(sizes: tuple[int, ...] = (1_000, 10_000), repeat: int = 7) -> list[dict[str, float]]:
    sdk = sdk_decoder()
    results = []
    for rows in sizes:
        body = make_body(rows)
        assert decode_ortui(body) == sdk(body) == rows
        ours, theirs = best(decode_ortui, body, repeat), best(sdk, body, repeat)
        rows_only = best(decode_rows, body, repeat)
        results.append({"rows": rows, "ortui_ms": ours, "rows_ms": rows_only, "sdk_ms": theirs,
                        "ratio": theirs / ours, "rows_ratio": theirs / rows_only})
    return results


def main() -> None:
    print("decode: bytes -> typed rows (ortui Struct, lax numbers) vs the SDK's pydantic model;")
    print("        + columns: ortui also pivots into typed, labelled columns for the grid")
    print(f"{'rows':>7} {'SDK ms':>8} {'rows ms':>8} {'ratio':>7} {'+columns ms':>12} {'ratio':>7}")
    for r in run():
        print(f"{r['rows']:>7,} {r['sdk_ms']:>8.2f} {r['rows_ms']:>8.2f} {r['rows_ratio']:>6.1f}×"
              f" {r['ortui_ms']:>12.2f} {r['ratio']:>6.1f}×")


if __name__ == "__main__":
    main()
