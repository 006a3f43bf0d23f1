"""The main screen: builder, results grid, chart and status; owns the query workers."""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.key_check import checked_meta
from ortui.api.models import Meta, QueryRequest
from ortui.api.retry import RetryNotice
from ortui.auth.keyring_store import KeyringStore
from ortui.long_lived import settle_long_lived
from ortui.messages import (
    QueryFailed,
    QueryFinished,
    RetryScheduled,
    SchemaFailed,
    SchemaLoaded,
)
from ortui.presets.history import History
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query import pipeline
from ortui.query.draft import QueryDraft, default_draft
from ortui.query.local_days import LocalPlan
from ortui.results.series import KINDS, chart_data
from ortui.results.table import ResultTable
from ortui.screens.compare_flow import CompareFlow
from ortui.screens.drill_flow import DrillFlow
from ortui.screens.explain import open_explain
from ortui.screens.explorer_keys import KeyActions
from ortui.screens.explorer_results import ResultActions
from ortui.screens.explorer_saved import SavedQueryActions
from ortui.screens.explorer_watch import WatchController
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.error_panel import ErrorPanel
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.quiet_input import QuietInput
from ortui.widgets.results_grid import ResultsGrid
from ortui.widgets.status_line import StatusLine, describe_result

MIN_WIDTH, MIN_HEIGHT = 60, 16
SERVER_FIELDS = (("dimensions", "dimensions"), ("filters", "filters"), ("operator", "filters"),
                 ("include_unset", "filters"), ("unset bucket", "filters"),
                 ("time_range", "time_range"), ("granularity", "granularity"),
                 ("order_by", "order_by"), ("group_limit", "group_limit"), ("limit", "limit"),
                 ("metric", "metrics"), ("dimension", "dimensions"))


def blamed_field(message: str) -> str | None:
    """The builder field a server 400 message points at, when recognisable."""
    lowered = message.lower()
    return next((field for needle, field in SERVER_FIELDS if needle in lowered), None)


