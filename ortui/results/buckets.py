"""When a time bucket closes, by granularity (a month is a calendar month)."""

from __future__ import annotations

from datetime import datetime, timedelta

STEPS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1),
         "week": timedelta(days=7)}


def bucket_end(start: datetime, granularity: str | None) -> datetime | None:
    """When a bucket starting at ``start`` closes (``None`` for an unknown granularity)."""
    if granularity == "month":
        year, month = divmod(start.month, 12)
        return start.replace(year=start.year + year, month=month + 1)
    step = STEPS.get(granularity or "")
    return start + step if step else None
