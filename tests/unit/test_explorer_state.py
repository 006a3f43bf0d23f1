"""The explorer's state without a terminal: run clock and retry countdown, chart choice, the
limit a result was cut at, a preset's view, the saved sort."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.api.retry import RetryNotice
from ortui.presets.preset import ViewSettings
from ortui.query.local_days import LocalPlan
from ortui.results.decode import build_table
from ortui.results.series import KINDS
from ortui.results.table import ResultTable
from ortui.screens.explorer_state import ExplorerState

META = Meta(
    metrics=[
        Metric("cost", "Cost", False, "currency"),
        Metric("requests", "Requests", False, "number"),
    ]
)


def result(*metrics: str) -> ResultTable:
    rows = [{"model": "a", **dict.fromkeys(metrics, 1.0)}]
    return build_table(QueryPayload(rows), QueryRequest(list(metrics), ["model"]), META)


def test_the_running_status_counts_up_and_down_a_retry_wait() -> None:
    state = ExplorerState()
    assert state.running_text(5.0) is None and not state.running
    state.start_run(QueryRequest(["cost"]), None, now=10.0)
    assert state.running_text(11.5) == "Running… 1.5 s (Esc cancels)"
    state.retry_scheduled(RetryNotice(attempt=1, wait=4.0, reason="Rate limited"), now=12.0)
    assert state.running_text(13.0) == "Running… 3.0 s · Rate limited: retry 1 in 3 s (Esc cancels)"
    assert state.running_text(16.5) == "Running… 6.5 s · retry 1 (Esc cancels)"
    assert state.stop_run(now=12.0) == 2000.0 and not state.running
    assert state.stop_run(now=13.0) == 0.0


def test_a_new_run_forgets_the_last_retry() -> None:
    state = ExplorerState()
    state.start_run(QueryRequest(["cost"]), None, now=0.0)
    state.retry_scheduled(RetryNotice(1, 9.0, "Server error"), now=0.0)
    state.start_run(QueryRequest(["cost"]), None, now=20.0)
    assert state.running_text(21.0) == "Running… 1.0 s (Esc cancels)"


def test_chart_metric_sticks_when_the_result_has_it_and_cycles_through_the_result() -> None:
    state = ExplorerState(chart_metric="requests")
    state.result_arrived(result("cost", "requests"))
    assert state.chart_metric == "requests" and not state.running
    assert state.cycle_chart_metric() and state.chart_metric == "cost"
    assert state.cycle_chart_metric() and state.chart_metric == "requests"
    state.result_arrived(result("cost"))
    assert state.chart_metric == "cost"
    assert not ExplorerState().cycle_chart_metric()


def test_chart_kind_cycles_through_every_kind_and_back() -> None:
    state = ExplorerState()
    seen = [state.cycle_chart_kind() for _ in range(len(KINDS))]
    assert seen == [*KINDS[1:], "auto"] and KINDS[0] == "auto"
    assert ExplorerState(chart_kind="from a hostile preset").cycle_chart_kind() == "auto"


def test_a_presets_view_is_adopted_and_its_sort_applied_once() -> None:
    state = ExplorerState(chart_metric="cost")
    state.adopt_view("Spend", ViewSettings(None, "bar", "requests:asc"))
    assert (state.current_preset, state.chart_metric, state.chart_kind) == ("Spend", "cost", "bar")
    state.result_arrived(result("cost", "requests"))
    assert state.take_pending_sort() == ("requests", False)
    assert state.take_pending_sort() is None
    state.adopt_view("Other", ViewSettings(None, "auto", "missing:desc"))
    assert state.take_pending_sort() is None  # the result has no such column
    assert state.view_settings("cost", True) == ViewSettings("cost", "auto", "cost:desc")
    state.adopt_view(None, None)  # a history entry: no preset, the view stays
    assert state.current_preset is None and state.chart_kind == "auto"


def test_the_limit_shown_is_the_drafts_when_local_days_were_added_up_from_hours() -> None:
    from ortui.query.draft import QueryDraft
    from ortui.query.local_rows import Regroup

    hourly = QueryRequest(["cost"], granularity="hour", limit=10_000)
    regroup = Regroup(UTC, "day", ["cost"], None, 50, None, 10_000)
    state = ExplorerState()
    state.start_run(hourly, LocalPlan(hourly, "Asia/Tokyo", UTC, regroup, ("note",)), now=0)
    assert state.result_limit(hourly, QueryDraft(limit=50)) == 50
    assert state.result_notes() == " · note"
    plain = QueryRequest(["cost"])
    state.start_run(plain, LocalPlan(plain, "UTC", UTC), now=0)
    assert state.result_limit(plain, QueryDraft(limit=50)) == 1000


def test_the_state_module_needs_no_terminal_library() -> None:
    code = (
        "import sys, ortui.screens.explorer_state\n"
        "print([m for m in ('textual', 'rich', 'plotext') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
