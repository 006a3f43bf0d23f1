"""The results grid's lines as strips: a text padded or cut to its column, the header with the
sort arrow, a row with its cursor, match and null styles."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ortui.results.partial import MARK
from ortui.results.shown_cells import ShownCells
from ortui.results.table import Column


def align(text: str, width: int, right: bool) -> str:
    """``text`` padded to a column ``width`` wide (cut with ``…`` when longer)."""
    if len(text) == width + 1 and text.endswith(MARK):  # a partial bucket's * takes the pad
        return f" {text}"
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f" {text:>{width}} " if right else f" {text:<{width}} "


def header_strip(
    columns: Sequence[Column],
    widths: list[int],
    sort_key: str | None,
    descending: bool,
    style: Style,
) -> Strip:
    """The column labels; the sorted one ends with its arrow, which is never cut off."""
    segments = []
    for column, width in zip(columns, widths, strict=True):
        label = column.label
        if column.key == sort_key:  # the arrow is never the part that is cut off
            arrow = " ▼" if descending else " ▲"
            room = max(0, width - len(arrow))
            label = (label if len(label) <= room else label[: max(0, room - 1)] + "…") + arrow
        segments.append(Segment(align(label, width, column.kind == "metric"), style))
    return Strip(segments)


def row_strip(
    shown: ShownCells,
    widths: list[int],
    row: int,
    styles: tuple[Style, Style],
    cursor: tuple[int, Style] | None,
) -> Strip:
    """Row ``row`` of the table: ``styles`` is the row's style and the one added to empty
    cells; ``cursor`` the column under the cursor and its style (None off the cursor row)."""
    assert shown.table is not None
    cells = shown.row(row)
    row_style, null_style = styles
    segments = []
    for index, (column, width) in enumerate(zip(shown.table.columns, widths, strict=True)):
        text = shown.fitted(index, cells[index], width)
        style = row_style
        if column.values[row] is None:
            style += null_style
        if cursor is not None and index == cursor[0]:
            style += cursor[1]
        segments.append(Segment(align(text, width, column.kind == "metric"), style))
    return Strip(segments)


def window(strip: Strip, x: int, width: int, style: Style) -> Strip:
    """``strip`` as seen through the grid's ``width`` cells from ``x`` (padded in ``style``)."""
    return strip.crop(x, x + width).extend_cell_length(width, style)
