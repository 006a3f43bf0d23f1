"""Async client for ``GET /analytics/meta`` and ``POST /analytics/query``."""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ortui import __version__
from ortui.api import errors
from ortui.api.endpoint import (
    default_base_url,
    default_max_body,
    default_total_timeout,
    insecure_host,
)
from ortui.api.models import (
    META_DECODER,
    QUERY_DECODER,
    Meta,
    QueryRequest,
    QueryResponse,
    encode_request,
    safe_meta,
)
from ortui.api.responses import check_status, decode_body, describe_transport
from ortui.api.retry import RetryNotice, RetryPolicy
from ortui.auth.secret import Secret

if TYPE_CHECKING:  # httpx is imported on first use, after the first frame
    import httpx


@dataclass(frozen=True)
class ClientConfig:
    """Everything about how the client talks to the server, apart from the key."""

    base_url: str = field(default_factory=default_base_url)
    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    retry: RetryPolicy = RetryPolicy()
    max_body_bytes: int = field(default_factory=default_max_body)
    total_timeout: float = field(default_factory=default_total_timeout)
    allow_insecure_http: bool = False
    referer: str = "https://github.com/ortui/ortui"
    title: str = "ortui"
    categories: str = "cli-agent"


@dataclass(frozen=True)
class QueryResult:
    """A decoded response plus what the client measured."""

    response: QueryResponse
    client_ms: float
    body_bytes: int


Sleep = Callable[[float], Awaitable[None]]


class AnalyticsClient:
    """Talks to the Analytics API with retries, a body size bound and typed errors."""

    def __init__(
        self,
        key: Secret | None,
        config: ClientConfig | None = None,
        *,
        http: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> None:
        self.config = config or ClientConfig()
        self.key = key
        self._own_http = http is None
        self._http_client = http
        self._sleep = sleep
        self._clock = clock
        self._rng = rng
        self.on_retry = on_retry

    @property
    def base_url(self) -> str:
        return self.config.base_url.rstrip("/")

    def headers(self) -> dict[str, str]:
        """Request headers; the Authorization value is built here and nowhere else."""
        headers = {
            "Accept": "application/json",
            "User-Agent": f"ortui/{__version__}",
            "HTTP-Referer": self.config.referer,
            "X-OpenRouter-Title": self.config.title,
            "X-OpenRouter-Categories": self.config.categories,
        }
        if self.key:
            headers["Authorization"] = "Bearer " + self.key.reveal()
        return headers

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._http_client is None:
            load_httpx()
            import httpx

            timeout = httpx.Timeout(self.config.read_timeout, connect=self.config.connect_timeout)
            # Plain http (the loopback demo) has no TLS: skip loading the CA bundle (~40 ms).
            plain = self.config.base_url.startswith("http://")
            self._http_client = httpx.AsyncClient(timeout=timeout, verify=not plain)
        return self._http_client

    async def aclose(self) -> None:
        if self._own_http and self._http_client is not None:
            await self._http_client.aclose()

    async def meta(self) -> Meta:
        """Fetch what the server offers."""
        body = await self._with_retries("GET", "/analytics/meta", None)
        return safe_meta(decode_body(META_DECODER, body).data)

    async def query(self, request: QueryRequest) -> QueryResult:
        """Run one query; the client time covers retries and decoding."""
        started = self._clock()
        body, _ = await self.query_body(request)
        response = decode_body(QUERY_DECODER, body)
        return QueryResult(response, (self._clock() - started) * 1000, len(body))

    async def query_body(
        self,
        request: QueryRequest,
        *,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> tuple[bytes, float]:
        """Run one query and return the raw JSON body (for a caller-side typed decode);
        ``on_retry`` hears of each wait before a retry (else the client's own ``on_retry``)."""
        started = self._clock()
        body = await self._with_retries(
            "POST", "/analytics/query", encode_request(request), on_retry
        )
        return body, (self._clock() - started) * 1000

    async def get(self, path: str) -> bytes:
        """GET ``path`` (under the base URL, query included) with the same retries, size bound
        and typed errors as the analytics calls; the raw body (for the management client)."""
        return await self._with_retries("GET", path, None)

    async def _with_retries(
        self,
        method: str,
        path: str,
        body: bytes | None,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> bytes:
        """One request with its retries, within the total deadline. A client that opens its
        own connections refuses to send the key over plain http:// to another host (an
        injected ``http`` client, e.g. a mock transport, is the caller's responsibility)."""
        if self.key and self._own_http and not self.config.allow_insecure_http:
            host = insecure_host(self.base_url)
            if host is not None:
                raise errors.InsecureTransport(host)
        limit = self.config.total_timeout
        try:
            async with asyncio.timeout(limit):
                return await self._attempts(method, path, body, on_retry)
        except TimeoutError:
            raise errors.DeadlineExceeded(limit) from None

    async def _attempts(
        self,
        method: str,
        path: str,
        body: bytes | None,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> bytes:
        policy = self.config.retry
        started = self._clock()
        attempt = 1
        while True:
            try:
                return await self._send_once(method, path, body)
            except errors.ApiError as exc:
                wait = self._next_wait(exc, attempt, started)
                if wait is None:
                    raise
                notify = on_retry or self.on_retry
                if notify is not None:
                    notify(RetryNotice(attempt, wait, exc.title))
                await self._sleep(wait)
                attempt += 1
                if attempt > policy.max_attempts:
                    raise  # pragma: no cover - guarded by _next_wait

    def _next_wait(self, exc: errors.ApiError, attempt: int, started: float) -> float | None:
        policy = self.config.retry
        if not exc.retryable or attempt >= policy.max_attempts:
            return None
        wait = policy.backoff(attempt, self._rng)
        if isinstance(exc, errors.RateLimited) and exc.retry_after is not None:
            wait = exc.retry_after
        if self._clock() - started + wait > policy.max_elapsed:
            return None
        return wait

    async def _send_once(self, method: str, path: str, body: bytes | None) -> bytes:
        load_httpx()
        import httpx

        headers = self.headers()
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            request = self._http.build_request(
                method, self.base_url + path, content=body, headers=headers
            )
            response = await self._http.send(request, stream=True)
            try:
                data = await self._read_bounded(response)
            finally:
                await response.aclose()
        except httpx.TimeoutException as exc:
            raise errors.NetworkError(f"timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise errors.NetworkError(describe_transport(exc)) from None
        return check_status(response, self.redact(data))

    def redact(self, data: bytes) -> bytes:
        """The body with the key replaced by its hint: a server or proxy that echoes the
        Authorization header never gets the key shown, logged or exported."""
        if not self.key or not self.key.redactable:
            return data  # a key this short would mangle the body (and is refused when typed)
        secret = self.key.reveal().encode()
        return data.replace(secret, self.key.hint.encode()) if secret in data else data

    async def _read_bounded(self, response: httpx.Response) -> bytes:
        limit = self.config.max_body_bytes
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise errors.ResponseTooLarge(limit)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise errors.ResponseTooLarge(limit)
            chunks.append(chunk)
        return b"".join(chunks)


def load_httpx() -> None:
    """Import httpx without its command-line client: ``httpx._main`` pulls in click, pygments
    and rich.syntax (~20 ms of a start) for a tool ortui never runs. httpx stands in a stub
    when it is missing; once httpx is loaded, a later ``import httpx._main`` works again."""
    if "httpx" in sys.modules:
        return
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    try:
        import httpx  # noqa: F401
    finally:
        if "httpx._main" in sys.modules and sys.modules["httpx._main"] is None:
            del sys.modules["httpx._main"]
