"""A result as CSV / TSV / JSON / JSON Lines / Markdown / an aligned text table."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ortui.api.granularity import grain
from ortui.results.formatting import format_cell
from ortui.results.partial import MARK, footnote, partial_buckets
from ortui.results.table import Cell, Column, ResultTable

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_LEADING_SPACE = " \t\r\n\x0b\x0c"
#: Characters JSON may carry raw but a terminal would act on (DEL, C1) or that reorder text
#: (bidi controls); written as ``\\uXXXX`` escapes, which every JSON parser reads back.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def raw_value(value: Cell, column: Column) -> Any:
    """A JSON-friendly value: counts as ints, times as ISO-8601 (UTC ``Z``, or the local offset
    when shown in a time zone), day, week and month buckets as dates, nulls as None."""
    if isinstance(value, datetime):
        midnight = (value.hour, value.minute, value.second) == (0, 0, 0)
        if midnight and column.kind == "time" and not _clock_buckets(column.key):
            return value.strftime("%Y-%m-%d")
        if value.utcoffset():
            return value.isoformat(timespec="seconds")
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # strict JSON parsers reject bare NaN / Infinity
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def _clock_buckets(key: str) -> bool:
    """Whether the bucket column ``key`` (``date__hour``, ``created_at__minute``…) holds
    buckets that start within a day, so that midnight is a time like any other."""
    facts = grain(key.rpartition("__")[2])
    return facts is not None and facts.clock_time


def _is_number(text: str) -> bool:
    plain = text.replace(",", "").replace("$", "").removesuffix("%")
    plain = plain.removesuffix(" ms").removesuffix(" tok/s")
    try:
        float(plain)
    except ValueError:
        return False
    return True


def neutralise(text: str) -> str:
    """Stop spreadsheets from running a cell as a formula, unless it is just a number.
    Leading spaces and line breaks are looked past: spreadsheets skip them too."""
    if text.lstrip(_LEADING_SPACE).startswith(_FORMULA_START) and not _is_number(text):
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


def _with_ids(
    table: ResultTable, rows: Iterator[list[str]], order: list[int] | None
) -> Iterator[list[str]]:
    """Each row with the ids rows do not carry (``api_key_hash``) appended."""
    indexes = order if order is not None else range(table.row_count)
    for index, row in zip(indexes, rows, strict=True):
        yield row + [ids[index] or "" for ids in table.ids.values()]


def to_delimited(
    table: ResultTable,
    delimiter: str = ",",
    formatted: bool = False,
    order: list[int] | None = None,
    header: str = "keys",
) -> str:
    """CSV (``,``) or TSV (``\\t``) with a header row; every cell is formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    # Python 3.11's csv quotes only the line terminator's characters: a bare CR would start a
    # new row in a reader, so any row with a line break is written fully quoted.
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    heads = [c.label if header == "labels" else c.key for c in table.columns] + list(table.ids)
    for row in [heads, *_with_ids(table, _rows(table, formatted, order), order)]:
        cells = [neutralise(text) for text in row]
        broken = any("\r" in text or "\n" in text for text in cells)
        (quoted if broken else writer).writerow(cells)
    return out.getvalue()


def to_records(table: ResultTable, order: list[int] | None = None) -> list[dict[str, Any]]:
    """Rows keyed by the server's column names, numbers as numbers."""
    indexes = order if order is not None else range(table.row_count)
    return [
        {c.key: raw_value(c.values[i], c) for c in table.columns}
        | {key: ids[i] for key, ids in table.ids.items()}
        for i in indexes
    ]


def table_metadata(table: ResultTable) -> dict[str, Any]:
    elapsed = table.query_time_ms
    meta: dict[str, Any] = {
        "row_count": table.row_count,
        "truncated": table.truncated,
        "query_time_ms": elapsed if math.isfinite(elapsed) else None,
    }
    if table.cached_at is not None:
        meta["cached_at"] = table.cached_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return meta


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON with control and bidi characters escaped; never a bare NaN or Infinity."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_UNSAFE.sub(_json_escape, text)


def to_json(table: ResultTable) -> str:
    body = {
        "rows": to_records(table),
        "metadata": table_metadata(table),
        "warnings": list(table.warnings),
    }
    return json_text(body, indent=2) + "\n"


def to_jsonl(table: ResultTable) -> str:
    return "".join(json_text(r) + "\n" for r in to_records(table))


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: ResultTable) -> str:
    head = "| " + " | ".join(_md_escape(c.label) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind == "metric" else "---" for c in table.columns) + "|"
    body = [
        "| " + " | ".join(_md_escape(t) for t in row) + " |" for row in _rows(table, True, None)
    ]
    return "\n".join([head, rule, *body]) + "\n"


def to_text_table(table: ResultTable) -> str:
    """Aligned columns; partial end buckets marked ``*`` and named in a footnote."""
    rows = list(_rows(table, True, None))
    ends = partial_buckets(table)
    time = next((i for i, c in enumerate(table.columns) if c.kind == "time"), None)
    if ends.times and time is not None:
        for row, value in zip(rows, table.columns[time].values, strict=True):
            row[time] += MARK if value in ends.times else ""
    note = footnote(ends, table.granularity)
    widths = [max([len(c.label), *(len(r[i]) for r in rows)]) for i, c in enumerate(table.columns)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            t.rjust(w) if c.kind == "metric" else t.ljust(w)
            for t, w, c in zip(cells, widths, table.columns, strict=True)
        ).rstrip()

    return (
        "\n".join(
            [
                line([c.label for c in table.columns]),
                line(["-" * w for w in widths]),
                *map(line, rows),
                *([note] if note else []),
            ]
        )
        + "\n"
    )


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
