"""A multi-select that remembers the order of choice, with optional type-to-search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection

from ortui.widgets.compat import SteadyScrollbars, replace_option_prompts
from ortui.widgets.quiet_input import QuietInput


class _PickList(SteadyScrollbars, SelectionList[str]):
    """Tells its picker of a toggle at once rather than by message, so the check mark and the
    pick order are drawn in the same frame (a message arrives after the frame is drawn)."""

    def __init__(self, on_toggle: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_toggle = on_toggle

    def toggle(self, selection: Selection[str] | str) -> Self:
        super().toggle(selection)
        self._on_toggle(selection.value if isinstance(selection, Selection) else selection)
        return self

    def on_focus(self) -> None:
        """Reached by Tab, the list highlights its first option, so the first Space toggles
        it (with nothing highlighted, Space did nothing)."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def replace_prompts(self, prompts: dict[int, Text]) -> None:
        """Give several options new prompts, forgetting the drawings of those options only, so
        a search that dims one option does not redraw every visible one."""
        replace_option_prompts(self, prompts)


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

    def __init__(
        self, *, searchable: bool = False, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.searchable = searchable
        self.placeholder = placeholder
        self.options: list[tuple[str, str, str]] = []
        self.selected: list[str] = []
        self._needle = ""
        self._shown_state: list[tuple[bool, int, bool]] = []

    def compose(self) -> ComposeResult:
        if self.searchable:
            search = QuietInput(placeholder=self.placeholder, classes="picker-search")
            # Watched, not messaged: the list restyles in the keystroke's own frame.
            self.watch(search, "value", self._search, init=False)
            yield search
        yield _PickList(self._toggled, classes="picker-list")

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

    def _rebuild(self) -> None:
        """Replace every option (new meta or draft); typing and toggling only restyle them."""
        listing = self.selection_list
        with self.app.batch_update():
            listing.clear_options()
            listing.add_options(
                [Selection(self._prompt(*o), o[0], o[0] in self.selected) for o in self.options]
            )
        self._shown_state = [self._state(o[0], True) for o in self.options]
        self._restyle()

    def _state(self, value: str, match: bool) -> tuple[bool, int, bool]:
        order = self.selected.index(value) + 1 if value in self.selected else 0
        return match, order, len(self.selected) > 1

    def _matches(self, option: tuple[str, str, str]) -> bool:
        needle = self._needle.casefold()
        return not needle or needle in option[0].casefold() or needle in option[1].casefold()

    def _restyle(self) -> None:
        """Dim what does not match the search and move to the first match. The list keeps its
        length, so no keystroke ever re-lays out the screen."""
        listing = self.query_one(_PickList)
        first = None
        prompts: dict[int, Text] = {}
        for index, option in enumerate(self.options):
            match = self._matches(option)
            if match and first is None:
                first = index
            state = self._state(option[0], match)
            if self._shown_state[index] != state:
                self._shown_state[index] = state
                prompts[index] = self._prompt(*option, match=match)
        listing.replace_prompts(prompts)
        if first is not None and self._needle:
            listing.highlighted = first

    def _prompt(self, value: str, label: str, detail: str, match: bool = True) -> Text:
        mark = ("✓ ", "bold") if value in self.selected else "  "
        order = (
            f"\u00a0\u00a0#{self.selected.index(value) + 1}"
            if value in self.selected and len(self.selected) > 1
            else ""
        )
        # Spaces stay inside unstyled runs: Textual drops them at the edge of a styled span.
        text = Text.assemble(mark, label + (" " if detail else ""), (detail, "dim"), order)
        if not match:
            text.stylize("dim strike")
        return text

    def _search(self, needle: str) -> None:
        self._needle = needle
        self._restyle()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # handled by ``_search``

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box toggles the first match."""
        event.stop()
        first = next((o for o in self.options if self._matches(o)), None)
        if first is not None:
            self.selection_list.toggle(first[0])

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        event.stop()  # handled by ``_toggled``

    def _toggled(self, value: str) -> None:
        if value in self.selected:
            self.selected.remove(value)
        else:
            self.selected.append(value)
        self._restyle()
        self.post_message(self.Changed(self))
