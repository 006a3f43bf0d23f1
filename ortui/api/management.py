"""Typed, cached reads of the management endpoints (``GET /keys``, ``/workspaces``, …).

It rides on an :class:`AnalyticsClient`, so the key, retries, body size bound and typed
errors (``ortui.api.errors``) are the analytics client's. Answers are cached for ``ttl``
seconds (names resolve without a request per row); ``invalidate()`` forgets them (a refresh).
Lists are read page by page until a page comes back short (at most ``MAX_PAGES`` pages).

Money: a key's ``usage*`` is OpenRouter credit usage (analytics ``credits_usage`` for its hash;
the simulator guarantees the equality), ``byok_usage*`` the BYOK spend (analytics
``byok_usage``); together analytics ``total_usage``. Periods are UTC days, Monday weeks, months.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import msgspec

from ortui.api import errors
from ortui.api import management_models as mm
from ortui.api.client import AnalyticsClient
from ortui.safe_text import safe_json

T = TypeVar("T")
PAGE = 100  # the documented maximum for /workspaces and /organization/members
MAX_PAGES = 100


class ManagementClient:
    """Credits, keys, workspaces, budgets, members and generations, typed."""

    def __init__(
        self,
        client: AnalyticsClient,
        *,
        ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, Any]] = {}
        self._pending: dict[str, asyncio.Future[Any]] = {}

    def invalidate(self) -> None:
        """Forget every cached answer."""
        self._cache.clear()

    async def credits(self) -> mm.Credits:
        return (await self._get("/credits", mm.CREDITS_DECODER)).data

    async def current_key(self) -> mm.CurrentKey:
        """``GET /key``: works with any valid key, so it tells a management key apart."""
        return (await self._get("/key", mm.CURRENT_KEY_DECODER)).data

    async def keys(
        self, workspace_id: str | None = None, include_disabled: bool = True
    ) -> list[mm.ApiKey]:
        """Every key of one workspace (the default one when None), every page."""
        query: dict[str, str] = {"include_disabled": str(include_disabled).lower()}
        if workspace_id:
            query["workspace_id"] = workspace_id
        found: list[mm.ApiKey] = []
        full = 0  # the server's page size, learnt from the first page
        for _ in range(MAX_PAGES):
            path = "/keys?" + urlencode({**query, "offset": str(len(found))})
            page = (await self._get(path, mm.KEYS_DECODER)).data
            found += page
            full = full or len(page)
            if not page or len(page) < full:
                break
        return found

    async def all_keys(self) -> list[mm.ApiKey]:
        """Keys of every workspace, disabled ones included, each once."""
        seen: dict[str, mm.ApiKey] = {}
        for workspace in await self.workspaces():
            for key in await self.keys(workspace.id):
                seen.setdefault(key.hash, key)
        return list(seen.values())

    async def key(self, key_hash: str) -> mm.ApiKey | None:
        """One key by hash, or None when the server does not know it (404)."""
        found = await _or_none(self._get(f"/keys/{quote(key_hash, safe='')}", mm.KEY_DECODER))
        return found.data if found else None

    async def workspaces(self) -> list[mm.Workspace]:
        return await self._paged("/workspaces", mm.WORKSPACES_DECODER)

    async def budgets(self, workspace: str) -> mm.Budgets:
        """The budgets of a workspace (uuid or slug); a workspace may have none."""
        return await self._get(
            f"/workspaces/{quote(workspace, safe='')}/budgets", mm.BUDGETS_DECODER
        )

    async def members(self) -> list[mm.Member] | None:
        """Organization members, or None for a personal account (404)."""
        try:
            return await self._paged("/organization/members", mm.MEMBERS_DECODER)
        except errors.ClientError as exc:
            if exc.status == 404:
                return None
            raise

    async def generation(self, generation_id: str) -> mm.Generation | None:
        path = "/generation?" + urlencode({"id": generation_id})
        found = await _or_none(self._get(path, mm.GENERATION_DECODER))
        return found.data if found else None

    async def _paged(self, path: str, decoder: msgspec.json.Decoder[Any]) -> list[Any]:
        items: list[Any] = []
        for _ in range(MAX_PAGES):
            page = await self._get(
                f"{path}?{urlencode({'offset': len(items), 'limit': PAGE})}", decoder
            )
            items += page.data
            if len(page.data) < PAGE or len(items) >= page.total_count:
                break
        return items

    async def _get(self, path: str, decoder: msgspec.json.Decoder[T]) -> T:
        hit = self._cache.get(path)
        if hit is not None and self._clock() - hit[0] < self.ttl:
            return hit[1]  # type: ignore[no-any-return]
        pending = self._pending.get(path)
        if pending is not None:  # the same read already on its way: share it
            return await asyncio.shield(pending)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[path] = future
        try:
            value = _decode(decoder, await self.client.get(path))
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when unshared
            raise
        finally:
            self._pending.pop(path, None)
        self._cache[path] = (self._clock(), value)
        future.set_result(value)
        return value


async def _or_none(call: Awaitable[T]) -> T | None:
    try:
        return await call
    except errors.ClientError as exc:
        if exc.status == 404:
            return None
        raise


def _decode(decoder: msgspec.json.Decoder[T], data: bytes) -> T:
    try:
        return decoder.decode(safe_json(data))  # names, labels, emails: terminal-safe
    except errors.UNREADABLE as exc:
        raise errors.unreadable_body(exc, data) from None
