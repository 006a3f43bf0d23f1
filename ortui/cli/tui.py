"""Starts the TUI: against the demo simulator, or OpenRouter with the user's key."""

from __future__ import annotations

import argparse
import sys

from ortui.auth.keyring_store import KeyringStore
from ortui.auth.sources import KeyFileError
from ortui.cli.connection import EXIT_OK, EXIT_USAGE, open_connection
from ortui.keymap import load_keymap
from ortui.preferences import load_preferences
from ortui.presets.history import History
from ortui.presets.store import PresetNotFound, PresetStore
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named
from ortui.settings import default_paths


def run_tui(args: argparse.Namespace) -> int:
    from ortui.app import OrtuiApp

    paths = default_paths(args.config_dir)
    prefs = load_preferences(paths.config_dir)
    for problem in prefs.problems:
        print(f"ortui: {problem}", file=sys.stderr)
    zone = getattr(args, "tz", None) or prefs.timezone
    try:
        zone_named(zone)
    except TimeRangeError as exc:
        print(f"ortui: --tz: {exc}", file=sys.stderr)
        return EXIT_USAGE
    keymap = load_keymap(paths.config_dir)
    for problem in keymap.problems:
        print(f"ortui: {problem}", file=sys.stderr)
    keyring = KeyringStore()
    try:
        connection = open_connection(args, paths, keyring=keyring)
    except KeyFileError as exc:
        print(f"ortui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for note in connection.notes:
        print(f"ortui: {note}", file=sys.stderr)
    presets = PresetStore(paths.presets_dir)
    preset = None
    if getattr(args, "preset", None):
        try:
            preset = presets.load(args.preset)
        except PresetNotFound as exc:
            print(f"ortui: {exc}", file=sys.stderr)
            connection.close()
            return EXIT_USAGE
    app = OrtuiApp(connection.client, server_label=connection.server_label,
                   key_label=connection.key_label,
                   secrets=None if connection.demo else keyring, presets=presets,
                   history=History(paths.history_file),
                   preset=preset, meta_cache=paths.cache_dir, default_timezone=zone,
                   watch_interval=prefs.watch_interval,
                   spend=getattr(args, "spend", False), keymap=keymap)
    try:
        app.run()
    finally:
        connection.close()
    return EXIT_OK
