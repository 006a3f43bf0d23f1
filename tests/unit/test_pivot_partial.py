"""The pivot view's bucket headers carry the partial mark ``*`` by the grid's rule: the newest
bucket while it is in progress (or the range ends inside it), the oldest when the range starts
inside it. At a fixed ``now``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ortui.results.partial import partial_buckets
from ortui.results.pivot import pivot_table
from tests.unit.test_pivot_widths import daily

NOV_1 = datetime(2026, 11, 1, tzinfo=UTC)


def _headers(span: tuple[datetime, datetime], now: datetime) -> list[str]:
    table = replace(daily(["a", "b"], 3), span=span)
    pivot = pivot_table(table, "cost", now=now)
    return [c.label for c in pivot.columns if c.key.startswith("bucket_")]


def test_today_in_progress_and_a_mid_day_start_are_marked() -> None:
    span = (NOV_1 + timedelta(hours=14), NOV_1 + timedelta(days=2, hours=14))
    now = span[1]
    assert _headers(span, now) == ["2026-11-01*", "2026-11-02", "2026-11-03*"]


def test_whole_days_in_the_past_are_not_marked() -> None:
    span = (NOV_1, NOV_1 + timedelta(days=3))
    assert _headers(span, NOV_1 + timedelta(days=10)) == ["2026-11-01", "2026-11-02", "2026-11-03"]


def test_the_newest_day_is_marked_while_now_is_inside_it() -> None:
    span = (NOV_1, NOV_1 + timedelta(days=3))
    assert _headers(span, NOV_1 + timedelta(days=2, hours=9))[-1] == "2026-11-03*"


def test_the_pivot_marks_the_buckets_the_grid_marks() -> None:
    span = (NOV_1 + timedelta(hours=3), NOV_1 + timedelta(days=2, hours=5))
    now = NOV_1 + timedelta(days=2, hours=5)
    table = replace(daily(["a"], 3), span=span)
    marked = {t.strftime("%Y-%m-%d") + "*" for t in partial_buckets(table, now).times}
    assert {h for h in _headers(span, now) if h.endswith("*")} == marked
