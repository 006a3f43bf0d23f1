"""Answers validated queries from the SQLite dataset, shaped like the real service's rows."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ortui.api import limits
from ortui.demo.metrics import (
    ADDITIVE_COLUMNS,
    METRICS_BY_NAME,
    ROLLUP_DIMENSIONS,
    MetricDef,
)
from ortui.demo.query_sql import BUCKET_SQL, filter_sql, label_sql
from ortui.demo.row_cells import dimension_cells, metric_value
from ortui.demo.validation import ValidQuery


class QueryEngine:
    """Runs queries against one dataset file; one read-only connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        info = dict(self._db().execute("SELECT key, value FROM info").fetchall())
        self.end = datetime.fromtimestamp(int(info["end"]), UTC)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def execute(self, sql: str, params: list[object]) -> sqlite3.Cursor:
        """Run read-only SQL on this thread's connection (for the management endpoints)."""
        return self._db().execute(sql, params)

    def run(
        self, q: ValidQuery, now: datetime | None = None
    ) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:
        """Rows, metadata and warnings for a validated query; nothing after ``now`` exists."""
        started = time.perf_counter()
        raw = self._needs_raw(q)
        sql, params, warnings = self._sql(q, raw, now or datetime.now(UTC))
        limit = self._limit(q)
        order = self._order_sql(q)
        if order is not None:
            sql = self._ordered(q, sql, order, limit)
        rows = [self._shape(q, raw, record) for record in self._db().execute(sql, params)]
        if order is None:
            rows = self._group_limit(q, self._order(q, rows))
        truncated = len(rows) > limit
        rows = rows[:limit]
        for row in rows:
            row.pop("__order", None)
        metadata = {
            "query_time_ms": round((time.perf_counter() - started) * 1000, 2),
            "row_count": len(rows),
            "truncated": truncated,
        }
        return rows, metadata, warnings

    def _group_cap(self, q: ValidQuery) -> int | None:
        if not q.dimensions:
            return None
        return q.group_limit or (self._buckets(q) if q.granularity else None)

    def _order_sql(self, q: ValidQuery) -> str | None:
        """The ORDER BY clause, or None when a percentile decides the order (sorted in Python)."""
        field = q.order_field or ("date" if q.granularity else q.metrics[0])
        way = "DESC" if q.order_desc else "ASC"
        ties = "".join(f", d{i}" for i in range(len(q.dimensions)))
        if field == "date":
            return f"bucket {way}, rc {way}{ties}"
        if field in q.metrics:
            index = q.metrics.index(field)
            if METRICS_BY_NAME[field].percentile is not None:
                return None
            return f"m{index} IS NULL, m{index} {way}{ties}"
        if field == "request_count":
            return f"rc {way}{ties}"
        label = label_sql(field, f"d{q.dimensions.index(field)}")
        return f"{label} IS NULL, {label} COLLATE NOCASE {way}"

    def _ordered(self, q: ValidQuery, sql: str, order: str, limit: int) -> str:
        cap = self._group_cap(q)
        if cap is not None:
            dims = ", ".join(f"d{i}" for i in range(len(q.dimensions)))
            sql = (
                f"SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY {dims} "
                f"ORDER BY {order}) AS rn FROM ({sql})) WHERE rn <= {cap}"
            )
        return f"SELECT * FROM ({sql}) ORDER BY {order} LIMIT {limit + 1}"

    @staticmethod
    def _needs_raw(q: ValidQuery) -> bool:
        capped = limits.capped_fields(q.metrics, q.dimensions, (f["field"] for f in q.filters))
        return bool(capped) or q.granularity == "minute"

    def bucket_key(self, q: ValidQuery, raw: bool) -> str:
        return f"{'created_at' if raw else 'date'}__{q.granularity}"

    def _metric_sql(self, metric: MetricDef) -> str:
        if metric.percentile is not None:
            return f"group_concat({metric.percentile[0]})"
        return f"COALESCE({metric.sql}, 0)" if metric.is_count else metric.sql

    def source(
        self, raw: bool, now: datetime, start: datetime | None = None, end: datetime | None = None
    ) -> tuple[str, list[object]]:
        """The rows that exist at ``now`` between ``start`` and ``end``: the hourly rollup for
        past hours, the generations of the current hour up to ``now`` (the dataset runs to
        midnight; the rest is the future)."""
        low = int(start.timestamp()) if start else 0
        high = int(min(end or now, now).timestamp())
        if raw:
            return "(SELECT * FROM generations WHERE ts >= ? AND ts < ?)", [low, high]
        now_ts = int(now.timestamp())
        hour = now_ts - now_ts % 3600
        columns = ", ".join(("ts", *(f'"{c}"' for c in ROLLUP_DIMENSIONS), *ADDITIVE_COLUMNS))
        rollup = f"SELECT {columns} FROM rollup WHERE ts >= ? AND ts < ?"
        if high <= hour:  # all in the past: whole rollup hours, as before "now" mattered
            return f"({rollup})", [low, high]
        return (
            f"({rollup} UNION ALL SELECT {columns} FROM generations WHERE ts >= ? AND ts < ?)",
            [low, hour, max(low, hour), high],
        )

    def _sql(self, q: ValidQuery, raw: bool, now: datetime) -> tuple[str, list[object], list[str]]:
        select, group = [], []
        if q.granularity:
            select.append(f"{BUCKET_SQL[q.granularity]} AS bucket")
            group.append("bucket")
        for index, dim in enumerate(q.dimensions):
            select.append(f'"{dim}" AS d{index}')
            group.append(f"d{index}")
        select += [
            f"{self._metric_sql(METRICS_BY_NAME[m])} AS m{i}" for i, m in enumerate(q.metrics)
        ]
        select.append("SUM(n) AS rc")
        where = ["1"]
        source, params = self.source(raw, now, q.start, q.end)
        warnings: list[str] = []
        for item in q.filters:
            clause, values = filter_sql(item, warnings)
            where.append(clause)
            params += values
        sql = f"SELECT {', '.join(select)} FROM {source} WHERE {' AND '.join(where)}"
        if group:
            sql += f" GROUP BY {', '.join(group)}"
        return sql, params, warnings

    def _shape(self, q: ValidQuery, raw: bool, record: tuple[Any, ...]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        position = 0
        if q.granularity:
            moment = datetime.fromtimestamp(record[0], UTC)
            dated = not raw and q.granularity in ("day", "week", "month")
            row[self.bucket_key(q, raw)] = (
                moment.strftime("%Y-%m-%d") if dated else moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            )
            position = 1
        for dim in q.dimensions:
            row.update(dimension_cells(dim, record[position]))
            position += 1
        for name in q.metrics:
            row[name] = metric_value(METRICS_BY_NAME[name], record[position])
            position += 1
        row["__order"] = (record[0] if q.granularity else 0, record[position] or 0)
        return row

    def _order(self, q: ValidQuery, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        field = q.order_field
        if field is None:
            field = "date" if q.granularity else q.metrics[0]
        if field == "date":
            rows.sort(key=lambda r: r["__order"], reverse=q.order_desc)
            return rows
        if field == "request_count" and field not in q.metrics:
            rows.sort(key=lambda r: r["__order"][1], reverse=q.order_desc)
            return rows
        present = [r for r in rows if r.get(field) is not None]
        missing = [r for r in rows if r.get(field) is None]
        numeric = field in METRICS_BY_NAME
        present.sort(
            key=lambda r: float(r[field]) if numeric else str(r[field]).casefold(),
            reverse=q.order_desc,
        )
        return present + missing

    def _buckets(self, q: ValidQuery) -> int:
        span = limits.bucket_span(q.granularity or "")
        if span is None:
            return 1
        return math.ceil((q.end - q.start) / span) + 1

    def _group_limit(self, q: ValidQuery, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        cap = self._group_cap(q)
        if cap is None:
            return rows
        seen: dict[tuple[Any, ...], int] = {}
        kept = []
        for row in rows:
            combo = tuple(row.get(d) for d in q.dimensions)
            seen[combo] = seen.get(combo, 0) + 1
            if seen[combo] <= cap:
                kept.append(row)
        return kept

    @staticmethod
    def _limit(q: ValidQuery) -> int:
        """The row limit; time series with dimensions and no group limit may be raised."""
        if q.limit is not None:
            return q.limit
        if q.granularity and q.dimensions and q.group_limit is None:
            return limits.MAX_LIMIT
        return limits.DEFAULT_LIMIT
