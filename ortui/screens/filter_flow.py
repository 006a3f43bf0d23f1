"""The explorer's filter editing: one editor, built ahead of time, pushed for each edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.query.describe import describe_draft
from ortui.screens.guard import guarded_async
from ortui.widgets.compat import build_installed_screen

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen
    from ortui.screens.filter_editor import FilterEditor


class FilterFlow:
    """Owned by the explorer: Enter/``a`` on the filter list opens the editor on that filter
    (or a new one); its answer goes back to the builder."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        self._editor: FilterEditor | None = None

    async def prepare(self) -> FilterEditor:
        """The one filter editor, built (composed and mounted, not shown) on first use, or
        ahead of time by the explorer so that the first ``a`` opens it at once."""
        if self._editor is None:
            from ortui.screens.filter_editor import FilterEditor  # after the first frame

            self._editor = FilterEditor(self.screen.builder.meta, None)
            self.screen.app.install_screen(self._editor, f"filter-editor-{id(self)}")
            await build_installed_screen(self.screen.app, self._editor)
        return self._editor

    @guarded_async("edit the filter")
    async def edit(self, index: int | None) -> None:
        builder = self.screen.builder
        current = builder.draft.filters[index] if index is not None else None
        editor = await self.prepare()
        editor.edit(builder.meta, current, describe_draft(builder.draft), self.screen.value_hints)
        self.screen.app.push_screen(editor, lambda result: builder.edit_filter_done(index, result))
