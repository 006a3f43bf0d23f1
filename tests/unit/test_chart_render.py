"""Chart text: date labels are the UTC dates whatever the local time zone; no colour mode."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
from datetime import UTC, datetime, timedelta
from ortui.results.series import ChartData, Series
from ortui.results.table import Column
from ortui.widgets.chart_pane import render_chart
metric = Column("total_usage", "Total Usage", "metric", [], "currency")
days = [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=i) for i in range(6)]
data = ChartData("line", metric, series=[Series("a", days, [1, 2, 3, 2, 5, 4])])
print(render_chart(data, 90, 14, colour=False))
"""


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_date_labels_do_not_shift_with_the_local_time_zone(zone: str) -> None:
    env = {**os.environ, "TZ": zone}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "03-01" in out and "02-28" not in out
    assert "Total Usage (USD)" in out and "\x1b[" not in out


@pytest.mark.parametrize("value", [5e5, 1e8, 1e30, -1e300, 1.7e308, float("inf")])
def test_large_values_are_drawn_on_a_scaled_axis(value: float) -> None:
    """Huge and infinite values never crash the renderer; the axis says k/M/… instead."""
    from datetime import UTC, datetime, timedelta

    from ortui.results.series import ChartData, Series
    from ortui.results.table import Column
    from ortui.widgets.chart_pane import render_chart

    metric = Column("tokens_total", "Total Tokens", "metric", [], "number")
    bars = render_chart(
        ChartData("bar", metric, bars=[("a", value), ("b", 1.0)]), 60, 12, colour=False
    )
    days = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=i) for i in range(3)]
    line = render_chart(
        ChartData("line", metric, series=[Series("a", days, [value, 0, 1])]), 60, 12, colour=False
    )
    assert "Total Tokens" in bars and "Total Tokens" in line
    if value == 5e5:
        assert "500k" in bars
