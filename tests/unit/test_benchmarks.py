"""Every benchmark runs at a tiny size, so the suite cannot rot. No time is asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run_all
from benchmarks.common import Result, table


def test_the_whole_suite_runs_quickly_and_reports_every_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ORTUI_DEMO_SIZE", "3000")
    results = run_all.run(quick=True)
    names = " ".join(r.name for r in results)
    for expected in (
        "decode",
        "first frame",
        "default result on screen",
        "grid",
        "F5 → grid and chart painted",
        "keystroke",
        "resident memory",
        "page-down",
        "simulator",
        "minus server time",
        "while the chart draws",
        "line chart drawn",
    ):
        assert expected in names
    assert all(isinstance(r, Result) and r.figure >= 0 for r in results)
    text = run_all.markdown(results)
    assert text.startswith("# Performance") and "| benchmark |" in text
    assert "ratio" in table(results)
