"""At 80×24 the status line after the default run fits whole: the partial buckets' note
shortens to their dates instead of being cut mid-word ("* partial: 2026-11-23 (range
starts")."""

from __future__ import annotations

from rich.cells import cell_len

from ortui.demo.server import DemoServer
from tests.flows.conftest import demo_app
from tests.pilot import ready, status_text, wait_for


async def test_the_partial_note_fits_the_status_line_at_80_columns(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
        await pilot.pause()
        text = status_text(screen)
        newest = max(screen.grid.cell_text(p, 0) for p in range(len(screen.grid.order)))
        assert "* partial: " in text and newest.rstrip("*") in text, text
        assert cell_len(text) <= screen.status.content_region.width, text


async def test_the_long_wording_is_kept_where_it_fits(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None and not screen.state.running)
        assert "(in progress)" in status_text(screen)
