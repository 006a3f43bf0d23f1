"""Adds up hourly rows (a response body) into local day/week/month rows, then orders and cuts
them as the server would have: ``order_by``, ``group_limit`` per dimension combination, ``limit``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import msgspec

from ortui.api import limits
from ortui.api.errors import UNREADABLE
from ortui.api.models import OrderBy

_HOURLY_KEY = re.compile(r"^(date|created_at)__hour$")


@dataclass(frozen=True)
class Regroup:
    """How to regroup: into ``grain`` buckets of ``zone``, adding up ``metrics``."""

    zone: tzinfo
    grain: str
    metrics: list[str]
    order_by: OrderBy | None
    limit: int | None
    group_limit: int | None
    hourly_limit: int


def local_bucket(start: datetime, zone: tzinfo, grain: str) -> date:
    """The local day/week (Monday)/month an hour starting at ``start`` (UTC) belongs to.

    An hour goes to the local date it starts in, shifted by the part of the offset that is not a
    whole hour, so in +05:30 the hour 18:00–19:00 UTC (23:30–00:30 local) opens the next day.
    """
    offset = start.astimezone(zone).utcoffset() or timedelta(0)
    day = (start + offset % timedelta(hours=1)).astimezone(zone).date()
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    return day


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _number(value: object) -> int | float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return None
    return None


def _add(total: int | float | None, value: object) -> int | float | None:
    number = _number(value)
    if number is None:
        return total
    if total is None:
        return number
    added = total + number
    return round(added, 10) if isinstance(added, float) else added  # no 0.30000000000000004


def _bucket_key(rows: list[dict[str, Any]]) -> str | None:
    for row in rows[:1]:
        return next((k for k in row if _HOURLY_KEY.match(k)), None)
    return None


def _group(
    rows: list[dict[str, Any]], rg: Regroup, key: str, problems: list[str]
) -> list[tuple[date, tuple[bytes, ...], dict[str, Any]]]:
    out_key = f"{key.split('__')[0]}__{rg.grain}"
    groups: dict[tuple[date, tuple[bytes, ...]], dict[str, Any]] = {}
    for row in rows:
        start = _parse(row.get(key))
        if start is None:
            problems.append(
                f"an hourly bucket {str(row.get(key))[:40]!r} is not a time; "
                "its row was left out of the local totals"
            )
            continue
        day = local_bucket(start, rg.zone, rg.grain)
        others = {k: v for k, v in row.items() if k != key and k not in rg.metrics}
        combo = tuple(msgspec.json.encode(v) for v in others.values())
        entry = groups.get((day, combo))
        if entry is None:
            label = datetime(day.year, day.month, day.day, tzinfo=rg.zone).isoformat()
            entry = groups[(day, combo)] = {out_key: label, **others, **dict.fromkeys(rg.metrics)}
        for metric in rg.metrics:
            entry[metric] = _add(entry[metric], row.get(metric))
    return [(day, combo, entry) for (day, combo), entry in groups.items()]


def _ordered(
    items: list[tuple[date, tuple[bytes, ...], dict[str, Any]]], rg: Regroup
) -> list[tuple[date, tuple[bytes, ...], dict[str, Any]]]:
    field = rg.order_by.field if rg.order_by else "date"
    descending = rg.order_by.direction != "asc" if rg.order_by else True
    first = rg.metrics[0]
    items.sort(key=lambda item: _number(item[2].get(first)) or 0, reverse=True)
    if field == "date" or field not in items[0][2]:
        items.sort(key=lambda item: item[0], reverse=descending)
        return items
    present = [i for i in items if i[2].get(field) is not None]
    missing = [i for i in items if i[2].get(field) is None]
    if field in rg.metrics:
        present.sort(key=lambda i: _number(i[2][field]) or 0, reverse=descending)
    else:
        present.sort(key=lambda i: str(i[2][field]).casefold(), reverse=descending)
    return present + missing


def _cut(
    items: list[tuple[date, tuple[bytes, ...], dict[str, Any]]], rg: Regroup, has_dimensions: bool
) -> tuple[list[dict[str, Any]], bool]:
    kept: list[dict[str, Any]] = []
    seen: dict[tuple[bytes, ...], int] = {}
    for _day, combo, entry in items:
        seen[combo] = seen.get(combo, 0) + 1
        if rg.group_limit is None or not has_dimensions or seen[combo] <= rg.group_limit:
            kept.append(entry)
    limit = rg.limit
    if limit is None:
        limit = (
            limits.MAX_LIMIT if has_dimensions and rg.group_limit is None else limits.DEFAULT_LIMIT
        )
    return kept[:limit], len(kept) > limit


def regroup_body(body: bytes, rg: Regroup) -> bytes:
    """``body`` (an hourly query response) with local ``rg.grain`` rows instead."""
    try:
        document = msgspec.json.decode(body)
    except UNREADABLE:
        return body  # the typed decoder says what is wrong with it
    payload = document.get("data") if isinstance(document, dict) else None
    rows = payload.get("data") if isinstance(payload, dict) else None
    if (
        not isinstance(payload, dict)
        or not isinstance(rows, list)
        or not all(isinstance(r, dict) for r in rows)
    ):
        return body  # not a query response: the decoder reports it
    key = _bucket_key(rows)
    if key is None:
        return body
    problems: list[str] = []
    items = _ordered(_group(rows, rg, key, problems), rg) if rows else []
    has_dimensions = bool(items) and len(items[0][1]) > 0
    out, cut = _cut(items, rg, has_dimensions)
    found = payload.get("metadata")
    metadata: dict[str, Any] = found if isinstance(found, dict) else {}
    hourly_cut = bool(metadata.get("truncated"))
    if hourly_cut:
        problems.append(
            f"the server cut the hourly rows at {rg.hourly_limit:,}: the local "
            "totals are partial; shorten the range or add a filter"
        )
    listed = payload.get("warnings")
    warnings: list[Any] = listed if isinstance(listed, list) else []
    payload.update(
        data=out,
        metadata={**metadata, "row_count": len(out), "truncated": cut or hourly_cut},
        warnings=[*warnings, *problems],
    )
    return msgspec.json.encode(document)
