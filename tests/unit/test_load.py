"""Load on the simulator: 20 concurrent clients × 200 queries, identical to a serial run."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.conftest import ServerFactory
from tests.helpers import AUTH, window

BODIES = [
    {"metrics": ["request_count", "total_usage"], "dimensions": [dim], "time_range": window(days)}
    for dim in ("model", "provider", "api_key_id", "country", "app")
    for days in (1, 3)
]


def _rows(client: httpx.Client, body: Mapping[str, object]) -> str:
    response = client.post("/analytics/query", json=body)
    response.raise_for_status()
    return json.dumps(response.json()["data"]["data"], sort_keys=True)


def test_twenty_clients_two_hundred_queries_each(make_server: ServerFactory) -> None:
    server = make_server(rpm=10**6)
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as client:
        serial = {i: _rows(client, body) for i, body in enumerate(BODIES)}
    errors: list[str] = []
    lock = threading.Lock()

    def worker(seed: int) -> int:
        done = 0
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as client:
            for n in range(200):
                index = (seed * 7 + n) % len(BODIES)
                try:
                    if _rows(client, BODIES[index]) != serial[index]:
                        with lock:
                            errors.append(f"client {seed} query {n}: different rows")
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"client {seed} query {n}: {exc!r}")
                done += 1
        return done

    with ThreadPoolExecutor(20) as pool:
        counts = list(pool.map(worker, range(20)))
    assert errors == [] and sum(counts) == 4000
