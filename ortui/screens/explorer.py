"""The main screen: builder, results grid, chart and status; owns the query workers."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.key_check import checked_meta
from ortui.api.models import Meta, QueryRequest
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
from ortui.query.draft import QueryDraft, default_draft
from ortui.query.local_days import LocalPlan
from ortui.query.value_hints import ValueHints
from ortui.results.series import chart_data
from ortui.results.table import ResultTable
from ortui.screens.compare_flow import CompareFlow
from ortui.screens.drill_flow import DrillFlow
from ortui.screens.explorer_state import ExplorerState
from ortui.screens.explorer_watch import WatchController
from ortui.screens.export_flow import ExportFlow
from ortui.screens.filter_flow import FilterFlow
from ortui.screens.global_keys import global_bindings
from ortui.screens.id_lookup import DirectoryLookup, load_names
from ortui.screens.key_flow import KeyFlow
from ortui.screens.layout_flow import LayoutFlow
from ortui.screens.preset_flow import PresetFlow
from ortui.screens.run_flow import RunFlow
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.error_panel import ErrorPanel
from ortui.widgets.filter_list import FilterList
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.quiet_input import QuietInput
from ortui.widgets.results_grid import ResultsGrid
from ortui.widgets.status_line import StatusLine

MIN_WIDTH, MIN_HEIGHT = 60, 16


class ExplorerScreen(Screen[None]):
    """Build a query, run it in the background, see rows and a chart. What it knows lives in
    ``state`` (terminal-free); keys, presets, export and compare are flows it owns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *global_bindings(),  # global_keys.py: keys that work anywhere, even while typing
        Binding("escape", "cancel", "Cancel", show=False, id="explorer.cancel"),
        Binding(
            "exclamation_mark", "show_warnings", "Warnings", show=False, id="explorer.warnings"
        ),
        Binding("c", "cycle_metric", "Chart metric", show=False, id="explorer.chart_metric"),
        Binding("z", "zoom", "Zoom", show=False, id="explorer.zoom"),
        Binding("p", "toggle_compare", "Compare", show=False, id="explorer.compare"),
        Binding("w", "explain", "Why? (explain)", show=False, id="explorer.explain"),
        Binding("r", "toggle_watch", "Watch", show=False, id="explorer.watch"),
        Binding("enter", "drill", "Drill down", show=False, id="explorer.drill"),
        Binding("backspace", "drill_back", "Back", show=False, id="explorer.drill_back"),
        Binding("f6", "open_spend", "Spend", show=False, id="explorer.spend"),
        Binding("dollar_sign", "open_spend", "Spend", show=False, id="explorer.spend"),
    ]
    #: The result's keys (README: "grid, chart"): bound only while the grid or the chart has
    #: the focus, so elsewhere a key does what the focused control does (Enter in a builder
    #: list toggles its option) and help lists them only there.
    RESULT_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"show_warnings", "cycle_metric", "zoom", "toggle_compare", "explain", "toggle_watch"}
        | {"drill", "drill_back"}
    )

    #: No focus chosen by Textual: ``on_mount`` puts the cursor in the metric search (the
    #: builder's scroll, focused first, restyled its ~70 widgets twice: ~40 ms of a start).
    AUTO_FOCUS = ""

    def __init__(
        self,
        client: AnalyticsClient,
        *,
        secrets: KeyringStore | None = None,
        presets: PresetStore | None = None,
        history: History | None = None,
        start_preset: Preset | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.start_preset = start_preset
        self.state = ExplorerState()
        self.runs = RunFlow(self)
        self.keys = KeyFlow(self, secrets)
        self.saved = PresetFlow(self, presets, history)
        self.exports = ExportFlow(self)
        self.compare = CompareFlow(self)
        self.names = DirectoryLookup(client)
        self.drill = DrillFlow(self, self.names, self.names.management)
        self.value_hints = ValueHints()
        self.panes = LayoutFlow(self)
        self.filters = FilterFlow(self)
        self._from_palette = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield QueryBuilder(id="builder")
            with Vertical(id="results"):
                yield Breadcrumb(id="drill-path")
                yield ErrorPanel(id="error", classes="hidden")
                yield ResultsGrid(id="grid")
                yield QuietInput(
                    placeholder="find rows: any part of a cell, any case (Enter; n/N; Esc closes)",
                    id="find",
                    classes="hidden",
                )
                yield ChartPane(id="chart")
        yield Static("", id="watch-badge")
        yield StatusLine(
            getattr(self.app, "startup_note", "Loading what the server offers…"), id="status"
        )
        yield Static("", id="too-small")
        yield KeyBar()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown for the first time, its widgets were styled as it was composed a moment ago:
        Textual's restyling of all ~90 on every resume is skipped then (~20 ms of a start)."""
        if not getattr(self, "_resumed", False):
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        """Below 60×16 the panes cannot work: say so instead of drawing them broken."""
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small != self.has_class("-too-small"):
            self.panes.too_small_changed(small)
        self.set_class(small, "-too-small")
        if small:
            self.query_one("#too-small", Static).update(
                Text(
                    f"Terminal too small ({width}×{height}): ortui needs at least "
                    f"{MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window — nothing is lost."
                )
            )

    @property
    def builder(self) -> QueryBuilder:
        return self.query_one(QueryBuilder)

    @property
    def grid(self) -> ResultsGrid:
        return self.query_one(ResultsGrid)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def meta(self) -> Meta | None:
        return self.state.meta

    @property
    def table(self) -> ResultTable | None:
        """The shown result (the plain one, also while a comparison is on the grid)."""
        return self.state.table

    @property
    def last_request(self) -> QueryRequest | None:
        return self.state.last_request

    @property
    def plan(self) -> LocalPlan | None:
        return self.state.plan

    @property
    def chart_metric(self) -> str | None:
        return self.state.chart_metric

    @chart_metric.setter
    def chart_metric(self, metric: str | None) -> None:
        self.state.chart_metric = metric

    @property
    def chart_kind(self) -> str:
        return self.state.chart_kind

    @property
    def default_zone(self) -> str:
        """The zone of drafts that name none: ``--tz`` or the settings' ``timezone``."""
        return str(getattr(self.app, "default_timezone", "UTC"))

    @property
    def query_running(self) -> bool:
        return self.state.running

    def action_toggle_watch(self) -> None:
        self.watcher.toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.RESULT_ACTIONS and not self._from_palette:
            focused = self.focused
            return focused is not None and any(
                isinstance(node, ResultsGrid | ChartPane) for node in (focused, *focused.ancestors)
            )
        return True

    async def run_command(self, action: str) -> None:
        """A palette entry runs wherever the focus is, the result's actions included."""
        self._from_palette = True
        try:
            await self.run_action(action)
        finally:
            self._from_palette = False

    def on_mount(self) -> None:
        self.set_interval(0.1, self.runs.tick)
        self.watcher = WatchController(
            self,
            self.query_one("#watch-badge", Static),
            int(getattr(self.app, "watch_interval", 60)),
        )
        self.watcher.attach()
        self.query_one("#metrics").query_one(Input).focus()
        early = getattr(self.app, "take_early_meta", lambda: None)()
        if self.client.key and early is not None:  # asked as ortui started: fill (and run)
            self.on_schema_loaded(early)  # now, so the first frame already shows it all
            self.app.post_message(early)
        elif self.client.key:
            self.load_meta()
        else:
            self.status.show_text("No management key yet: enter one to start (ctrl+k).")
            self.keys.ask(
                "No key was found in --key-file, OPENROUTER_MANAGEMENT_KEY, "
                "OPENROUTER_API_KEY or the OS keyring."
            )

    # Schema

    @work(exclusive=True, group="meta", exit_on_error=False)
    async def load_meta(self) -> None:
        try:
            sent = getattr(self.app, "take_meta_request", lambda: None)()  # asked at start
            meta = await (sent if sent is not None else checked_meta(self.client))
        except errors.ApiError as exc:
            self.post_message(SchemaFailed(exc))
            return
        except Exception as exc:  # never to Textual's handler: shown like any failure
            self.post_message(SchemaFailed(errors.Unexpected(exc)))
            return
        self.post_message(SchemaLoaded(meta))

    def on_schema_loaded(self, message: SchemaLoaded) -> None:
        state = self.state
        first_time = state.meta is None and not state.builder_filled
        state.meta = message.meta
        self.query_one(ErrorPanel).clear_error()
        self.status.show_text(
            f"{len(message.meta.metrics)} metrics, "
            f"{len(message.meta.dimensions)} dimensions · F5 runs the query"
        )
        if first_time:
            # Only once: a reload after a new key must not wipe the user's edits.
            state.builder_filled = True
            self.builder.set_meta(message.meta)
            self.query_one("#metrics").query_one(Input).focus()
            run = self.app.preferences.run_on_start  # type: ignore[attr-defined]
            # After the fill below is on screen — or, when a query runs now, after its result
            # (building the filter editor would hold up the first result's paint).
            self._warm_up_waits_for_result = run
            if not run:
                self.call_after_refresh(self._warm_up)
            if self.start_preset is not None:
                self.saved.open_draft(self.start_preset.draft, self.start_preset, run=run)
                return
            self.builder.load(
                default_draft(message.meta).with_changes(
                    timezone=None if self.default_zone == "UTC" else self.default_zone
                )
            )
            if run:  # the first screen holds a result, not "press F5"
                state.pending_action = "run"
        if state.pending_action == "run":
            state.pending_action = None
            self.action_run()

    async def _warm_up(self) -> None:
        """Once the filled builder is on screen: build the filter editor (~100 ms, so the first
        ``a`` opens it within a frame), then keep the collector off what lives all session."""
        await self.filters.prepare()
        settle_long_lived()

    def on_schema_failed(self, message: SchemaFailed) -> None:
        self.runs.show_failure(message.error)
        self.state.pending_action = "meta"

    # Running

    def action_run(self) -> None:
        self.runs.run()

    def run_draft(self, draft: QueryDraft) -> None:
        """Validate and run ``draft`` (the watched one; F5 runs the builder's)."""
        self.runs.run(draft)

    def on_retry_scheduled(self, message: RetryScheduled) -> None:
        """The client is about to wait before retrying: count the wait down on screen."""
        self.state.retry_scheduled(message.notice, time.monotonic())

    def on_query_finished(self, message: QueryFinished) -> None:
        self.runs.finished(message)
        self.watcher.finished(message.table, message.draft)
        self.value_hints.remember(message.table)
        if self.value_hints.directory is None:
            self.run_worker(
                load_names(self.names, self.value_hints),
                group="names",
                exclusive=True,
                exit_on_error=False,
            )

    def warm_up_after_result(self) -> None:
        if getattr(self, "_warm_up_waits_for_result", False):
            self._warm_up_waits_for_result = False
            self.call_after_refresh(self._warm_up)

    def on_query_failed(self, message: QueryFailed) -> None:
        self.runs.failed(message)
        self.watcher.failed(message.error)

    def action_cancel(self) -> None:
        find = self.query_one("#find", Input)
        if not find.has_class("hidden"):
            find.add_class("hidden")
            self.grid.focus()
            return
        if self.state.running:
            self.workers.cancel_group(self, "query")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        cancelled = event.worker.group == "query" and event.state == WorkerState.CANCELLED
        if cancelled and self.state.running:
            self.state.stop_run(time.monotonic())
            self.status.show_text("Cancelled. The builder and the last result are kept.")
        if event.state == WorkerState.ERROR:  # a worker that failed outside its own handling
            if event.worker.group == "query" and self.state.running:
                self.state.stop_run(time.monotonic())
            failure = errors.Unexpected(event.worker.error or RuntimeError("worker failed"))
            self.status.show_text(f"{failure.title}: {failure.message}", "error")

    # Chart and grid

    def _update_chart(self) -> None:
        table = self.table
        self.grid.set_pivot_metric(self.chart_metric)
        self.query_one(ChartPane).set_data(
            self.compare.decorate(chart_data(table, self.chart_metric, kind=self.chart_kind))
            if table
            else None
        )

    def on_chart_pane_kind_cycled(self) -> None:
        self.notify(f"Chart: {self.state.cycle_chart_kind()}", timeout=2)
        self._update_chart()

    def action_cycle_metric(self) -> None:
        if self.state.cycle_chart_metric():
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
            self.status.show_text(
                f"{count:,} matching rows: {event.value!r} in a cell, any case (n / N to move)"
            )
            event.input.add_class("hidden")
            self.grid.focus()

    def on_results_grid_sorted(self, message: ResultsGrid.Sorted) -> None:
        way = "descending" if message.descending else "ascending"
        note = (
            " — the result was truncated, so this sorts the fetched rows only"
            if message.partial
            else ""
        )
        self.status.show_text(f"Sorted by {message.label}, {way}{note}")

    def action_open_spend(self) -> None:
        """The Spend screen; Enter there comes back here filtered to a key or workspace."""
        from ortui.screens.spend import open_spend

        open_spend(self)

    def on_results_grid_copy_requested(self, message: ResultsGrid.CopyRequested) -> None:
        self.exports.copy_from_grid(message.what, message.text, message.formatted)

    def on_status_line_clicked(self) -> None:
        self.exports.show_warnings()

    async def on_filter_list_edit_requested(self, event: FilterList.EditRequested) -> None:
        await self.filters.edit(event.index)

    def on_results_grid_export_requested(self) -> None:
        self.exports.export()

    # Actions the bindings, the grid and the command palette name

    def action_toggle_builder(self) -> None:
        builder = self.builder
        builder.toggle_class("collapsed")
        if builder.has_class("collapsed") and builder.has_focus_within:
            self.grid.focus()

    def action_drill(self) -> None:
        self.drill.start()

    def action_drill_back(self) -> None:
        self.drill.back()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if isinstance(focused, ResultsGrid | ChartPane):
            self.maximize(focused)

    def action_toggle_compare(self) -> None:
        self.compare.toggle()

    def action_explain(self) -> None:
        from ortui.screens.explain import open_explain  # loaded when first asked for

        open_explain(self)

    def action_enter_key(self) -> None:
        self.keys.ask()

    def action_save_preset(self) -> None:
        self.saved.save()

    def action_open_presets(self) -> None:
        self.saved.open_presets()

    def action_open_history(self) -> None:
        self.saved.open_history()

    def action_copy_query_json(self) -> None:
        self.exports.copy_query_json()

    def action_copy_query_curl(self) -> None:
        self.exports.copy_query_curl()

    def action_export(self) -> None:
        self.exports.export()

    def action_copy_as_shown(self, what: str) -> None:
        """Row or result with numbers as the grid shows them ($1,234.50)."""
        self.grid.action_copy(what, formatted=True)

    def action_show_warnings(self) -> None:
        self.exports.show_warnings()

    def action_focus_builder(self) -> None:
        self.panes.focus_builder()

    def action_focus_grid(self) -> None:
        self.panes.focus_grid()

    def action_focus_chart(self) -> None:
        self.panes.focus_chart()
