"""``CONFIG_DIR/settings.toml``: the user's defaults (time zone, watch interval).

The file is hostile input: bounded size, every key type-checked; a broken file or value is
reported (with its line when TOML knows it) and ignored, never fatal.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named

FILE_NAME = "settings.toml"
MAX_BYTES = 64 * 1024
MIN_WATCH, DEFAULT_WATCH, MAX_WATCH = 60, 60, 24 * 3600


@dataclass(frozen=True)
class Preferences:
    timezone: str = "UTC"
    watch_interval: int = DEFAULT_WATCH
    problems: list[str] = field(default_factory=list)


def _read(path: Path) -> tuple[dict[str, object], list[str]]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: {exc.strerror or exc}"]
    if len(data) > MAX_BYTES:
        return {}, [f"{path}: larger than {MAX_BYTES // 1024} KB; ignored"]
    try:
        return tomllib.loads(data.decode("utf-8")), []
    except UnicodeDecodeError:
        return {}, [f"{path}: not UTF-8 text; ignored"]
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"\(at line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        return {}, [f"{where}: {exc}; settings ignored"]


def load_preferences(config_dir: Path) -> Preferences:
    path = config_dir / FILE_NAME
    document, problems = _read(path)
    zone, interval = "UTC", DEFAULT_WATCH
    raw_zone = document.get("timezone")
    if raw_zone is not None:
        try:
            zone_named(raw_zone if isinstance(raw_zone, str) else "?")
            zone = str(raw_zone).strip() or "UTC"
        except TimeRangeError as exc:
            problems.append(f"{path}: timezone: {exc}; using UTC")
    raw_watch = document.get("watch_interval")
    if raw_watch is not None:
        if isinstance(raw_watch, int) and not isinstance(raw_watch, bool) \
                and MIN_WATCH <= raw_watch <= MAX_WATCH:
            interval = raw_watch
        else:
            problems.append(f"{path}: watch_interval must be whole seconds from {MIN_WATCH} "
                            f"to {MAX_WATCH}; using {DEFAULT_WATCH}")
    return Preferences(zone, interval, problems)