class ExplorerScreen(ResultActions, SavedQueryActions, KeyActions):
    """Build a query, run it in the background, see rows and a chart."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "run", "Run", priority=True),
        Binding("ctrl+r", "run", "Run", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+b", "toggle_builder", "Builder"),
        Binding("c", "cycle_metric", "Chart metric", show=False),
        Binding("z", "zoom", "Zoom", show=False),
        Binding("p", "toggle_compare", "Compare", show=False),
        Binding("w", "explain", "Why? (explain)", show=False),
        Binding("r", "toggle_watch", "Watch", show=False),
        Binding("enter", "drill", "Drill down", show=False),
        Binding("backspace", "drill_back", "Back", show=False),
        # priority: an Input binds ctrl+k itself, and terminals send ctrl+h as backspace
        Binding("ctrl+k", "enter_key", "Key", show=False, priority=True),
        Binding("ctrl+s", "save_preset", "Save"),
        Binding("ctrl+o", "open_presets", "Presets"),
        Binding("ctrl+h", "open_history", "History", show=False, priority=True),
    ]

    def __init__(self, client: AnalyticsClient, *, secrets: KeyringStore | None = None,
                 presets: PresetStore | None = None, history: History | None = None,
                 start_preset: Preset | None = None) -> None:
        super().__init__()
        self.client = client
        self.secrets = secrets
        self.presets = presets
        self.history = history
        self.current_preset: str | None = None
        self.start_preset = start_preset
        self._keyring_explained = False
        self.meta: Meta | None = None
        self.table: ResultTable | None = None
        self.chart_metric: str | None = None
        self.chart_kind = "auto"
        self._builder_filled = False
        self.pending_sort: str | None = None
        self.last_request: QueryRequest | None = None
        self.plan: LocalPlan | None = None
        self._started: float | None = None
        self._retry: tuple[str, float, int] | None = None  # reason, deadline, attempt
        self._pending_action: str | None = None
        self.compare = CompareFlow(self)
        self.drill = DrillFlow(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield QueryBuilder(id="builder")
            with Vertical(id="results"):
                yield Breadcrumb(id="drill-path")
                yield ErrorPanel(id="error", classes="hidden")
                yield ResultsGrid(id="grid")
                yield QuietInput(placeholder="find in rows (Enter; n/N next/prev; Esc closes)",
                                 id="find", classes="hidden")
                yield ChartPane(id="chart")
        yield Static("", id="watch-badge")
        yield StatusLine("Loading what the server offers…", id="status")
        yield Static("", id="too-small")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        """Below 60×16 the panes cannot work: say so instead of drawing them broken."""
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        if small:
            self.query_one("#too-small", Static).update(Text(
                f"Terminal too small ({width}×{height}): ortui needs at least "
                f"{MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window — nothing is lost."))

    @property
    def builder(self) -> QueryBuilder:
        return self.query_one(QueryBuilder)

    @property
    def grid(self) -> ResultsGrid:
        return self.query_one(ResultsGrid)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.set_interval(0.1, self._tick)
        self.watcher = WatchController(self, self.query_one("#watch-badge", Static),
                                       int(getattr(self.app, "watch_interval", 60)))
        self.watcher.attach()
        if self.client.key:
            self.load_meta()
        else:
            self.status.show_text("No management key yet: enter one to start (ctrl+k).")
            self.ask_for_key("No key was found in --key-file, OPENROUTER_MANAGEMENT_KEY, "
                             "OPENROUTER_API_KEY or the OS keyring.")

    # Schema

    @work(exclusive=True, group="meta", exit_on_error=False)
    async def load_meta(self) -> None:
        try:
            meta = await checked_meta(self.client)  # names an inference key as such
        except errors.ApiError as exc:
            self.post_message(SchemaFailed(exc))
            return
        self.post_message(SchemaLoaded(meta))

    def on_schema_loaded(self, message: SchemaLoaded) -> None:
        first_time = self.meta is None and not self._builder_filled
        self.meta = message.meta
        self.query_one(ErrorPanel).clear_error()
        self.status.show_text(f"{len(message.meta.metrics)} metrics, "
                              f"{len(message.meta.dimensions)} dimensions · F5 runs the query")
        if first_time:
            # Only once: a reload after a new key must not wipe the user's edits.
            self._builder_filled = True
            self.builder.set_meta(message.meta)
            self.query_one("#metrics").query_one(Input).focus()
            self.call_after_refresh(self._warm_up)  # after the fill below is on screen
            if self.start_preset is not None:
                self.open_draft(self.start_preset.draft, self.start_preset)
                return
            self.builder.load(default_draft(message.meta).with_changes(
                timezone=None if self.default_zone == "UTC" else self.default_zone))
        if self._pending_action == "run":
            self._pending_action = None
            self.action_run()

    async def _warm_up(self) -> None:
        """Once the filled builder is on screen: build the filter editor (~100 ms, so the first
        ``a`` opens it within a frame), then keep the collector off what lives all session."""
        await self.builder.prepare_filter_editor()
        settle_long_lived()

    def on_schema_failed(self, message: SchemaFailed) -> None:
        self._show_failure(message.error)
        self._pending_action = "meta"

    # Running

    def action_run(self) -> None:
        if self.meta is None:
            self._pending_action = "run"
            self.load_meta()
            return
        self.run_draft(self.builder.draft)

    def run_draft(self, draft: QueryDraft) -> None:
        """Validate and run ``draft`` (the builder's, or the watched one)."""
        if self.meta is None:
            return
        planned = pipeline.plan(draft, self.meta, default_zone=self.default_zone)
        if isinstance(planned, pipeline.Invalid):
            problems = planned.problems
            self.builder.show_problems(problems)
            self.status.show_text(f"Can't run: {problems[0].message}", "error")
            self.builder.focus_field(problems[0].field)
            return
        self.plan = planned.local
        self.last_request = planned.request
        self._started = time.monotonic()
        self._retry = None
        self.run_query(planned)

    @property
    def query_running(self) -> bool:
        return self._started is not None

    def action_toggle_watch(self) -> None:
        self.watcher.toggle()

    @property
    def default_zone(self) -> str:
        """The zone of drafts that name none: ``--tz`` or the settings' ``timezone``."""
        return str(getattr(self.app, "default_timezone", "UTC"))

    @work(exclusive=True, group="query", exit_on_error=False)
    async def run_query(self, planned: pipeline.Planned) -> None:
        outcome = await pipeline.execute(self.client, planned, on_retry=self._retry_scheduled)
        if isinstance(outcome, pipeline.Failed):
            self.post_message(QueryFailed(outcome.error, outcome.request, outcome.draft))
            return
        table = outcome.table
        chart = await asyncio.to_thread(chart_data, table, self._chart_key(table),
                                        kind=self.chart_kind)
        self.post_message(QueryFinished(table, outcome.request, outcome.draft,
                                        outcome.client_ms, chart))

    def _retry_scheduled(self, notice: RetryNotice) -> None:
        self.post_message(RetryScheduled(notice))

    def on_retry_scheduled(self, message: RetryScheduled) -> None:
        """The client is about to wait before retrying: count the wait down on screen."""
        notice = message.notice
        self._retry = (notice.reason, time.monotonic() + notice.wait, notice.attempt)

    def _tick(self) -> None:
        if self._started is None:
            return
        elapsed = time.monotonic() - self._started
        note = ""
        if self._retry is not None:
            reason, deadline, attempt = self._retry
            left = deadline - time.monotonic()
            note = (f" · {reason}: retry {attempt} in {left:.0f} s" if left > 0
                    else f" · retry {attempt}")
        self.status.show_text(f"Running… {elapsed:.1f} s{note} (Esc cancels)", "running")

    def on_query_finished(self, message: QueryFinished) -> None:
        self.record_run(message.draft, message.table.row_count, message.client_ms, "ok")
        self.watcher.finished(message.table, message.draft)
        self._started = None
        self.table = message.table
        self.query_one(ErrorPanel).clear_error()
        self.grid.set_table(message.table)
        self._apply_pending_sort()
        self.chart_metric = self._chart_key(message.table)
        self.query_one(ChartPane).set_data(message.chart)
        regrouped = self.plan is not None and self.plan.request is message.request \
            and self.plan.regroup is not None
        limit = message.draft.limit if regrouped else message.request.limit
        notes = "".join(f" · {n}" for n in self.plan.notes) if self.plan else ""
        self.status.show_text(describe_result(message.table, message.client_ms,
                                              limit or 1000) + notes)
        if self.meta is not None:
            self.compare.result_shown(message.table, message.request, self.meta)

    def _apply_pending_sort(self) -> None:
        """A preset's saved grid sort (``key:desc``), once its result arrives."""
        if self.pending_sort and self.table is not None:
            key, _, direction = self.pending_sort.partition(":")
            if self.table.column(key) is not None:
                self.grid.sort_by(key, direction != "asc")
        self.pending_sort = None

    def on_query_failed(self, message: QueryFailed) -> None:
        elapsed = (time.monotonic() - self._started) * 1000 if self._started else 0.0
        self.record_run(message.draft, None, elapsed, message.error.title)
        self.watcher.failed(message.error)
        self._started = None
        self._show_failure(message.error)
        if isinstance(message.error, errors.BadRequest):
            field = blamed_field(message.error.server_message)
            if field is not None:
                self.builder.show_problems(
                    self.builder.problems, highlight=field)
                self.builder.query_one(f"#err-{field}", Static).update(
                    Text(message.error.server_message))
        if isinstance(message.error, errors.Unauthorized | errors.Forbidden):
            self._pending_action = "run"

    def _show_failure(self, error: errors.ApiError) -> None:
        self.query_one(ErrorPanel).show_error(error)
        self.status.show_text(f"{error.title}: {error.message}", "error")

    def action_cancel(self) -> None:
        find = self.query_one("#find", Input)
        if not find.has_class("hidden"):
            find.add_class("hidden")
            self.grid.focus()
            return
        if self._started is not None:
            self.workers.cancel_group(self, "query")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        cancelled = event.worker.group == "query" and event.state == WorkerState.CANCELLED
        if cancelled and self._started is not None:
            self._started = None
            self.status.show_text("Cancelled. The builder and the last result are kept.")

    # Chart and grid

    def _chart_key(self, table: ResultTable) -> str | None:
        """The plotted metric: the chosen one if the result has it, else the first."""
        metrics = [c.key for c in table.metric_columns]
        return self.chart_metric if self.chart_metric in metrics else (
            metrics[0] if metrics else None)

    def _update_chart(self) -> None:
        chart = self.query_one(ChartPane)
        chart.set_data(chart_data(self.table, self.chart_metric, kind=self.chart_kind)
                       if self.table else None)

    def on_chart_pane_kind_cycled(self) -> None:
        kinds = KINDS
        self.chart_kind = kinds[(kinds.index(self.chart_kind) + 1) % len(kinds)] \
            if self.chart_kind in kinds else "auto"
        self.notify(f"Chart: {self.chart_kind}", timeout=2)
        self._update_chart()

    def action_cycle_metric(self) -> None:
        if self.table is None or not self.table.metric_columns:
            return
        keys = [c.key for c in self.table.metric_columns]
        index = keys.index(self.chart_metric) if self.chart_metric in keys else -1
        self.chart_metric = keys[(index + 1) % len(keys)]
        self._update_chart()

    def on_chart_pane_metric_cycled(self) -> None:
        self.action_cycle_metric()

    def on_results_grid_find_requested(self) -> None:
        find = self.query_one("#find", Input)
        find.remove_class("hidden")
        find.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "find":
            count = self.grid.find(event.value)
            self.status.show_text(f"{count:,} matching rows for {event.value!r} (n / N to move)")
            event.input.add_class("hidden")
            self.grid.focus()

    def on_results_grid_sorted(self, message: ResultsGrid.Sorted) -> None:
        way = "descending" if message.descending else "ascending"
        note = " — the result was truncated, so this sorts the fetched rows only" \
            if message.partial else ""
        self.status.show_text(f"Sorted by {message.label}, {way}{note}")

    def action_toggle_builder(self) -> None:
        builder = self.builder
        builder.toggle_class("collapsed")
        if builder.has_class("collapsed") and builder.has_focus_within:
            self.grid.focus()

    def action_drill(self) -> None:
        self.drill.start()

    def action_drill_back(self) -> None:
        if isinstance(self.focused, ResultsGrid | ChartPane) or self.focused is None:
            self.drill.back()

    def action_toggle_compare(self) -> None:
        self.compare.toggle()

    def action_explain(self) -> None:
        open_explain(self)

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if isinstance(focused, ResultsGrid | ChartPane):
            self.maximize(focused)
