"""``ortui query --format chart``: the explorer's chart on stdout, checked against raw rows."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.chart_text import plot_rows, ranked_bars, value_of
from tests.conftest import TEST_KEY
from tests.helpers import rows, window

FIXED = window(30)
RANGE = [
    "--start",
    FIXED["start"][:16].replace("T", " "),
    "--end",
    FIXED["end"][:16].replace("T", " "),
]


def test_ranked_bars_on_stdout_match_the_raw_totals(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            "--dimensions",
            "model",
            "--granularity",
            "none",
            *RANGE,
            "--format",
            "chart",
            "--width",
            "90",
            "--height",
            "20",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "\x1b[" not in out  # piped: plain text
    lines = out.rstrip("\n").split("\n")
    assert len(lines) <= 20 and max(len(line) for line in lines) <= 90
    expected = rows(
        demo_server.url, {"metrics": ["total_usage"], "dimensions": ["model"], "time_range": FIXED}
    )
    ranked = sorted(expected, key=lambda r: r["total_usage"], reverse=True)
    shown, start, axis = ranked_bars(out)
    assert shown[0].label == ranked[0]["model"][: len(shown[0].label)]
    assert value_of(shown[0].value_text) == pytest.approx(ranked[0]["total_usage"], abs=0.005)
    top_column, top_label = axis.ticks[-1]
    top = value_of(top_label)
    assert top >= ranked[0]["total_usage"]
    values = [r["total_usage"] for r in ranked[:8]] + [sum(r["total_usage"] for r in ranked[8:])]
    assert shown[-1].label == f"Other ({len(ranked) - 8})"
    for bar, value in zip(shown, values, strict=True):
        expected_cells = value / top * (top_column - start)
        assert abs(bar.eighths / 8 - expected_cells) <= 1


def test_default_size_when_piped_is_100_by_30(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--dimensions",
            "model",
            "--granularity",
            "day",
            *RANGE,
            "--format",
            "chart",
        ]
    )
    out = capsys.readouterr().out
    lines = out.rstrip("\n").split("\n")
    assert code == 0 and len(lines) <= 30 and max(len(line) for line in lines) <= 100
    _, first, axis_row = plot_rows(out)
    assert axis_row - first >= 20  # most of the height is plot


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stdout on a pseudo-terminal; returns what it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ortui", *args], stdout=follower, stderr=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


@pytest.mark.parametrize("no_color", [False, True])
def test_colour_on_a_terminal_plain_with_no_color(demo_server: DemoServer, no_color: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["OPENROUTER_MANAGEMENT_KEY"] = TEST_KEY
    if no_color:
        env["NO_COLOR"] = "1"
    out = _on_a_terminal(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            "--dimensions",
            "model",
            "--granularity",
            "day",
            *RANGE,
            "--format",
            "chart",
            "--width",
            "80",
            "--height",
            "20",
        ],
        env,
    )
    assert ("\x1b[38;2;" in out) is not no_color
    assert "Total Usage (USD)" in out


def test_chart_refuses_compare(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "total_usage",
            *RANGE,
            "--format",
            "chart",
            "--compare",
            "previous",
        ]
    )
    assert code == 2 and "does not combine" in capsys.readouterr().err
