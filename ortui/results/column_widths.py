"""Grid column widths: each column as wide as its content, and when the row is wider than the
screen, long text columns give way first so the metric columns stay in view."""

from __future__ import annotations

from ortui.results.formatting import empty_text, format_cell
from ortui.results.table import ResultTable

SAMPLE_ROWS = 400
MAX_WIDTH = 48
MIN_TEXT = 12  # text columns are cut to this first (or their content, if narrower) …
TIGHT_TEXT = 6  # … and further, down to this, only when the metric columns would not fit
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
        widths.append(min(MAX_WIDTH, max(len(column.label), widest, len(empty_text(column)))))
    return widths


def fit_widths(table: ResultTable, natural: list[int], available: int) -> list[int]:
    """Cap the text columns (dimensions, extras) at the largest width that lets every column
    fit in ``available`` cells; numbers and dates are never cut. Text gives way down to
    MIN_TEXT, and down to TIGHT_TEXT when that is what it takes to show every metric whole
    (when nothing makes them fit, the row scrolls sideways with text kept at MIN_TEXT)."""
    if _width(natural) <= available:
        return natural
    text = [c.kind in ("dimension", "extra") and c.key not in KEEP for c in table.columns]
    tight = _capped(natural, text, TIGHT_TEXT, _largest_cap(natural, text, available))
    if _width(tight) <= available:
        return tight
    return _capped(natural, text, MIN_TEXT, MIN_TEXT)


def _width(widths: list[int]) -> int:
    return sum(w + PADDING for w in widths)


def _capped(natural: list[int], text: list[bool], floor: int, cap: int) -> list[int]:
    """Text columns cut to ``cap``, never below ``floor`` (or their content, if narrower)."""
    return [
        max(min(w, floor), min(w, cap)) if is_text else w
        for w, is_text in zip(natural, text, strict=True)
    ]


def _largest_cap(natural: list[int], text: list[bool], available: int) -> int:
    low, high = 0, max(natural, default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(_capped(natural, text, TIGHT_TEXT, middle)) <= available:
            low = middle
        else:
            high = middle - 1
    return low
