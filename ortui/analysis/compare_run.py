"""Run a query and the same query over an earlier window, then join them (headless)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime

import msgspec

from ortui.analysis.compare import Comparison, compare_tables
from ortui.analysis.periods import CompareSpec, previous_window
from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta, QueryRequest, TimeRange
from ortui.query.key_ids import identify_keys
from ortui.query.key_labels import FIELD, ID_KEY
from ortui.query.local_days import LocalPlan
from ortui.query.pipeline import fetch_table
from ortui.query.resolver import Directory
from ortui.query.time_range import format_wire, parse_utc
from ortui.results.table import ResultTable


def request_bounds(request: QueryRequest) -> tuple[datetime, datetime]:
    """The UTC bounds a request was resolved to."""
    assert request.time_range is not None, "requests from to_request always carry a range"
    return parse_utc(request.time_range.start), parse_utc(request.time_range.end)


def earlier_request(
    request: QueryRequest, spec: CompareSpec
) -> tuple[QueryRequest, tuple[datetime, datetime]]:
    """The same request over the earlier window; raises TimeRangeError when they overlap."""
    start, end = request_bounds(request)
    earlier_start, earlier_end, _ = previous_window(start, end, spec)
    earlier = msgspec.structs.replace(
        request, time_range=TimeRange(format_wire(earlier_start), format_wire(earlier_end))
    )
    return earlier, (earlier_start, earlier_end)


def _shaped(local: LocalPlan | None, request: QueryRequest) -> LocalPlan | None:
    return dataclasses.replace(local, request=request) if local is not None else None


async def run_comparison(
    client: AnalyticsClient,
    request: QueryRequest,
    meta: Meta,
    spec: CompareSpec,
    current: ResultTable | None = None,
    local: LocalPlan | None = None,
    directory: Directory | None = None,
) -> tuple[Comparison, float]:
    """Both periods (the current one reused when given), joined; two requests, and with the
    account's ``directory`` one more per key that shares a name shown in either period (rows
    are joined by what they show: two ``staging`` rows would be paired at random).
    ``local`` shapes each body as the shown result was (local days, local times)."""
    earlier, earlier_bounds = earlier_request(request, spec)
    start, end = request_bounds(request)
    _, _, shift = previous_window(start, end, spec)
    client_ms = 0.0
    if current is None:
        (current, now_ms), (before, before_ms) = await asyncio.gather(
            fetch_table(client, request, meta, local=_shaped(local, request)),
            fetch_table(client, earlier, meta, local=_shaped(local, earlier)),
        )
        client_ms = max(now_ms, before_ms)
    else:
        before, client_ms = await fetch_table(client, earlier, meta, local=_shaped(local, earlier))
    now = current
    if directory is not None:
        now, before = await asyncio.gather(
            _told_apart(client, request, now, meta, _shaped(local, request), directory),
            _told_apart(client, earlier, before, meta, _shaped(local, earlier), directory),
        )
    return compare_tables(now, before, shift, (start, end), earlier_bounds), client_ms


async def _told_apart(
    client: AnalyticsClient,
    request: QueryRequest,
    table: ResultTable,
    meta: Meta,
    local: LocalPlan | None,
    directory: Directory,
) -> ResultTable:
    """``table`` with names two keys share told apart (already so, or as they were)."""
    if FIELD not in (request.dimensions or []) or ID_KEY in table.ids:
        return table
    try:
        told, _ = await identify_keys(client, request, table, directory, meta, local)
    except errors.ApiError:
        return table  # the names stay as the server sent them
    return told
