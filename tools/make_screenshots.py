"""Regenerate screenshots/*.svg from the demo simulator (run: python tools/make_screenshots.py)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TZ", "UTC")

from ortui.api.client import AnalyticsClient, ClientConfig  # noqa: E402
from ortui.api.retry import NO_RETRY  # noqa: E402
from ortui.app import OrtuiApp  # noqa: E402
from ortui.auth.secret import Secret  # noqa: E402
from ortui.cli.connection import DEMO_KEY  # noqa: E402
from ortui.demo.server import ServerConfig, start_demo  # noqa: E402
from ortui.screens.explorer import ExplorerScreen  # noqa: E402
from ortui.settings import default_paths  # noqa: E402

OUT = ROOT / "screenshots"


async def shoot(
    url: str,
    name: str,
    size: tuple[int, int],
    run: bool,
    key: str = DEMO_KEY,
    keys: tuple[str, ...] = (),
    focus: str = "",
) -> None:
    client = AnalyticsClient(Secret(key), ClientConfig(base_url=url, retry=NO_RETRY))
    app = OrtuiApp(client, server_label="demo simulator", key_label="built-in demo key")
    async with app.run_test(size=size) as pilot:
        screen: Any = None
        while not (
            isinstance(app.screen, ExplorerScreen)
            and (app.screen.meta or "error" in app.screen.status.classes)
        ):
            await pilot.pause(0.05)
        screen = app.screen
        if run:
            await pilot.press("f5")
            while screen.state.running or (
                screen.table is None and "error" not in screen.status.classes
            ):
                await pilot.pause(0.05)
            screen.query_one("#grid").focus()
            chart = screen.query_one("#chart")
            while screen.table is not None and chart._rendered is None:
                await pilot.pause(0.05)
        if focus:
            screen.query_one(focus).focus()
        for key_name in keys:
            await pilot.press(key_name)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(f"wrote screenshots/{name}.svg")


async def shoot_spend(url: str, name: str, size: tuple[int, int]) -> None:
    """The Spend screen (F2 from the explorer) once its figures are in."""
    from ortui.screens.spend import SpendScreen

    client = AnalyticsClient(Secret(DEMO_KEY), ClientConfig(base_url=url, retry=NO_RETRY))
    app = OrtuiApp(client, server_label="demo simulator", key_label="built-in demo key", spend=True)
    async with app.run_test(size=size) as pilot:
        while not (isinstance(app.screen, SpendScreen) and app.screen.report is not None):
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(f"wrote screenshots/{name}.svg")


async def main() -> None:
    cache = default_paths().cache_dir
    demo = start_demo(cache)
    forbidden = start_demo(cache, ServerConfig(port=0, inference_keys=[DEMO_KEY]))
    try:
        await shoot(demo.url, "explorer-builder", (120, 40), run=False)
        await shoot(demo.url, "explorer-results", (120, 40), run=True)
        await shoot(demo.url, "explorer-80x24", (80, 24), run=True, keys=("ctrl+b",))
        await shoot(demo.url, "filter-editor", (120, 40), run=True, focus="#filters", keys=("a",))
        await shoot(forbidden.url, "error-forbidden", (120, 40), run=False)
        await shoot_spend(demo.url, "spend-80x24", (80, 24))
    finally:
        demo.stop()
        forbidden.stop()


if __name__ == "__main__":
    asyncio.run(main())
