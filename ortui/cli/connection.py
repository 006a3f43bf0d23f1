"""Turns command-line choices into a ready client: the demo simulator or OpenRouter + a key."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ortui.api import errors
from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.endpoint import default_base_url, default_total_timeout, insecure_host
from ortui.api.retry import RetryPolicy
from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret
from ortui.auth.sources import KeyFileError, KeyLookup, find_key
from ortui.safe_text import safe_text
from ortui.settings import Paths, default_paths

if TYPE_CHECKING:
    from ortui.demo.process import DemoProcess
    from ortui.demo.server import DemoServer

DEMO_KEY = "sk-or-v1-demo-0000000000000000000000000000000000000000000000000000000000demo"
EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_AUTH, EXIT_RETRYABLE = 0, 2, 3, 4, 5
EXIT_INTERNAL = 1  # a failure ortui did not foresee: a one-line message, never a traceback


class ConnectionRefused(KeyFileError):
    """A connection setting ortui will not act on (the key over plain http:// to another host).
    A KeyFileError, so every command already turns it into a message and exit 2."""


def server_label(base_url: str) -> str:
    """ "OpenRouter" only for https://openrouter.ai itself; any other server is named by URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url.strip())
    if (
        parts.scheme.lower() == "https"
        and (parts.hostname or "") == "openrouter.ai"
        and parts.port in (None, 443)
    ):
        return "OpenRouter"
    return safe_text(base_url)


@dataclass
class Connection:
    """A client plus what to tell the user about it; ``close`` stops an in-process demo."""

    client: AnalyticsClient
    server_label: str
    key_label: str
    lookup: KeyLookup
    demo: DemoServer | DemoProcess | None = None
    notes: list[str] = field(default_factory=list)
    #: The demo dataset is not cached: the first query waits while it is built.
    building_dataset: bool = False

    def close(self) -> None:
        if self.demo is not None:
            self.demo.stop()
            self.demo = None


def open_connection(
    args: argparse.Namespace,
    paths: Paths,
    retry: RetryPolicy | None = None,
    keyring: KeyringStore | None = None,
    announce: bool = True,
    fast_demo: bool = False,
) -> Connection:
    """The demo (``--demo``) or the configured server with the key found; may raise KeyFileError."""
    config_retry = retry or RetryPolicy()
    if getattr(args, "demo", False):
        from ortui.demo.cached import DEFAULT_SEED, demo_size, is_cached

        building = not is_cached(paths.cache_dir, DEFAULT_SEED, demo_size())
        if building and announce:  # the TUI says it on screen instead
            print("ortui: building the demo dataset (first run only)…", file=sys.stderr, flush=True)
        demo = _start_demo(paths, fast_demo)
        client = AnalyticsClient(
            Secret(DEMO_KEY), ClientConfig(base_url=demo.url, retry=config_retry)
        )
        lookup = KeyLookup(Secret(DEMO_KEY), "demo")
        return Connection(
            client, "demo simulator", "built-in demo key", lookup, demo, building_dataset=building
        )
    base_url = getattr(args, "base_url", None) or default_base_url()
    allow_http = bool(getattr(args, "allow_insecure_http", False))
    host = insecure_host(base_url)
    if host is not None and not allow_http:
        raise ConnectionRefused(errors.insecure_message(host))
    lookup = find_key(getattr(args, "key_file", None), keyring or KeyringStore())
    timeout = getattr(args, "timeout", None) or default_total_timeout()
    client = AnalyticsClient(
        lookup.key,
        ClientConfig(
            base_url=base_url,
            retry=config_retry,
            total_timeout=timeout,
            allow_insecure_http=allow_http,
        ),
    )
    key_label = lookup.description if lookup.key else "none (ctrl+k to enter one)"
    return Connection(client, server_label(base_url), key_label, lookup, notes=list(lookup.notes))


def _start_demo(paths: Paths, fast: bool) -> DemoServer | DemoProcess:
    """The simulator: in this process for a headless command; for the TUI (``fast``) in a
    process of its own that serves at once (recent days first on a first run)."""
    if not fast:
        from ortui.demo.server import start_demo

        return start_demo(paths.cache_dir)
    from ortui.demo.cached import DEFAULT_SEED, demo_size
    from ortui.demo.process import DemoProcess

    return DemoProcess(paths.cache_dir, DEFAULT_SEED, demo_size())


def exit_code_for(error: errors.ApiError) -> int:
    """The documented exit code for a failed request."""
    if isinstance(error, errors.Unauthorized | errors.Forbidden):
        return EXIT_AUTH
    if isinstance(error, errors.BadRequest | errors.ClientError):
        return EXIT_REJECTED
    return EXIT_RETRYABLE  # network, 408, 429, 5xx, unexpected bodies: worth trying later


NO_KEY = (
    "no management key: set OPENROUTER_MANAGEMENT_KEY, pass --key-file, or run 'ortui auth set'"
)
Command = Callable[[Connection], Awaitable[int]]


def say(text: object) -> None:
    """Narration on stderr, terminal-safe, as every command says things."""
    print(f"ortui: {safe_text(str(text), multiline=True)}", file=sys.stderr)


def run_connected(
    args: argparse.Namespace,
    command: Command,
    *,
    usage_errors: tuple[type[Exception], ...] = (),
    retry: RetryPolicy | None = None,
    keyring: KeyringStore | None = None,
) -> int:
    """Every headless command that talks to the server, connected the same way: open the
    connection (a key-file problem or a refused plain-http URL is exit 2), say its notes (a
    key file others can read…), stop with exit 4 when there is no key, run ``command``, turn
    a failed request into its documented exit code and ``usage_errors`` into exit 2, close.
    ``retry`` defaults to ``--retries``; ``keyring`` to the OS keyring."""
    retry = retry or RetryPolicy(max_attempts=max(0, getattr(args, "retries", 3)) + 1)
    try:
        connection = open_connection(args, default_paths(args.config_dir), retry, keyring)
    except KeyFileError as exc:
        say(exc)
        return EXIT_USAGE
    for note in connection.notes:
        say(note)
    try:
        if connection.lookup.key is None:
            say(NO_KEY)
            return EXIT_AUTH
        return asyncio.run(_closing(connection, command))
    except errors.ApiError as exc:
        say(f"{exc.title}: {exc.message}")
        return exit_code_for(exc)
    except usage_errors as exc:
        say(exc)
        return EXIT_USAGE
    finally:
        connection.close()


async def _closing(connection: Connection, command: Command) -> int:
    try:
        return await command(connection)
    finally:
        await connection.client.aclose()
