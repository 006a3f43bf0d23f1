"""A modal list with a search box above it: the shared shape of the presets and history."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ortui.keymap import default_keys
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.quiet_input import QuietInput

Item = TypeVar("Item")
Result = TypeVar("Result")


class SearchableList(ModalScreen[Result | None], Generic[Item, Result]):
    """Type to filter, arrows to move, Enter to choose; subclasses say what an item shows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(default_keys("list.close"), "cancel", "Close", id="list.close"),
        Binding(default_keys("list.down"), "move(1)", "Down", show=False, id="list.down"),
        Binding(default_keys("list.first"), "edge(-1)", "First", show=False, id="list.first"),
        Binding(default_keys("list.last"), "edge(1)", "Last", show=False, id="list.last"),
        Binding(default_keys("list.up"), "move(-1)", "Up", show=False, id="list.up"),
    ]
    TITLE_TEXT = ""
    PLACEHOLDER = "type to search"

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Item] = []
        self.shown: list[Item] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.TITLE_TEXT, classes="dialog-title")
            yield QuietInput(placeholder=self.PLACEHOLDER, id="search")
            yield OptionList(id="choices")
            yield from self.compose_details()
        yield KeyBar()

    def compose_details(self) -> list[Widget]:
        """Widgets under the list (previews, notes)."""
        return []

    def line(self, item: Item) -> str:
        """The text an item shows (and is searched by)."""
        raise NotImplementedError

    def search_text(self, item: Item) -> str:
        return self.line(item)

    def highlighted_changed(self) -> None:
        """Called when another item is highlighted."""

    def show_items(self, items: list[Item]) -> None:
        self.items = items
        self.filter_items(self.query_one("#search", Input).value)

    def filter_items(self, needle: str) -> None:
        needle = needle.casefold()
        self.shown = [i for i in self.items if needle in self.search_text(i).casefold()]
        listing = self.query_one("#choices", OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(self.line(i))) for i in self.shown])
        if self.shown:
            listing.highlighted = 0
        self.highlighted_changed()

    @property
    def current(self) -> Item | None:
        index = self.query_one("#choices", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_items(event.value)

    def on_option_list_option_highlighted(self) -> None:
        self.highlighted_changed()

    def action_move(self, step: int) -> None:
        """Arrows from the search box: the first Down enters the list on its first item (the
        newest history entry), not the second."""
        listing = self.query_one("#choices", OptionList)
        if not self.shown:
            return
        if step > 0 and self.focused is self.query_one("#search", Input):
            listing.highlighted = listing.highlighted if listing.highlighted is not None else 0
            listing.focus()
            return
        listing.highlighted = max(0, min(len(self.shown) - 1, (listing.highlighted or 0) + step))

    def action_edge(self, direction: int) -> None:
        listing = self.query_one("#choices", OptionList)
        if self.shown:
            listing.highlighted = 0 if direction < 0 else len(self.shown) - 1

    def choose(self, item: Item) -> None:
        """Enter on ``item``."""
        raise NotImplementedError

    def on_input_submitted(self) -> None:
        if self.current is not None:
            self.choose(self.current)

    def on_option_list_option_selected(self) -> None:
        self.on_input_submitted()

    def action_cancel(self) -> None:
        self.dismiss(None)
