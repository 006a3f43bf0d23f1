"""One dimension of an explanation as a ResultTable, so the results grid can show it."""

from __future__ import annotations

from dataclasses import replace

from ortui.analysis.explain import Breakdown, Explanation
from ortui.results.formatting import NO_VALUE_TEXT, UNSET_TEXT
from ortui.results.table import Cell, Column, ResultTable

UNSET = UNSET_TEXT


def breakdown_table(
    explanation: Explanation, breakdown: Breakdown, label: str, fmt: str, dimension_label: str = ""
) -> ResultTable:
    """Group, current, previous, change (effect for rates), share — plus own and mix."""
    groups = breakdown.groups
    rate = explanation.kind == "rate"
    change_format = "points" if fmt == "percent" else f"delta:{fmt}"
    values: list[Cell] = [UNSET if g.value is None else g.value for g in groups]
    columns = [
        Column(breakdown.dimension, dimension_label or breakdown.dimension, "dimension", values),
        Column("current", f"{label} now", "metric", [g.current for g in groups], fmt, rate),
        Column("previous", f"{label} before", "metric", [g.previous for g in groups], fmt, rate),
        Column(
            "change",
            "Effect" if rate else "Change",
            "metric",
            [g.change for g in groups],
            change_format,
            rate,
        ),
        Column("share", "Share", "metric", [g.share for g in groups], "percent", True),
    ]
    if rate:
        columns += [
            Column("own", "Own change", "metric", [g.own for g in groups], change_format, True),
            Column(
                "mix", "Mix (traffic shift)", "metric", [g.mix for g in groups], change_format, True
            ),
        ]
    # Every number here is worked out by ortui, none is a null the server sent: one that does
    # not exist (a share of no change at all, the rate of a group without traffic) reads "—".
    columns = [replace(c, missing=NO_VALUE_TEXT) if c.kind == "metric" else c for c in columns]
    return ResultTable(columns, len(groups))
