"""The ``ortui query`` and ``ortui meta`` command lines: their options and help."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ortui.cli.chart_out import add_chart_arguments
from ortui.export.renderers import FORMATS


def add_query_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    query = sub.add_parser(
        "query",
        parents=[common],
        help="run a query without the TUI (scripts, cron)",
        description="Run one query. Data goes to stdout, messages to stderr. Exit codes: "
        "0 ok, 2 usage/validation, 3 rejected by the server, 4 authentication (401/403), "
        "5 retryable failure after retries (network, 408, 429, 5xx).",
    )
    query.add_argument("--preset", help="start from a saved preset; options override it")
    query.add_argument("--metrics", help="comma list, e.g. total_usage,request_count")
    query.add_argument("--dimensions", help="comma list (at most 2)")
    query.add_argument(
        "--filter",
        action="append",
        default=[],
        dest="filters",
        metavar="'FIELD OP VALUE[,VALUE...]'",
        help="repeatable; OP is eq (or =), neq, in, not_in, gt, gte, lt, lte; "
        "append +unset to include unset rows. api_key_id, user and workspace "
        "take names too (key name, member email, workspace name), resolved "
        "to ids; an unknown or ambiguous name exits 2 listing candidates; app "
        "takes the numeric id",
    )
    query.add_argument("--granularity", help="minute, hour, day, week, month or none")
    query.add_argument(
        "--last",
        help="N then h, d, w or m (hours, days, weeks, months): "
        "24h, 14d, 2w, 3m; or mtd, prev-month",
    )
    query.add_argument("--start", help="UTC start, YYYY-MM-DD[ HH:MM]")
    query.add_argument("--end", help="UTC end, YYYY-MM-DD[ HH:MM]")
    query.add_argument(
        "--tz",
        metavar="ZONE",
        help="show times and count days/weeks/months in this IANA zone, e.g. "
        "Asia/Tokyo (default: the preset's, else the settings', else UTC)",
    )
    query.add_argument("--order-by", help="FIELD[:asc|desc]")
    query.add_argument("--limit", type=int)
    query.add_argument("--group-limit", type=int)
    query.add_argument(
        "--format",
        choices=(*FORMATS, "chart"),
        help="default: table on a terminal, csv when piped; chart draws the "
        "explorer's chart (--width, --height, --chart-kind, --chart-metric)",
    )
    query.add_argument(
        "--formatted",
        action="store_true",
        help="csv/tsv cells as shown in the TUI ($1,234.56) instead of raw",
    )
    query.add_argument("-o", "--output", type=Path, help="write to a file (atomically)")
    query.add_argument(
        "--retries",
        type=int,
        default=3,
        metavar="N",
        help="retries on network errors, 408, 429 and 5xx (default 3)",
    )
    query.add_argument(
        "--watch",
        type=int,
        metavar="SECONDS",
        help="re-run every SECONDS (at least 60, the server's cache): redrawn "
        "in place on a terminal, one result per interval when piped; Ctrl-C "
        "stops",
    )
    query.add_argument(
        "--compare",
        metavar="PERIOD",
        help="also run the previous window and add previous, Δ and Δ%% per "
        "metric: previous, previous-month, previous-year or 'N d ago' (also N h, N w)",
    )
    add_chart_arguments(query)
    meta = sub.add_parser("meta", parents=[common], help="what the server offers")
    meta.add_argument("--retries", type=int, default=3, metavar="N")
    meta.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="json: {metrics: [{name, display_label, is_rate, display_format}], "
        "dimensions: [{name, display_label}], operators: [{name, value_type}], "
        "granularities: [{name, display_label}]}",
    )
