"""Run the queries an explanation needs — totals, then one query per dimension and period —
paced under the rate limit, with progress, and hand the rows to the pure breakdowns."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ortui.analysis.explain import (
    RATE_WEIGHTS,
    TOP_GROUPS,
    Breakdown,
    Explanation,
    Period,
    RateSide,
    additive_breakdown,
    metric_kind,
    rate_breakdown,
    why_not,
)
from ortui.analysis.pacing import Pacer
from ortui.analysis.periods import CompareSpec, previous_window
from ortui.api import limits
from ortui.api.client import AnalyticsClient
from ortui.api.models import Filter, Meta, QueryRequest, TimeRange
from ortui.query import pipeline
from ortui.query.draft import QueryDraft
from ortui.query.encoding import to_request
from ortui.query.time_range import format_wire, parse_utc
from ortui.results.table import Cell, ResultTable, to_number

DEFAULT_BY = ("model", "api_key_id", "provider", "app", "user")
#: Dimensions whose rows show a name rather than the id a filter needs.
NAMED_DIMENSIONS = frozenset({"api_key_id", "app", "workspace", "user"})
Progress = Callable[[int, int, str], None]


class ExplainError(ValueError):
    """An explanation that cannot be asked for, with a message fit to show."""


@dataclass(frozen=True)
class ExplainQuery:
    """What to explain: a metric over ``start``–``end`` (vs the window before), by dimensions."""

    metric: str
    start: datetime
    end: datetime
    dimensions: tuple[str, ...] = DEFAULT_BY
    filters: tuple[Filter, ...] = ()
    top: int = TOP_GROUPS
    notes: list[str] = field(default_factory=list)


def query_for_draft(
    draft: QueryDraft, meta: Meta, metric: str, dimensions: tuple[str, ...] = DEFAULT_BY
) -> ExplainQuery:
    """Explain ``metric`` over a builder draft's range and filters (dimensions it pins with
    ``eq`` are left out); raises TimeRangeError for a range that cannot be resolved."""
    request = to_request(draft.with_changes(metrics=(metric,)), meta)
    assert request.time_range is not None
    pinned = {f.field for f in draft.filters if f.operator == "eq"}
    return ExplainQuery(
        metric,
        parse_utc(request.time_range.start),
        parse_utc(request.time_range.end),
        tuple(d for d in dimensions if d not in pinned),
        tuple(request.filters or ()),
    )


def _window(start: datetime, end: datetime) -> TimeRange:
    return TimeRange(format_wire(start), format_wire(end))


class Explainer:
    """Asks the server for both windows and breaks the change down; ``on_progress`` hears each
    finished request as (done, total, what)."""

    def __init__(
        self,
        client: AnalyticsClient,
        meta: Meta,
        *,
        pacer: Pacer | None = None,
        on_progress: Progress | None = None,
        concurrency: int = 2,
    ) -> None:
        self.client = client
        self.meta = meta
        self.pacer = pacer or Pacer()
        self.on_progress = on_progress
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self.requests_sent = 0

    def check(self, query: ExplainQuery) -> tuple[str, list[str]]:
        """The metric's kind and the dimensions to query; raises ExplainError when unusable."""
        metric = self.meta.metric(query.metric)
        if metric is None:
            names = ", ".join(m.name for m in self.meta.metrics[:8])
            raise ExplainError(f"unknown metric '{query.metric}' (e.g. {names})")
        unknown = [d for d in query.dimensions if self.meta.dimension(d) is None]
        if unknown:
            raise ExplainError(f"unknown dimension: {', '.join(unknown)}")
        long = query.end - query.start > limits.RAW_MAX_RANGE
        if long and query.metric in limits.RAW_METRICS:
            raise ExplainError(f"{query.metric} can cover at most 31 days")
        if query.end - query.start > limits.SUMMARY_MAX_RANGE:
            raise ExplainError("the range can cover at most 365 days")
        dims = [d for d in query.dimensions if not (long and d in limits.RAW_DIMENSIONS)]
        for skipped in [d for d in query.dimensions if d not in dims]:
            query.notes.append(f"{skipped} left out: it covers at most 31 days")
        return metric_kind(query.metric, metric.is_rate), dims

    async def run(self, query: ExplainQuery) -> Explanation:
        kind, dims = self.check(query)
        before_start, before_end, _ = previous_window(
            query.start, query.end, CompareSpec("previous")
        )
        metrics = [query.metric] + ([RATE_WEIGHTS[query.metric]] if kind == "rate" else [])
        decomposable = kind in ("additive", "rate")
        plan: list[tuple[str | None, TimeRange]] = []
        for dim in [None, *(dims if decomposable else [])]:
            plan += [
                (dim, _window(query.start, query.end)),
                (dim, _window(before_start, before_end)),
            ]
        results = await self._fetch_all(plan, metrics, query.filters)
        totals = [self._total(rows, metrics) for rows in results[:2]]
        current = Period(query.start, query.end, totals[0][0])
        previous = Period(before_start, before_end, totals[1][0])
        if not decomposable:
            return Explanation(
                query.metric, kind, current, previous, note=why_not(query.metric, kind)
            )
        by = {}
        for index, dim in enumerate(dims):
            now, before = results[2 + 2 * index], results[3 + 2 * index]
            by[dim] = self._breakdown(kind, dim, now, before, metrics, totals, query.top)
        return Explanation(query.metric, kind, current, previous, by, "; ".join(query.notes))

    async def _fetch_all(
        self,
        plan: list[tuple[str | None, TimeRange]],
        metrics: list[str],
        filters: tuple[Filter, ...],
    ) -> list[ResultTable]:
        done = 0

        async def one(dim: str | None, window: TimeRange) -> ResultTable:
            nonlocal done
            request = QueryRequest(
                metrics=list(metrics),
                dimensions=[dim] if dim else None,
                filters=list(filters) or None,
                time_range=window,
                limit=limits.MAX_LIMIT if dim else None,
            )
            async with self._slots:
                await self.pacer.wait()
                self.requests_sent += 1
                table, _ = await pipeline.fetch_table(self.client, request, self.meta)
            done += 1
            if self.on_progress is not None:
                what = f"by {dim}" if dim else "totals"
                self.on_progress(done, len(plan), f"{what}, {window.start[:10]}")
            return table

        return list(await asyncio.gather(*(one(dim, window) for dim, window in plan)))

    @staticmethod
    def _total(table: ResultTable, metrics: list[str]) -> tuple[float | None, float]:
        values = _cells(table, metrics[0])
        weights = _cells(table, metrics[-1]) if len(metrics) > 1 else []
        value = to_number(values[0]) if values else None
        weight = to_number(weights[0]) if weights else None
        return (None if value is None else float(value)), float(weight or 0.0)

    def _breakdown(
        self,
        kind: str,
        dim: str,
        now: ResultTable,
        before: ResultTable,
        metrics: list[str],
        totals: list[tuple[float | None, float]],
        top: int,
    ) -> Breakdown:
        if kind == "additive":
            return additive_breakdown(
                dim,
                _sums(now, dim, metrics[0]),
                _sums(before, dim, metrics[0]),
                (totals[0][0] or 0.0, totals[1][0] or 0.0),
                top,
            )
        if totals[0][0] is None or totals[1][0] is None:
            return Breakdown(dim, note="no traffic in one of the windows: nothing to split")
        return rate_breakdown(
            dim,
            _sides(now, dim, metrics),
            _sides(before, dim, metrics),
            (totals[0][0], totals[0][1], totals[1][0], totals[1][1]),
            top,
        )


