"""``ortui auth set|status|clear|test``: the management key in the OS keyring, and a check."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ortui.api import errors
from ortui.api.key_check import InferenceKey, check_key
from ortui.api.retry import NO_RETRY
from ortui.auth.keyring_store import SERVICE, USERNAME, KeyringStore
from ortui.auth.secret import Secret, too_short
from ortui.auth.sources import ENV_VARS, KeyFileError
from ortui.cli.connection import (
    EXIT_AUTH,
    EXIT_OK,
    EXIT_RETRYABLE,
    EXIT_USAGE,
    Connection,
    open_connection,
    run_connected,
)
from ortui.cli.json_out import print_json
from ortui.settings import default_paths


def add_auth_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "auth",
        help="store, show, clear or test the management key",
        description=f"The key lives in the OS keyring under service "
        f"'{SERVICE}', user '{USERNAME}'. It is never a command-line "
        "argument.",
    )
    actions = parser.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    store = actions.add_parser(
        "set",
        help="save a key to the OS keyring (masked prompt; or pipe it on stdin)",
        parents=[common],
    )
    store.add_argument(
        "--allow-plaintext",
        action="store_true",
        help="allow a plaintext file backend (keyrings.alt) — not recommended",
    )
    status = actions.add_parser(
        "status", help="where the key comes from (masked)", parents=[common]
    )
    status.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: {key: {found, source, hint}, looked_in, keyring: {available, problem}, notes}",
    )
    actions.add_parser("clear", help="remove the key from the OS keyring", parents=[common])
    actions.add_parser(
        "test", help="call the API: valid management key, 401, 403 or unreachable", parents=[common]
    )


def _read_key() -> Secret:
    if sys.stdin.isatty():
        return Secret(getpass.getpass("OpenRouter management key (input hidden): "))
    return Secret(sys.stdin.readline())


def run_auth(args: argparse.Namespace, keyring: KeyringStore | None = None) -> int:
    store = keyring or KeyringStore(allow_plaintext=getattr(args, "allow_plaintext", False))
    command = args.auth_command
    if command == "set":
        key = _read_key()
        if not key:
            print("ortui: no key given; nothing saved.", file=sys.stderr)
            return EXIT_USAGE
        problem = too_short(key.reveal())
        if problem is not None:
            print(f"ortui: {problem}; nothing saved.", file=sys.stderr)
            return EXIT_USAGE
        result = store.set(key)
        if not result.ok:
            print(f"ortui: {result.message}", file=sys.stderr)
            return EXIT_USAGE
        print(f"Saved {key.hint} to the OS keyring (service '{SERVICE}').", file=sys.stderr)
        return EXIT_OK
    if command == "clear":
        result = store.clear()
        if not result.ok:
            print(f"ortui: {result.message}", file=sys.stderr)
            return EXIT_USAGE
        print("Removed the key from the OS keyring.", file=sys.stderr)
        return EXIT_OK
    if command == "status":
        return _status(args, store)
    return _test(args, store)


def _status(args: argparse.Namespace, store: KeyringStore) -> int:
    try:
        connection = open_connection(args, default_paths(args.config_dir), keyring=store)
    except KeyFileError as exc:
        print(f"ortui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lookup = connection.lookup
    connection.close()
    problem = store.problem()
    looked_in = ["--key-file", *ENV_VARS, f"keyring:{SERVICE}"]
    if getattr(args, "format", "text") == "json":
        print_json(
            {
                "key": {
                    "found": lookup.key is not None,
                    "source": lookup.source,
                    "hint": lookup.key.hint if lookup.key else None,
                },
                "looked_in": looked_in,
                "keyring": {"available": problem is None, "problem": problem},
                "notes": list(lookup.notes),
            }
        )
        return EXIT_OK if lookup.key else EXIT_AUTH
    print(f"key: {lookup.description}")
    print(f"looked in: --key-file, {', '.join(ENV_VARS)}, OS keyring service '{SERVICE}'")
    print(f"keyring: {problem or 'available'}")
    for note in lookup.notes:
        print(f"note: {note}")
    return EXIT_OK if lookup.key else EXIT_AUTH


def _test(args: argparse.Namespace, store: KeyringStore) -> int:
    """Connected like every command that talks to the server (``run_connected``), once
    (no retries): what the server says about the key is the answer."""
    return run_connected(args, _check, retry=NO_RETRY, keyring=store)


async def _check(connection: Connection) -> int:
    try:
        await check_key(connection.client)  # GET /key first: the kind of key
        meta = await connection.client.meta()
    except InferenceKey:
        print(
            "this is an inference key, not a management key: "
            f"{connection.lookup.description} — create a management key at "
            f"{errors.MANAGEMENT_KEYS_URL}"
        )
        return EXIT_AUTH
    except errors.Forbidden:
        print(f"not a management key (403): {connection.lookup.description}")
        return EXIT_AUTH
    except errors.Unauthorized:
        print(f"invalid key (401): {connection.lookup.description}")
        return EXIT_AUTH
    except errors.ApiError as exc:
        print(f"server unreachable or failing: {exc.message}")
        return EXIT_RETRYABLE
    print(
        f"valid management key: {connection.lookup.description} — "
        f"{connection.server_label} offers {len(meta.metrics)} metrics"
    )
    return EXIT_OK
