"""Grid column widths: each column as wide as its content, and when the row is wider than the
screen, long text columns give way first so the metric columns stay in view."""

from __future__ import annotations

from ortui.results.formatting import NULL_TEXT, format_cell
from ortui.results.table import ResultTable

SAMPLE_ROWS = 400
MAX_WIDTH = 48
MIN_TEXT = 12  # a text column is never squeezed below this (or its content, if narrower)
PADDING = 2  # one space either side of every cell
KEEP = {"trend"}  # text columns never cut: a pivot's sparkline


def natural_widths(table: ResultTable) -> list[int]:
    """Widest of label and sampled cells (first, evenly spread, last), at most MAX_WIDTH."""
    rows = table.row_count
    step = max(1, rows // SAMPLE_ROWS)
    sample = list(range(0, rows, step))[:SAMPLE_ROWS] + ([rows - 1] if rows else [])
    widths = []
    for column in table.columns:
        texts = [format_cell(column.values[i], column, table.granularity) for i in sample]
        widest = max((len(t) for t in texts), default=0)
        widths.append(min(MAX_WIDTH, max(len(column.label), widest, len(NULL_TEXT))))
    return widths


def fit_widths(table: ResultTable, natural: list[int], available: int) -> list[int]:
    """Cap the text columns (dimensions, extras) at the largest width that lets every column
    fit in ``available`` cells; numbers and dates are never cut."""
    if sum(w + PADDING for w in natural) <= available:
        return natural
    text = [c.kind in ("dimension", "extra") and c.key not in KEEP for c in table.columns]
    floors = [min(w, MIN_TEXT) if is_text else w for w, is_text in zip(natural, text, strict=True)]

    def capped(cap: int) -> list[int]:
        return [
            max(floor, min(w, cap)) if is_text else w
            for w, floor, is_text in zip(natural, floors, text, strict=True)
        ]

    low, high = 0, max(natural, default=0)
    while low < high:  # the largest cap that fits
        middle = (low + high + 1) // 2
        if sum(w + PADDING for w in capped(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    return capped(low)
