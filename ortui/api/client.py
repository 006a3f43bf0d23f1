"""Async client for ``GET /analytics/meta`` and ``POST /analytics/query``."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import random
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import msgspec

from ortui import __version__
from ortui.api import errors
from ortui.api.models import (
    ERROR_DECODER,
    META_DECODER,
    QUERY_DECODER,
    Meta,
    QueryRequest,
    QueryResponse,
    encode_request,
    safe_meta,
)
from ortui.api.retry import RetryNotice, RetryPolicy, parse_retry_after
from ortui.auth.secret import Secret
from ortui.safe_text import safe_text

if TYPE_CHECKING:  # httpx is imported on first use, after the first frame
    import httpx

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
DEFAULT_MAX_BODY = 64 * 1024 * 1024
DEFAULT_TOTAL_TIMEOUT = 300.0
T = TypeVar("T")


def default_total_timeout() -> float:
    """``ORTUI_TIMEOUT`` (seconds for a whole request, retries included) when set, else 300."""
    raw = os.environ.get("ORTUI_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_TOTAL_TIMEOUT
    except ValueError:
        return DEFAULT_TOTAL_TIMEOUT
    return value if value > 0 and value == value else DEFAULT_TOTAL_TIMEOUT


def is_loopback_host(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: the key never leaves this machine."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def insecure_host(base_url: str) -> str | None:
    """The host that would get the key over plain http://, or None when that is fine."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url.strip())
    if parts.scheme.lower() != "http":
        return None
    host = parts.hostname or ""
    return None if is_loopback_host(host) else host or base_url


def default_max_body() -> int:
    """``ORTUI_MAX_BODY_MB`` (megabytes) when set, else 64 MB."""
    raw = os.environ.get("ORTUI_MAX_BODY_MB", "")
    try:
        return max(1, int(float(raw) * 1024 * 1024)) if raw else DEFAULT_MAX_BODY
    except ValueError:
        return DEFAULT_MAX_BODY


def default_base_url() -> str:
    """``ORTUI_BASE_URL`` when set, else OpenRouter's production API."""
    return os.environ.get("ORTUI_BASE_URL") or DEFAULT_BASE_URL


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
        return safe_meta(_decode(META_DECODER, body).data)

    async def query(self, request: QueryRequest) -> QueryResult:
        """Run one query; the client time covers retries and decoding."""
        started = self._clock()
        body, _ = await self.query_body(request)
        response = _decode(QUERY_DECODER, body)
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
            raise errors.NetworkError(_describe_transport(exc)) from None
        return _check_status(response, self.redact(data))

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


def _describe_transport(exc: httpx.TransportError) -> str:
    import httpx

    text = safe_text(str(exc) or type(exc).__name__)
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the connection was cut mid-response ({text})"
    if isinstance(exc, httpx.ReadError):
        return f"the connection was reset ({text})"
    return text


def _server_message(data: bytes) -> str:
    try:
        return safe_text(ERROR_DECODER.decode(data).error.message)
    except (msgspec.DecodeError, RecursionError):
        return errors.excerpt_of(data)


def _check_status(response: httpx.Response, data: bytes) -> bytes:
    status = response.status_code
    if 200 <= status < 300:
        content_type = response.headers.get("content-type", "")
        if "json" not in content_type.lower():
            raise errors.UnexpectedResponse(
                f"content type {safe_text(content_type) or 'missing'!r} instead of JSON",
                errors.excerpt_of(data),
            )
        return data
    message = _server_message(data)
    if status == 400:
        raise errors.BadRequest(message)
    if status == 401:
        raise errors.Unauthorized(message)
    if status == 403:
        raise errors.Forbidden(message)
    if status == 408:
        raise errors.QueryTimeout(message)
    if status == 429:
        raise errors.RateLimited(parse_retry_after(response.headers.get("retry-after")))
    if status >= 500:
        raise errors.ServerError(status, message)
    raise errors.ClientError(status, message)


def _decode(decoder: msgspec.json.Decoder[T], data: bytes) -> T:
    try:
        return decoder.decode(data)
    except (msgspec.DecodeError, RecursionError) as exc:  # ValidationError is a DecodeError
        raise errors.unreadable_body(exc, data) from None
