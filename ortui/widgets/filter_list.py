"""The builder's filters: a list to add (a), edit (enter) and remove (x / delete)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from ortui.keymap import default_keys
from ortui.query.draft import FilterDraft


def describe_filter(item: FilterDraft) -> str:
    values = ", ".join(item.values) or "?"
    unset = " (+ unset)" if item.include_unset else ""
    return f"{item.field} {item.operator} {values}{unset}"


class FilterList(ListView):
    """Shows filters; asks the builder (by message) to add or edit one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(default_keys("filters.add"), "add", "Add filter", id="filters.add"),
        Binding(default_keys("filters.remove"), "remove", "Remove filter", id="filters.remove"),
        Binding(default_keys("filters.edit"), "edit", "Edit filter", show=False, id="filters.edit"),
    ]

    class EditRequested(Message):
        """``index`` is None to add a new filter."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Removed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show_filters(self, filters: tuple[FilterDraft, ...]) -> None:
        keep = self.index
        self.clear()
        if not filters:
            self.append(
                ListItem(
                    Label("No filters — press a to add", classes="hint"), classes="placeholder"
                )
            )
            return
        for number, item in enumerate(filters, 1):
            text = Text(f"{number}. {describe_filter(item)}")
            self.append(ListItem(Label(text, classes="filter-row")))
        # once the old rows are gone (or the index follows them out): e / x / Enter act on it
        self.call_after_refresh(setattr, self, "index", min(keep or 0, len(filters) - 1))

    def _current(self) -> int | None:
        item = self.highlighted_child
        if item is None or item.has_class("placeholder"):
            return None
        return self.index

    def action_add(self) -> None:
        self.post_message(self.EditRequested(None))

    def action_edit(self) -> None:
        index = self._current()
        self.post_message(self.EditRequested(index))

    def action_remove(self) -> None:
        index = self._current()
        if index is not None:
            self.post_message(self.Removed(index))

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_edit()
