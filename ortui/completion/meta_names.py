"""The names of the last meta ortui saw, cached on disk so completion never calls the network.

The file is ortui's own but still read as hostile: bounded size, names of safe characters only.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from ortui.api.models import Meta
from ortui.fileio import atomic_write, read_regular

FILE_NAME = "meta-names.json"
KINDS = ("metrics", "dimensions", "operators", "granularities")
MAX_BYTES = 512 * 1024
MAX_NAMES = 2000
_SAFE_NAME = re.compile(r"[A-Za-z0-9_.:/@-]{1,120}")


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / FILE_NAME


def remember(meta: Meta, cache_dir: Path) -> None:
    """Write the names in ``meta`` (atomically); errors are the caller's to ignore."""
    document = {
        "version": 1,
        "metrics": [m.name for m in meta.metrics],
        "dimensions": [d.name for d in meta.dimensions],
        "operators": [o.name for o in meta.operators],
        "granularities": [g.name for g in meta.granularities],
    }
    atomic_write(cache_file(cache_dir), json.dumps(document).encode())


def recall(cache_dir: Path) -> dict[str, list[str]]:
    """The cached names by kind; empty lists when there is no usable cache."""
    names: dict[str, list[str]] = {kind: [] for kind in KINDS}
    path = cache_file(cache_dir)
    try:
        data = read_regular(path, MAX_BYTES + 1)
        document = json.loads(data) if len(data) <= MAX_BYTES else None
    except (OSError, ValueError):
        return names
    if not isinstance(document, dict):
        return names
    for kind in KINDS:
        values = document.get(kind)
        if isinstance(values, list):
            names[kind] = [
                v for v in values[:MAX_NAMES] if isinstance(v, str) and _SAFE_NAME.fullmatch(v)
            ]
    return names


def remember_quietly(meta: Meta, cache_dir: Path) -> None:
    """``remember``, ignoring a read-only or full disk: completion is a convenience."""
    with contextlib.suppress(OSError):
        remember(meta, cache_dir)
