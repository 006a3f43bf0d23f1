"""Queries run before: search, re-run (Enter) or save as a preset (ctrl+s)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from ortui.presets.history import History, HistoryEntry
from ortui.query.describe import describe_draft
from ortui.screens.guard import guarded
from ortui.screens.searchable_list import SearchableList


class HistoryScreen(SearchableList[HistoryEntry, tuple[str, HistoryEntry]]):
    """Returns ``("run", entry)`` or ``("save", entry)``, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save as preset", priority=True)
    ]
    TITLE_TEXT = "History"
    PLACEHOLDER = "type to search past queries"

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history

    def compose_details(self) -> list[Widget]:
        return [Static("", id="history-note", classes="hint")]

    @guarded("read the history")
    def on_mount(self) -> None:
        super().on_mount()
        entries, bad = self.history.entries()
        note = f"{len(entries):,} runs · Enter re-runs · ctrl+s saves as a preset"
        if bad:
            note += f" · {bad} unreadable line(s) in {self.history.path} skipped"
        self.query_one("#history-note", Static).update(Text(note))
        self.show_items(entries)

    def line(self, item: HistoryEntry) -> str:
        rows = f"{item.row_count:,} rows" if item.row_count is not None else item.outcome
        preset = f" [{item.preset}]" if item.preset else ""
        return (
            f"{item.time:%Y-%m-%d %H:%M}  {rows:>12}  {item.duration_ms:>7,.0f} ms  "
            f"{describe_draft(item.draft)}{preset}"
        )

    def choose(self, item: HistoryEntry) -> None:
        self.dismiss(("run", item))

    def action_save(self) -> None:
        if self.current is not None:
            self.dismiss(("save", self.current))