def _cells(table: ResultTable, key: str) -> list[Cell]:
    """A column's values, or nulls when the answer lacks it (no traffic: no rows at all)."""
    column = table.column(key)
    return column.values if column is not None else [None] * table.row_count


def _label(value: Cell) -> str | None:
    return None if value is None else str(value)


def _sums(table: ResultTable, dim: str, metric: str) -> dict[str | None, float]:
    out: dict[str | None, float] = {}
    for value, amount in zip(_cells(table, dim), _cells(table, metric), strict=True):
        key = _label(value)
        out[key] = out.get(key, 0.0) + float(to_number(amount) or 0.0)
    return out


def _sides(table: ResultTable, dim: str, metrics: list[str]) -> dict[str | None, RateSide]:
    """Group rate and weight; two rows with one label (two keys of one name) are combined."""
    out: dict[str | None, RateSide] = {}
    cells = zip(
        _cells(table, dim), _cells(table, metrics[0]), _cells(table, metrics[1]), strict=True
    )
    for value, rate_cell, weight_cell in cells:
        key = _label(value)
        rate = to_number(rate_cell)
        weight = float(to_number(weight_cell) or 0.0)
        old = out.get(key)
        if old is not None and old.rate is not None and rate is not None:
            both = old.weight + weight
            rate = (old.rate * old.weight + float(rate) * weight) / both if both else None
            weight = both
        out[key] = RateSide(None if rate is None else float(rate), weight)
    return out
