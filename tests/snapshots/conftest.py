"""Snapshots need a fixed time zone and colour."""

from __future__ import annotations

import os

import pytest
from textual.widgets import Input

os.environ["TZ"] = "UTC"
os.environ.pop("NO_COLOR", None)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep input cursors drawn: a blink landing between frames made snapshots flaky under load."""

    def keep_visible(self: Input) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", keep_visible)
