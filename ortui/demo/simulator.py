"""The API behaviour behind the demo server, independent of sockets: auth, rate limit, cache."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, cast

from ortui.demo.engine import QueryEngine
from ortui.demo.management import ManagementApi, is_management_path
from ortui.demo.metrics import meta_document
from ortui.demo.prepared import PreparingDataset
from ortui.demo.reply import Reply, error_reply
from ortui.demo.validation import QueryRejected, validate_body

API_PREFIX = "/api/v1"
ROUTES = {f"{API_PREFIX}/analytics/meta": "GET", f"{API_PREFIX}/analytics/query": "POST"}
CACHE_TTL_S = 60.0
CACHE_BYTES = 32 * 1024 * 1024


__all__ = ["Reply", "Simulator", "error_reply"]
Clock = Callable[[], datetime]


def wall_clock() -> datetime:
    return datetime.now(UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(authorization: str | None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        return ""
    return authorization.removeprefix("Bearer ").strip()


class Simulator:
    """Answers API requests like OpenRouter does; thread-safe."""

    def __init__(
        self,
        engine: QueryEngine | PreparingDataset,
        *,
        rpm: int = 64,
        keys: list[str] | None = None,
        inference_keys: list[str] | None = None,
        clock: Clock | None = None,
        keys_page: int = 100,
    ) -> None:
        self.engine = engine
        self.rpm = rpm
        self.clock = clock or wall_clock
        # A preparing dataset reads like an engine (run, execute, source), waiting for the
        # full year where the management endpoints need it.
        self.management = ManagementApi(cast(QueryEngine, engine), keys_page)
        self._keys = {_digest(k) for k in keys or []}
        self._inference = {_digest(k) for k in inference_keys or []}
        self._windows: dict[str, deque[float]] = {}
        self._cache: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._cache_bytes = 0
        self._lock = threading.Lock()
        self._meta = json.dumps(meta_document()).encode()

    def handle(self, method: str, path: str, authorization: str | None, body: bytes) -> Reply:
        path, _, query = path.partition("?")
        path = path.rstrip("/")
        route = path.removeprefix(API_PREFIX)
        if path.startswith(API_PREFIX + "/") and is_management_path(route):
            return self._manage(method, route, query, authorization)
        if path not in ROUTES:
            return error_reply(404, f"Not found: {path}")
        if method != ROUTES[path]:
            return error_reply(
                405, f"Method {method} not allowed on {path}", {"Allow": ROUTES[path]}
            )
        denied = self._authorize(authorization)
        if denied is not None:
            return denied
        if path.endswith("/meta"):
            return Reply(200, self._meta)
        return self._query(body)

    def _manage(self, method: str, route: str, query: str, authorization: str | None) -> Reply:
        """The management endpoints: GET only; an inference key may read ``/key`` alone."""
        if method != "GET":
            return error_reply(405, f"Method {method} not allowed on {route}", {"Allow": "GET"})
        denied = self._authorize(authorization, inference_ok=route == "/key")
        if denied is not None:
            return denied
        management = _digest(_token(authorization)) not in self._inference
        return self.management.handle(route, query, self.clock(), management)

    def _authorize(self, authorization: str | None, inference_ok: bool = False) -> Reply | None:
        token = _token(authorization)
        if not token:
            return error_reply(401, "Missing Authentication header")
        digest = _digest(token)
        if digest in self._inference and not inference_ok:
            return error_reply(403, "Only management keys can perform this operation")
        if self._keys and digest not in self._keys | self._inference:
            return error_reply(401, "User not found.")
        return self._rate_limit(digest)

    def _rate_limit(self, digest: str) -> Reply | None:
        now = time.monotonic()
        with self._lock:
            window = self._windows.setdefault(digest, deque())
            while window and now - window[0] >= 60:
                window.popleft()
            if len(window) >= self.rpm:
                wait = max(1, int(60 - (now - window[0]) + 0.999))
                return error_reply(
                    429, "Rate limit exceeded: 64 requests per minute", {"Retry-After": str(wait)}
                )
            window.append(now)
        return None

    def _query(self, raw: bytes) -> Reply:
        try:
            body = json.loads(raw or b"null")
        except (ValueError, UnicodeDecodeError):
            return error_reply(400, "Invalid JSON body")
        cache_key = json.dumps(body, sort_keys=True, separators=(",", ":"))
        cached = self._cached(cache_key)
        if cached is not None:
            return Reply(200, cached)
        now = self.clock()
        try:
            query = validate_body(body, now.replace(microsecond=0))
        except QueryRejected as exc:
            return error_reply(400, str(exc))
        rows, metadata, warnings = self.engine.run(query, now)
        payload: dict[str, Any] = {"data": rows, "metadata": metadata}
        if warnings:
            payload["warnings"] = warnings
        encoded = json.dumps(payload).encode()
        self._remember(cache_key, encoded)
        return Reply(200, b'{"data": ' + encoded + b"}")

    def _remember(self, key: str, encoded: bytes) -> None:
        """Keep encoded payloads, least recently used out first, within CACHE_BYTES."""
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._cache_bytes -= len(old[1])
            self._cache[key] = (time.time(), encoded)
            self._cache_bytes += len(encoded)
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, (_, dropped) = self._cache.popitem(last=False)
                self._cache_bytes -= len(dropped)

    def _cached(self, key: str) -> bytes | None:
        """A cached body with ``cachedAt`` (epoch ms of the original answer) added."""
        with self._lock:
            hit = self._cache.get(key)
            if hit is None or time.time() - hit[0] > CACHE_TTL_S:
                return None
            self._cache.move_to_end(key)
            stored, encoded = hit
        return (
            b'{"data": '
            + encoded[:-1]
            + b', "cachedAt": '
            + str(int(stored * 1000)).encode()
            + b"}}"
        )
