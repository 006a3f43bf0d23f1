"""Presets, history, export and copy in the TUI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.preferences import Preferences
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query.draft import QueryDraft
from ortui.screens.dialogs import Confirm, TextPrompt
from ortui.screens.export_dialog import ExportDialog
from ortui.screens.history import HistoryScreen
from ortui.screens.presets import PresetsScreen
from ortui.widgets.chart_pane import CHART_KEYS
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid
from tests.conftest import TEST_KEY
from tests.flows.conftest import demo_app
from tests.pilot import notified, ready, ready_with_result, result_shown, run, status_text, wait_for


async def test_save_preset_then_overwrite_with_confirmation(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.shown(TextPrompt)
        await pilot.press(*"My spend", "tab", *"weekly look", "enter")
        store = PresetStore(tmp_path / "presets")
        await wait_for(pilot, lambda: store.find("My spend") is not None)
        saved = store.load("My spend")
        assert saved.draft == screen.query_one(QueryBuilder).draft
        assert saved.description == "weekly look"
        await pilot.press("ctrl+s")
        await pilot.shown(TextPrompt)
        await pilot.press("enter")  # same name: asks before overwriting
        await pilot.shown(Confirm)
        await pilot.press("y")
        await pilot.pause(0.3)
        assert len(list((tmp_path / "presets").glob("*.toml"))) == 1


async def test_open_starter_runs_it_and_history_records_it(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.shown(PresetsScreen)
        async with result_shown(pilot) as result:
            await pilot.press(*"p90", "enter")
        table = result.message.table
        assert screen.table is table
        assert [c.key for c in table.columns][:2] == ["created_at__day", "provider"]
        await wait_for(pilot, lambda: (tmp_path / "history.jsonl").exists())
        entry = json.loads((tmp_path / "history.jsonl").read_text().splitlines()[-1])
        assert entry["preset"] == "P90 latency by provider, last 7 days"
        assert entry["outcome"] == "ok" and entry["row_count"] == table.row_count
        assert TEST_KEY not in (tmp_path / "history.jsonl").read_text()
        assert not (tmp_path / "presets").exists()  # starters are not written
        await pilot.press("ctrl+y")
        await pilot.shown(HistoryScreen)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: len((tmp_path / "history.jsonl").read_text().splitlines()) == 2
        )


async def test_preset_naming_what_the_server_lacks_is_kept_and_explained(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = PresetStore(tmp_path / "presets")
    store.save(Preset("Old", QueryDraft(metrics=("total_usag",), dimensions=("model",))))
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.shown(PresetsScreen)
        async with notified(pilot, "did you mean 'total_usage'"):
            await pilot.press(*"old", "enter")
        assert screen.query_one(QueryBuilder).draft.metrics == ("total_usag",)
        await pilot.press("f5")
        assert "Can't run: Unknown metric: total_usag" in status_text(screen)


async def test_copy_cell_row_result_and_curl_then_export(
    demo_server: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = demo_app(
        demo_server.url, preferences=Preferences(run_on_start=False, export_dir=str(tmp_path))
    )
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        table = result.message.table
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("right", "y")
        assert app.clipboard == grid.cell_text(0, 1)
        await pilot.press("Y")
        header, row = app.clipboard.splitlines()
        assert header.split("\t")[:2] == ["Date (UTC)", "Model"]
        assert row.split("\t")[1] == grid.cell_text(0, 1)
        await pilot.press("t")
        assert len(app.clipboard.splitlines()) == table.row_count + 1
        await screen.run_action("copy_query_curl")
        assert "$OPENROUTER_MANAGEMENT_KEY" in app.clipboard and TEST_KEY not in app.clipboard
        await pilot.press("e")
        await pilot.shown(ExportDialog)
        async with notified(pilot, "bytes") as note:
            await pilot.press("enter")
        assert "rows" in note.message.notification.message
        exported = next(tmp_path.glob("ortui-*.csv")).read_text()
        parsed = list(csv.DictReader(io.StringIO(exported)))
        assert len(parsed) == table.row_count
        assert parsed[0]["model"] == grid.cell_text(0, 1)


async def test_manage_presets_and_restore_view_settings(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = PresetStore(tmp_path / "presets")
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.press("right", "right", "s", "s")  # total usage, ascending
        screen.query_one("#chart").focus()
        await pilot.press("c", CHART_KEYS["kind"], CHART_KEYS["kind"])  # request_count as bars
        await pilot.press("ctrl+s")
        await pilot.shown(TextPrompt)
        await pilot.press(*"Viewed", "enter")
        await wait_for(pilot, lambda: store.find("Viewed") is not None)
        view = store.load("Viewed").view
        assert (view.sort, view.chart_kind, view.chart_metric) == (
            "total_usage:asc",
            "bar",
            "request_count",
        )
        await pilot.press("ctrl+o")
        await pilot.shown(PresetsScreen)
        await pilot.press(*"viewed", "ctrl+d")
        await pilot.shown(TextPrompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.find("Viewed (copy)") is not None)
        await pilot.pause(0.2)
        await pilot.press("up")  # the copy is highlighted: back to the original
        await pilot.press("ctrl+n")
        prompt = await pilot.shown(TextPrompt)
        prompt.query_one("#prompt-name", Input).value = "Renamed"
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.find("Renamed") is not None)
        assert store.find("Viewed") is None
        presets_screen = await pilot.shown(PresetsScreen)
        presets_screen.query_one("#search", Input).value = "renamed"
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.shown(Confirm)
        await pilot.press("y")
        await wait_for(pilot, lambda: store.find("Renamed") is None)
        presets_screen.query_one("#search", Input).value = "copy"
        await pilot.pause()
        async with result_shown(pilot):
            await pilot.press("enter")
        assert app.screen is screen
        assert (grid.sort_key, grid.sort_desc) == ("total_usage", False)
        assert screen.state.chart_kind == "bar" and screen.state.chart_metric == "request_count"


async def test_ctrl_k_and_ctrl_y_work_while_typing_in_the_builder(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    from ortui.screens.key_prompt import KeyPrompt

    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        search = screen.query_one("#metrics").query_one(Input)
        search.focus()
        await pilot.press(*"tok", "ctrl+y")
        await pilot.shown(HistoryScreen)
        assert search.value == "tok"  # not eaten as a backspace
        await pilot.press("escape")
        await pilot.back_to(screen)
        await pilot.press("ctrl+k")
        await pilot.shown(KeyPrompt)
