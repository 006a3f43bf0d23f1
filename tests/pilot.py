"""Pilot helpers for the flows: wait for a condition, reach the explorer, read the status."""

from __future__ import annotations

import asyncio
from typing import Any

from ortui.screens.explorer import ExplorerScreen


async def wait_for(pilot: Any, condition: Any, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def explorer(app: Any) -> ExplorerScreen:
    """The explorer, which must be the screen on top."""
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    return screen


async def ready(pilot: Any) -> ExplorerScreen:
    """The explorer once meta has filled the builder."""
    await wait_for(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, ExplorerScreen) and explorer(pilot.app).meta is not None
        ),
    )
    await pilot.pause()
    return explorer(pilot.app)


def status_text(screen: ExplorerScreen) -> str:
    """What the status line shows, as plain text."""
    return str(screen.status.render())
