"""An explanation as JSON (the documented shape) or as aligned text for a terminal."""

from __future__ import annotations

import json
from typing import Any

from ortui.analysis.explain import Explanation, Group, Period
from ortui.query.time_range import format_wire
from ortui.results.formatting import UNSET_TEXT, format_change, format_metric

UNSET = UNSET_TEXT


def _period(period: Period) -> dict[str, Any]:
    return {
        "start": format_wire(period.start),
        "end": format_wire(period.end),
        "total": period.total,
    }


def _group(group: Group, rate: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": group.value,
        "id": group.id,
        "current": group.current,
        "previous": group.previous,
        "change": group.change,
        "share": group.share,
    }
    if rate:
        out.update({"own": group.own, "mix": group.mix})
    return out


def explanation_record(explanation: Explanation) -> dict[str, Any]:
    """``{"metric", "current", "previous", "change", "by": {DIMENSION: [group, …]}}``."""
    rate = explanation.kind == "rate"
    return {
        "metric": explanation.metric,
        "current": _period(explanation.current),
        "previous": _period(explanation.previous),
        "change": explanation.change,
        "by": {
            dim: [_group(g, rate) for g in breakdown.groups]
            for dim, breakdown in explanation.by.items()
        },
    }


def explanation_json(explanation: Explanation) -> str:
    return json.dumps(explanation_record(explanation), ensure_ascii=False, indent=2) + "\n"


def _amount(value: float | None, fmt: str) -> str:
    return "none" if value is None else format_metric(value, fmt)


def _signed(value: float | None, fmt: str) -> str:
    if value is None:
        return "none"
    return format_change(value, "points" if fmt == "percent" else f"delta:{fmt}")


def headline(explanation: Explanation, label: str, fmt: str) -> str:
    """``Total Usage: $52.31 vs $20.10 (+$32.21, +160.2%) — 2026-11-22 → 2026-11-29 UTC``."""
    now, before = explanation.current, explanation.previous
    change = explanation.change
    pct = ""
    if change is not None and before.total and fmt != "percent":
        pct = ", " + format_change(change / abs(before.total), "delta_pct")
    return (
        f"{label}: {_amount(now.total, fmt)} vs {_amount(before.total, fmt)} "
        f"({_signed(change, fmt)}{pct}) — {_span(now)} vs {_span(before)} UTC"
    )


def _span(period: Period) -> str:
    return f"{period.start:%Y-%m-%d %H:%M} → {period.end:%Y-%m-%d %H:%M}"


def group_cells(group: Group, fmt: str, rate: bool) -> list[str]:
    """The cells of one group row: value, current, previous, change, share (+ own, mix)."""
    value = UNSET if group.value is None else group.value
    share = "" if group.share is None else f"{group.share * 100:,.1f}%"
    cells = [
        value,
        _amount(group.current, fmt),
        _amount(group.previous, fmt),
        _signed(group.change, fmt),
        share,
    ]
    if rate:
        cells += [_signed(group.own, fmt), _signed(group.mix, fmt)]
    return cells


def explanation_text(explanation: Explanation, label: str, fmt: str) -> str:
    """Every dimension as an aligned table under the headline."""
    lines = [headline(explanation, label, fmt)]
    if explanation.note:
        lines.append(explanation.note)
    rate = explanation.kind == "rate"
    head = ["group", "current", "previous", "effect" if rate else "change", "share"]
    head += ["own", "mix"] if rate else []
    for dim, breakdown in explanation.by.items():
        rows = [head] + [group_cells(g, fmt, rate) for g in breakdown.groups]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        lines += ["", f"by {dim}" + (f" ({breakdown.note})" if breakdown.note else "")]
        lines += [
            "  "
            + "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
            for r in rows
        ]
    return "\n".join(lines) + "\n"
