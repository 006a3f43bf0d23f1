"""Every use of a private Textual API, in one place (textual is pinned exactly in
pyproject.toml). Each is tested against the pinned version in tests/unit/test_compat.py, so an
upgrade that moves one fails there, by name, rather than somewhere in the UI.

The uses, and why a public API does not do:
- ``App._get_screen`` + ``Screen._refresh_layout``: build an installed screen before its first
  push (the filter editor opens within a frame instead of composing for ~100 ms);
- ``Option._set_prompt`` + ``OptionList._option_render_cache``: restyle a few options and
  forget only their drawings (the public call forgets every option's);
- ``Input._watch_value``: store the text width without asking for a layout of the screen;
- ``Screen._on_screen_resume``: skip restyling a screen each time it is shown again when the
  theme has not changed;
- ``Widget._scroll_update``: size a scroll view's scrollbars without repainting them when
  their sizes did not change (every layout of the screen otherwise costs one more frame), and
  size them at once when a view of a fixed size gets new content (``set_virtual_size``);
- ``Header._on_mount``: Textual's header updates its title on every change of the app's or
  screen's (sub)title and lets ``NoMatches`` escape when its title child is not there (being
  mounted or removed) — the app's start-up progress changes the sub-title on a timer, and under
  load that race ended a run with a traceback. ``SteadyHeader`` sets the same watches and skips
  an update with no title child to update.

The driver that ends ortui when its terminal goes away (``terminal_driver.py``) wraps
``LinuxDriver._file`` and uses ``Driver._app`` and ``Driver._loop``; it is tested in
tests/unit/test_terminal_driver.py.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widgets import Header, Input, OptionList
from textual.widgets._header import HeaderTitle

ResultT = TypeVar("ResultT")

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _ScrollViewBase
else:
    _ScrollViewBase = object  # a mixin: Textual merges DOM class attributes along the MRO


async def build_installed_screen(app: App[Any], screen: Screen[Any]) -> None:
    """Compose, mount and lay out an installed ``screen`` now, without showing it (Textual
    builds an installed screen when it is first pushed)."""
    _screen, mounted = app._get_screen(screen)
    await mounted
    screen._refresh_layout(app.size)


def replace_option_prompts(options: OptionList, prompts: dict[int, Text]) -> None:
    """Give several options new one-line prompts, forgetting the cached drawings of those
    options only (``replace_option_prompt_at_index`` drops every option's drawing and the
    line map on each call)."""
    changed = set()
    for index, prompt in prompts.items():
        option = options.get_option_at_index(index)
        option._set_prompt(prompt)
        changed.add(option)
    if not changed:
        return
    cache = options._option_render_cache
    for key in [k for k in cache.keys() if k[0] in changed]:  # noqa: SIM118 (not iterable)
        cache.discard(key)
    options.refresh()


class QuietWidthInput(Input):
    """Textual's Input stores its text width as ``virtual_size``, a layout reactive, so every
    keystroke re-arranges and repaints every widget on the screen (~20 ms in the explorer).
    With a width that does not follow the content (never ``auto`` here) the layout cannot
    change, so the new width is stored without asking for one; scrolling still reads it."""

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)


class RestyledOnThemeChange(ModalScreen[ResultT]):
    """A modal kept and shown again and again: Textual restyles every widget of a screen each
    time it is shown (~8 ms for the filter editor); its styles only change with the theme, so
    that is when it is done."""

    _styled_for: str | None = None

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._styled_for == self.app.theme:
            event.refresh_styles = False
        self._styled_for = self.app.theme
        super()._on_screen_resume(event)


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """A new scrollable size for ``view``, whose own size does not follow its content: stored
    without laying out the screen (``virtual_size`` is a layout reactive), its scrollbars
    sized now. Showing or hiding a scrollbar still lays out (it changes the view's room)."""
    if view.styles.auto_dimensions or not view.container_size:
        view.virtual_size = size
        return
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)
    view.refresh()


class SteadyScrollbars(_ScrollViewBase):
    """For scroll views. After every layout of the screen Textual tells each scroll view its
    size again, and it passes its scrollbars their sizes and repaints them even when nothing
    changed; the repaint is asked for during the frame, so it takes a frame of its own (the
    result's first frame was followed by one more, ~16 ms later). The sizes are reactive, so
    a scrollbar whose size did change is still repainted."""

    def _scroll_update(self, virtual_size: Size) -> None:
        self._refresh_scrollbars()
        width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            self.vertical_scrollbar.window_virtual_size = virtual_size.height
            self.vertical_scrollbar.window_size = height - self.scrollbar_size_horizontal
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            self.horizontal_scrollbar.window_virtual_size = virtual_size.width
            self.horizontal_scrollbar.window_size = width - self.scrollbar_size_vertical
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)


class SteadyHeader(Header):
    """Textual's header, whose title update never fails while its children come or go."""

    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # Header's own handler would set the unguarded watches

        async def set_title() -> None:
            with suppress(NoMatches, NoScreen):  # no title child or screen (yet, or any more)
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
