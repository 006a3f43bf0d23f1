"""Run a query and the same query over an earlier window, then join them (headless)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime

import msgspec

from ortui.analysis.compare import Comparison, compare_tables
from ortui.analysis.periods import CompareSpec, previous_window
from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta, QueryRequest, TimeRange
from ortui.query.local_days import LocalPlan
from ortui.query.pipeline import fetch_table
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
) -> tuple[Comparison, float]:
    """Both periods (the current one reused when given), joined; two requests at most.
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
    return compare_tables(current, before, shift, (start, end), earlier_bounds), client_ms
