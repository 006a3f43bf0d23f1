"""A virtualised results grid on Textual's Line API: only visible rows are ever formatted."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ortui.export.renderers import to_delimited
from ortui.results.column_widths import fit_widths, natural_widths
from ortui.results.pivot import can_pivot, pivot_table
from ortui.results.prepared_grid import PreparedGrid
from ortui.results.shown_cells import ShownCells
from ortui.results.sorting import find_rows, sorted_order
from ortui.results.table import ResultTable
from ortui.widgets.compat import SteadyScrollbars, set_virtual_size
from ortui.widgets.grid_lines import header_strip, row_strip, window
from ortui.widgets.results_grid_keys import GRID_BINDINGS


class ResultsGrid(SteadyScrollbars, ScrollView, can_focus=True):
    """Shows a ResultTable; sort by column (s), find (/ then n / N), cell cursor."""

    BINDINGS: ClassVar[list[BindingType]] = GRID_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results-grid--header",
        "results-grid--cursor",
        "results-grid--match",
        "results-grid--null",
        "results-grid--cursor-row",
    }

    class FindRequested(Message):
        """The user pressed ``/``; the screen shows the find bar."""

    class CopyRequested(Message):
        """``what`` is ``cell``, ``row`` or ``result``; the screen puts text on the clipboard."""

        def __init__(self, what: str, text: str, formatted: bool = False) -> None:
            super().__init__()
            self.what = what
            self.text = text
            self.formatted = formatted

    class ExportRequested(Message):
        """The user pressed ``e``."""

    class Sorted(Message):
        def __init__(self, label: str, descending: bool, partial: bool) -> None:
            super().__init__()
            self.label = label
            self.descending = descending
            self.partial = partial

    def __init__(
        self, *, id: str | None = None, find_and_export: bool = True, pivot: bool = True
    ) -> None:
        super().__init__(id=id)
        #: False where the screen has no find bar or export dialog: ``/`` and ``e`` are hidden.
        self.find_and_export = find_and_export
        #: False where results are never time series (explain's groups): ``v`` is hidden.
        self.offers_pivot = pivot
        self.table: ResultTable | None = None
        self.order: list[int] = []
        self.widths: list[int] = []
        self._natural: list[int] = []
        self.cursor_row = 0
        self.cursor_col = 0
        self.sort_key: str | None = None
        self.sort_desc = True
        self.matches: list[int] = []
        self._match_set: set[int] = set()
        self._shown = ShownCells()
        self.source: ResultTable | None = None  # the result as received (never pivoted)
        self.pivoted = False
        self.pivot_metric: str | None = None

    def set_table(self, table: ResultTable | None, prepared: PreparedGrid | None = None) -> None:
        """Show a new result (pivoted if the pivot view is on and the result has buckets);
        ``prepared`` is what was made ready for it off the UI thread."""
        self.source = table
        if not (self.pivoted and can_pivot(table) and table is not None):
            self._show(table, prepared.natural if prepared else None)
        elif prepared is not None and prepared.pivot is not None:
            self.pivot_metric = prepared.pivot_metric
            self._show(prepared.pivot, prepared.pivot_natural)
        else:
            self._show(pivot_table(table, self.pivot_metric))

    def set_pivot_metric(self, key: str | None) -> None:
        """The metric the pivot view shows (the chart's); re-pivots if it changed."""
        if key != self.pivot_metric:
            self.pivot_metric = key
            if self.pivoted:
                self.set_table(self.source)

    def action_pivot(self) -> None:
        """Toggle the pivot view: a row per dimension value, a column per bucket."""
        if not self.pivoted and not can_pivot(self.source):
            self.notify(
                "The pivot view needs a time series: choose a granularity.",
                severity="warning",
                timeout=4,
            )
            return
        self.pivoted = not self.pivoted
        self.set_table(self.source)

    def _show(self, table: ResultTable | None, natural: list[int] | None = None) -> None:
        """Cost is independent of the table's size (sampled column widths)."""
        self.table = table
        self._shown = ShownCells(table)
        self.matches, self._match_set = [], set()
        self.sort_key, self.sort_desc = None, True
        self.cursor_row = self.cursor_col = 0
        rows = table.row_count if table else 0
        self.order = list(range(rows))
        self.widths = self._measure(natural) if table else []
        # The grid's size never follows its rows: the scrollbars are settled now, and the
        # screen is laid out only if one appears or goes (left to the next layout, each one
        # that appears costs another layout and another frame before the grid is final).
        set_virtual_size(self, Size(sum(w + 2 for w in self.widths), rows + 1))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _measure(self, natural: list[int] | None = None) -> list[int]:
        assert self.table is not None
        if natural is None or len(natural) != len(self.table.columns):
            natural = natural_widths(self.table)
        self._natural = natural
        return fit_widths(self.table, self._natural, self._room())

    def _room(self) -> int:
        """Cells a row may take without scrolling sideways (the vertical scrollbar reserved)."""
        width = self.size.width - self.styles.scrollbar_size_vertical
        return width if width > 0 else 10**6

    def on_resize(self) -> None:
        if self.table is not None and self._natural:
            self.widths = fit_widths(self.table, self._natural, self._room())
            self.virtual_size = Size(sum(w + 2 for w in self.widths), self.table.row_count + 1)
            self.refresh()

    def cell_text(self, position: int, column: int) -> str:
        """The shown text of a cell by display position (after sorting)."""
        return self._shown.row(self.order[position])[column]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if self.table is None or not self.table.columns:
            if y != 1:
                return Strip.blank(width, base)
            hint = (
                " No result yet: build a query and press F5 (ctrl+r)."
                if self.table is None
                else " The query returned no columns."
            )
            null = self.get_component_rich_style("results-grid--null")
            return window(Strip([Segment(hint, base + null)]), 0, width, base)
        if y == 0:
            return window(self._header_strip(), scroll_x, width, base)
        position = scroll_y + y - 1
        if position >= len(self.order):
            return Strip.blank(width, base)
        return window(self._row_strip(position), scroll_x, width, base)

    def _header_strip(self) -> Strip:
        assert self.table is not None
        style = self.get_component_rich_style("results-grid--header")
        return header_strip(self.table.columns, self.widths, self.sort_key, self.sort_desc, style)

    def _row_strip(self, position: int) -> Strip:
        is_cursor_row = position == self.cursor_row and self.has_focus
        row_style = (
            self.get_component_rich_style("results-grid--cursor-row") if is_cursor_row else Style()
        )
        if position in self._match_set:
            row_style += self.get_component_rich_style("results-grid--match")
        null_style = self.get_component_rich_style("results-grid--null")
        cursor = self.get_component_rich_style("results-grid--cursor") if is_cursor_row else None
        return row_strip(
            self._shown,
            self.widths,
            self.order[position],
            (self.rich_style + row_style, null_style),
            None if cursor is None else (self.cursor_col, cursor),
        )

    # Cursor and scrolling

    def _column_span(self, index: int) -> tuple[int, int]:
        start = sum(w + 2 for w in self.widths[:index])
        return start, start + self.widths[index] + 2

    def _show_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            top = self.cursor_row
        elif self.cursor_row >= top + visible:
            top = self.cursor_row - visible + 1
        left, right = self._column_span(self.cursor_col) if self.widths else (0, 0)
        x = self.scroll_offset.x
        if left < x:
            x = left
        elif right > x + self.size.width:
            x = right - self.size.width
        self.scroll_to(x, top, animate=False)
        self.refresh()

    def move_cursor(self, row: int, column: int | None = None) -> None:
        self.cursor_row = max(0, min(row, len(self.order) - 1))
        if column is not None and self.widths:
            self.cursor_col = max(0, min(column, len(self.widths) - 1))
        self._show_cursor()

    def action_move(self, rows: int, columns: int) -> None:
        self.move_cursor(self.cursor_row + rows, self.cursor_col + columns)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * max(1, self.size.height - 2))

    def action_edge(self, direction: int) -> None:
        self.move_cursor(0 if direction < 0 else len(self.order) - 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Sorting and finding

    def sort_by(self, key: str, descending: bool) -> None:
        if self.table is None:
            return
        self.sort_key, self.sort_desc = key, descending
        self.order = sorted_order(self.table, key, descending)
        self.matches, self._match_set = [], set()
        self.move_cursor(0)
        column = self.table.column(key)
        self.post_message(
            self.Sorted(column.label if column else key, descending, self.table.truncated)
        )

    def action_sort(self) -> None:
        if self.table is None or not self.table.columns:
            return
        key = self.table.columns[self.cursor_col].key
        descending = not self.sort_desc if key == self.sort_key else True
        self.sort_by(key, descending)

    def action_copy(self, what: str, formatted: bool | None = None) -> None:
        """``y`` the cell as shown; ``Y``/``t`` the row/result as TSV with a header row and raw
        numbers that paste into a spreadsheet as numbers (``formatted``: as shown, $1,234.50;
        the ``copy_formatted`` setting makes that the default)."""
        if self.table is None or not self.order:
            return
        if formatted is None:
            settings = getattr(self.app, "preferences", None)
            formatted = bool(getattr(settings, "copy_formatted", False))
        position = self.cursor_row
        if what == "cell":
            text = self.cell_text(position, self.cursor_col)
        elif what == "row":
            text = to_delimited(self.table, "\t", formatted, [self.order[position]], "labels")
        else:
            text = to_delimited(self.table, "\t", formatted, self.order, "labels")
        self.post_message(self.CopyRequested(what, text, formatted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pivot":
            return self.offers_pivot
        return self.find_and_export or action not in ("find", "export", "next_match")

    def action_export(self) -> None:
        if self.table is not None:
            self.post_message(self.ExportRequested())

    def action_find(self) -> None:
        self.post_message(self.FindRequested())

    def find(self, needle: str) -> int:
        """Highlight rows containing ``needle`` and jump to the first; returns the count."""
        if self.table is None:
            return 0
        self.matches = find_rows(self.table, needle, self.order)
        self._match_set = set(self.matches)
        if self.matches:
            self.move_cursor(self.matches[0])
        self.refresh()
        return len(self.matches)

    def action_next_match(self, step: int) -> None:
        if not self.matches:
            return
        after = [m for m in self.matches if (m - self.cursor_row) * step > 0]
        target = (
            (min(after) if step > 0 else max(after))
            if after
            else (self.matches[0] if step > 0 else self.matches[-1])
        )
        self.move_cursor(target)
