"""Asks where and how to export the current result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ortui.widgets.quiet_input import QuietInput


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    fmt: str  # "csv" or "json"
    formatted: bool


def default_export_name(fmt: str, now: datetime | None = None) -> str:
    return f"ortui-{(now or datetime.now()):%Y%m%d-%H%M%S}.{fmt}"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """CSV or JSON, raw or formatted numbers, to a path: a timestamped name in ``folder`` (the
    ``export_dir`` setting, else the downloads folder — never silently the current
    directory). A relative name typed here goes into ``folder`` too."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.expanduser().absolute()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Export result", classes="dialog-title")
            yield Label("Format")
            yield Select(
                [("CSV", "csv"), ("JSON", "json")],
                value="csv",
                allow_blank=False,
                id="export-format",
            )
            yield Label("Numbers (CSV)")
            yield Select(
                [("raw (1234.5)", "raw"), ("as shown ($1,234.50)", "formatted")],
                value="raw",
                allow_blank=False,
                id="export-numbers",
            )
            yield Label("File")
            yield QuietInput(str(self.folder / default_export_name("csv")), id="export-path")
            yield Static("Enter exports · Esc cancels", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-format":
            path = self.query_one("#export-path", Input)
            stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
            path.value = f"{stem}.{event.value}"

    def on_input_submitted(self) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            return
        self.dismiss(
            ExportChoice(
                self.folder / Path(raw).expanduser(),
                str(self.query_one("#export-format", Select).value),
                self.query_one("#export-numbers", Select).value == "formatted",
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
