"""``ortui query --format chart``: the explorer's chart on stdout (same data and renderer)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from ortui.charts.ansi import to_ansi
from ortui.charts.render import render
from ortui.results.series import KINDS, chart_data
from ortui.results.table import ResultTable

PIPED_SIZE = (100, 30)


def add_chart_arguments(query: Any) -> None:
    query.add_argument(
        "--width",
        type=int,
        metavar="COLUMNS",
        help="chart width (default: the terminal's, 100 when piped)",
    )
    query.add_argument(
        "--height",
        type=int,
        metavar="ROWS",
        help="chart height (default: the terminal's, 30 when piped)",
    )
    query.add_argument(
        "--chart-kind",
        choices=KINDS,
        default="auto",
        help="with --format chart: auto (stacked bars for additive metrics "
        "over time, lines for rates, ranked bars without time), line, bar, "
        "stacked",
    )
    query.add_argument(
        "--chart-metric",
        metavar="METRIC",
        help="with --format chart: the metric to plot (default: the first)",
    )


def chart_size(args: argparse.Namespace, terminal: bool) -> tuple[int, int]:
    """--width/--height, else the terminal's size (one row kept for the prompt), else 100×30."""
    if terminal:
        size = shutil.get_terminal_size(PIPED_SIZE)
        default = (size.columns, max(5, size.lines - 1))
    else:
        default = PIPED_SIZE
    width = args.width if args.width and args.width > 0 else default[0]
    height = args.height if args.height and args.height > 0 else default[1]
    return min(width, 1000), min(height, 500)


def chart_output(table: ResultTable, args: argparse.Namespace) -> str:
    """ANSI colour on a terminal; plain text when piped, written to a file or with NO_COLOR."""
    terminal = sys.stdout.isatty() and not args.output
    colour = terminal and not os.environ.get("NO_COLOR")
    width, height = chart_size(args, terminal)
    data = chart_data(table, args.chart_metric, kind=args.chart_kind)
    return to_ansi(render(data, width, height, colour), colour)
