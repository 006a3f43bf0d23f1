"""The fast paths behind the builder's keystrokes still do what a user expects: the one-line key
bar, the filter editor kept between openings, inputs that repaint only themselves."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from ortui.demo.server import DemoServer
from ortui.query.draft import FilterDraft
from ortui.screens.filter_editor import FilterEditor
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from tests.flows.conftest import demo_app
from tests.pilot import ready, run


def bar_text(app: App[None]) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_key_bar_follows_focus_and_runs_a_clicked_key(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "Run" in bar_text(app) and "palette" in bar_text(app)
        assert "Add filter" not in bar_text(app)
        screen.query_one("#filters").focus()
        await pilot.pause()
        assert "Add filter" in bar_text(app)
        bar = screen.query_one(KeyBar)
        bar.render()
        start = next(s for s, _e, binding, _on in bar._spans if binding.action == "add")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.shown(FilterEditor)


async def test_key_bar_gives_way_to_the_palette_key_when_narrow(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(60, 20)) as pilot:
        await ready(pilot)
        text = bar_text(app)
        assert len(text) <= 60 and text.rstrip().endswith("palette")
        bar = app.screen.query_one(KeyBar)
        for start, end, binding, _enabled in bar._spans:  # whole entries only, never "^o"
            assert text[start:end] == f" {app.get_key_display(binding)} {binding.description} "
        assert len(bar._spans) < len(bar._keys) + 1  # something had to give way


async def test_filter_editor_is_refilled_each_time_it_opens(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        builder.query_one("#filters").focus()
        await pilot.press("a")
        editor = await pilot.shown(FilterEditor)
        assert "Query: total_usage, request_count" in str(
            editor.query_one("#filter-query").render()
        )
        await pilot.press(*"openai/gpt-4o", "enter")
        await pilot.back_to(screen)
        assert builder.draft.filters == (FilterDraft("model", "eq", ("openai/gpt-4o",)),)
        # the same editor comes back empty for a new filter, with the new query described
        await pilot.press("a")
        await pilot.back_to(editor)
        assert editor.query_one("#filter-values", Input).value == ""
        assert "where model eq openai/gpt-4o" in str(editor.query_one("#filter-query").render())
        await pilot.press(*"typed then cancelled", "escape")
        await pilot.back_to(screen)
        assert len(builder.draft.filters) == 1
        # and filled with the filter being edited
        await pilot.press("e")
        await pilot.back_to(editor)
        assert editor.query_one("#filter-values", Input).value == "openai/gpt-4o"
        await pilot.press("ctrl+u", *"openai/o3", "enter")
        await pilot.back_to(screen)
        assert builder.draft.filters == (FilterDraft("model", "eq", ("openai/o3",)),)


async def test_long_text_scrolls_inside_an_input_that_does_not_relayout(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(80, 24)) as pilot:
        screen = await ready(pilot)
        search = screen.query_one("#metrics").query_one(Input)
        search.focus()
        await pilot.press(*("x" * 120))
        await pilot.pause()
        assert search.value == "x" * 120
        assert search.virtual_size.width == 121 and search.scroll_x > 0
        await pilot.press("home")
        await pilot.pause()
        assert search.scroll_x == 0


async def test_filter_editor_says_why_it_will_not_save(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#filters").focus()
        await pilot.press("a")
        editor = await pilot.shown(FilterEditor)
        assert isinstance(editor, FilterEditor)
        error = editor.query_one("#filter-error")
        assert str(error.render()) == ""  # nothing to scold before the user acts
        await pilot.press("enter")  # no value yet
        await pilot.pause()
        assert error.display and error.region.height > 0
        assert "enter a value" in str(error.render())
        await pilot.press(*"openai/gpt-4o")
        await pilot.pause()
        assert str(error.render()) == ""


async def test_filter_on_a_dimension_the_server_lacks_is_named_in_the_editor(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        builder = screen.query_one(QueryBuilder)
        builder.load(
            builder.draft.with_changes(filters=(FilterDraft("team_of_old", "eq", ("x",)),))
        )
        builder.query_one("#filters").focus()
        await pilot.pause()
        await pilot.press("e")
        editor = await pilot.shown(FilterEditor)
        assert "'team_of_old' is not offered" in str(editor.query_one("#filter-error").render())
        assert editor.query_one("#filter-values", Input).value == "x"
