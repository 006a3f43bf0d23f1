"""Long dimension values cut to a narrow column stay apart as shown: the pivot view and the
compare grid with the builder open at 120x40 (not four ``anthropic/c…``)."""

from __future__ import annotations

from textual.worker import Worker

from ortui.demo.server import DemoServer
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import ready_with_result, run, worker_ended


def shown_column(grid: ResultsGrid, index: int) -> list[str]:
    """Column ``index`` as painted, one text per row on screen."""
    start = sum(w + 2 for w in grid.widths[:index])
    end = start + grid.widths[index] + 2
    lines = ["".join(s.text for s in grid.render_line(y)) for y in range(1, grid.size.height)]
    return [text for line in lines if (text := line[start:end].strip())]


def assert_apart(grid: ResultsGrid, index: int) -> None:
    assert grid.table is not None
    full = [grid.cell_text(row, index) for row in range(grid.size.height - 1)]
    shown = shown_column(grid, index)
    assert len(shown) >= 10 and any("…" in text for text in shown), shown
    pairs = dict(zip(shown, full, strict=False))
    assert len(pairs) == len(set(full[: len(shown)])), shown  # different values look different
    for text, value in pairs.items():
        head, _, tail = text.partition("…")
        assert value.startswith(head) and value.endswith(tail), (text, value)


async def test_pivot_rows_are_distinct_with_the_builder_open(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("v")
        await pilot.pause()
        assert grid.pivoted and screen.query_one("#builder").display
        assert_apart(grid, 0)


async def test_compare_grid_models_are_distinct(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        async with pilot.expect(Worker.StateChanged, worker_ended(screen, "compare")):
            await pilot.press("p")
        await pilot.pause()
        assert grid.table is not None and grid.table.columns[1].key == "model"
        assert_apart(grid, 1)
