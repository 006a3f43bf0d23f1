"""Typed API failures, each with a message a user can act on and never the key."""

from __future__ import annotations

import msgspec

from ortui.safe_text import safe_text

MANAGEMENT_KEYS_URL = "https://openrouter.ai/settings/management-keys"
#: What decoding a body may raise when it cannot be read: msgspec's errors, nesting too deep
#: for the parser, and Python's UnicodeDecodeError for bytes that are not UTF-8 (msgspec
#: raises that one, not a DecodeError).
UNREADABLE: tuple[type[Exception], ...] = (msgspec.DecodeError, RecursionError, UnicodeDecodeError)


class ApiError(Exception):
    """Base of every failure talking to the Analytics API."""

    retryable = False
    status: int | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def title(self) -> str:
        return "Request failed"


class BadRequest(ApiError):
    """400: the server rejected the query; ``server_message`` says why."""

    status = 400

    def __init__(self, server_message: str) -> None:
        super().__init__(f"The server rejected the query: {server_message}")
        self.server_message = server_message

    @property
    def title(self) -> str:
        return "Query rejected"


class ClientError(ApiError):
    """Another 4xx the query cannot recover from (404, 405, 413 …)."""

    @property
    def title(self) -> str:
        return "Request refused"

    def __init__(self, status: int, server_message: str) -> None:
        super().__init__(f"The server answered {status}: {server_message}")
        self.status = status
        self.server_message = server_message


class Unauthorized(ApiError):
    """401: no key or an unknown key."""

    status = 401

    def __init__(self, server_message: str = "") -> None:
        detail = f" (server said: {server_message})" if server_message else ""
        super().__init__(
            "The key was not accepted"
            + detail
            + ". Use a management key; create one at "
            + MANAGEMENT_KEYS_URL
        )
        self.server_message = server_message

    @property
    def title(self) -> str:
        return "Invalid key"


class Forbidden(ApiError):
    """403: a valid key that is not a management key."""

    status = 403

    def __init__(self, server_message: str = "") -> None:
        super().__init__(
            "This key is not a management key. Ordinary inference keys (also sk-or-v1-…) get 403 "
            "from the analytics API; create a management key at " + MANAGEMENT_KEYS_URL
        )
        self.server_message = server_message

    @property
    def title(self) -> str:
        return "Not a management key"


class QueryTimeout(ApiError):
    """408: the server gave up on the query."""

    status = 408
    retryable = True

    def __init__(self, server_message: str = "") -> None:
        super().__init__(
            "The query timed out on the server. Narrow the time range, drop latency or "
            "throughput metrics, or group by fewer per-generation dimensions."
        )
        self.server_message = server_message

    @property
    def title(self) -> str:
        return "Query timed out"


class RateLimited(ApiError):
    """429: too many requests; ``retry_after`` is the server's wait in seconds, if any."""

    status = 429
    retryable = True

    def __init__(self, retry_after: float | None) -> None:
        wait = f" Try again in {retry_after:.0f} s." if retry_after is not None else ""
        super().__init__("Rate limited by the server (about 64 requests a minute)." + wait)
        self.retry_after = retry_after

    @property
    def title(self) -> str:
        return "Rate limited"


class ServerError(ApiError):
    """5xx: the server failed; worth retrying later."""

    retryable = True

    def __init__(self, status: int, server_message: str = "") -> None:
        detail = f": {server_message}" if server_message else ""
        super().__init__(f"The server failed with {status}{detail}. Retry in a moment.")
        self.status = status
        self.server_message = server_message

    @property
    def title(self) -> str:
        return "Server error"


class UnexpectedResponse(ApiError):
    """The server answered something that is not the documented JSON (with an excerpt)."""

    def __init__(self, problem: str, excerpt: str = "") -> None:
        shown = f" Body starts: {excerpt!r}" if excerpt else ""
        super().__init__(f"Unexpected response from the server: {problem}.{shown}")
        self.problem = problem
        self.excerpt = excerpt

    @property
    def title(self) -> str:
        return "Unexpected response"


class ResponseTooLarge(UnexpectedResponse):
    """The body exceeded the configured size bound."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than the {limit:,} byte limit; narrow the query")
        self.limit = limit


class NetworkError(ApiError):
    """Connection refused or reset, DNS failure, or a client-side timeout."""

    retryable = True

    def __init__(self, detail: str) -> None:
        super().__init__(f"Could not reach the server: {detail}. Check the network and retry.")
        self.detail = detail

    @property
    def title(self) -> str:
        return "Network error"


class InsecureTransport(ApiError):
    """The key would travel over plain http:// to a host that is not this machine."""

    def __init__(self, host: str) -> None:
        super().__init__(insecure_message(host))
        self.host = host

    @property
    def title(self) -> str:
        return "Refused to send the key"


def insecure_message(host: str) -> str:
    return (
        f"refusing to send the management key to {safe_text(host)} over plain http://: "
        "anyone on the network path could read it. Use https://, or pass "
        "--allow-insecure-http if you trust every hop to that host."
    )


class DeadlineExceeded(NetworkError):
    """The whole request (retries and a slow body included) took longer than allowed."""

    retryable = False

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"no complete answer within {seconds:g} s (the server may be sending "
            "very slowly); raise --timeout or ORTUI_TIMEOUT to wait longer"
        )
        self.seconds = seconds

    @property
    def title(self) -> str:
        return "Timed out"


class Unexpected(ApiError):
    """A failure ortui did not foresee while handling a response; shown, never raised on."""

    def __init__(self, exc: BaseException) -> None:
        detail = safe_text(str(exc))[:300]
        super().__init__(
            f"ortui could not handle this result ({type(exc).__name__}"
            f"{': ' + detail if detail else ''})."
        )

    @property
    def title(self) -> str:
        return "Could not show the result"


def excerpt_of(data: bytes) -> str:
    """The start of a body, safe to show (controls escaped)."""
    return safe_text(data[:160].decode("utf-8", "replace").strip())


def unreadable_body(exc: Exception, data: bytes) -> UnexpectedResponse:
    """The error for a body msgspec could not decode: malformed JSON or the wrong shape."""
    excerpt = excerpt_of(data)
    if not data.strip():
        return UnexpectedResponse("empty body", excerpt)
    if isinstance(exc, RecursionError):
        return UnexpectedResponse("values nested too deeply to read", excerpt)
    if isinstance(exc, UnicodeDecodeError):
        return UnexpectedResponse(f"not UTF-8 text ({safe_text(exc.reason)})", excerpt)
    detail = safe_text(str(exc))
    if type(exc).__name__ == "ValidationError":
        return UnexpectedResponse(f"wrong shape ({detail})", excerpt)
    return UnexpectedResponse(f"malformed JSON ({detail})", excerpt)
