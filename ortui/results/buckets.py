"""When a time bucket closes, by granularity (a month is a calendar month)."""

from __future__ import annotations

from datetime import datetime

from ortui.api.granularity import grain


def bucket_end(start: datetime, granularity: str | None) -> datetime | None:
    """When a bucket starting at ``start`` closes (``None`` for an unknown granularity)."""
    facts = grain(granularity)
    return facts.bucket_end(start) if facts else None
