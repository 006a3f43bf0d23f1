"""The UI loop while ``c`` (next metric) and ``K`` (chart kind) are pressed on the heavy query's
10,000 rows, the pivot view off and on: the longest gap of a 2 ms heartbeat from the key until
the new chart is on screen, the time until it is, and the time the UI thread spends in the
chart flow's own calls (redraw, the grid's and the pane's updates). A cursor move in the grid
(a repaint, no chart work) is the baseline. Not part of ``run_all.py``.

    python benchmarks/chart_keys.py [repeat]
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ortui
from benchmarks.tui import HEAVY, _run_once, _wait, demo_explorer
from ortui.demo.dataset import DEFAULT_SIZE
from ortui.screens.chart_flow import ChartFlow
from ortui.screens.explorer import ExplorerScreen
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.results_grid import ResultsGrid

#: Milliseconds spent in each timed call on the UI thread, by the call's name.
CALLS: dict[str, list[float]] = {}


def _timed(owner: type, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            CALLS.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    setattr(owner, name, timed)


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


async def _stall(pilot: Any, press: Callable[[], Any], until: Callable[[], bool]) -> list[float]:
    """[longest heartbeat gap, time until ``until()``] in ms, around ``press()``."""
    gap, done = 0.0, False

    async def heartbeat() -> None:
        nonlocal gap
        while not done:
            tick = time.perf_counter()
            await asyncio.sleep(0.002)
            gap = max(gap, time.perf_counter() - tick - 0.002)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.01)
    started = time.perf_counter()
    await press()
    await _wait(pilot, until)
    shown = time.perf_counter() - started
    await asyncio.sleep(0.05)
    done = True
    await beat
    return [gap * 1000, shown * 1000]


async def _keys(pilot: Any, screen: ExplorerScreen, repeat: int) -> None:
    pane = screen.query_one(ChartPane)
    for pivot in (False, True):
        if pivot:
            screen.grid.focus()
            await pilot.press("v")
            await pilot.pause(0.3)
        pane.focus()
        await pilot.pause(0.2)
        for key in ("c", "K"):
            CALLS.clear()
            runs = []
            for _ in range(repeat):
                before = pane.data

                def shown(before: object = before) -> bool:
                    return pane.data is not before and pane._rendered is not None

                def press(key: str = key) -> Any:
                    return pilot.press(key)

                runs.append(await _stall(pilot, press, shown))
            calls = {name: round(_median(ms), 1) for name, ms in CALLS.items()}
            print(
                f"pivot {'on ' if pivot else 'off'} {key}: UI stall median "
                f"{_median([r[0] for r in runs]):.1f} ms, max {max(r[0] for r in runs):.1f} ms; "
                f"chart shown after {_median([r[1] for r in runs]):.1f} ms; "
                f"UI-thread calls (median ms) {calls}"
            )


async def measure(repeat: int) -> None:
    for owner, name in ((ChartFlow, "redraw"), (ChartFlow, "_show")):
        if hasattr(owner, name):
            _timed(owner, name)
    _timed(ChartPane, "set_data")
    _timed(ResultsGrid, "set_table")
    async with demo_explorer(DEFAULT_SIZE) as (pilot, screen):
        await _run_once(pilot, screen, HEAVY.with_changes(limit=10_000))
        assert screen.table is not None
        print(f"{screen.table.row_count:,} rows")
        screen.grid.focus()
        await pilot.pause(0.2)
        idle = [
            await _stall(pilot, lambda: pilot.press("down"), lambda: True) for _ in range(repeat)
        ]
        baseline = _median([r[0] for r in idle])
        print(f"baseline, cursor down in the grid: UI stall median {baseline:.1f} ms")
        await _keys(pilot, screen, repeat)


def main() -> None:
    print("ortui from", Path(ortui.__file__).parent)
    asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 6))


if __name__ == "__main__":
    main()
