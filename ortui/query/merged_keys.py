"""A row that is several keys' rows added up. With local days (``--tz``) ortui adds the API's
hourly rows up into local buckets by what rows carry — names, not ids — so the hours of two
keys named ``staging`` become one ``staging`` row per day. Each key's own answer (asked to tell
them apart, query/key_ids.py) is added up the same way; where a result row is exactly the sum
of rows of those answers (same bucket and other dimensions, every metric equal to the sum), it
is replaced by them, each with its key's label and hash. A row that is no such sum stays whole.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ortui.query.key_labels import FIELD, ID_KEY, shown_name
from ortui.results.table import Cell, Column, ResultTable

#: Where a row of the rebuilt table comes from: a table and its row.
Source = tuple[ResultTable, int]


def split_sums(
    table: ResultTable,
    rows: list[int],
    answers: dict[str, ResultTable],
    left: dict[str, list[int]],
    owners: dict[str, str],
) -> ResultTable:
    """``table`` with each of ``rows`` that sums up rows of ``answers`` (only those in
    ``left``: not matched to another row yet, by key hash) replaced by them. ``owners`` maps
    each answered key's hash to its name."""
    parts: dict[int, list[tuple[str, int]]] = {}
    for index in rows:
        found = _parts(table, index, answers, left, owners)
        if found:
            parts[index] = found
            for key_hash, at in found:
                left[key_hash].remove(at)
    if not parts:
        return table
    return _rebuilt(table, parts, answers)


def _place(table: ResultTable, index: int) -> tuple[Cell, ...]:
    """A row's bucket and dimensions other than the key."""
    return tuple(
        c.values[index]
        for c in sorted(table.columns, key=lambda c: c.key)
        if c.key != FIELD and c.kind != "metric"
    )


def _parts(
    table: ResultTable,
    index: int,
    answers: dict[str, ResultTable],
    left: dict[str, list[int]],
    owners: dict[str, str],
) -> list[tuple[str, int]]:
    name, place = _column(table, FIELD).values[index], _place(table, index)
    found = [
        (key_hash, at)
        for key_hash, ats in left.items()
        if owners.get(key_hash) == name
        for at in ats
        if _place(answers[key_hash], at) == place
    ]
    if len(found) < 2:
        return []
    for metric in table.metric_columns:
        total = sum(_number(_column(answers[h], metric.key).values[at]) for h, at in found)
        if not math.isclose(total, _number(metric.values[index]), rel_tol=1e-9, abs_tol=1e-9):
            return []
    return found


def _column(table: ResultTable, key: str) -> Column:
    column = table.column(key)
    assert column is not None  # answers of one request have the same columns
    return column


def _number(value: Cell) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _rebuilt(
    table: ResultTable, parts: dict[int, list[tuple[str, int]]], answers: dict[str, ResultTable]
) -> ResultTable:
    hashes = table.ids.get(ID_KEY) or [None] * table.row_count
    sources: list[Source] = []
    ids: list[str | None] = []
    names: list[Cell] = []
    for index in range(table.row_count):
        if index not in parts:
            sources.append((table, index))
            ids.append(hashes[index])
            names.append(_column(table, FIELD).values[index])
            continue
        for key_hash, at in parts[index]:
            sources.append((answers[key_hash], at))
            ids.append(key_hash)
            names.append(shown_name(str(_column(table, FIELD).values[index]), key_hash))
    values = {id(t): {c.key: c.values for c in t.columns} for t in (table, *answers.values())}
    columns = [
        replace(c, values=names)
        if c.key == FIELD
        else replace(c, values=[values[id(source)][c.key][at] for source, at in sources])
        for c in table.columns
    ]
    return replace(table, columns=columns, row_count=len(ids), ids={**table.ids, ID_KEY: ids})
