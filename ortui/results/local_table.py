"""A planned query's body → a table whose times are in the plan's zone."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

import msgspec

from ortui.api.models import Meta
from ortui.query.local_days import LocalPlan
from ortui.results.decode import decode_result
from ortui.results.table import Column, ResultTable


def localize(table: ResultTable, plan: LocalPlan) -> ResultTable:
    """Times as wall times of the plan's zone (same instants), labelled with the zone."""
    if not plan.local_times:
        return table
    columns: list[Column] = []
    for column in table.columns:
        if column.kind == "time":
            values = [
                v.astimezone(plan.zone) if isinstance(v, datetime) else v for v in column.values
            ]
            column = replace(column, values=values, label=f"Date ({plan.zone_name})")
        columns.append(column)
    return replace(table, columns=columns)


def decode_planned(
    body: bytes, plan: LocalPlan, meta: Meta, stop: threading.Event | None = None
) -> ResultTable:
    """Regroup (when the plan says so), decode for the request the regrouped body answers,
    and localize; run it off the UI thread (``stop`` as in ``decode_result``)."""
    request = plan.request
    if plan.regroup is not None:
        request = msgspec.structs.replace(request, granularity=plan.regroup.grain)
    return localize(decode_result(plan.finish(body), request, meta, stop), plan)
