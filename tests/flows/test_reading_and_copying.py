"""The result can be read in full; copies and exports fit spreadsheets and say where they went."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from textual.notifications import Notify
from textual.widgets import Input

from ortui.preferences import Preferences
from ortui.results.series import chart_data
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.export_dialog import ExportDialog
from ortui.screens.text_viewer import TextViewer
from ortui.widgets.chart_pane import ChartPane, chart_text
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import meta_then, mock_app
from tests.pilot import (
    HearingPilot,
    notified,
    ready,
    ready_with_result,
    result_shown,
    run,
    status_text,
    wait_for,
)

LONG_WARNING = (
    "Filter api_key_id: 3 of the 4 key hashes given are not known to this "
    "account (a1b2…, c3d4…, e5f6…); rows for them are absent, which is not the "
    "same as zero. Check the key list in Settings → API keys. END-OF-WARNING"
)
ROWS = [
    {
        "model": "openai/gpt-4o",
        "cache_hit_rate": 0.452,
        "total_usage": 1234.5,
        "request_count": "1200",
    },
    {
        "model": "anthropic/claude-sonnet-4",
        "cache_hit_rate": 0.61,
        "total_usage": 99.25,
        "request_count": "310",
    },
]


def answer(
    rows: list[dict[str, object]], warnings: list[str] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    def reply(_request: httpx.Request) -> httpx.Response:
        data: dict[str, object] = {
            "data": rows,
            "metadata": {"query_time_ms": 3, "truncated": False},
        }
        if warnings:
            data["warnings"] = warnings
        return httpx.Response(200, json={"data": data})

    return reply


async def _run(pilot: HearingPilot) -> ExplorerScreen:
    """The explorer once the builder's query has been run and its result shown."""
    screen = await ready_with_result(pilot)
    return screen


async def test_a_long_warning_can_be_read_whole() -> None:
    app = mock_app(meta_then(answer(ROWS, [LONG_WARNING])))
    async with run(app, size=(80, 24)) as pilot:
        screen = await _run(pilot)
        assert status_text(screen).startswith("⚠ 1 warning (! reads it)")
        screen.query_one(ResultsGrid).focus()
        await pilot.press("exclamation_mark")
        viewer = await pilot.shown(TextViewer)
        shown = " ".join(str(w.render()) for w in viewer.query(".viewer-paragraph"))
        assert LONG_WARNING in shown.replace("\n", " ")
        assert "END-OF-WARNING" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("escape")
        await pilot.back_to(screen)
        await pilot.click("#status")  # a click on the status line opens them too
        await pilot.shown(TextViewer)


async def test_the_sort_arrow_is_never_cut_off() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.builder.load(
            screen.builder.draft.with_changes(
                metrics=("cache_hit_rate", "total_usage", "request_count"), granularity=None
            )
        )
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("right", "s")
        column = [c.key for c in result.message.table.columns].index("cache_hit_rate")
        start, end = grid._column_span(column)
        header = grid._header_strip().text[start:end]
        assert header.rstrip().endswith("▼"), header
        await pilot.press("s")
        assert grid._header_strip().text[start:end].rstrip().endswith("▲")


async def test_row_and_result_copies_hold_raw_numbers_with_headers() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    async with run(app, size=(120, 40)) as pilot:
        screen = await _run(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        async with notified(pilot, "row with header (TSV, raw numbers)"):
            await pilot.press("Y")
        rows = list(csv.reader(io.StringIO(app.clipboard), delimiter="\t"))
        assert rows == [
            ["Model", "Total Usage", "Request Count"],
            ["openai/gpt-4o", "1234.5", "1200"],
        ]
        await pilot.press("t")
        rows = list(csv.reader(io.StringIO(app.clipboard), delimiter="\t"))
        assert rows[2] == ["anthropic/claude-sonnet-4", "99.25", "310"] and len(rows) == 3
        async with notified(pilot, "row with header (TSV, numbers as shown)"):
            await screen.run_action("copy_as_shown('row')")
        assert app.clipboard.splitlines()[1].split("\t")[1:] == ["$1,234.50", "1,200"]


async def test_the_copy_formatted_setting_copies_numbers_as_shown() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    app.preferences = Preferences(run_on_start=False, copy_formatted=True)
    async with run(app, size=(120, 40)) as pilot:
        screen = await _run(pilot)
        screen.query_one(ResultsGrid).focus()
        await pilot.press("Y")
        assert app.clipboard.splitlines()[1].split("\t")[1:] == ["$1,234.50", "1,200"]


async def test_export_goes_to_the_export_folder_and_says_the_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "exports"  # does not exist yet
    app = mock_app(meta_then(answer(ROWS)))
    app.preferences = Preferences(run_on_start=False, export_dir=str(folder))
    async with run(app, size=(120, 40)) as pilot:
        screen = await _run(pilot)
        screen.query_one(ResultsGrid).focus()
        await pilot.press("e")
        dialog = await pilot.shown(ExportDialog)
        assert dialog.query_one("#export-path", Input).value.startswith(f"{folder}/ortui-")
        async with notified(pilot, f"{folder}/ortui-") as note:
            await pilot.press("enter")
        written = next(folder.glob("ortui-*.csv"))
        assert str(written) in note.message.notification.message
        assert not list(elsewhere.iterdir())
        await pilot.press("e")
        dialog = await pilot.shown(ExportDialog)
        dialog.query_one("#export-path", Input).value = "mine.csv"  # a bare name: same folder
        async with pilot.expect(Notify) as note:
            await pilot.press("enter")
        assert note.message.notification.message.startswith(f"{folder / 'mine.csv'} — 2 rows")
        assert (folder / "mine.csv").exists()


async def test_no_rows_to_plot_is_said_once() -> None:
    app = mock_app(meta_then(answer([])))
    async with run(app, size=(120, 40)) as pilot:
        screen = await _run(pilot)
        chart = screen.query_one("#chart", ChartPane)
        await wait_for(pilot, lambda: chart.data is not None)
        await pilot.pause(0.3)
        assert app.export_screenshot().count("No&#160;rows&#160;to&#160;plot") == 1
        assert screen.table is not None
        text = chart_text(chart_data(screen.table, None), 80, 20, False)
        assert text.plain.count("No rows to plot") == 1
