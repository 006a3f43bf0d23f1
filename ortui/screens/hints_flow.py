"""The filter editor's value suggestions: every result shown teaches the values it holds, and
the account's names (keys, members, workspaces) are fetched once, in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.results.table import ResultTable
from ortui.screens.guard import guarded
from ortui.screens.id_lookup import load_names

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class HintsFlow:
    """Owned by the explorer; feeds ``screen.value_hints`` (the filter editor reads it)."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    @guarded("learn the result's values")
    def result_shown(self, table: ResultTable) -> None:
        screen = self.screen
        screen.value_hints.remember(table)
        if screen.value_hints.directory is None:
            screen.run_worker(
                load_names(screen.names, screen.value_hints),
                group="names",
                exclusive=True,
                exit_on_error=False,
            )
