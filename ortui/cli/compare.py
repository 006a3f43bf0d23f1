"""``ortui query --compare``: the query, the same over an earlier window, joined."""

from __future__ import annotations

import sys

from ortui.analysis.compare_run import earlier_request, run_comparison
from ortui.analysis.periods import parse_compare
from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.api.models import Meta, QueryRequest
from ortui.export.comparison import render_comparison
from ortui.query.key_labels import FIELD
from ortui.query.local_days import LocalPlan
from ortui.query.resolver import Directory, load_directory
from ortui.results.table import ResultTable


async def run_compared(
    client: AnalyticsClient, plan: LocalPlan, meta: Meta, period: str, fmt: str, formatted: bool
) -> tuple[ResultTable, float, str]:
    """Both periods (shaped as ``plan`` says: local days, local times) and the rendered text;
    raises TimeRangeError (exit 2) before sending."""
    spec = parse_compare(period)
    earlier_request(plan.request, spec)  # refuse overlapping windows before sending
    directory = await _key_directory(client, plan.request)
    comparison, client_ms = await run_comparison(
        client, plan.request, meta, spec, local=plan, directory=directory
    )
    start, end = comparison.previous
    print(
        f"ortui: compared with {start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M} UTC "
        f"({comparison.only_current:,} rows only now, {comparison.only_previous:,} only "
        "then)",
        file=sys.stderr,
    )
    return comparison.table, client_ms, render_comparison(comparison, fmt, formatted)


async def _key_directory(client: AnalyticsClient, request: QueryRequest) -> Directory | None:
    """Grouped by API key: the account's keys, to tell same-named keys apart in both periods."""
    if FIELD not in (request.dimensions or []):
        return None
    try:
        return await load_directory(ManagementClient(client), (FIELD,))
    except errors.ApiError as exc:
        print(f"ortui: key ids not added ({exc.title}: {exc.message})", file=sys.stderr)
        return None
