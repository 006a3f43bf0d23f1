"""``ortui query`` and ``ortui meta``: data on stdout, messages on stderr, exit codes."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

import msgspec

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.api.models import Meta
from ortui.cli.chart_out import chart_output
from ortui.cli.connection import EXIT_OK, EXIT_USAGE, Connection, run_connected, say
from ortui.cli.json_out import print_json
from ortui.completion.meta_names import remember_quietly
from ortui.export.renderers import render
from ortui.fileio import write_output
from ortui.preferences import load_preferences
from ortui.presets.codec import PresetFormatError
from ortui.query import pipeline
from ortui.query.draft import QueryDraft, default_draft
from ortui.query.options import OptionError, QueryOptions, apply_options
from ortui.query.resolver import (
    RESOLVED_FIELDS,
    load_directory,
    needs_directory,
    printable,
    resolve_filters,
)
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named
from ortui.results.table import ResultTable
from ortui.settings import default_paths

if TYPE_CHECKING:
    from ortui.query.key_ids import Answers


def _options(args: argparse.Namespace) -> QueryOptions:
    return QueryOptions(
        args.metrics,
        args.dimensions,
        tuple(args.filters),
        args.granularity,
        args.last,
        args.start,
        args.end,
        args.order_by,
        args.limit,
        args.group_limit,
        args.tz,
    )


def _base_draft(args: argparse.Namespace, meta: Meta) -> QueryDraft:
    if args.preset:
        from ortui.presets.store import PresetStore

        store = PresetStore(default_paths(args.config_dir).presets_dir)
        return store.load(args.preset).draft
    if args.metrics:
        return QueryDraft()  # a flat aggregate over the last 7 days unless told otherwise
    return default_draft(meta)


async def _resolve_names(draft: QueryDraft, client: AnalyticsClient) -> QueryDraft:
    """Filter values given by name (key, member, workspace) become ids; raises Unresolved."""
    if not needs_directory(draft.filters):
        return draft
    fields = tuple({f.field for f in draft.filters if f.field in RESOLVED_FIELDS})
    directory = await load_directory(ManagementClient(client), fields)
    resolved = resolve_filters(draft.filters, directory)
    for before, after in zip(draft.filters, resolved, strict=True):
        for name, ident in zip(before.values, after.values, strict=True):
            if name != ident:
                print(f"ortui: {before.field} {printable(name)!r} → {ident}", file=sys.stderr)
    return draft.with_changes(filters=resolved)


def _ask_keys(client: AnalyticsClient, planned: pipeline.Planned) -> asyncio.Task[Answers] | None:
    """Grouped by API key: the account's keys, and the answers of keys that share a name,
    asked at once, alongside the query (query/key_ids.py)."""
    from ortui.query.key_ids import FIELD, answers_alongside

    if FIELD not in (planned.request.dimensions or []):
        return None
    request, meta, local = planned.request, planned.meta, planned.local
    management = ManagementClient(client)
    return asyncio.create_task(
        answers_alongside(
            client, request, meta, local, lambda: load_directory(management, (FIELD,))
        )
    )


async def _tell_keys_apart(keys: asyncio.Task[Answers] | None, table: ResultTable) -> ResultTable:
    """Every row gains its key's hash, and a name two keys share is told apart
    (``staging (2b182c99…)``) by the answers of its keys."""
    if keys is None:
        return table
    from ortui.query.key_ids import with_key_ids

    try:
        directory, answers = await keys
    except errors.ApiError as exc:
        print(f"ortui: key ids not added ({exc.title}: {exc.message})", file=sys.stderr)
        return table
    if answers:
        print(
            f"ortui: keys that share a name told apart by {len(answers)} more requests",
            file=sys.stderr,
        )
    return with_key_ids(table, directory, answers)


async def _run_single(
    client: AnalyticsClient, planned: pipeline.Planned
) -> tuple[ResultTable, float]:
    """The query, and with it what tells same-named keys apart. Raises ``ApiError``."""
    keys = _ask_keys(client, planned)
    try:
        outcome = await pipeline.execute(client, planned)
        if isinstance(outcome, pipeline.Failed):
            raise outcome.error
        return await _tell_keys_apart(keys, outcome.table), outcome.client_ms
    finally:
        if keys is not None:
            keys.cancel()  # a failed query's keys are not needed (a no-op once answered)


async def _run_query(args: argparse.Namespace, connection: Connection) -> int:
    client = connection.client
    meta = await client.meta()
    remember_quietly(meta, default_paths(args.config_dir).cache_dir)
    draft = await _resolve_names(apply_options(_base_draft(args, meta), _options(args)), client)
    prefs = load_preferences(default_paths(args.config_dir).config_dir)
    planned = pipeline.plan(draft, meta, default_zone=prefs.timezone)
    if isinstance(planned, pipeline.Invalid):
        for problem in planned.problems:
            print(f"ortui: {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    for complaint in prefs.problems:
        print(f"ortui: {complaint}", file=sys.stderr)
    plan = planned.local
    request = planned.request
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "csv")
    for note in plan.notes:
        print(f"ortui: {note}", file=sys.stderr)
    if args.watch is not None:
        return await _watch(args, connection, draft, meta, prefs.timezone, fmt)
    if args.compare and fmt == "chart":
        print("ortui: --format chart does not combine with --compare", file=sys.stderr)
        return EXIT_USAGE
    if args.compare:
        from ortui.cli.compare import run_compared

        table, client_ms, text = await run_compared(
            client, plan, meta, args.compare, fmt, args.formatted
        )
    else:
        table, client_ms = await _run_single(client, planned)
        text = (
            chart_output(table, args)
            if fmt == "chart"
            else render(table, fmt, formatted=args.formatted)
        )
    if args.output:
        write_output(args.output, text.encode())
        print(f"ortui: wrote {args.output} ({table.row_count:,} rows)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    summary = (
        f"{table.row_count:,} rows · server {table.query_time_ms:,.0f} ms · "
        f"client {client_ms:,.0f} ms"
    )
    print(f"ortui: {summary}", file=sys.stderr)
    if table.truncated:
        print(
            f"ortui: truncated at limit {request.limit or 1000:,}: totals are partial",
            file=sys.stderr,
        )
    for warning in [*table.warnings, *table.problems]:
        print(f"ortui: warning: {warning}", file=sys.stderr)
    return EXIT_OK


async def _watch(
    args: argparse.Namespace,
    connection: Connection,
    draft: QueryDraft,
    meta: Meta,
    default_zone: str,
    fmt: str,
) -> int:
    """Re-plan (relative ranges move on) and re-run every interval."""
    from ortui.cli.watch import watch_loop
    from ortui.query.watch import MIN_INTERVAL, clamp_interval

    interval = clamp_interval(args.watch)
    if args.watch < MIN_INTERVAL:
        print(
            f"ortui: watching every {MIN_INTERVAL} s: the server caches answers for "
            f"{MIN_INTERVAL} s, so asking sooner returns the same rows",
            file=sys.stderr,
        )
    if args.output or args.compare:
        print(
            "ortui: --watch writes to stdout and cannot be combined with -o or --compare",
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def once() -> tuple[ResultTable, str]:
        planned = pipeline.plan(draft, meta, default_zone=default_zone)
        if isinstance(planned, pipeline.Invalid):  # ran once already: cannot happen
            raise OptionError(planned.problems[0].message)
        outcome = await pipeline.execute(connection.client, planned)
        if isinstance(outcome, pipeline.Failed):
            raise outcome.error
        return outcome.table, render(outcome.table, fmt, formatted=args.formatted)

    zone = zone_named(draft.timezone or default_zone)
    return await watch_loop(once, interval, zone, tty=sys.stdout.isatty())


async def _run_meta(args: argparse.Namespace, client: AnalyticsClient) -> int:
    meta = await client.meta()
    remember_quietly(meta, default_paths(args.config_dir).cache_dir)
    if args.format == "json":
        print_json(msgspec.to_builtins(meta))
        return EXIT_OK
    lines = ["METRICS"]
    lines += [
        f"  {m.name:<36} {m.label:<34} {m.display_format}{' (rate)' if m.is_rate else ''}"
        for m in meta.metrics
    ]
    lines += ["DIMENSIONS"] + [f"  {d.name:<36} {d.label}" for d in meta.dimensions]
    lines += ["OPERATORS"] + [f"  {o.name:<36} {o.value_type}" for o in meta.operators]
    lines += ["GRANULARITIES"] + [f"  {g.name:<36} {g.label}" for g in meta.granularities]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def run_headless(args: argparse.Namespace) -> int:
    """Run ``query`` or ``meta``; every failure becomes a message and an exit code."""

    async def command(connection: Connection) -> int:
        try:
            if args.command == "meta":
                return await _run_meta(args, connection.client)
            return await _run_query(args, connection)
        except OSError as exc:
            say(f"cannot write output: {exc}")
            return EXIT_USAGE

    try:
        return run_connected(
            args,
            command,
            usage_errors=(OptionError, TimeRangeError, LookupError, PresetFormatError),
        )
    except KeyboardInterrupt:
        if getattr(args, "watch", None) is None:
            raise
        print("ortui: stopped watching.", file=sys.stderr)
        return EXIT_OK
