"""Date labels for buckets: each one under its own bucket's column, the last always shown."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from datetime import datetime

PARTIAL_MARK = "*"


def label_format(times: Sequence[datetime], granularity: str | None) -> str:
    """strftime pattern short enough to label often, long enough to be unambiguous."""
    fine = granularity in ("minute", "hour") or any(t.hour or t.minute for t in times)
    one_day = len({t.date() for t in times}) <= 1
    one_year = len({t.year for t in times}) <= 1
    if granularity == "month":
        return "%Y-%m"
    if fine:
        return "%H:%M" if one_day else "%m-%d %H:%M"
    return "%m-%d" if one_year else "%Y-%m-%d"


def bucket_labels(
    times: Sequence[datetime], granularity: str | None, partial: Collection[datetime | None]
) -> list[str]:
    """One label a bucket, in the bucket's own time zone; partial ones end with ``*``."""
    pattern = label_format(times, granularity)
    return [t.strftime(pattern) + (PARTIAL_MARK if t in partial else "") for t in times]


def _span(anchor: int, text: str, left: int, right: int) -> tuple[int, int, str] | None:
    """The label centred on its anchor, pushed inside ``left``..``right``, still covering it."""
    width = len(text)
    start = max(anchor - width // 2, left)
    start = min(start, right - width)
    if start < left or start > anchor or start + width <= anchor:
        return None
    return start, anchor, text


def place_labels(
    anchors: Sequence[int], labels: Sequence[str], left: int, right: int
) -> list[tuple[int, int, str]]:
    """(start column, anchor column, text) of the labels shown, each covering its anchor.

    Every ``stride``-th bucket counted back from the last (so the newest is always labelled),
    the smallest stride whose labels keep one space apart inside ``left``..``right``."""
    spans = [_span(a, t, left, right) for a, t in zip(anchors, labels, strict=True)]
    count = len(spans)
    for stride in range(1, count + 1):
        chosen = [spans[i] for i in range(count - 1, -1, -stride)]
        if any(span is None for span in chosen):
            continue
        ordered = [span for span in reversed(chosen) if span is not None]
        if all(a[0] + len(a[2]) < b[0] for a, b in itertools.pairwise(ordered)):
            return ordered
    return []
