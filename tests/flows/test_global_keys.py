"""Every advertised key works with the focus in a text field, help covers the screen without
re-laying it out, and narrow terminals give the result the builder's room after a run."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.preferences import Preferences
from ortui.screens.dialogs import TextPrompt
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.global_keys import GLOBAL_KEYS
from ortui.screens.help_screen import HelpScreen
from ortui.screens.history import HistoryScreen
from ortui.screens.key_prompt import KeyPrompt
from ortui.screens.presets import PresetsScreen
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid
from tests.conftest import REPO
from tests.flows.conftest import demo_app
from tests.pilot import ready, ready_with_result, result_shown, run, wait_for

Check = Callable[[App[None], ExplorerScreen], object]


def _builder(screen: ExplorerScreen) -> QueryBuilder:
    return screen.query_one(QueryBuilder)


#: key → what a person would see happen (app, explorer) → True once it has.
EFFECTS: dict[str, Check] = {
    "f5": lambda app, s: s.last_request is not None,
    "ctrl+r": lambda app, s: s.last_request is not None,
    "f2": lambda app, s: not _builder(s).has_class("collapsed") and _builder(s).has_focus_within,
    "f3": lambda app, s: isinstance(app.focused, ResultsGrid),
    "f4": lambda app, s: isinstance(app.focused, ChartPane),
    "ctrl+b": lambda app, s: _builder(s).has_class("collapsed"),
    "ctrl+s": lambda app, s: isinstance(app.screen, TextPrompt),
    "ctrl+o": lambda app, s: isinstance(app.screen, PresetsScreen),
    "ctrl+y": lambda app, s: isinstance(app.screen, HistoryScreen),
    "ctrl+k": lambda app, s: isinstance(app.screen, KeyPrompt),
    "f1": lambda app, s: isinstance(app.screen, HelpScreen),
    "ctrl+p": lambda app, s: type(app.screen).__name__ == "CommandPalette",
    "tab": lambda app, s: app.focused is not s.query_one("#metrics Input", Input),
    "shift+tab": lambda app, s: app.focused is not s.query_one("#metrics Input", Input),
    "ctrl+q": lambda app, s: app._exit,
    "escape": lambda app, s: not s.state.running,
}
ADVERTISED = {k for g in GLOBAL_KEYS for k in g.keys.split(",")} | {"f1", "ctrl+p"}


def readme_anywhere_keys() -> set[str]:
    """The keys the README's key table says work anywhere, as Textual names them."""
    names = {"esc": "escape", "shift+tab": "shift+tab"}
    found: set[str] = set()
    for line in (REPO / "README.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1] == "anywhere":
            for key in re.findall(r"`([^`]+)`", cells[0]):
                key = key.lower()
                found.add(names.get(key, key))
    return found


def test_the_readme_names_exactly_the_keys_these_tests_press() -> None:
    readme = readme_anywhere_keys() - {"?"}  # ? types itself in a text field: tested below
    assert readme == set(EFFECTS), readme ^ set(EFFECTS)
    assert set(EFFECTS) >= ADVERTISED
    assert "ctrl+h" not in readme  # terminals send it as Backspace


@pytest.mark.parametrize("key", sorted(EFFECTS))
async def test_each_key_works_with_the_focus_in_a_text_field(
    key: str, demo_server: DemoServer, tmp_path: Path
) -> None:
    app = demo_app(demo_server.url, folder=tmp_path)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        if key == "f2":
            await pilot.press("ctrl+b", "f3")  # builder hidden, cursor elsewhere
        if key == "escape":
            await pilot.press("f5")
        search = screen.query_one("#metrics Input", Input)
        search.focus()
        await pilot.press(*"tok")
        await pilot.press(key)
        await wait_for(pilot, lambda: EFFECTS[key](app, screen), timeout=5)
        if key != "ctrl+q":
            assert search.value == "tok"  # nothing was typed into or deleted from the field


async def test_question_mark_opens_help_outside_a_text_field_and_types_inside(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        search = screen.query_one("#metrics Input", Input)
        search.focus()
        await pilot.press("question_mark")
        assert search.value == "?" and app.screen is screen
        await pilot.press("f3", "question_mark")
        await pilot.shown(HelpScreen)
        await pilot.press("question_mark")
        await pilot.back_to(screen)


async def test_the_key_bar_and_help_show_the_global_keys(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(160, 40)) as pilot:
        screen = await ready(pilot)
        bar = str(screen.query_one(KeyBar).render())
        for key in GLOBAL_KEYS:
            if key.show:
                shown = app.get_key_display(
                    next(b for b in screen._bindings.get_bindings_for_key(key.keys.split(",")[0]))
                )
                assert f"{shown} {key.description}" in bar, (shown, bar)
        await pilot.press("f1")
        help_screen = await pilot.shown(HelpScreen)
        rows = {description: keys for keys, description, _where in help_screen.rows}
        for key in GLOBAL_KEYS:
            assert key.keys.split(",")[0].replace("ctrl+", "^") in rows[key.description]


async def test_help_covers_the_screen_without_re_laying_it_out(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        await pilot.press("f3")
        regions = {w.id: w.region for w in screen.query("#builder, #grid, #chart, #status")}
        await pilot.press("f1")
        await pilot.shown(HelpScreen)
        await pilot.pause()
        assert {w.id: w.region for w in screen.query("#builder, #grid, #chart, #status")} == regions
        assert "grid" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.back_to(screen)
        assert isinstance(app.focused, ResultsGrid)


@pytest.mark.parametrize(
    ("width", "collapse", "collapsed"),
    [(80, 100, True), (99, 100, True), (120, 100, False), (80, 0, False)],
)
async def test_narrow_terminals_collapse_the_builder_after_a_run(
    demo_server: DemoServer, width: int, collapse: int, collapsed: bool
) -> None:
    app = demo_app(
        demo_server.url,
        preferences=Preferences(run_on_start=False, collapse_builder_below=collapse),
    )
    async with run(app, size=(width, 30)) as pilot:
        screen = await ready(pilot)
        assert not _builder(screen).has_class("collapsed")
        async with result_shown(pilot):
            await pilot.press("f5")
        await pilot.pause()
        assert _builder(screen).has_class("collapsed") is collapsed
        if collapsed:
            assert isinstance(app.focused, ResultsGrid)
            await pilot.press("f2")
            assert not _builder(screen).has_class("collapsed")


async def test_help_at_80x24_fits_and_scrolls_to_its_last_row(demo_server: DemoServer) -> None:
    """At 80×24 the help dialog is inside the terminal (its hint line too), and the arrow keys
    scroll it down to the keys that work anywhere (they were cut off below the screen)."""
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        await ready(pilot)
        async with result_shown(pilot):
            await pilot.press("f5")
        await pilot.press("f3", "f1")
        help_screen = await pilot.shown(HelpScreen)
        dialog = help_screen.query_one("#help-dialog").region
        assert dialog.right <= 80 and dialog.bottom <= 24
        hint = help_screen.query_one("#help-dialog .hint").region
        assert hint.height == 1 and hint.bottom <= dialog.bottom
        body = help_screen.query_one("#help-body")
        assert body.region.bottom <= hint.y and body.max_scroll_y > 0
        await pilot.press(*["pagedown"] * 10)
        await pilot.pause()
        assert body.scroll_offset.y == body.max_scroll_y
