"""``ortui spend`` (the spend picture headless) and ``ortui check`` (thresholds for cron/CI)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from ortui.api.management import ManagementClient
from ortui.cli.connection import EXIT_OK, EXIT_USAGE, Connection, run_connected
from ortui.spend.check import evaluate
from ortui.spend.gather import Needs, gather
from ortui.spend.numbers import check_value
from ortui.spend.report import SpendReport, build_report
from ortui.spend.text import to_csv, to_markdown, to_text
from ortui.spend.thresholds import KINDS, Threshold, ThresholdError, parse_threshold
from ortui.spend.views import report_json

EXIT_CROSSED = 1
SPEND_FORMATS = ("table", "json", "csv", "md")


def add_spend_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    spend = sub.add_parser(
        "spend",
        parents=[common],
        help="balance, runway, keys and budgets against limits",
        description="Credits, burn rate and runway; every key of every workspace and every "
        "workspace budget against its limit, with pace to the period's end; the month to date "
        "and its projection. Exit codes as for 'query'.",
    )
    spend.add_argument(
        "--format", choices=SPEND_FORMATS, help="default: table on a terminal, json when piped"
    )
    spend.add_argument("--retries", type=int, default=3, metavar="N")
    check = sub.add_parser(
        "check",
        parents=[common],
        help="exit 1 when a spend threshold is crossed (cron, CI)",
        description="Exit 0 when every threshold holds, 1 when any is crossed (one line per "
        "crossing on stdout), 2 usage, 3 rejected, 4 authentication, 5 retryable failure. "
        "Key and budget thresholds apply to every key / workspace budget, or to one when "
        "given as NAME_OR_ID=VALUE (repeatable; a named threshold wins over the general one; "
        "disabled keys are checked only when named).",
    )
    for kind, (unit, scope) in KINDS.items():
        metavar = f"[{scope.upper()}=]{unit}" if scope else unit
        check.add_argument(
            f"--{kind}", action="append", default=[], metavar=metavar, dest=kind.replace("-", "_")
        )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--retries", type=int, default=3, metavar="N")


def _thresholds(args: argparse.Namespace) -> list[Threshold]:
    return [
        parse_threshold(kind, text)
        for kind in KINDS
        for text in getattr(args, kind.replace("-", "_"))
    ]


def needs_for(thresholds: list[Threshold]) -> Needs:
    kinds = {t.kind for t in thresholds}
    return Needs(
        credits=bool(kinds & {"balance-below", "runway-below"}),
        daily="runway-below" in kinds,
        today="spend-today-above" in kinds,
        keys=any(k.startswith("key-") for k in kinds),
        budgets=any(k.startswith("budget-") for k in kinds),
    )


async def _report(connection: Connection, needs: Needs) -> SpendReport:
    now = datetime.now(UTC)
    inputs = await gather(ManagementClient(connection.client), connection.client, now, needs)
    return build_report(inputs, now)


async def _spend(args: argparse.Namespace, connection: Connection) -> int:
    report = await _report(connection, Needs())
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    renderers: dict[str, Callable[[SpendReport], str]] = {
        "table": to_text,
        "csv": to_csv,
        "md": to_markdown,
        "json": lambda r: json.dumps(report_json(r), indent=2, ensure_ascii=False) + "\n",
    }
    sys.stdout.write(renderers[fmt](report))
    return EXIT_OK


async def _check(
    args: argparse.Namespace, connection: Connection, thresholds: list[Threshold]
) -> int:
    report = await _report(connection, needs_for(thresholds))
    crossings = evaluate(report, thresholds)
    if args.format == "json":
        doc = {
            "ok": not crossings,
            "checked_at": report.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "thresholds": len(thresholds),
            "crossed": [
                {
                    "check": c.check,
                    "subject": c.subject,
                    "id": c.id,
                    "value": check_value(c.check, c.value),
                    "threshold": c.threshold,
                    "message": c.message,
                }
                for c in crossings
            ],
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("".join(c.message + "\n" for c in crossings))
    if not crossings:
        held = (
            "the threshold holds"
            if len(thresholds) == 1
            else f"all {len(thresholds)} thresholds hold"
        )
        print(f"ortui: {held}", file=sys.stderr)
    return EXIT_CROSSED if crossings else EXIT_OK


def run_spend(args: argparse.Namespace) -> int:
    """``spend`` or ``check``; every failure becomes a message and an exit code."""
    thresholds: list[Threshold] = []
    if args.command == "check":
        try:
            thresholds = _thresholds(args)
        except ThresholdError as exc:
            print(f"ortui: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if not thresholds:
            print(
                "ortui: check needs at least one threshold (see 'ortui check --help')",
                file=sys.stderr,
            )
            return EXIT_USAGE

    def command(connection: Connection) -> Awaitable[int]:
        if args.command == "check":
            return _check(args, connection, thresholds)
        return _spend(args, connection)

    return run_connected(args, command, usage_errors=(ThresholdError,))
