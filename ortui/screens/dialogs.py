"""Small modal dialogs: a yes/no confirmation and a one- or two-field text prompt."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ortui.widgets.quiet_input import QuietInput


class Confirm(ModalScreen[bool]):
    """``y``/Enter confirms, ``n``/Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), id="confirm-question")  # names from files: no markup
            yield Static("y / Enter: yes · n / Esc: no", classes="hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextPrompt(ModalScreen[tuple[str, str] | None]):
    """Asks for a name (and optionally a description); Enter accepts, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, name: str = "", description: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.initial_name = name
        self.initial_description = description

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label("Name")
            yield QuietInput(self.initial_name, id="prompt-name")
            if self.initial_description is not None:
                yield Label("Description")
                yield QuietInput(self.initial_description, id="prompt-description")
            yield Static("", id="prompt-error", classes="field-error")
            yield Static(
                "Enter saves · Tab: next field · Esc cancels"
                if self.initial_description is not None
                else "Enter accepts · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#prompt-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field accepts (the description is optional: Tab reaches it)."""
        event.stop()
        name = self.query_one("#prompt-name", Input).value.strip()
        if not name:
            error = self.query_one("#prompt-error", Static)
            error.update("A name is needed.")
            error.add_class("shown")
            self.query_one("#prompt-name", Input).focus()
            return
        description = (
            self.query_one("#prompt-description", Input).value.strip()
            if self.initial_description is not None
            else ""
        )
        self.dismiss((name, description))

    def action_cancel(self) -> None:
        self.dismiss(None)
