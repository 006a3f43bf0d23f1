"""A comparison as JSON: each row gains ``previous``, ``delta`` and ``delta_pct`` objects."""

from __future__ import annotations

from typing import Any

from ortui.analysis.compare import DELTA, DELTA_PCT, PREVIOUS, Comparison, is_compare_key
from ortui.export.renderers import json_text, raw_value, render, table_metadata
from ortui.query.time_range import format_wire


def comparison_records(comparison: Comparison) -> list[dict[str, Any]]:
    """Rows keyed by the server's column names plus the three per-metric objects."""
    table = comparison.table
    plain = [c for c in table.columns if not is_compare_key(c.key)]
    records = []
    for index in range(table.row_count):
        record = {c.key: raw_value(c.values[index], c) for c in plain}
        for name, suffix in (("previous", PREVIOUS), ("delta", DELTA), ("delta_pct", DELTA_PCT)):
            part = {}
            for metric in comparison.metrics:
                column = table.column(metric + suffix)
                if column is not None:
                    part[metric] = raw_value(column.values[index], column)
            record[name] = part
        records.append(record)
    return records


def _range(bounds: tuple[Any, Any]) -> dict[str, str]:
    return {"start": format_wire(bounds[0]), "end": format_wire(bounds[1])}


def comparison_metadata(comparison: Comparison) -> dict[str, Any]:
    meta = table_metadata(comparison.table)
    meta.update(
        {
            "current": _range(comparison.current),
            "previous": _range(comparison.previous),
            "rows_only_current": comparison.only_current,
            "rows_only_previous": comparison.only_previous,
        }
    )
    return meta


def render_comparison(comparison: Comparison, fmt: str, formatted: bool = False) -> str:
    """JSON/JSONL nest the previous side and the deltas; other formats gain columns."""
    if fmt == "json":
        body = {
            "rows": comparison_records(comparison),
            "metadata": comparison_metadata(comparison),
            "warnings": list(comparison.table.warnings),
        }
        return json_text(body, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json_text(r) + "\n" for r in comparison_records(comparison))
    return render(comparison.table, fmt, formatted)
