"""Asks for the management key in a masked input; never echoes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ortui.api.errors import MANAGEMENT_KEYS_URL
from ortui.auth.secret import Secret


class KeyPrompt(ModalScreen[Secret | None]):
    """Returns the typed key wrapped in a Secret, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str = "") -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="key-dialog"):
            yield Label("OpenRouter management key", classes="dialog-title")
            yield Static(
                "The analytics API needs a management key (create one at "
                f"{MANAGEMENT_KEYS_URL}). Ordinary inference keys get 403.", classes="hint")
            if self.note:
                yield Static(self.note, classes="hint")
            yield Input(password=True, placeholder="sk-or-v1-…", id="key-input")
            yield Static("Enter to use it for this session · Esc to cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        event.input.value = ""
        self.dismiss(Secret(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
