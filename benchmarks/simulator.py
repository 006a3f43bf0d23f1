"""Simulator speed: dataset build (fresh and cached) and query latency over loopback HTTP.

Run: python benchmarks/simulator.py [--size N]   (bars: 30-day daily by-model median ≤ 50 ms;
365-day daily 2-dimension 10,000-row query ≤ 1 s). The baseline is a GET /analytics/meta round
trip measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortui.demo.dataset import DEFAULT_SIZE, ensure_dataset
from ortui.demo.server import DemoServer, ServerConfig

AUTH = {"Authorization": "Bearer sk-or-v1-bench"}


def _window(days: int) -> dict[str, str]:
    end = datetime.now(UTC).replace(microsecond=0)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    return {"start": (end - timedelta(days=days)).strftime(fmt), "end": end.strftime(fmt)}


def timed(fn: Callable[[int], object], repeat: int) -> list[float]:
    out = []
    for index in range(repeat):
        started = time.perf_counter()
        fn(index)
        out.append((time.perf_counter() - started) * 1000)
    return out


def run(size: int, repeat: int = 9) -> dict[str, float]:
    cache = Path(tempfile.mkdtemp(prefix="ortui-bench-"))
    started = time.perf_counter()
    path = ensure_dataset(cache, size=size)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    ensure_dataset(cache, size=size)
    cached_ms = (time.perf_counter() - started) * 1000
    server = DemoServer(ServerConfig(port=0, rpm=10**6), path).start()
    try:
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as client:
            meta = timed(lambda i: client.get("/analytics/meta").raise_for_status(), repeat)
            # a distinct limit per call defeats the response cache: every run is computed
            typical = timed(
                lambda i: client.post(
                    "/analytics/query",
                    json={
                        "metrics": ["total_usage", "request_count"],
                        "dimensions": ["model"],
                        "granularity": "day",
                        "time_range": _window(30),
                        "limit": 1000 + i,
                    },
                ).raise_for_status(),
                repeat,
            )
            heavy_body = {
                "metrics": ["total_usage", "request_count", "cache_hit_rate"],
                "dimensions": ["model", "api_key_id"],
                "granularity": "day",
                "time_range": _window(365),
            }
            heavy = timed(
                lambda i: client.post(
                    "/analytics/query", json={**heavy_body, "limit": 10_000 - i}
                ).raise_for_status(),
                max(3, repeat // 3),
            )
    finally:
        server.stop()
    return {
        "build_s": build_s,
        "cached_ms": cached_ms,
        "meta_ms": statistics.median(meta),
        "typical_ms": statistics.median(typical),
        "heavy_ms": statistics.median(heavy),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    args = parser.parse_args()
    r = run(args.size)
    print(
        f"dataset ({args.size:,} generations): build {r['build_s']:.1f} s, "
        f"from cache {r['cached_ms']:.2f} ms"
    )
    print(f"baseline GET meta median        {r['meta_ms']:8.1f} ms")
    print(
        f"30 d daily by model (median)     {r['typical_ms']:8.1f} ms  "
        f"({r['typical_ms'] / r['meta_ms']:.1f}× meta)  bar ≤ 50 ms"
    )
    print(
        f"365 d daily model×key 10k rows   {r['heavy_ms']:8.1f} ms  "
        f"({r['heavy_ms'] / r['meta_ms']:.1f}× meta)  bar ≤ 1000 ms"
    )


if __name__ == "__main__":
    main()
