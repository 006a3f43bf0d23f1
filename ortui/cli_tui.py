"""Starts the TUI: against the demo simulator, or OpenRouter with the user's key."""

from __future__ import annotations

import argparse
import sys

from ortui.api.client import AnalyticsClient, ClientConfig, default_base_url
from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret
from ortui.auth.sources import KeyFileError, find_key
from ortui.settings import default_paths


def run_tui(args: argparse.Namespace) -> int:
    from ortui.app import OrtuiApp

    paths = default_paths(args.config_dir)
    server = None
    if args.demo:
        from ortui.cli import DEMO_KEY
        from ortui.demo.server import start_demo

        print("Starting the demo simulator (the first run builds its dataset)…",
              file=sys.stderr, flush=True)
        server = start_demo(paths.cache_dir)
        key: Secret | None = Secret(DEMO_KEY)
        base_url, server_label, key_label = server.url, "demo simulator", "built-in demo key"
    else:
        try:
            lookup = find_key(args.key_file, KeyringStore())
        except KeyFileError as exc:
            print(f"ortui: {exc}", file=sys.stderr)
            return 2
        for note in lookup.notes:
            print(f"ortui: {note}", file=sys.stderr)
        key = lookup.key
        base_url = args.base_url or default_base_url()
        server_label = "OpenRouter" if "openrouter.ai" in base_url else base_url
        key_label = lookup.description if key else "none (press ctrl+k)"
    client = AnalyticsClient(key, ClientConfig(base_url=base_url))
    app = OrtuiApp(client, server_label=server_label, key_label=key_label)
    try:
        app.run()
    finally:
        if server is not None:
            server.stop()
    return 0
