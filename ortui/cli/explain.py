"""``ortui explain``: why a metric changed versus the previous equal window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ortui.analysis.explain import with_ids
from ortui.analysis.explain_run import (
    DEFAULT_BY,
    NAMED_DIMENSIONS,
    Explainer,
    ExplainError,
    ExplainQuery,
)
from ortui.analysis.pacing import DEFAULT_PER_MINUTE, Pacer
from ortui.api import errors
from ortui.api.management import ManagementClient
from ortui.cli.connection import EXIT_OK, Connection, run_connected
from ortui.export.explanation import explanation_json, explanation_text
from ortui.query.draft import QueryDraft
from ortui.query.encoding import to_request
from ortui.query.options import OptionError, QueryOptions, apply_options, split_list
from ortui.query.resolver import load_directory
from ortui.query.time_range import TimeRangeError, parse_utc
from ortui.query.validation import validate


def add_explain_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    explain = sub.add_parser(
        "explain",
        parents=[common],
        help="why a metric changed vs the previous window",
        description="Compare a metric with the previous window of equal length and break the "
        "change down by dimension: the groups that moved it most, each with current, previous, "
        "change and share (additive metrics add up exactly; rates split into own change and "
        "mix; percentiles cannot be split). Exit codes as for 'ortui query'.",
    )
    explain.add_argument("--metric", default="total_usage", help="default total_usage")
    explain.add_argument("--last", help="1h, 24h, 7d, 30d, 90d, 365d, mtd (default 7d)")
    explain.add_argument("--start", help="UTC start, YYYY-MM-DD[ HH:MM]")
    explain.add_argument("--end", help="UTC end, YYYY-MM-DD[ HH:MM]")
    explain.add_argument(
        "--by",
        default=",".join(DEFAULT_BY),
        help=f"comma list of dimensions (default {','.join(DEFAULT_BY)})",
    )
    explain.add_argument(
        "--filter",
        action="append",
        default=[],
        dest="filters",
        metavar="'FIELD OP VALUE[,VALUE...]'",
        help="repeatable",
    )
    explain.add_argument("--top", type=int, default=10, help="groups per dimension (default 10)")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.add_argument(
        "--rpm",
        type=int,
        default=DEFAULT_PER_MINUTE,
        metavar="N",
        help=f"requests per minute to stay under (default {DEFAULT_PER_MINUTE})",
    )
    explain.add_argument("--retries", type=int, default=3, metavar="N")


def _query(args: argparse.Namespace, connection_meta: Any) -> ExplainQuery:
    options = QueryOptions(
        args.metric, None, tuple(args.filters), None, args.last, args.start, args.end
    )
    draft = apply_options(QueryDraft(), options)
    problems = [p for p in validate(draft, connection_meta) if p.field != "metrics"]
    if problems:
        raise ExplainError(problems[0].message)
    request = to_request(draft, connection_meta)
    assert request.time_range is not None
    return ExplainQuery(
        args.metric,
        parse_utc(request.time_range.start),
        parse_utc(request.time_range.end),
        split_list(args.by),
        tuple(request.filters or ()),
        max(1, min(args.top, 100)),
    )


async def _id_finder(
    connection: Connection, dimensions: tuple[str, ...]
) -> Callable[[str, str], str | None]:
    """Ids for the groups: models and providers are their own ids; key, member and workspace
    names are looked up once (a few GETs); an ambiguous or unknown name gets none."""
    directory = None
    if {*dimensions} & {"api_key_id", "user", "workspace"}:
        try:
            directory = await load_directory(ManagementClient(connection.client))
        except errors.ApiError as exc:
            print(f"ortui: names not resolved to ids ({exc.title}: {exc.message})", file=sys.stderr)

    def id_of(dimension: str, value: str) -> str | None:
        if dimension not in NAMED_DIMENSIONS:
            return value
        found = directory.candidates(dimension, value) if directory is not None else []
        return found[0].id if len(found) == 1 else None

    return id_of


def _progress(done: int, total: int, what: str) -> None:
    print(f"ortui: {done}/{total} {what}", file=sys.stderr, flush=True)


async def _explain(args: argparse.Namespace, connection: Connection) -> int:
    meta = await connection.client.meta()
    query = _query(args, meta)
    explainer = Explainer(connection.client, meta, pacer=Pacer(args.rpm), on_progress=_progress)
    explanation = await explainer.run(query)
    explanation = with_ids(explanation, await _id_finder(connection, query.dimensions))
    metric = meta.metric(args.metric)
    assert metric is not None
    if args.format == "json":
        sys.stdout.write(explanation_json(explanation, metric.display_format))
    else:
        sys.stdout.write(explanation_text(explanation, metric.label, metric.display_format))
    if explanation.note and args.format == "json":
        print(f"ortui: {explanation.note}", file=sys.stderr)
    print(f"ortui: {explainer.requests_sent} requests", file=sys.stderr)
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    """Run ``explain``; failures become a message and the documented exit code."""
    return run_connected(
        args,
        lambda connection: _explain(args, connection),
        usage_errors=(ExplainError, OptionError, TimeRangeError),
    )
