"""While comparing, the status line shows its whole text at 120 and 80 columns: the key that
turns compare off is never cut away."""

from __future__ import annotations

import pytest
from textual.worker import Worker

from ortui.demo.server import DemoServer
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.flows.test_builder_labels_whole import shown_lines
from tests.pilot import ready_with_result, run, status_text, worker_ended


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_compare_status_is_whole(demo_server: DemoServer, size: tuple[int, int]) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=size) as pilot:
        screen = await ready_with_result(pilot)
        screen.query_one(ResultsGrid).focus()
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "compare")):
            await pilot.press("p")
        await pilot.pause()
        [line] = shown_lines(screen.status)
        assert line == status_text(screen).strip()
        assert line.startswith("p") and "compare off" in line and line.endswith("only then")
