"""``ortui completion bash|zsh|fish`` and the hidden ``ortui __complete`` the scripts call.

Completing reads only local files (presets, the cached meta names); never the network.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ortui.cli.connection import EXIT_OK, EXIT_USAGE
from ortui.completion.engine import complete
from ortui.completion.scripts import SHELLS, script

HIDDEN_COMMAND = "__complete"
_BASH_SPECIAL = re.compile(r"([\s\\'\"`$&|;<>()!*?\[\]{}#~^])")


def add_completion_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print a script that completes commands, options, preset names and the "
        "metric/dimension names of the last meta ortui fetched (cached; completing never "
        "calls the network).",
    )
    parser.add_argument("shell", choices=SHELLS)


def run_completion(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return EXIT_OK


def _config_dir(words: Sequence[str]) -> str | None:
    for index, word in enumerate(words):
        if word.startswith("--config-dir="):
            return word.split("=", 1)[1]
        if word == "--config-dir" and index + 1 < len(words):
            return words[index + 1]
    return None


class _Values:
    """Dynamic names for the engine, each read lazily from local files only."""

    def __init__(self, words: Sequence[str], current: str) -> None:
        self.words = words
        self.current = current

    def __call__(self, kind: str) -> list[str]:
        from ortui.settings import default_paths

        paths = default_paths(_config_dir(self.words))
        if kind == "presets":
            from ortui.presets.store import PresetStore

            return [p.name for p in PresetStore(paths.presets_dir).all()[0]]
        if kind == "ranges":
            from ortui.query.time_range import SHORTHANDS

            return list(
                dict.fromkeys(["1h", "24h", "7d", "14d", "30d", "90d", "2w", "3m", *SHORTHANDS])
            )
        if kind == "zones":
            import zoneinfo

            return sorted(zoneinfo.available_timezones())
        if kind == "files":
            return _files(self.current)
        from ortui.completion.meta_names import recall

        names = recall(paths.cache_dir)
        if kind == "fields":
            return ["date", *names["metrics"], *names["dimensions"]]
        return names.get(kind, [])


def _files(prefix: str) -> list[str]:
    folder, slash, start = prefix.rpartition("/")
    head = folder + slash
    try:
        entries = sorted(os.scandir(Path(os.path.expanduser(head or "."))), key=lambda e: e.name)[
            :2000
        ]
    except OSError:
        return []
    return [
        head + e.name + ("/" if e.is_dir() else "")
        for e in entries
        if e.name.startswith(start) and (start.startswith(".") or not e.name.startswith("."))
    ]


def _printable(text: str) -> bool:
    from ortui.safe_text import shows_escapes

    if shows_escapes(text):  # a name ortui made terminal-safe: hostile, not offered
        return False
    return not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def _split_line(line: str) -> tuple[list[str], bool]:
    """Words of a partial bash line (the last one may be empty) and whether it opened a quote."""
    for closer in ("", '"', "'"):
        try:
            words = shlex.split(line + closer)
        except ValueError:
            continue
        if line.endswith((" ", "\t")) and not closer:
            words.append("")
        return words, bool(closer)
    return line.split(), False


def _bash_candidates(line: str, parser: argparse.ArgumentParser) -> list[str]:
    words, quoted = _split_line(line)
    words = words[1:] or [""]
    current = words[-1]
    found = complete(parser, words, _Values(words, current))
    cut = max(current.rfind("="), current.rfind(":")) + 1  # bash breaks words at = and :
    if quoted:
        return [c[cut:] for c in found]
    return [_BASH_SPECIAL.sub(r"\\\1", c[cut:]) for c in found]


def complete_command(argv: Sequence[str], parser: argparse.ArgumentParser) -> int:
    """``__complete SHELL WORDS…`` (bash passes the line up to the cursor as one word)."""
    if not argv or argv[0] not in SHELLS:
        return EXIT_USAGE
    shell, rest = argv[0], list(argv[1:])
    if shell == "bash":
        found = _bash_candidates(rest[0] if rest else "ortui ", parser)
    else:
        words = rest or [""]
        found = complete(parser, words, _Values(words, words[-1]))
    sys.stdout.write("".join(f"{c}\n" for c in found if _printable(c)))
    return EXIT_OK
