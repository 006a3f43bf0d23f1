"""A modal list of choices: Enter picks the highlighted one, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ortui.widgets.breadcrumb import visible


class ChoiceDialog(ModalScreen[str | None]):
    """Returns the chosen option's id; prompts are plain text (never markup)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint or "Enter picks · Esc cancels"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            yield OptionList(
                *[Option(Text(visible(prompt)), id=key) for key, prompt in self.choices],
                id="choices",
            )
            yield Static(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
