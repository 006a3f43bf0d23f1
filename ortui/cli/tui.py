"""Starts the TUI: against the demo simulator, or OpenRouter with the user's key."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ortui.auth.keyring_store import KeyringStore
from ortui.auth.sources import KeyFileError
from ortui.cli.connection import EXIT_OK, EXIT_USAGE, Connection, open_connection
from ortui.keymap import load_keymap
from ortui.preferences import load_preferences
from ortui.presets.history import History
from ortui.presets.store import PresetNotFound, PresetStore
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named
from ortui.settings import default_paths

if TYPE_CHECKING:
    from ortui.api.models import Meta
    from ortui.preferences import Preferences
    from ortui.presets.preset import Preset
    from ortui.query.draft import QueryDraft
    from ortui.query.early import EarlyAnswers


def _progress_of(connection: Connection) -> Callable[[], str | None] | None:
    """What the demo server is preparing, polled by the TUI; None when not on the demo."""
    demo = connection.demo
    if demo is None:
        return None
    return lambda: demo.preparing


def _ask_early(
    connection: Connection, prefs: Preferences, preset: Preset | None, zone: str
) -> EarlyAnswers | None:
    """Meta and the first query on a thread, before the TUI is imported: the server answers
    while the TUI starts (no key yet: the explorer asks for one instead)."""
    if not connection.client.key:
        return None
    from ortui.query.early import EarlyAnswers

    def first_draft(meta: Meta) -> QueryDraft | None:
        if not prefs.run_on_start:
            return None
        if preset is not None:
            return preset.draft
        from ortui.query.draft import default_draft

        return default_draft(meta).with_changes(timezone=None if zone == "UTC" else zone)

    return EarlyAnswers(connection.client, first_draft, zone).start()


def run_tui(args: argparse.Namespace) -> int:
    paths = default_paths(args.config_dir)
    prefs = load_preferences(paths.config_dir)
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
        connection = open_connection(args, paths, keyring=keyring, announce=False, fast_demo=True)
    except KeyFileError as exc:
        print(f"ortui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    presets = PresetStore(paths.presets_dir)
    preset = None
    if getattr(args, "preset", None):
        try:
            preset = presets.load(args.preset)
        except PresetNotFound as exc:
            print(f"ortui: {exc}", file=sys.stderr)
            connection.close()
            return EXIT_USAGE
    early = _ask_early(connection, prefs, preset, zone)
    from ortui.app import OrtuiApp

    app = OrtuiApp(
        connection.client,
        server_label=connection.server_label,
        key_label=connection.key_label,
        secrets=None if connection.demo else keyring,
        presets=presets,
        history=History(paths.history_file),
        preset=preset,
        meta_cache=paths.cache_dir,
        default_timezone=zone,
        preferences=prefs,
        notes=[*prefs.problems, *connection.notes],
        startup_note="Building the demo dataset (first run only)…"
        if connection.building_dataset
        else None,
        progress=_progress_of(connection),
        spend=getattr(args, "spend", False),
        keymap=keymap,
        early=early,
    )
    try:
        app.run()
    finally:
        connection.close()
    return EXIT_OK
