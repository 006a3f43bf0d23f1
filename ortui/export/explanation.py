"""An explanation as JSON (the documented shape) or as aligned text for a terminal."""

from __future__ import annotations

import math
from typing import Any

from ortui.analysis.explain import Explanation, Group, Period
from ortui.export.renderers import json_text
from ortui.query.time_range import format_wire
from ortui.results.formatting import UNSET_TEXT, format_change, format_metric

UNSET = UNSET_TEXT
#: Decimals in JSON, with no float noise (0.30000000000000004): money to the millionth of a
#: dollar, as precise as the server sends it (``ortui query --format json`` passes its values
#: on); other amounts and the shares of the change (ratios: 0.25 is 25 %) to 9 decimals, as
#: the Δ and Δ% of ``ortui query --compare``.
MONEY_PLACES, PLACES = 6, 9


def _number(value: float | None, places: int = PLACES) -> float | int | None:
    """``value`` rounded to ``places`` decimals; whole numbers as ints, NaN/∞ as none."""
    if value is None or not math.isfinite(value):
        return None
    rounded = round(float(value), places)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def _period(period: Period, places: int) -> dict[str, Any]:
    return {
        "start": format_wire(period.start),
        "end": format_wire(period.end),
        "total": _number(period.total, places),
    }


def _group(group: Group, rate: bool, places: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": group.value,
        "id": group.id,
        "current": _number(group.current, places),
        "previous": _number(group.previous, places),
        "change": _number(group.change, places),
        "share": _number(group.share),
    }
    if rate:
        own, mix = _number(group.own, places), _number(group.mix, places)
        out.update({"own": own, "mix": mix})
        if own is not None and mix is not None:  # still adds up once rounded
            out["change"] = _number(own + mix, places)
    return out


def explanation_record(explanation: Explanation, fmt: str = "") -> dict[str, Any]:
    """``{"metric", "current", "previous", "change", "by": {DIMENSION: [group, …]}}``;
    ``fmt`` is the metric's display format (money is rounded to the millionth)."""
    rate = explanation.kind == "rate"
    places = MONEY_PLACES if fmt == "currency" else PLACES
    return {
        "metric": explanation.metric,
        "current": _period(explanation.current, places),
        "previous": _period(explanation.previous, places),
        "change": _number(explanation.change, places),
        "by": {
            dim: [_group(g, rate, places) for g in breakdown.groups]
            for dim, breakdown in explanation.by.items()
        },
    }


def explanation_json(explanation: Explanation, fmt: str = "") -> str:
    """The record as JSON: numbers rounded, terminal-unsafe characters in names escaped."""
    return json_text(explanation_record(explanation, fmt), indent=2) + "\n"


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
