"""Find in rows: ``/`` in the grid opens the find bar, Enter highlights the matching rows and
says how many, Esc closes it; and what the grid's sort means, said on the status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from ortui.screens.guard import guarded
from ortui.widgets.results_grid import ResultsGrid

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class FindFlow:
    """Owned by the explorer: the find bar (``#find``) under the grid."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    @property
    def bar(self) -> Input:
        return self.screen.query_one("#find", Input)

    def open(self) -> None:
        self.bar.remove_class("hidden")
        self.bar.focus()

    def close(self) -> bool:
        """Esc: hide the bar and go back to the grid; False when it was not open."""
        if self.bar.has_class("hidden"):
            return False
        self.bar.add_class("hidden")
        self.screen.grid.focus()
        return True

    @guarded("find in the rows")
    def submitted(self, needle: str) -> None:
        count = self.screen.grid.find(needle)
        self.screen.status.show_text(
            f"{count:,} matching rows: {needle!r} in a cell, any case (n / N to move)"
        )
        self.close()

    def sorted(self, message: ResultsGrid.Sorted) -> None:
        way = "descending" if message.descending else "ascending"
        note = (
            " — the result was truncated, so this sorts the fetched rows only"
            if message.partial
            else ""
        )
        self.screen.status.show_text(f"Sorted by {message.label}, {way}{note}")
