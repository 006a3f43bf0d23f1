"""Composition root: argv → settings → services → the TUI or a headless command.

Exit codes: 0 success; 2 usage or validation error; 3 query rejected by the server (400 and
other 4xx); 4 authentication (401/403); 5 retryable failure after retries (network, 408,
429, 5xx); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ortui import __version__

EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_AUTH, EXIT_RETRYABLE = 0, 2, 3, 4, 5
DEMO_KEY = "sk-or-v1-demo-0000000000000000000000000000000000000000000000000000000000demo"


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="use the built-in simulator (no key needed)")
    parser.add_argument("--base-url", help="API base URL (default: $ORTUI_BASE_URL or "
                        "https://openrouter.ai/api/v1)")
    parser.add_argument("--key-file", type=Path,
                        help="read the management key from this file (chmod 600)")
    parser.add_argument("--config-dir", help="presets folder parent (default: "
                        "$ORTUI_CONFIG_DIR or the platform config dir)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ortui",
        description="A keyboard-driven terminal explorer for OpenRouter's usage analytics. "
        "The key is never taken on the command line: use OPENROUTER_MANAGEMENT_KEY, "
        "--key-file, the OS keyring, or type it when asked.",
        epilog="Exit codes: 0 ok, 2 usage/validation, 3 rejected by the server, "
        "4 authentication (401/403), 5 retryable failure after retries.",
    )
    parser.add_argument("--version", action="version", version=f"ortui {__version__}")
    _add_connection_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from ortui.cli_demo import add_demo_server_parser

    add_demo_server_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo-server":
            from ortui.cli_demo import run_demo_server

            return run_demo_server(args)
        from ortui.cli_tui import run_tui

        return run_tui(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
