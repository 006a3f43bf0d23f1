"""The result can be read in full; copies and exports fit spreadsheets and say where they went."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest

from ortui.preferences import Preferences
from ortui.results.series import chart_data
from ortui.screens.export_dialog import ExportDialog
from ortui.screens.text_viewer import TextViewer
from ortui.widgets.chart_pane import chart_text
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import meta_then, mock_app
from tests.pilot import AppPilot, ready, status_text, wait_for

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


def answer(rows: list[dict[str, object]], warnings: list[str] | None = None):
    def reply(_request: httpx.Request) -> httpx.Response:
        data: dict[str, object] = {
            "data": rows,
            "metadata": {"query_time_ms": 3, "truncated": False},
        }
        if warnings:
            data["warnings"] = warnings
        return httpx.Response(200, json={"data": data})

    return reply


async def _run(pilot: AppPilot, app):  # type: ignore[no-untyped-def]
    screen = await ready(pilot)
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.table is not None)
    return screen


async def test_a_long_warning_can_be_read_whole() -> None:
    app = mock_app(meta_then(answer(ROWS, [LONG_WARNING])))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run(pilot, app)
        assert status_text(screen).startswith("⚠ 1 warning (! reads it)")
        screen.query_one(ResultsGrid).focus()
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, TextViewer))
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query(".viewer-paragraph"))
        assert LONG_WARNING in shown.replace("\n", " ")
        assert "END-OF-WARNING" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.click("#status")  # a click on the status line opens them too
        await wait_for(pilot, lambda: isinstance(app.screen, TextViewer))


async def test_the_sort_arrow_is_never_cut_off() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.builder.load(
            screen.builder.draft.with_changes(
                metrics=("cache_hit_rate", "total_usage", "request_count"), granularity=None
            )
        )
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.table is not None)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("right", "s")
        column = [c.key for c in grid.table.columns].index("cache_hit_rate")
        start, end = grid._column_span(column)
        header = grid._header_strip().text[start:end]
        assert header.rstrip().endswith("▼"), header
        await pilot.press("s")
        assert grid._header_strip().text[start:end].rstrip().endswith("▲")


async def test_row_and_result_copies_hold_raw_numbers_with_headers() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _run(pilot, app)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("Y")
        rows = list(csv.reader(io.StringIO(app.clipboard), delimiter="\t"))
        assert rows == [
            ["Model", "Total Usage", "Request Count"],
            ["openai/gpt-4o", "1234.5", "1200"],
        ]
        await pilot.press("t")
        rows = list(csv.reader(io.StringIO(app.clipboard), delimiter="\t"))
        assert rows[2] == ["anthropic/claude-sonnet-4", "99.25", "310"] and len(rows) == 3
        await screen.run_action("copy_as_shown('row')")
        await pilot.pause()
        assert app.clipboard.splitlines()[1].split("\t")[1:] == ["$1,234.50", "1,200"]
        assert any("raw numbers" in n.message for n in app._notifications)


async def test_the_copy_formatted_setting_copies_numbers_as_shown() -> None:
    app = mock_app(meta_then(answer(ROWS)))
    app.preferences = Preferences(run_on_start=False, copy_formatted=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _run(pilot, app)
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
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _run(pilot, app)
        screen.query_one(ResultsGrid).focus()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert app.screen.query_one("#export-path").value.startswith(f"{folder}/ortui-")
        await pilot.press("enter")
        await wait_for(pilot, lambda: list(folder.glob("ortui-*.csv")))
        written = next(folder.glob("ortui-*.csv"))
        await wait_for(pilot, lambda: any(str(written) in n.message for n in app._notifications))
        assert not list(elsewhere.iterdir())
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#export-path").value = "mine.csv"  # a bare name: same folder
        await pilot.press("enter")
        await wait_for(pilot, lambda: (folder / "mine.csv").exists())
        await wait_for(
            pilot,
            lambda: any(
                n.message.startswith(f"{folder / 'mine.csv'} — 2 rows") for n in app._notifications
            ),
        )


async def test_no_rows_to_plot_is_said_once() -> None:
    app = mock_app(meta_then(answer([])))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _run(pilot, app)
        chart = screen.query_one("#chart")
        await wait_for(pilot, lambda: chart.data is not None)
        await pilot.pause(0.3)
        assert app.export_screenshot().count("No&#160;rows&#160;to&#160;plot") == 1
        text = chart_text(chart_data(screen.table, None), 80, 20, False)
        assert text.plain.count("No rows to plot") == 1
