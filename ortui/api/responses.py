"""Reading the server's answer: the status into a typed error, a transport failure into words,
a body into its wire model."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import msgspec

from ortui.api import errors
from ortui.api.models import ERROR_DECODER
from ortui.api.retry import parse_retry_after
from ortui.safe_text import safe_text

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


def describe_transport(exc: httpx.TransportError) -> str:
    import httpx

    text = safe_text(str(exc) or type(exc).__name__)
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the connection was cut mid-response ({text})"
    if isinstance(exc, httpx.ReadError):
        return f"the connection was reset ({text})"
    return text


def server_message(data: bytes) -> str:
    try:
        return safe_text(ERROR_DECODER.decode(data).error.message)
    except errors.UNREADABLE:
        return errors.excerpt_of(data)


def check_status(response: httpx.Response, data: bytes) -> bytes:
    status = response.status_code
    if 200 <= status < 300:
        content_type = response.headers.get("content-type", "")
        if "json" not in content_type.lower():
            raise errors.UnexpectedResponse(
                f"content type {safe_text(content_type) or 'missing'!r} instead of JSON",
                errors.excerpt_of(data),
            )
        return data
    message = server_message(data)
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


def decode_body(decoder: msgspec.json.Decoder[T], data: bytes) -> T:
    try:
        return decoder.decode(data)
    except errors.UNREADABLE as exc:  # ValidationError is a DecodeError
        raise errors.unreadable_body(exc, data) from None
