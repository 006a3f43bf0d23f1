"""What the explorer knows, apart from its widgets: plain data and rules, no terminal.

The screen keeps one ``ExplorerState`` and asks it what to show; everything here is testable
without Textual (``tests/unit/test_explorer_state.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortui.api.models import Meta, QueryRequest
from ortui.api.retry import RetryNotice
from ortui.presets.preset import ViewSettings
from ortui.query.draft import QueryDraft
from ortui.query.local_days import LocalPlan
from ortui.results.series import KINDS
from ortui.results.table import ResultTable


@dataclass
class RetryCountdown:
    """The client waits before retrying: why, until when (monotonic seconds), which retry."""

    reason: str
    deadline: float
    attempt: int


@dataclass
class ExplorerState:
    """The explorer's state: meta, the shown result, the chart choice, the running query
    (started at, retry countdown) and what waits for meta. (The drill path and compare
    choice live in their flows, ``DrillFlow`` and ``CompareFlow``.)"""

    meta: Meta | None = None
    table: ResultTable | None = None
    chart_metric: str | None = None
    chart_kind: str = "auto"
    pending_sort: str | None = None
    current_preset: str | None = None
    #: The builder's query as the current preset holds it.
    preset_draft: QueryDraft | None = None
    last_request: QueryRequest | None = None
    plan: LocalPlan | None = None
    started: float | None = None
    retry: RetryCountdown | None = None
    pending_action: str | None = None
    builder_filled: bool = False

    @property
    def running(self) -> bool:
        return self.started is not None

    def start_run(self, request: QueryRequest, plan: LocalPlan | None, now: float) -> None:
        self.plan, self.last_request = plan, request
        self.started, self.retry = now, None

    def retry_scheduled(self, notice: RetryNotice, now: float) -> None:
        self.retry = RetryCountdown(notice.reason, now + notice.wait, notice.attempt)

    def running_text(self, now: float) -> str | None:
        """The status while a query runs (elapsed, retry countdown), or None when idle."""
        if self.started is None:
            return None
        note = ""
        if self.retry is not None:
            left = self.retry.deadline - now
            note = (
                f" · {self.retry.reason}: retry {self.retry.attempt} in {left:.0f} s"
                if left > 0
                else f" · retry {self.retry.attempt}"
            )
        return f"Running… {now - self.started:.1f} s{note} (Esc cancels)"

    def stop_run(self, now: float) -> float:
        """The run ended (failed or cancelled): milliseconds it took, 0 when none ran."""
        elapsed = (now - self.started) * 1000 if self.started is not None else 0.0
        self.started = None
        return elapsed

    def result_arrived(self, table: ResultTable) -> None:
        self.started = None
        self.table = table
        self.chart_metric = self.chart_key(table)

    def result_limit(self, request: QueryRequest, draft: QueryDraft) -> int:
        """The row limit the result was cut at: the draft's own when local days were added
        up from hours (the request then asked for hours), else the request's."""
        regrouped = (
            self.plan is not None and self.plan.request is request and self.plan.regroup is not None
        )
        return (draft.limit if regrouped else request.limit) or 1000

    def result_notes(self) -> str:
        return "".join(f" · {n}" for n in self.plan.notes) if self.plan else ""

    def chart_key(self, table: ResultTable) -> str | None:
        """The plotted metric: the chosen one if the result has it, else the first."""
        metrics = [c.key for c in table.metric_columns]
        return (
            self.chart_metric if self.chart_metric in metrics else (metrics[0] if metrics else None)
        )

    def cycle_chart_metric(self) -> bool:
        """The next metric of the shown result; False when there is nothing to cycle."""
        if self.table is None or not self.table.metric_columns:
            return False
        keys = [c.key for c in self.table.metric_columns]
        index = keys.index(self.chart_metric) if self.chart_metric in keys else -1
        self.chart_metric = keys[(index + 1) % len(keys)]
        return True

    def cycle_chart_kind(self) -> str:
        kinds = KINDS
        self.chart_kind = (
            kinds[(kinds.index(self.chart_kind) + 1) % len(kinds)]
            if self.chart_kind in kinds
            else "auto"
        )
        return self.chart_kind

    def take_pending_sort(self) -> tuple[str, bool] | None:
        """A preset's saved grid sort (``key:desc``) for the shown result, once: (key, desc)."""
        pending, self.pending_sort = self.pending_sort, None
        if not pending or self.table is None:
            return None
        key, _, direction = pending.partition(":")
        return (key, direction != "asc") if self.table.column(key) is not None else None

    def adopt_view(self, name: str | None, view: ViewSettings | None) -> None:
        """A preset (or a history entry, without view) was opened."""
        self.current_preset = name
        if view is not None:
            self.chart_metric = view.chart_metric or self.chart_metric
            self.chart_kind = view.chart_kind
            self.pending_sort = view.sort

    def preset_of(self, draft: QueryDraft) -> str | None:
        """The preset a run belongs to: the current one, only while the query is unchanged."""
        return self.current_preset if draft == self.preset_draft else None

    def view_settings(self, sort_key: str | None, descending: bool) -> ViewSettings:
        sort = f"{sort_key}:{'desc' if descending else 'asc'}" if sort_key else None
        return ViewSettings(self.chart_metric, self.chart_kind, sort)
