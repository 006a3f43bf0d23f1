"""Dialogs and lists do what they say: one Enter saves, the highlight follows a new copy,
history tags a run with a preset only when it is the preset's query, the first Down and the
first Space act, and focus comes back after the terminal was too small."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.screens.dialogs import Confirm, TextPrompt
from ortui.screens.history import HistoryScreen
from ortui.screens.presets import PresetsScreen
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid
from tests.flows.conftest import demo_app
from tests.pilot import ready, run, wait_for


def history_lines(folder: Path) -> list[dict[str, object]]:
    path = folder / "history.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def test_the_first_enter_in_the_preset_name_saves(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.shown(TextPrompt)
        await pilot.press(*"Monday look", "enter")
        store = PresetStore(tmp_path / "presets")
        await wait_for(pilot, lambda: store.find("Monday look") is not None)
        assert app.screen is screen


async def test_history_tags_a_run_with_a_preset_only_while_unchanged(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = PresetStore(tmp_path / "presets")
    store.save(
        Preset(
            "Daily",
            QueryDraft(
                metrics=("request_count",), granularity="day", time=RelativeRange("last_7d")
            ),
        )
    )
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.shown(PresetsScreen)
        await pilot.press(*"daily", "enter")
        await wait_for(pilot, lambda: len(history_lines(tmp_path)) == 1)
        assert history_lines(tmp_path)[0]["preset"] == "Daily"
        search = screen.query_one("#metrics").query_one(Input)
        search.focus()
        await pilot.press(*"total usage", "enter", "f5")  # an edited query
        await wait_for(pilot, lambda: len(history_lines(tmp_path)) == 2)
        assert history_lines(tmp_path)[1]["preset"] is None
        await pilot.press("ctrl+u", *"total usage", "enter", "f5")  # back to the preset's
        await wait_for(pilot, lambda: len(history_lines(tmp_path)) == 3)
        assert history_lines(tmp_path)[2]["preset"] == "Daily"


async def test_after_duplicating_the_highlight_is_on_the_copy(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = PresetStore(tmp_path / "presets")
    store.save(Preset("Alpha", QueryDraft(metrics=("request_count",))))
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        presets = await pilot.shown(PresetsScreen)
        await pilot.press(*"alpha", "ctrl+d")
        await pilot.shown(TextPrompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.find("Alpha (copy)") is not None)
        await wait_for(
            pilot, lambda: presets.current is not None and presets.current.name == "Alpha (copy)"
        )
        await pilot.press("ctrl+x")
        confirm = await pilot.shown(Confirm)
        assert "'Alpha (copy)'" in confirm.question


async def test_the_first_down_in_history_selects_the_newest(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        await pilot.press("f5")
        await wait_for(pilot, lambda: len(history_lines(tmp_path)) == 1)
        builder.load(builder.draft.with_changes(dimensions=("provider",)))
        await pilot.press("f5")
        await wait_for(pilot, lambda: len(history_lines(tmp_path)) == 2)
        builder.load(builder.draft.with_changes(dimensions=("app",)))
        await screen.run_action("open_history")
        history = await pilot.shown(HistoryScreen)
        await pilot.press("down")
        assert history.current is not None
        assert history.current.draft.dimensions == ("provider",)  # the newest
        await pilot.press("enter")
        await pilot.back_to(screen)
        assert builder.draft.dimensions == ("provider",)


async def test_the_first_space_in_a_list_reached_by_tab_toggles(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        builder.query_one("#dimensions").query_one("SelectionList").focus()
        await pilot.pause()
        await pilot.press("space")
        assert not builder.draft.dimensions  # Model (the first) was toggled off
        await pilot.press("space")
        assert builder.draft.dimensions == ("model",)


async def test_focus_comes_back_after_the_terminal_was_too_small(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        grid = screen.query_one(ResultsGrid)
        grid.focus()
        await pilot.pause()
        await pilot.resize_terminal(50, 12)
        await pilot.pause(0.2)
        assert screen.has_class("-too-small")
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.2)
        assert not screen.has_class("-too-small") and app.focused is grid
