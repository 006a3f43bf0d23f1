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
    waiting = _waiting(answers, left, owners)
    names, places = _column(table, FIELD).values, _places(table)
    parts: dict[int, list[tuple[str, int]]] = {}
    for index in rows:
        found = waiting.get((names[index], places[index]), [])
        if len(found) >= 2 and _sums_up(table, index, found, answers):
            parts[index] = found[:]
            found.clear()
    if not parts:
        return table
    return _rebuilt(table, parts, answers)


def _places(table: ResultTable) -> list[tuple[Cell, ...]]:
    """Each row's bucket and dimensions other than the key (columns in key order, so tables
    of one request line up), built column-wise."""
    columns = sorted(
        (c for c in table.columns if c.key != FIELD and c.kind != "metric"), key=lambda c: c.key
    )
    return list(zip(*(c.values for c in columns), strict=True)) or [()] * table.row_count


def _waiting(
    answers: dict[str, ResultTable], left: dict[str, list[int]], owners: dict[str, str]
) -> dict[tuple[Cell, tuple[Cell, ...]], list[tuple[str, int]]]:
    """The answers' rows not matched yet, by their key's name and their place: what a row of
    that name and place may be the sum of."""
    waiting: dict[tuple[Cell, tuple[Cell, ...]], list[tuple[str, int]]] = {}
    for key_hash, ats in left.items():
        if key_hash not in owners:
            continue
        places = _places(answers[key_hash])
        for at in ats:
            waiting.setdefault((owners[key_hash], places[at]), []).append((key_hash, at))
    return waiting


def _sums_up(
    table: ResultTable, index: int, found: list[tuple[str, int]], answers: dict[str, ResultTable]
) -> bool:
    """Whether every metric of row ``index`` is the sum of the ``found`` rows'."""
    for metric in table.metric_columns:
        total = sum(_number(_column(answers[h], metric.key).values[at]) for h, at in found)
        if not math.isclose(total, _number(metric.values[index]), rel_tol=1e-9, abs_tol=1e-9):
            return False
    return True


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
