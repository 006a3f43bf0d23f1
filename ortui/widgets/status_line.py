"""One line about the last result: rows, truncation, timings, cache age and warnings."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from ortui.results.partial import footnote, partial_buckets
from ortui.results.table import ResultTable


def describe_result(
    table: ResultTable,
    client_ms: float,
    limit: int | None,
    now: datetime | None = None,
    width: int = 0,
) -> str:
    """The status text for a result, e.g. ``1,204 rows · server 42 ms · client 61 ms``; the
    partial buckets' note in the longest wording that fits ``width`` cells (0: the longest)."""
    warnings = [*table.warnings, *table.problems]
    parts = (
        [
            f"⚠ {len(warnings)} warning{'s' if len(warnings) > 1 else ''} (! reads "
            f"{'them' if len(warnings) > 1 else 'it'})"
        ]
        if warnings
        else []
    )
    parts.append(f"{table.row_count:,} rows")
    if table.truncated:
        parts.append(f"truncated at limit {limit or table.row_count:,} — totals are partial")
    parts.append(f"server {table.query_time_ms:,.0f} ms")
    parts.append(f"client {client_ms:,.0f} ms")
    if table.cached_at is not None:
        age = ((now or datetime.now(UTC)) - table.cached_at).total_seconds() / 60
        parts.append(f"cached {max(0, round(age))} min ago")
    for warning in table.warnings:
        parts.append(f"⚠ {warning}")
    for problem in table.problems:
        parts.append(f"⚠ {problem}")
    ends = partial_buckets(table, now)
    notes = [footnote(ends, table.granularity), footnote(ends, table.granularity, short=True)]
    wordings = [" · ".join([*parts, note]) for note in notes if note] or [" · ".join(parts)]
    fitting = (w for w in wordings if width <= 0 or cell_len(w) <= width)
    return next(fitting, wordings[-1])


class StatusLine(Static):
    """Shows progress while running and a summary afterwards; a click posts ``Clicked`` (the
    explorer opens the result's warnings whole)."""

    class Clicked(Message):
        """The status line was clicked."""

    def on_click(self) -> None:
        self.post_message(self.Clicked())

    def show_text(self, text: str, kind: str = "") -> None:
        """One line of a fixed size: a new text needs no layout of the screen (which would
        cost a frame), unless the line is sized by its content."""
        self.set_classes(kind)
        self.update(Text(text), layout=self.styles.auto_dimensions)
