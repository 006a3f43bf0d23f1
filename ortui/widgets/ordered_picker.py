"""A multi-select that remembers the order of choice, with optional type-to-search."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection


class OrderedPicker(Vertical):
    """Options are ``(value, prompt)``; ``selected`` keeps the order the user picked them in."""

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
        self.options: list[tuple[str, str]] = []
        self.selected: list[str] = []
        self._needle = ""

    def compose(self) -> ComposeResult:
        if self.searchable:
            yield Input(placeholder=self.placeholder, classes="picker-search")
        yield SelectionList[str](classes="picker-list")

    @property
    def selection_list(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    def set_options(self, options: list[tuple[str, str]], selected: list[str]) -> None:
        self.options = options
        self.selected = [s for s in selected]
        self._rebuild()

    def set_selected(self, selected: list[str]) -> None:
        self.selected = list(selected)
        self._rebuild()

    def _rebuild(self) -> None:
        needle = self._needle.casefold()
        shown = [(v, p) for v, p in self.options
                 if not needle or needle in v.casefold() or needle in p.casefold()]
        listing = self.selection_list
        with self.app.batch_update():
            listing.clear_options()
            listing.add_options([Selection(self._prompt(v, p), v, v in self.selected)
                                 for v, p in shown])

    def _prompt(self, value: str, prompt: str) -> str:
        if value not in self.selected:
            return f"  {prompt}"
        order = f"  #{self.selected.index(value) + 1}" if len(self.selected) > 1 else ""
        return f"[b]✓[/b] {prompt}{order}"

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
