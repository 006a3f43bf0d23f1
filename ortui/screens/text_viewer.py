"""A modal that shows long texts whole (server warnings), scrollable; Esc closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class TextViewer(ModalScreen[None]):
    """Each text is a paragraph, wrapped to the dialog's width; server text stays plain."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, title: str, texts: Sequence[str]) -> None:
        super().__init__()
        self.title_text = title
        self.texts = list(texts)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="text-viewer"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="text-viewer-body"):
                for text in self.texts:
                    yield Static(Text(text), classes="viewer-paragraph")
            yield Static("↑/↓ scroll · Esc closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#text-viewer-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
