"""Two keys with one name (two ``staging`` keys, in different workspaces) arrive as two rows
both named ``staging``: rows carry display names, not ids. When a result grouped by API key
holds such a name, one request per key of that name (the same query filtered to the key's
hash) tells which row is whose; those rows then read ``staging (2b182c99…)`` and every row
gains its key's hash (``api_key_hash`` in JSON and CSV).

Rows are matched on everything but the key (other dimensions, bucket) and on the metric values,
which the server computes the same way for the filtered query; a row that matches no key's
answer keeps its plain name and no hash rather than a guessed one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import msgspec

from ortui.api.client import AnalyticsClient
from ortui.api.models import Filter, Meta, QueryRequest
from ortui.query.local_days import LocalPlan
from ortui.query.pipeline import fetch_table
from ortui.query.resolver import Candidate, Directory
from ortui.results.table import Cell, ResultTable

FIELD = "api_key_id"
ID_KEY = "api_key_hash"


def shown_name(name: str, key_hash: str) -> str:
    """``staging (2b182c99…)``: the name with the start of the key's hash."""
    return f"{name} ({key_hash[:8]}…)"


def known_ids(table: ResultTable, index: int) -> dict[str, str]:
    """Filter values row ``index`` is known by without a lookup: its key's hash, once told."""
    hashes = table.ids.get(ID_KEY)
    known = hashes[index] if hashes is not None and index < len(hashes) else None
    return {FIELD: known} if known else {}


def shared_names(table: ResultTable, directory: Directory) -> dict[str, list[Candidate]]:
    """Names in the result's key column that two or more keys of the account carry."""
    column = table.column(FIELD)
    if column is None:
        return {}
    names = {v for v in column.values if isinstance(v, str)}
    shared: dict[str, list[Candidate]] = {}
    for name in sorted(names):
        keys = [c for c in directory.all(FIELD) if c.name == name]
        if len(keys) > 1:
            shared[name] = keys
    return shared


def key_requests(
    request: QueryRequest, shared: dict[str, list[Candidate]]
) -> list[tuple[str, QueryRequest]]:
    """``(hash, request)``: the query filtered to each key that shares a name."""
    out = []
    for keys in shared.values():
        for key in keys:
            filters = [f for f in request.filters or [] if f.field != FIELD]
            filters.append(Filter(FIELD, "eq", key.id))
            out.append((key.id, msgspec.structs.replace(request, filters=filters)))
    return out


def _signature(table: ResultTable, index: int) -> tuple[tuple[str, Cell], ...]:
    """Everything of a row but its key name, by column key."""
    return tuple(sorted((c.key, c.values[index]) for c in table.columns if c.key != FIELD))


def with_key_ids(
    table: ResultTable, directory: Directory, answers: dict[str, ResultTable]
) -> ResultTable:
    """``table`` with shared names told apart by ``answers`` (hash → that key's rows) and
    every row's key hash in ``ids[ID_KEY]`` (None where unknown or unset)."""
    column = table.column(FIELD)
    if column is None:
        return table
    unique = {c.name: c.id for c in directory.all(FIELD)}
    counts = Counter(c.name for c in directory.all(FIELD))
    found = {
        key_hash: Counter(_signature(answer, i) for i in range(answer.row_count))
        for key_hash, answer in answers.items()
    }
    names: list[Cell] = list(column.values)
    hashes: list[str | None] = []
    for index, name in enumerate(column.values):
        if not isinstance(name, str):
            hashes.append(None)
            continue
        if counts[name] == 1:
            hashes.append(unique[name])
            continue
        signature = _signature(table, index)
        owner = next((h for h, rows in found.items() if rows[signature] > 0), None)
        if owner is not None:
            found[owner][signature] -= 1
            names[index] = shown_name(name, owner)
        hashes.append(owner)
    columns = [replace(c, values=names) if c.key == FIELD else c for c in table.columns]
    return replace(table, columns=columns, ids={**table.ids, ID_KEY: hashes})


async def identify_keys(
    client: AnalyticsClient,
    request: QueryRequest,
    table: ResultTable,
    directory: Directory,
    meta: Meta,
    local: LocalPlan | None = None,
) -> tuple[ResultTable, int]:
    """The result with key hashes, and how many extra requests that took (one per key that
    shares a name shown in it). Raises ``ApiError``."""
    if table.column(FIELD) is None:
        return table, 0
    answers: dict[str, ResultTable] = {}
    asked = key_requests(request, shared_names(table, directory))
    for key_hash, filtered in asked:
        plan = replace(local, request=filtered) if local is not None else None
        answers[key_hash], _ = await fetch_table(client, filtered, meta, local=plan)
    return with_key_ids(table, directory, answers), len(asked)
