"""Asks for the management key in a masked input; offers to save it in the OS keyring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from ortui.api.errors import MANAGEMENT_KEYS_URL
from ortui.auth.secret import Secret, too_short
from ortui.widgets.quiet_input import QuietInput


@dataclass(frozen=True)
class KeyEntry:
    """What the user typed (masked everywhere) and whether to keep it in the keyring."""

    key: Secret
    save: bool


class KeyPrompt(ModalScreen[KeyEntry | None]):
    """Returns the typed key, or None when cancelled. ``keyring_problem`` disables saving."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str = "", keyring_problem: str | None = None) -> None:
        super().__init__()
        self.note = note
        self.keyring_problem = keyring_problem

    def compose(self) -> ComposeResult:
        with Vertical(id="key-dialog"):
            yield Label("OpenRouter management key", classes="dialog-title")
            yield Static(
                "The analytics API needs a management key (create one at "
                f"{MANAGEMENT_KEYS_URL}). Ordinary inference keys get 403.",
                classes="hint",
            )
            if self.note:
                yield Static(self.note, classes="hint", id="key-note")
            yield QuietInput(password=True, placeholder="sk-or-v1-…", id="key-input")
            yield Static("", classes="field-error", id="key-problem")
            yield Checkbox(
                "Save it in the OS keyring (service 'ortui')",
                value=self.keyring_problem is None,
                disabled=self.keyring_problem is not None,
                id="key-save",
            )
            if self.keyring_problem:
                yield Static(self.keyring_problem, classes="hint", id="keyring-problem")
            yield Static("Enter uses it · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        event.input.value = ""
        problem = too_short(value) if value else None
        if problem is not None:
            shown = self.query_one("#key-problem", Static)
            shown.update(problem[0].upper() + problem[1:] + ".")
            shown.add_class("shown")
            return
        save = self.query_one("#key-save", Checkbox)
        self.dismiss(KeyEntry(Secret(value), save.value and not save.disabled) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
