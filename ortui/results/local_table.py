"""A planned query's body → a table whose times are in the plan's zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ortui.api.models import Meta
from ortui.query.local_days import LocalPlan
from ortui.results.fast_decode import decode_table
from ortui.results.table import Column, ResultTable


def localize(table: ResultTable, plan: LocalPlan) -> ResultTable:
    """Times as wall times of the plan's zone (same instants), labelled with the zone."""
    if not plan.local_times:
        return table
    columns: list[Column] = []
    for column in table.columns:
        if column.kind == "time":
            values = [v.astimezone(plan.zone) if isinstance(v, datetime) else v
                      for v in column.values]
            column = replace(column, values=values, label=f"Date ({plan.zone_name})")
        columns.append(column)
    return replace(table, columns=columns)


def decode_planned(body: bytes, plan: LocalPlan, meta: Meta) -> ResultTable:
    """Regroup (when the plan says so), decode and localize; run it off the UI thread."""
    request = plan.request
    granularity = plan.regroup.grain if plan.regroup else request.granularity
    table = decode_table(plan.finish(body), meta, list(request.metrics),
                         list(request.dimensions or []), granularity)
    return localize(table, plan)
