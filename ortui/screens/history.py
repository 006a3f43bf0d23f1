"""Queries run before: search, re-run (Enter) or save as a preset (ctrl+s)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ortui.presets.describe import describe_draft
from ortui.presets.history import History, HistoryEntry


class HistoryScreen(ModalScreen[tuple[str, HistoryEntry] | None]):
    """Returns ``("run", entry)`` or ``("save", entry)``, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "save", "Save as preset", priority=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history
        self.entries: list[HistoryEntry] = []
        self.shown: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="history-dialog", classes="dialog wide"):
            yield Label("History", classes="dialog-title")
            yield Input(placeholder="type to search past queries", id="history-search")
            yield OptionList(id="history-list")
            yield Static("", id="history-note", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.entries, bad = self.history.entries()
        note = f"{len(self.entries):,} runs · Enter re-runs · ctrl+s saves as a preset"
        if bad:
            note += f" · {bad} unreadable line(s) in {self.history.path} skipped"
        self.query_one("#history-note", Static).update(Text(note))
        self.query_one("#history-search", Input).focus()
        self._filter("")

    @staticmethod
    def _line(entry: HistoryEntry) -> str:
        rows = f"{entry.row_count:,} rows" if entry.row_count is not None else entry.outcome
        preset = f" [{entry.preset}]" if entry.preset else ""
        return (f"{entry.time:%Y-%m-%d %H:%M}  {rows:>12}  {entry.duration_ms:>7,.0f} ms  "
                f"{describe_draft(entry.draft)}{preset}")

    def _filter(self, needle: str) -> None:
        needle = needle.casefold()
        self.shown = [e for e in self.entries if needle in self._line(e).casefold()]
        listing = self.query_one("#history-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(self._line(e))) for e in self.shown])
        if self.shown:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @property
    def current(self) -> HistoryEntry | None:
        index = self.query_one("#history-list", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def action_move(self, step: int) -> None:
        listing = self.query_one("#history-list", OptionList)
        if self.shown:
            listing.highlighted = max(0, min(len(self.shown) - 1,
                                             (listing.highlighted or 0) + step))

    def on_input_submitted(self) -> None:
        if self.current is not None:
            self.dismiss(("run", self.current))

    def on_option_list_option_selected(self) -> None:
        self.on_input_submitted()

    def action_save(self) -> None:
        if self.current is not None:
            self.dismiss(("save", self.current))

    def action_cancel(self) -> None:
        self.dismiss(None)
