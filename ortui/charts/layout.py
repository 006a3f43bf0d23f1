"""What every chart kind shares: title and legend on top, y axis on the left, notes below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortui.charts.canvas import Canvas
from ortui.charts.scale import Axis

MARKERS = ("●", "x", "+", "o", "■", "◆", "▲", "△", "#", "=")  # "*" marks a partial bucket
FILLS = ("█", "▓", "▒", "░", "▚", "#", "=", "+", ":", "%")
OTHER = "other"
SWATCH = "■"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    role: int | str
    symbol: str  # what stands for the series without colour


LegendRow = list[tuple[str, int | str | None]]
NOTE_ROLES = ("mark", "muted")  # what the chart's marks mean, never left out for a series


def wrap_legend(
    title: str, entries: Sequence[LegendEntry], width: int, colour: bool, max_rows: int
) -> list[LegendRow]:
    """Rows of (text, role): the title first, then "■ label" entries wrapped to ``width`` in
    at most ``max_rows`` rows. A label is shown whole or not at all: when they do not all
    fit, the first series (by rank) are shown and "+k more" counts the rest."""
    series = [e for e in entries if e.role not in NOTE_ROLES]
    notes = [e for e in entries if e.role in NOTE_ROLES]
    for shown in range(len(series), -1, -1):
        rows = _flow(title, [*series[:shown], *notes], len(series) - shown, width, colour)
        if rows is not None and len(rows) <= max_rows:
            return rows
    return [[(title, "title")]]


def _flow(
    title: str, entries: Sequence[LegendEntry], hidden: int, width: int, colour: bool
) -> list[LegendRow] | None:
    """Entries placed left to right, a new row when the next would pass ``width``; None when
    one is wider than a row by itself."""
    items = [
        (SWATCH if colour and e.role != "mark" else e.symbol, e.role, e.label) for e in entries
    ]
    if hidden:
        more = (f"+{hidden} more", "muted", "")
        items.insert(len(items) - sum(e.role in NOTE_ROLES for e in entries), more)
    rows: list[LegendRow] = [[(title, "title")]]
    used = len(title)
    for symbol, role, label in items:
        size = len(symbol) + (1 + len(label) if label else 0)
        if size > width:
            return None
        gap = "   " if used else ""
        if used + len(gap) + size > width:
            rows.append([])
            used, gap = 0, ""
        rows[-1].append((gap + symbol, role))
        if label:
            rows[-1].append((" " + label, "label"))
        used += len(gap) + size
    return rows


def paint_rows(canvas: Canvas, top: int, rows: list[list[tuple[str, int | str | None]]]) -> None:
    for offset, row in enumerate(rows):
        x = 0
        for text, role in row:
            canvas.text(x, top + offset, text, role)
            x += len(text)


def wrap_note(note: str, width: int, max_rows: int) -> list[str]:
    words, rows = note.split(), [""]
    for word in words:
        if rows[-1] and len(rows[-1]) + 1 + len(word) > width:
            if len(rows) == max_rows:
                rows[-1] = rows[-1][: max(0, width - 1)] + "…"
                break
            rows.append("")
        rows[-1] = f"{rows[-1]} {word}".strip()
    return [r[:width] for r in rows if r]


def tick_row(value: float, axis: Axis, plot_rows: int) -> int:
    """The cell row (0 = top of the plot) of a value, at braille (¼ cell) resolution."""
    return value_dot(value, axis, plot_rows) // 4


def value_dot(value: float, axis: Axis, plot_rows: int) -> int:
    """The dot row (0 = top) of a value on a ``plot_rows``-high braille area."""
    dots = 4 * plot_rows - 1
    return min(dots, max(0, round((axis.top - value) / axis.span * dots)))


def y_axis(canvas: Canvas, axis: Axis, top: int, plot_rows: int) -> int:
    """Tick labels right-aligned left of a vertical line; returns the line's column."""
    labels = [(axis.label(t), tick_row(t, axis, plot_rows)) for t in axis.ticks]
    gutter = max(len(text) for text, _ in labels) + 1
    for row in range(plot_rows):
        canvas.put(gutter, top + row, "│", "axis")
    used: set[int] = set()
    for text, row in reversed(labels):
        if row in used:
            continue
        used.add(row)
        canvas.text(gutter - 1 - len(text), top + row, text, "axis")
        canvas.put(gutter, top + row, "┤", "axis")
    return gutter


def y_ticks(plot_rows: int) -> int:
    """How many ticks a value axis gets: one every other row at most, 2 to 6."""
    return max(2, min(6, plot_rows // 2 + 1))
