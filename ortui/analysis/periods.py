"""Which earlier window to compare with: the previous equal window, N days ago, a year ago."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ortui.query.time_range import TimeRangeError

_AGO = re.compile(r"^(\d{1,4})\s*(h|d|w|hours?|days?|weeks?)\s+ago$")
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}
MAX_AGO = timedelta(days=3660)


@dataclass(frozen=True)
class Shift:
    """How far back the earlier window lies: a fixed span or whole calendar months."""

    span: timedelta = timedelta(0)
    months: int = 0

    def back(self, moment: datetime) -> datetime:
        """``moment`` moved back by this shift (months keep the day, clamped to month end)."""
        return _add_months(moment, -self.months) - self.span

    def forward(self, moment: datetime) -> datetime:
        """The inverse of ``back``: an earlier bucket moved onto the current axis."""
        return _add_months(moment + self.span, self.months)

    @property
    def label(self) -> str:
        if self.months:
            years, months = divmod(self.months, 12)
            return f"{years} year(s) earlier" if not months else f"{self.months} month(s) earlier"
        return f"{_describe(self.span)} earlier"


@dataclass(frozen=True)
class CompareSpec:
    """``previous`` (the preceding window of equal length), ``N d ago``, ``previous-month``
    (one calendar month back) or ``previous-year``."""

    kind: str  # "previous", "ago", "month" or "year"
    ago: timedelta = timedelta(0)

    @property
    def text(self) -> str:
        if self.kind == "ago":
            return f"{_describe(self.ago)} ago"
        return {"previous": "previous", "month": "previous-month"}.get(self.kind, "previous-year")

    @property
    def label(self) -> str:
        """In words, for menus and status lines."""
        return {
            "previous": "the previous period",
            "month": "the same window a month earlier",
            "year": "the same window a year earlier",
        }.get(self.kind) or (
            "the same window a week earlier"
            if self.ago == timedelta(days=7)
            else f"the same window {_describe(self.ago)} earlier"
        )


#: What the explorer's "compare with…" offers; ``ortui query --compare`` takes the same words.
COMPARE_CHOICES = ("previous", "7d ago", "previous-month", "previous-year")


def parse_compare(text: str) -> CompareSpec:
    """``previous``, ``previous-year``, ``7d ago``, ``7 d ago``, ``2 weeks ago``, ``36h ago``."""
    raw = " ".join(text.strip().lower().split())
    if raw in ("previous", "prev", "previous-period"):
        return CompareSpec("previous")
    if raw in ("previous-year", "prev-year", "year", "1y ago", "1 year ago"):
        return CompareSpec("year")
    if raw in ("previous-month", "prev-month", "month", "1 month ago"):
        return CompareSpec("month")
    match = _AGO.match(raw)
    if match:
        hours = int(match.group(1)) * _UNIT_HOURS[match.group(2)[0]]
        if hours > 0 and timedelta(hours=hours) <= MAX_AGO:
            return CompareSpec("ago", timedelta(hours=hours))
    raise TimeRangeError(
        f"cannot compare with '{text}': use previous, previous-month, previous-year or "
        "'N d ago' (also 'N h ago', 'N w ago')"
    )


def previous_window(
    start: datetime, end: datetime, spec: CompareSpec
) -> tuple[datetime, datetime, Shift]:
    """The earlier window for ``start``–``end`` and the shift that maps it onto the current one.

    ``previous`` is the preceding window of equal length; a window of whole calendar months
    (e.g. the previous month) is compared with the same number of months before it.
    """
    if spec.kind == "ago":
        shift = Shift(span=spec.ago)
    elif spec.kind == "year":
        shift = Shift(months=12)
    elif spec.kind == "month":
        shift = Shift(months=1)
    else:
        months = _whole_months(start, end)
        shift = Shift(months=months) if months else Shift(span=end - start)
    earlier_start, earlier_end = shift.back(start), shift.back(end)
    if earlier_end > start:
        raise TimeRangeError(
            f"the range is longer than {shift.label.removesuffix(' earlier')}"
            ": the two windows would overlap"
        )
    return earlier_start, earlier_end, shift


def _whole_months(start: datetime, end: datetime) -> int:
    """How many calendar months ``start``–``end`` spans exactly (0 when not whole months)."""

    def at_month_start(moment: datetime) -> bool:
        return moment.day == 1 and moment.time() == datetime.min.time()

    if not (at_month_start(start) and at_month_start(end)):
        return 0
    return (end.year - start.year) * 12 + end.month - start.month


def _add_months(moment: datetime, months: int) -> datetime:
    if not months:
        return moment
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, _month_length(year, month + 1))
    return moment.replace(year=year, month=month + 1, day=day)


def _month_length(year: int, month: int) -> int:
    following = datetime(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _describe(span: timedelta) -> str:
    hours = int(span.total_seconds() // 3600)
    if hours % 24:
        return f"{hours} h" if span.total_seconds() % 3600 == 0 else str(span)
    days = hours // 24
    return f"{days} d"
