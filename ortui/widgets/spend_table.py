"""A table of keys or budgets against their limits: a % bar, pace coloured when it will cross."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ortui.spend.pace import Pace
from ortui.spend.periods import reset_label
from ortui.spend.wording import pct, usd, when

BAR_WIDTH = 6
COLUMNS = ("Name", "Used", "Pace", "Crosses", "Status", "Spent / limit", "Workspace")


@dataclass(frozen=True)
class LimitRow:
    """One key or budget as a row; ``target`` is the explorer filter (field, id) it opens."""

    name: str
    workspace: str
    limit: float | None
    reset: str | None
    pace: Pace
    status: str
    target: tuple[str, str]


def usage_bar(used_pct: float | None, width: int = BAR_WIDTH) -> str:
    """``████░░░░ 50.0%``; a full bar beyond 100 %; blank without a limit."""
    if used_pct is None:
        return " " * width + " —"
    filled = round(min(max(used_pct, 0.0), 100.0) / 100 * width)
    return "█" * filled + "░" * (width - filled) + f" {pct(used_pct)}"


def crossing_text(pace: Pace, now: datetime) -> str:
    if pace.exceeded:
        return "over"
    return when(pace.crosses_at, now).removesuffix(" UTC") if pace.crosses_at else "—"


class SpendTable(DataTable[Text]):
    """Rows of :class:`LimitRow`; Enter (row selected) reports the row's target."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_shown: list[LimitRow] = []

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def show(self, rows: list[LimitRow], now: datetime, styles: dict[str, str]) -> None:
        """Replace the rows, keeping the cursor on the same line when it still exists."""
        cursor = self.cursor_row
        self.clear()
        self.rows_shown = rows
        for row in rows:
            self.add_row(*self._cells(row, now, styles))
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1))

    def _cells(self, row: LimitRow, now: datetime, styles: dict[str, str]) -> list[Text]:
        pace = row.pace
        hot = styles["over"] if pace.exceeded else styles["warn"] if pace.will_exceed else ""
        mark = "▲ " if pace.will_exceed and not pace.exceeded else "✖ " if pace.exceeded else ""
        limit = "no limit" if row.limit is None else f"{usd(row.limit)} {reset_label(row.reset)}"
        return [
            Text(row.name),
            Text(usage_bar(pace.used_pct), style=hot),
            Text(mark + usd(pace.projected), style=hot),
            Text(crossing_text(pace, now), style=hot),
            Text(row.status, style=styles["muted"] if row.status else ""),
            Text(f"{usd(pace.spent)} / {limit}"),
            Text(row.workspace),
        ]
