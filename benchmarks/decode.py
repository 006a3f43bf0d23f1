"""Decode the same 1,000- and 10,000-row bodies with ortui and the official SDK's models.

Run: python benchmarks/decode.py  (prints min-of-N times and the ratios; bar: ortui ≥ 10×).

Two SDK baselines, both with the row model patched to keep row contents (REFERENCE.md):
- ``model``: ``QueryAnalyticsResponse.model_validate_json(body)`` — pydantic-core alone, the
  strictest comparison;
- ``path``: ``unmarshal_json_response(QueryAnalyticsResponse, response)`` — what the SDK itself
  runs on every ``query_analytics`` response (text decode, ``json.loads``, a wrapper model).
And one floor: msgspec scanning the same bytes while keeping each row as an undecoded ``Raw``
slice — no decoder that builds Python values can go below it.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortui.api.models import Meta, Metric, QueryRequest
from ortui.results.decode import _decoder, decode_result

METRICS = ["request_count", "total_usage", "cache_hit_rate", "p90_latency"]
META = Meta(
    metrics=[
        Metric("request_count", "Requests", False, "number"),
        Metric("total_usage", "Spend", False, "currency"),
        Metric("cache_hit_rate", "Cache", True, "percent"),
        Metric("p90_latency", "P90", True, "latency"),
    ]
)
REQUEST = QueryRequest(METRICS, ["model", "api_key_id"], granularity="day")


def make_body(rows: int, seed: int = 1) -> bytes:
    """A realistic response: 2 dimensions, a day bucket, 4 metrics, string counts, nulls."""
    rng = random.Random(seed)
    data = []
    for index in range(rows):
        data.append(
            {
                "date__day": f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}",
                "model": f"vendor/model-{index % 30}",
                "api_key_id": f"key-{index % 7}",
                "request_count": str(rng.randrange(1, 5000)),
                "total_usage": round(rng.random() * 40, 6),
                "cache_hit_rate": None if index % 9 == 0 else round(rng.random(), 4),
                "p90_latency": round(rng.uniform(200, 4000), 3),
            }
        )
    return json.dumps(
        {
            "data": {
                "data": data,
                "metadata": {"query_time_ms": 12, "row_count": rows, "truncated": rows == 10_000},
            }
        }
    ).encode()


def decode_ortui(body: bytes) -> int:
    table = decode_result(body, REQUEST, META)
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


def sdk_path_decoder() -> Callable[[bytes], int]:
    """The SDK's own decode of a response (run inside ``analytics.query_analytics``)."""
    import httpx
    from openrouter.operations import queryanalytics as qa
    from openrouter.utils.unmarshal_json_response import unmarshal_json_response

    headers = {"content-type": "application/json"}

    def decode(body: bytes) -> int:
        response = unmarshal_json_response(
            qa.QueryAnalyticsResponse, httpx.Response(200, content=body, headers=headers)
        )
        assert response.data.data[0].model_extra, "rows must keep their contents"
        return len(response.data.data)

    return decode


class _RawPayload(msgspec.Struct):
    data: list[msgspec.Raw]


class _RawResponse(msgspec.Struct):
    data: _RawPayload


_SCAN = msgspec.json.Decoder(_RawResponse)


def scan_floor(body: bytes) -> int:
    """msgspec reading the body without building any row value: the floor for any decoder."""
    return len(_SCAN.decode(body).data.data)


def best(fn: Callable[[bytes], int], body: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(body)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def run(sizes: tuple[int, ...] = (1_000, 10_000), repeat: int = 7) -> list[dict[str, float]]:
    sdk, sdk_path = sdk_decoder(), sdk_path_decoder()
    results = []
    for rows in sizes:
        body = make_body(rows)
        assert decode_ortui(body) == sdk(body) == sdk_path(body) == scan_floor(body) == rows
        figures = {
            name: best(fn, body, repeat)
            for name, fn in (
                ("ortui_ms", decode_ortui),
                ("rows_ms", decode_rows),
                ("sdk_ms", sdk),
                ("sdk_path_ms", sdk_path),
                ("floor_ms", scan_floor),
            )
        }
        results.append(
            {
                "rows": rows,
                **figures,
                "ratio": figures["sdk_ms"] / figures["ortui_ms"],
                "rows_ratio": figures["sdk_ms"] / figures["rows_ms"],
                "path_ratio": figures["sdk_path_ms"] / figures["rows_ms"],
                "floor_ratio": figures["sdk_ms"] / figures["floor_ms"],
            }
        )
    return results


def main() -> None:
    print("decode, min of 9 (ms). SDK model = model_validate_json; SDK path = the SDK's own")
    print("unmarshal_json_response; ortui rows = bytes -> typed row Structs; ortui columns = also")
    print("pivoted into typed, labelled columns; floor = msgspec scan with rows left as Raw.")
    head = (
        "rows",
        "SDK model",
        "SDK path",
        "ortui rows",
        "×model",
        "×path",
        "columns",
        "×model",
        "floor",
        "×model",
    )
    print("".join(f"{h:>11}" for h in head))
    for r in run(repeat=9):
        cells = [
            f"{r['rows']:,}",
            f"{r['sdk_ms']:.2f}",
            f"{r['sdk_path_ms']:.2f}",
            f"{r['rows_ms']:.2f}",
            f"{r['rows_ratio']:.1f}×",
            f"{r['path_ratio']:.1f}×",
            f"{r['ortui_ms']:.2f}",
            f"{r['ratio']:.1f}×",
            f"{r['floor_ms']:.2f}",
            f"{r['floor_ratio']:.1f}×",
        ]
        print("".join(f"{c:>11}" for c in cells))


if __name__ == "__main__":
    main()
