"""The key hints along the bottom: one line of text, redrawn in place when bindings change."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    """Shows the same keys as Textual's ``Footer`` (shown bindings of the focused chain, one per
    action, the palette key on the right) and runs a key when it is clicked.

    ``Footer`` recomposes a widget per key whenever focus moves or a screen is pushed or
    popped, which re-lays out the screen two or three times (~100 ms of repaints after closing
    a dialog). This widget only re-renders its one line, and only when the text changes.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background;
                            text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground;
                                    background: $footer-description-background; }
        & > .key-bar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[Binding, bool]] = []
        self._palette: tuple[Binding, bool] | None = None
        self._spans: list[tuple[int, int, Binding, bool]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        palette_key = self.app.COMMAND_PALETTE_BINDING
        keys: dict[str, tuple[Binding, bool]] = {}
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == palette_key and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
            elif binding.show:
                keys.setdefault(binding.action, (binding, enabled))
        shown = list(keys.values())
        if shown != self._keys or palette != self._palette:
            self._keys, self._palette = shown, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        dim = self.get_component_rich_style("key-bar--disabled")

        def entry(binding: Binding, enabled: bool) -> Text:
            look = (key_style, text_style) if enabled else (key_style + dim, text_style + dim)
            return Text.assemble(
                (f" {self.app.get_key_display(binding)} ", look[0]),
                (f"{binding.description} ", look[1]),
            )

        palette = entry(*self._palette) if self._palette is not None else None
        room = self.size.width - (palette.cell_len if palette else 0)
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for binding, enabled in self._keys:
            text = entry(binding, enabled)
            if line.cell_len + text.cell_len > room:  # keys that do not fit give way whole
                break
            self._spans.append((line.cell_len, line.cell_len + text.cell_len, binding, enabled))
            line.append_text(text)
            line.append(" ")
        if palette is not None and self._palette is not None:
            start = max(line.cell_len, room)
            line.pad_right(start - line.cell_len)
            line.append_text(palette)
            self._spans.append((start, line.cell_len, *self._palette))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, binding, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(binding.key)
                else:
                    self.app.bell()
                return
