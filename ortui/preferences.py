"""``CONFIG_DIR/settings.toml``: the user's defaults (time zone, watch interval).

The file is hostile input: bounded size, every key type-checked; a broken file or value is
reported (with its line when TOML knows it) and ignored, never fatal.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from ortui.fileio import read_regular
from ortui.query.time_range import TimeRangeError
from ortui.query.zones import zone_named

FILE_NAME = "settings.toml"
MAX_BYTES = 64 * 1024
MIN_WATCH, DEFAULT_WATCH, MAX_WATCH = 60, 60, 24 * 3600
DEFAULT_COLLAPSE = 100


@dataclass(frozen=True)
class Preferences:
    timezone: str = "UTC"
    watch_interval: int = DEFAULT_WATCH
    problems: list[str] = field(default_factory=list)
    #: Run the query (default, preset) as soon as the explorer opens.
    run_on_start: bool = True
    #: Collapse the builder after a run when the terminal is narrower than this (0: never).
    collapse_builder_below: int = DEFAULT_COLLAPSE
    #: Where exports go by default ("" = the user's downloads folder).
    export_dir: str = ""
    #: ``Y``/``t`` copy numbers as shown ($1,234.50) instead of raw (1234.5).
    copy_formatted: bool = False

    def export_folder(self) -> Path:
        """The default export folder, absolute."""
        if self.export_dir:
            return Path(self.export_dir).expanduser().absolute()
        return Path(platformdirs.user_downloads_dir()).absolute()


def _read(path: Path) -> tuple[dict[str, object], list[str]]:
    try:
        data = read_regular(path, MAX_BYTES + 1)
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
        if (
            isinstance(raw_watch, int)
            and not isinstance(raw_watch, bool)
            and MIN_WATCH <= raw_watch <= MAX_WATCH
        ):
            interval = raw_watch
        else:
            problems.append(
                f"{path}: watch_interval must be whole seconds from {MIN_WATCH} "
                f"to {MAX_WATCH}; using {DEFAULT_WATCH}"
            )
    return replace(
        Preferences(zone, interval, problems), **_interface_settings(document, path, problems)
    )


def _interface_settings(
    document: dict[str, object], path: Path, problems: list[str]
) -> dict[str, Any]:
    """The explorer's settings that are given and valid; a problem for each that is not."""
    found: dict[str, Any] = {}
    for name in ("run_on_start", "copy_formatted"):
        value = document.get(name)
        if isinstance(value, bool):
            found[name] = value
        elif value is not None:
            problems.append(f"{path}: {name} must be true or false; ignored")
    collapse = document.get("collapse_builder_below")
    if isinstance(collapse, int) and not isinstance(collapse, bool) and 0 <= collapse <= 1000:
        found["collapse_builder_below"] = collapse
    elif collapse is not None:
        problems.append(
            f"{path}: collapse_builder_below must be a number of columns (0 = never); ignored"
        )
    folder = document.get("export_dir")
    if isinstance(folder, str) and len(folder) <= 1024 and folder.isprintable():
        found["export_dir"] = folder.strip()
    elif folder is not None:
        problems.append(f"{path}: export_dir must be a folder path; ignored")
    return found
