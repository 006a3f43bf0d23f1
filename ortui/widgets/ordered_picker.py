"""A multi-select that remembers the order of choice, with optional type-to-search."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection


class OrderedPicker(Vertical):
    """Options are ``(value, label, detail)``; ``selected`` keeps the order of picking.

    Labels come from the server, so they are shown as plain text, never parsed as markup.
    """

    DEFAULT_CLASSES = "ordered-picker"

    class Changed(Message):
        def __init__(self, picker: OrderedPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> OrderedPicker:
            return self.picker

    def __init__(self, *, searchable: bool = False, placeholder: str = "",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.searchable = searchable
        self.placeholder = placeholder
        self.options: list[tuple[str, str, str]] = []
        self.selected: list[str] = []
        self._needle = ""

    def compose(self) -> ComposeResult:
        if self.searchable:
            yield Input(placeholder=self.placeholder, classes="picker-search")
        yield SelectionList[str](classes="picker-list")

    @property
    def selection_list(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    def set_options(self, options: list[tuple[str, str, str]], selected: list[str]) -> None:
        unique: dict[str, tuple[str, str, str]] = {}
        for option in options:  # a server may list a name twice; the first one wins
            unique.setdefault(option[0], option)
        self.options = list(unique.values())
        self.selected = [s for s in selected]
        self._rebuild()

    def set_selected(self, selected: list[str]) -> None:
        self.selected = list(selected)
        self._rebuild()

    def _rebuild(self) -> None:
        needle = self._needle.casefold()
        shown = [o for o in self.options
                 if not needle or needle in o[0].casefold() or needle in o[1].casefold()]
        listing = self.selection_list
        with self.app.batch_update():
            listing.clear_options()
            listing.add_options([Selection(self._prompt(*o), o[0], o[0] in self.selected)
                                 for o in shown])

    def _prompt(self, value: str, label: str, detail: str) -> Text:
        mark = ("✓ ", "bold") if value in self.selected else "  "
        order = (f"\u00a0\u00a0#{self.selected.index(value) + 1}"
                 if value in self.selected and len(self.selected) > 1 else "")
        # Spaces stay inside unstyled runs: Textual drops them at the edge of a styled span.
        return Text.assemble(mark, label + (" " if detail else ""), (detail, "dim"), order)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._needle = event.value
        self._rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box toggles the first match."""
        event.stop()
        listing = self.selection_list
        if listing.option_count:
            value = listing.get_option_at_index(0).value
            self._toggle(str(value))
            self._rebuild()

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        event.stop()
        self._toggle(str(event.selection.value))
        highlighted = self.selection_list.highlighted
        self._rebuild()
        self.selection_list.highlighted = highlighted

    def _toggle(self, value: str) -> None:
        if value in self.selected:
            self.selected.remove(value)
        else:
            self.selected.append(value)
        self.post_message(self.Changed(self))
