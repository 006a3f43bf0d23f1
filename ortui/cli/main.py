"""Composition root: argv → settings → services → the TUI or a headless command.

Exit codes: 0 success; 2 usage or validation error; 3 query rejected by the server (400 and
other 4xx); 4 authentication (401/403); 5 retryable failure after retries (network, 408,
429, 5xx); 1 unexpected failure (a one-line message, never a traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ortui import __version__
from ortui.cli.examples import attach_examples


def _add_connection_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """Options every command takes; on subcommands they only override when given."""
    extra: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument(
        "--demo", action="store_true", help="use the built-in simulator (no key needed)", **extra
    )
    parser.add_argument(
        "--base-url",
        help="API base URL (default: $ORTUI_BASE_URL or https://openrouter.ai/api/v1)",
        **extra,
    )
    parser.add_argument(
        "--key-file", type=Path, help="read the management key from this file (chmod 600)", **extra
    )
    parser.add_argument(
        "--config-dir",
        help="presets folder parent (default: $ORTUI_CONFIG_DIR or the platform config dir)",
        **extra,
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="give up on a request (retries included) after this long "
        "(default: $ORTUI_TIMEOUT or 300)",
        **extra,
    )
    parser.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="send the key over plain http:// to a host that is not this "
        "machine (refused otherwise)",
        **extra,
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 1e7:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


#: The subcommands: a command line naming none of them opens the TUI.
COMMANDS = frozenset(
    ("query", "meta", "explain", "spend", "check", "presets", "auth", "completion", "demo-server")
)


class _LeanParseError(Exception):
    """The TUI-only parser could not take the command line: the full one will say why."""


class _LeanParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _LeanParseError(message)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The full parser, or (``commands=False``) the TUI's options alone, which parses without
    importing every subcommand's module (~100 ms of a warm start)."""
    parser = (argparse.ArgumentParser if commands else _LeanParser)(
        prog="ortui",
        description="A keyboard-driven terminal explorer for OpenRouter's usage analytics. "
        "The key is never taken on the command line: use OPENROUTER_MANAGEMENT_KEY, "
        "--key-file, the OS keyring, or type it when asked.",
        epilog="Exit codes: 0 ok, 2 usage/validation, 3 rejected by the server, "
        "4 authentication (401/403), 5 retryable failure after retries, 1 unexpected "
        "failure (a message, never a traceback).",
    )
    parser.add_argument("--version", action="version", version=f"ortui {__version__}")
    parser.add_argument("--preset", help="open the explorer on this preset and run it")
    parser.add_argument(
        "--spend",
        action="store_true",
        help="open on the Spend screen (balance, runway, keys, budgets)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="show times and count days in this IANA zone, e.g. Asia/Tokyo "
        "(default: timezone in CONFIG_DIR/settings.toml, else UTC)",
    )
    _add_connection_options(parser)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    common = argparse.ArgumentParser(add_help=False)
    _add_connection_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from ortui.cli.auth import add_auth_parser
    from ortui.cli.completion import add_completion_parser
    from ortui.cli.demo import add_demo_server_parser
    from ortui.cli.explain import add_explain_parser
    from ortui.cli.presets import add_presets_parser
    from ortui.cli.query_parser import add_query_parsers
    from ortui.cli.spend import add_spend_parsers

    add_query_parsers(sub, common)
    add_explain_parser(sub, common)
    add_spend_parsers(sub, common)
    add_presets_parser(sub, common)
    add_demo_server_parser(sub)
    add_auth_parser(sub, common)
    add_completion_parser(sub)
    attach_examples(parser)
    return parser


def parse_command_line(words: list[str]) -> argparse.Namespace:
    """The TUI's command line (no subcommand, no help) through the lean parser; anything else,
    or anything it refuses, through the full one (whose messages the user then sees)."""
    if not any(word in COMMANDS or word in ("-h", "--help") for word in words):
        try:
            return build_parser(commands=False).parse_args(words)
        except _LeanParseError:
            pass
    return build_parser().parse_args(words)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["__complete"]:
        from ortui.cli.completion import complete_command

        return complete_command(words[1:], build_parser())
    args = parse_command_line(words)
    try:
        if args.command in ("query", "meta"):
            from ortui.cli.query import run_headless

            return run_headless(args)
        if args.command in ("spend", "check"):
            from ortui.cli.spend import run_spend

            return run_spend(args)
        if args.command == "explain":
            from ortui.cli.explain import run_explain

            return run_explain(args)
        if args.command == "presets":
            from ortui.cli.presets import run_presets

            return run_presets(args)
        if args.command == "auth":
            from ortui.cli.auth import run_auth

            return run_auth(args)
        if args.command == "completion":
            from ortui.cli.completion import run_completion

            return run_completion(args)
        if args.command == "demo-server":
            from ortui.cli.demo import run_demo_server

            return run_demo_server(args)
        from ortui.long_lived import hold_collector

        hold_collector()  # until the explorer is built (``settle_long_lived``)
        from ortui.cli.tui import run_tui

        return run_tui(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: a message and a code, no traceback
        from ortui.safe_text import safe_text

        detail = safe_text(str(exc))[:300]
        print(
            f"ortui: unexpected failure ({type(exc).__name__}{': ' + detail if detail else ''})"
            "; please report it",
            file=sys.stderr,
        )
        return 1
