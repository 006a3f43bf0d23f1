"""Each time grain's facts, in one table: bucket size and keys, the longest range the API
allows, how a bucket's time is shown, whether local days can be added up from hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Grain:
    """One granularity of ``/analytics/query`` (REFERENCE.md)."""

    name: str
    #: Nominal bucket size (a month counts as 30 days), for estimating bucket counts.
    span: timedelta
    #: The longest time range the API accepts at this grain, and that limit in words.
    max_range: timedelta | None = None
    max_range_text: str = ""
    #: Buckets start within a day, so their times are shown with hours and minutes.
    clock_time: bool = False
    #: Local days, weeks or months can be added up from the API's hourly buckets.
    from_hours: bool = False

    def bucket_end(self, start: datetime) -> datetime:
        """When the bucket starting at ``start`` closes (a month is a calendar month)."""
        if self.name == "month":
            year, month = divmod(start.month, 12)
            return start.replace(year=start.year + year, month=month + 1)
        return start + self.span


GRAINS: dict[str, Grain] = {
    grain.name: grain
    for grain in (
        Grain("minute", timedelta(minutes=1), timedelta(hours=3), "3 hours", clock_time=True),
        Grain("hour", timedelta(hours=1), timedelta(days=31), "31 days", clock_time=True),
        Grain("day", timedelta(days=1), from_hours=True),
        Grain("week", timedelta(weeks=1), from_hours=True),
        Grain("month", timedelta(days=30), from_hours=True),
    )
}


def bucket_keys(name: str) -> tuple[str, str]:
    """The keys a bucket of grain ``name`` arrives under: ``date__<g>`` (rollup-backed
    queries) or ``created_at__<g>`` (raw-generation queries); any name meta offers."""
    return f"date__{name}", f"created_at__{name}"


def grain(name: str | None) -> Grain | None:
    """The facts of the grain called ``name`` (None for none or one the docs do not list)."""
    return GRAINS.get(name or "")
