"""The one query pipeline: draft → checked → request → sent → decoded, as an outcome.

The explorer, the CLI (and every later feature that runs a query) go through here, so a query
is validated, encoded, sent and decoded the same way everywhere. ``plan`` is the pure first
half (the explorer calls it in the key's own frame to explain a bad draft at once);
``execute`` the second; ``run`` both.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta, QueryRequest
from ortui.api.retry import RetryNotice
from ortui.query.draft import QueryDraft
from ortui.query.local_days import LocalPlan, plan_query
from ortui.query.validation import Problem, validate
from ortui.results.decode import decode_result
from ortui.results.local_table import decode_planned
from ortui.results.table import ResultTable

OnRetry = Callable[[RetryNotice], None]


@dataclass(frozen=True)
class Planned:
    """A draft that passed validation, with the request it becomes (time resolved now, in
    its zone) and how to turn the answer into local buckets."""

    draft: QueryDraft
    local: LocalPlan
    meta: Meta

    @property
    def request(self) -> QueryRequest:
        return self.local.request


@dataclass(frozen=True)
class Invalid:
    """The draft cannot run; nothing was sent."""

    draft: QueryDraft
    problems: list[Problem]


@dataclass(frozen=True)
class Ran:
    """The server answered and the rows are typed."""

    draft: QueryDraft
    request: QueryRequest
    table: ResultTable
    client_ms: float


@dataclass(frozen=True)
class Failed:
    """The request was sent and failed (after any retries); ``elapsed_ms`` covers them."""

    draft: QueryDraft
    request: QueryRequest
    error: errors.ApiError
    elapsed_ms: float


Outcome = Ran | Invalid | Failed


def plan(
    draft: QueryDraft, meta: Meta, now: datetime | None = None, default_zone: str | None = None
) -> Planned | Invalid:
    """Check ``draft`` against meta and the documented limits; encode it when it can run, in
    its time zone (``draft.timezone``, else ``default_zone``, else UTC)."""
    problems = validate(draft, meta, now)
    if problems:
        return Invalid(draft, problems)
    return Planned(draft, plan_query(draft, meta, now, default_zone), meta)


async def execute(
    client: AnalyticsClient, planned: Planned, *, on_retry: OnRetry | None = None
) -> Ran | Failed:
    """Send the planned request and decode the answer; failures become ``Failed``."""
    started = time.monotonic()
    try:
        table, client_ms = await fetch_table(
            client, planned.request, planned.meta, on_retry=on_retry, local=planned.local
        )
    except errors.ApiError as exc:
        return Failed(planned.draft, planned.request, exc, (time.monotonic() - started) * 1000)
    return Ran(planned.draft, planned.request, table, client_ms)


async def fetch_table(
    client: AnalyticsClient,
    request: QueryRequest,
    meta: Meta,
    *,
    on_retry: OnRetry | None = None,
    local: LocalPlan | None = None,
) -> tuple[ResultTable, float]:
    """The lower step, also for requests derived from a planned one (an earlier period):
    send, decode off the event loop (regrouped into ``local`` buckets when given), return the
    table and the client time (ms). Raises ``ApiError``. Cancelling the calling task also
    stops the decode thread at its next step."""
    body, client_ms = await client.query_body(request, on_retry=on_retry)
    stop = threading.Event()
    try:
        table = await asyncio.to_thread(decode_answer, body, request, meta, local, stop)
    except asyncio.CancelledError:
        stop.set()  # the thread runs on until its next check, then raises DecodeCancelled
        raise
    return table, client_ms


async def run(
    client: AnalyticsClient,
    draft: QueryDraft,
    meta: Meta,
    *,
    now: datetime | None = None,
    default_zone: str | None = None,
    on_retry: OnRetry | None = None,
) -> Outcome:
    """The whole pipeline for one draft."""
    planned = plan(draft, meta, now, default_zone)
    if isinstance(planned, Invalid):
        return planned
    return await execute(client, planned, on_retry=on_retry)


def decode_answer(
    body: bytes,
    request: QueryRequest,
    meta: Meta,
    local: LocalPlan | None,
    stop: threading.Event | None = None,
) -> ResultTable:
    """The body answering ``request`` as a table, in ``local`` buckets when given."""
    if local is None:
        return decode_result(body, request, meta, stop)
    return decode_planned(body, local, meta, stop)
