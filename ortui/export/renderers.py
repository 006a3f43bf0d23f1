"""A result as CSV / TSV / JSON / JSON Lines / Markdown / an aligned text table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ortui.results.formatting import format_cell
from ortui.results.table import Cell, Column, ResultTable

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def raw_value(value: Cell, column: Column) -> Any:
    """A JSON-friendly value: counts as ints, times as ISO-8601 (UTC ``Z``, or the local offset
    when shown in a time zone), day buckets as dates, nulls as None."""
    if isinstance(value, datetime) and value.utcoffset():
        local = value.isoformat(timespec="seconds")
        midnight = (value.hour, value.minute, value.second) == (0, 0, 0)
        return local[:10] if midnight and column.kind == "time" else local
    if isinstance(value, datetime):
        iso = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        return iso[:10] if iso.endswith("T00:00:00Z") and column.kind == "time" else iso
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _is_number(text: str) -> bool:
    plain = text.replace(",", "").replace("$", "").removesuffix("%")
    plain = plain.removesuffix(" ms").removesuffix(" tok/s")
    try:
        float(plain)
    except ValueError:
        return False
    return True


def neutralise(text: str) -> str:
    """Stop spreadsheets from running a cell as a formula, unless it is just a number."""
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def cell_text(value: Cell, column: Column, table: ResultTable, formatted: bool) -> str:
    if formatted:
        return format_cell(value, column, table.granularity)
    raw = raw_value(value, column)
    return "" if raw is None else str(raw)


def _rows(table: ResultTable, formatted: bool, order: list[int] | None) -> Iterator[list[str]]:
    for index in order if order is not None else range(table.row_count):
        yield [cell_text(c.values[index], c, table, formatted) for c in table.columns]


def to_delimited(table: ResultTable, delimiter: str = ",", formatted: bool = False,
                 order: list[int] | None = None, header: str = "keys") -> str:
    """CSV (``,``) or TSV (``\\t``) with a header row; every cell is formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.label if header == "labels" else c.key for c in table.columns])
    for row in _rows(table, formatted, order):
        writer.writerow([neutralise(text) for text in row])
    return out.getvalue()


def to_records(table: ResultTable, order: list[int] | None = None) -> list[dict[str, Any]]:
    """Rows keyed by the server's column names, numbers as numbers."""
    indexes = order if order is not None else range(table.row_count)
    return [{c.key: raw_value(c.values[i], c) for c in table.columns} for i in indexes]


def table_metadata(table: ResultTable) -> dict[str, Any]:
    meta: dict[str, Any] = {"row_count": table.row_count, "truncated": table.truncated,
                            "query_time_ms": table.query_time_ms}
    if table.cached_at is not None:
        meta["cached_at"] = table.cached_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return meta


def to_json(table: ResultTable) -> str:
    body = {"rows": to_records(table), "metadata": table_metadata(table),
            "warnings": list(table.warnings)}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(table: ResultTable) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_records(table))


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: ResultTable) -> str:
    head = "| " + " | ".join(_md_escape(c.label) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind == "metric" else "---" for c in table.columns) + "|"
    body = ["| " + " | ".join(_md_escape(t) for t in row) + " |"
            for row in _rows(table, True, None)]
    return "\n".join([head, rule, *body]) + "\n"


def to_text_table(table: ResultTable) -> str:
    rows = list(_rows(table, True, None))
    widths = [max([len(c.label), *(len(r[i]) for r in rows)]) for i, c in
              enumerate(table.columns)]

    def line(cells: list[str]) -> str:
        return "  ".join(t.rjust(w) if c.kind == "metric" else t.ljust(w)
                         for t, w, c in zip(cells, widths, table.columns, strict=True)).rstrip()

    return "\n".join([line([c.label for c in table.columns]),
                      line(["-" * w for w in widths]), *map(line, rows)]) + "\n"


def render(table: ResultTable, fmt: str, formatted: bool = False) -> str:
    """The whole result in one of ``FORMATS``."""
    if fmt == "csv":
        return to_delimited(table, ",", formatted)
    if fmt == "tsv":
        return to_delimited(table, "\t", formatted)
    if fmt == "json":
        return to_json(table)
    if fmt == "jsonl":
        return to_jsonl(table)
    if fmt == "md":
        return to_markdown(table)
    return to_text_table(table)
