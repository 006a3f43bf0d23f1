"""Each private Textual API ortui uses (all in ortui/widgets/compat.py), checked against the
pinned version: if an upgrade moves one, the test names it."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.widgets import Label, OptionList

from ortui.widgets.compat import (
    QuietWidthInput,
    RestyledOnThemeChange,
    SteadyScrollbars,
    build_installed_screen,
    replace_option_prompts,
    set_virtual_size,
)


def test_textual_is_the_pinned_version() -> None:
    assert version("textual") == "8.2.8"


class Editor(RestyledOnThemeChange[None]):
    def compose(self) -> ComposeResult:
        yield Label("built", id="built")


async def test_an_installed_screen_is_built_before_its_first_push() -> None:
    app: App[None] = App()
    async with app.run_test(size=(40, 10)) as pilot:
        editor = Editor()
        app.install_screen(editor, "editor")
        assert not editor.is_mounted
        await build_installed_screen(app, editor)
        assert editor.is_mounted and editor.query_one("#built", Label).is_mounted
        assert editor.size == app.size and app.screen is not editor  # laid out, not shown
        await app.push_screen(editor)
        await pilot.pause()
        assert app.screen is editor


async def test_replaced_prompts_are_drawn_and_other_drawings_kept() -> None:
    class Options(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList("alpha", "beta", "gamma")

    app = Options()
    async with app.run_test(size=(40, 10)) as pilot:
        options = app.query_one(OptionList)
        await pilot.pause()
        kept = options.get_option_at_index(2)
        assert any(k[0] is kept for k in options._option_render_cache.keys())  # noqa: SIM118
        replace_option_prompts(options, {1: Text("BETA")})
        assert str(options.get_option_at_index(1).prompt) == "BETA"
        assert any(k[0] is kept for k in options._option_render_cache.keys())  # noqa: SIM118
        await pilot.pause()
        assert "BETA" in "".join(str(options.render_line(y).text) for y in range(3))


async def test_typing_in_a_quiet_input_lays_nothing_out(monkeypatch: pytest.MonkeyPatch) -> None:
    class Typing(App[None]):
        CSS = "QuietWidthInput { width: 20; }"

        def compose(self) -> ComposeResult:
            yield QuietWidthInput(id="typed")

    app = Typing()
    async with app.run_test(size=(40, 10)) as pilot:
        typed = app.query_one(QuietWidthInput)
        typed.focus()
        await pilot.pause()
        layouts: list[bool] = []
        original = typed.refresh

        def spy(
            *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
        ) -> QuietWidthInput:
            layouts.append(layout)
            return original(*regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(typed, "refresh", spy)
        await pilot.press(*"hello")
        await pilot.pause()
        assert typed.value == "hello" and typed.virtual_size.width == typed.content_width
        assert not any(layouts)


async def test_a_modal_shown_again_is_restyled_only_after_a_theme_change() -> None:
    seen: list[bool] = []

    class Watched(RestyledOnThemeChange[None]):
        def _on_screen_resume(self, event: events.ScreenResume) -> None:
            super()._on_screen_resume(event)
            seen.append(event.refresh_styles)

    app: App[None] = App()
    async with app.run_test(size=(40, 10)) as pilot:
        modal = Watched()
        app.install_screen(modal, "modal")
        for _ in range(2):
            await app.push_screen("modal")
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await app.push_screen("modal")
        await pilot.pause()
        assert seen == [True, False, True]


class Scrolled(ScrollView):
    def on_mount(self) -> None:
        self.virtual_size = Size(10, 100)  # a vertical scrollbar


class SteadyScrolled(SteadyScrollbars, Scrolled):
    pass


async def frames_after_a_layout(view: ScrollView) -> int:
    class Views(App[None]):
        def compose(self) -> ComposeResult:
            label = Label("a label", id="label")
            label.styles.width, label.styles.height = 20, 1  # its size never changes
            yield label
            yield view

    app = Views()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause(0.1)
        assert view.show_vertical_scrollbar
        frames: list[object] = []
        write = app._display

        def display(screen: Any, renderable: Any) -> None:
            frames.append(renderable)
            write(screen, renderable)

        app._display = display  # type: ignore[method-assign]  # a spy on every frame written
        app.query_one("#label", Label).update("another label")  # lays out the screen
        await pilot.pause(0.3)
    return len(frames)


async def test_a_layout_costs_a_scroll_view_one_frame_not_two() -> None:
    """Textual repaints a scroll view's scrollbars after every layout, in a frame of its own;
    SteadyScrollbars repaints them only when their sizes change."""
    assert await frames_after_a_layout(Scrolled()) > 1  # what SteadyScrollbars works around
    assert await frames_after_a_layout(SteadyScrolled()) == 1


async def test_a_new_virtual_size_sizes_the_scrollbars_without_a_layout() -> None:
    view = SteadyScrolled()

    class Views(App[None]):
        def compose(self) -> ComposeResult:
            yield view

    app = Views()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause(0.1)
        layouts: list[bool] = []
        lay_out = app.screen._refresh_layout

        def counted(size: Size | None = None, scroll: bool = False) -> None:
            layouts.append(scroll)
            lay_out(size, scroll)

        app.screen._refresh_layout = counted  # type: ignore[method-assign]  # a spy on layouts
        set_virtual_size(view, Size(10, 200))
        assert view.vertical_scrollbar.window_virtual_size == 200  # sized at once
        await pilot.pause(0.2)
        assert layouts == [] and view.max_scroll_y == 200 - view.container_size.height
        view.scroll_end(animate=False)
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        set_virtual_size(view, Size(10, 5))  # the scrollbar goes: that needs a layout
        await pilot.pause(0.2)
        assert layouts and not view.show_vertical_scrollbar


@pytest.mark.parametrize("steady", [True, False])
async def test_a_header_without_its_title_child_survives_a_sub_title_change(
    steady: bool,
) -> None:
    from textual.widgets import Header
    from textual.widgets._header import HeaderTitle

    from ortui.widgets.compat import SteadyHeader

    class Titled(App[None]):
        def compose(self) -> ComposeResult:
            yield SteadyHeader() if steady else Header()

    async def retitle_without_title_child() -> None:
        app = Titled()
        async with app.run_test(size=(60, 8)) as pilot:
            app.sub_title = "first"
            await pilot.pause()
            assert "first" in str(app.query_one(HeaderTitle).render())
            await app.query_one(HeaderTitle).remove()  # as while the screen is taken down
            app.sub_title = "progress 40 %"
            await pilot.pause()
            assert app.is_running

    if steady:
        await retitle_without_title_child()
    else:  # Textual's own header ends the app with NoMatches
        with pytest.raises(NoMatches):
            await retitle_without_title_child()
