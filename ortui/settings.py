"""Where ortui keeps things: config (presets), data (history), cache (demo dataset)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ortui"


@dataclass(frozen=True)
class Paths:
    """User directories; each can be overridden by an environment variable."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def presets_dir(self) -> Path:
        return self.config_dir / "presets"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.jsonl"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "ortui.log"


def default_paths(config_dir: str | None = None) -> Paths:
    """``--config-dir`` > ``ORTUI_CONFIG_DIR`` > platformdirs; likewise for data and cache."""
    env = os.environ
    return Paths(
        config_dir=Path(
            config_dir or env.get("ORTUI_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)
        ),
        data_dir=Path(env.get("ORTUI_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)),
        cache_dir=Path(env.get("ORTUI_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)),
    )
