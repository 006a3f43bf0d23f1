"""ortui opens with data, and what it has to say before the TUI is said inside it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.notifications import Notify

from ortui.app import OrtuiApp
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.preferences import Preferences
from ortui.presets.preset import Preset
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid
from tests.conftest import TEST_KEY
from tests.flows.conftest import demo_app
from tests.pilot import first_result, ready, run, status_text, wait_for


async def test_the_first_screen_holds_a_result_and_a_chart(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url, preferences=Preferences())
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        result = await first_result(pilot)  # nobody pressed F5
        assert list(result.request.metrics) == ["total_usage", "request_count"]
        assert screen.last_request is not None
        assert list(screen.last_request.metrics) == ["total_usage", "request_count"]
        assert screen.query_one(ResultsGrid).table is screen.table is result.table
        assert result.table.row_count > 0 and "rows" in status_text(screen)
        await wait_for(pilot, lambda: screen.query_one(ChartPane)._rendered is not None)


async def test_a_start_preset_runs_on_start(demo_server: DemoServer, tmp_path: Path) -> None:
    draft = QueryDraft(
        metrics=("request_count",), dimensions=("provider",), time=RelativeRange("last_24h")
    )
    app = demo_app(
        demo_server.url,
        folder=tmp_path,
        preferences=Preferences(),
        preset=Preset("By provider", draft),
    )
    async with run(app, size=(120, 40)) as pilot:
        await ready(pilot)
        result = await first_result(pilot)
        assert list(result.request.dimensions or []) == ["provider"]


async def test_the_setting_turns_running_on_start_off(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url, preferences=Preferences(run_on_start=False))
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.5)
        assert screen.table is None and screen.last_request is None
        assert "F5 runs the query" in status_text(screen)


def test_settings_file_run_on_start(tmp_path: Path) -> None:
    from ortui.preferences import load_preferences

    (tmp_path / "settings.toml").write_text(
        "run_on_start = false\n"
        "collapse_builder_below = 0\n"
        'export_dir = "~/exports"\ncopy_formatted = true\n'
    )
    prefs = load_preferences(tmp_path)
    assert (prefs.run_on_start, prefs.collapse_builder_below, prefs.copy_formatted) == (
        False,
        0,
        True,
    )
    assert prefs.export_folder() == Path("~/exports").expanduser() and not prefs.problems
    (tmp_path / "settings.toml").write_text('run_on_start = "no"\nexport_dir = 3\n')
    prefs = load_preferences(tmp_path)
    assert prefs.run_on_start is True and len(prefs.problems) == 2


def _capture_app(monkeypatch: pytest.MonkeyPatch) -> list[OrtuiApp]:
    started: list[OrtuiApp] = []
    monkeypatch.setattr(OrtuiApp, "run", lambda self, *a, **k: started.append(self))
    return started


def test_key_file_warning_goes_into_the_tui_not_before_it(
    tmp_path: Path,
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(TEST_KEY + "\n")
    os.chmod(key_file, 0o644)
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "settings.toml").write_text("watch_interval = 1\n")
    started = _capture_app(monkeypatch)
    code = main(
        [
            "--key-file",
            str(key_file),
            "--base-url",
            demo_server.url,
            "--config-dir",
            str(tmp_path / "cfg"),
        ]
    )
    assert code == 0 and capsys.readouterr().err == ""
    notes = "\n".join(started[0].notes)
    assert f"{key_file} is readable by other users; run: chmod 600" in notes
    assert "watch_interval" in notes


async def test_notes_are_shown_on_screen(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url, notes=["/home/me/key is readable by other users"])
    async with run(app, size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        note = await pilot.first(Notify)
        assert note.notification.message == "/home/me/key is readable by other users"
        shown = [str(n.message) for n in app._notifications]
        assert shown == ["/home/me/key is readable by other users"]
        await pilot.pause(0.3)
        assert "readable&#160;by&#160;other&#160;users" in app.export_screenshot()


def test_headless_demo_says_it_builds_only_when_it_does(
    dataset: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ORTUI_DEMO_SIZE", str(20_000))
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(dataset.parent))
    args = ["query", "--demo", "--metrics", "request_count", "--format", "csv"]
    assert main(args) == 0
    assert "dataset" not in capsys.readouterr().err
    monkeypatch.setenv("ORTUI_DEMO_SIZE", "300")
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert main(args) == 0
    assert "building the demo dataset (first run only)" in capsys.readouterr().err


def test_tui_on_a_cold_demo_says_so_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ORTUI_DEMO_SIZE", "300")
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(tmp_path / "empty-cache"))
    started: list[Any] = _capture_app(monkeypatch)
    assert main(["--demo", "--config-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""
    assert "Building the demo dataset" in started[0].startup_note


async def test_a_cold_demo_shows_a_result_and_says_what_it_builds(tmp_path: Path) -> None:
    from ortui.demo.prepared import PreparingDataset
    from ortui.demo.server import DemoServer, ServerConfig

    server = DemoServer(ServerConfig(port=0), PreparingDataset(tmp_path, 42, 40_000)).start()
    try:
        app = demo_app(server.url, preferences=Preferences(), progress=lambda: server.preparing)
        titles: list[str] = []
        async with run(app, size=(120, 40)) as pilot:
            screen = await ready(pilot)
            while screen.table is None or server.preparing is not None:
                titles.append(str(app.sub_title))
                await pilot.pause(0.05)
                assert len(titles) < 2400, titles[-1]
            await pilot.pause(0.5)
            assert screen.table is not None and screen.table.row_count > 0
            assert any("building demo data" in t and t.endswith("%") for t in titles)
            assert app.sub_title == "demo simulator · key: test key"
    finally:
        server.stop()
