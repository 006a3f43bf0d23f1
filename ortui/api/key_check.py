"""Which kind of key this is, from ``GET /key`` (any valid key may call it), so an inference
key is named as such before an analytics call answers 403."""

from __future__ import annotations

import asyncio

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.api.management_models import CurrentKey
from ortui.api.models import Meta


class InferenceKey(errors.Forbidden):
    """``GET /key`` says ``is_management_key: false``."""

    def __init__(self) -> None:
        super().__init__("is_management_key is false")
        self.message = (
            "This is an inference key, not a management key: it can call models "
            "but not the analytics or management endpoints. Create a management "
            "key at " + errors.MANAGEMENT_KEYS_URL
        )

    @property
    def title(self) -> str:
        return "Inference key, not a management key"


async def key_kind(client: AnalyticsClient) -> CurrentKey | None:
    """What ``GET /key`` says about the key, or None when the server cannot say (no such
    endpoint, an unreadable answer); 401 and network failures propagate."""
    try:
        return await ManagementClient(client, ttl=0).current_key()
    except (
        errors.ClientError,
        errors.UnexpectedResponse,
        errors.ServerError,
        errors.RateLimited,
        errors.QueryTimeout,
    ):
        return None


async def check_key(client: AnalyticsClient) -> CurrentKey | None:
    """Raise :class:`InferenceKey` for an inference key; else what ``GET /key`` said."""
    current = await key_kind(client)
    if current is not None and not current.is_management_key:
        raise InferenceKey()
    return current


async def checked_meta(client: AnalyticsClient) -> Meta:
    """``meta()`` with the key check beside it: an inference key is named as such (whichever
    answers first), a management key costs no extra wait."""
    check = asyncio.ensure_future(check_key(client))
    meta = asyncio.ensure_future(client.meta())
    try:
        done, _ = await asyncio.wait({check, meta}, return_when=asyncio.FIRST_COMPLETED)
        if check in done and check.exception() is None:
            return await meta
        if check in done:
            _raise_named(check)
        try:
            return await meta
        except errors.Forbidden:
            await asyncio.wait({check})
            _raise_named(check)
            raise
    finally:
        for task in (check, meta):
            if not task.done():
                task.cancel()
            elif not task.cancelled():
                task.exception()  # retrieved: no "never retrieved" warning


def _raise_named(check: asyncio.Future[CurrentKey | None]) -> None:
    """Raise an InferenceKey the check found; anything else about the check is advisory
    (meta's own answer says what went wrong)."""
    error = check.exception()
    if isinstance(error, InferenceKey):
        raise error
