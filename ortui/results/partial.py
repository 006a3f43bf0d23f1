"""Buckets only partly inside the result: the oldest when the range starts inside it ("last 7
days" from 14:10 starts mid-day), the newest when it closes after the range ends or after now
(still in progress). Read as whole, either looks like a drop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ortui.results.buckets import bucket_end
from ortui.results.formatting import format_time
from ortui.results.table import ResultTable

MARK = "*"


@dataclass(frozen=True)
class PartialBuckets:
    """The partial ends of a time series (None where that end is whole)."""

    first: datetime | None = None
    last: datetime | None = None
    in_progress: bool = False  # the newest has not closed yet (today, this hour)

    @property
    def times(self) -> frozenset[datetime]:
        return frozenset(t for t in (self.first, self.last) if t is not None)


def partial_ends(
    times: list[datetime],
    granularity: str | None,
    span: tuple[datetime, datetime] | None,
    now: datetime | None = None,
) -> PartialBuckets:
    """Which end buckets the range ``span`` (start, end; None: unknown) covers only in part,
    from each bucket's own bounds — so local days, DST days and calendar months count right."""
    if not times or bucket_end(times[0], granularity) is None:
        return PartialBuckets()
    now = now or datetime.now(UTC)
    first, last = min(times), max(times)
    data_end = min(span[1], now) if span is not None else now
    last_end, first_end = bucket_end(last, granularity), bucket_end(first, granularity)
    assert last_end is not None and first_end is not None
    newest = last if last < data_end < last_end else None
    oldest = first if span is not None and first < span[0] < first_end else None
    return PartialBuckets(oldest, newest, newest is not None and last_end > now)


def partial_buckets(table: ResultTable | None, now: datetime | None = None) -> PartialBuckets:
    """The partial ends of ``table``'s time column, against the range it was asked for."""
    time = table.time_column if table is not None else None
    if table is None or time is None:
        return PartialBuckets()
    times = [t for t in time.values if isinstance(t, datetime)]
    return partial_ends(times, table.granularity, table.span, now)


def footnote(partial: PartialBuckets, granularity: str | None, short: bool = False) -> str | None:
    """``* partial: 2026-11-22 (range starts inside), 2026-11-29 (in progress)`` — short
    enough for the status line beside the timings — or None when every bucket is whole;
    ``short``: the dates alone (``* partial: 2026-11-22, 2026-11-29``)."""
    if short:
        dates = [format_time(t, granularity) for t in sorted(partial.times)]
        return f"{MARK} partial: {', '.join(dates)}" if dates else None
    parts = []
    if partial.first is not None:
        parts.append(f"{format_time(partial.first, granularity)} (range starts inside)")
    if partial.last is not None and partial.last != partial.first:
        why = "in progress" if partial.in_progress else "range ends inside"
        parts.append(f"{format_time(partial.last, granularity)} ({why})")
    elif partial.last is not None:
        parts[-1:] = [f"{format_time(partial.last, granularity)} (range covers part)"]
    if not parts:
        return None
    return f"{MARK} partial: {', '.join(parts)}"
