"""Shared pieces of the benchmark suite: a result row and the printed / markdown table."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Result:
    """One figure, its same-run baseline, and the bar it must meet (as text)."""

    name: str
    figure: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    bar: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.figure / self.baseline


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    """The machine, and which ortui is measured: an editable install elsewhere on the path
    would otherwise be benchmarked silently in place of this checkout."""
    import ortui

    return (
        f"{platform.node() or 'host'} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · "
        f"ortui from {Path(ortui.__file__).parent.parent}"
    )


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:,.1f} {unit}".strip() if value < 1000 else f"{value:,.0f} {unit}".strip()


def table(results: list[Result], markdown: bool = False) -> str:
    head = ["benchmark", "figure", "baseline", "ratio", "bar", "met"]
    rows = []
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        met = "" if r.ok is None else ("yes" if r.ok else "NO")
        base = f"{_cell(r.baseline, r.unit)} ({r.baseline_name})" if r.baseline_name else ""
        rows.append([r.name, _cell(r.figure, r.unit), base, ratio, r.bar, met])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(
        [
            fmt.format(*head),
            fmt.format(*("-" * w for w in widths)),
            *(fmt.format(*row) for row in rows),
        ]
    )
