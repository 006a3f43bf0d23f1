"""The main screen: builder, results grid, chart and status; owns the query workers."""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker

from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta, QueryRequest
from ortui.auth.keyring_store import KeyringStore
from ortui.messages import QueryFailed, QueryFinished, RetryScheduled, SchemaFailed, SchemaLoaded
from ortui.presets.history import History
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query.value_hints import ValueHints
from ortui.results.table import ResultTable
from ortui.screens.chart_flow import ChartFlow
from ortui.screens.compare_flow import CompareFlow
from ortui.screens.drill_flow import DrillFlow
from ortui.screens.explorer_keys import RESULT_ACTIONS, explorer_bindings
from ortui.screens.explorer_state import ExplorerState
from ortui.screens.explorer_watch import WatchController
from ortui.screens.export_flow import ExportFlow
from ortui.screens.filter_flow import FilterFlow
from ortui.screens.find_flow import FindFlow
from ortui.screens.global_keys import global_bindings
from ortui.screens.hints_flow import HintsFlow
from ortui.screens.id_lookup import DirectoryLookup
from ortui.screens.key_flow import KeyFlow
from ortui.screens.key_names_flow import KeyNamesFlow
from ortui.screens.layout_flow import LayoutFlow
from ortui.screens.meta_flow import MetaFlow
from ortui.screens.preset_flow import PresetFlow
from ortui.screens.run_flow import RunFlow
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.compat import SteadyHeader
from ortui.widgets.error_panel import ErrorPanel
from ortui.widgets.filter_list import FilterList
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.quiet_input import QuietInput
from ortui.widgets.results_grid import ResultsGrid
from ortui.widgets.status_line import StatusLine


class ExplorerScreen(Screen[None]):
    """Build a query, run it in the background, see rows and a chart. What it knows lives in
    ``state`` (terminal-free); keys, presets, export and compare are flows it owns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *global_bindings(),  # global_keys.py: keys that work anywhere, even while typing
        *explorer_bindings(),  # explorer_keys.py: the result's keys, Esc, Spend
    ]
    RESULT_ACTIONS: ClassVar[frozenset[str]] = RESULT_ACTIONS

    AUTO_FOCUS = ""  # on_mount focuses the metric search (not the builder's scroll: ~40 ms)

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
        self.hints = HintsFlow(self)
        self.panes = LayoutFlow(self)
        self.filters = FilterFlow(self)
        self.schema = MetaFlow(self)
        self.charts = ChartFlow(self)
        self.finder = FindFlow(self)
        self.key_names = KeyNamesFlow(self)

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
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
        """First shown, just styled as composed: not all ~90 widgets again (~20 ms)."""
        if not getattr(self, "_resumed", False):
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        self.panes.resized(*event.size)

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
    def default_zone(self) -> str:
        """The zone of drafts that name none: ``--tz`` or the settings' ``timezone``."""
        return str(getattr(self.app, "default_timezone", "UTC"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.RESULT_ACTIONS or self.panes.result_keys_active()

    async def run_command(self, action: str) -> None:
        """A palette entry runs wherever the focus is, the result's actions included."""
        await self.panes.run_from_palette(action)

    def on_mount(self) -> None:
        self.set_interval(0.1, self.runs.tick)
        self.watcher = WatchController(self, lambda: self.state.running, self.runs.run)
        self.watcher.attach()
        self.query_one("#metrics").query_one(Input).focus()
        if self.client.key:
            self.schema.start()
        else:
            self.keys.ask_first()

    # Messages: routed to the flows

    def on_schema_loaded(self, message: SchemaLoaded) -> None:
        self.schema.loaded(message.meta)

    def on_schema_failed(self, message: SchemaFailed) -> None:
        self.schema.failed(message.error)

    def on_retry_scheduled(self, message: RetryScheduled) -> None:
        """The client is about to wait before retrying: count the wait down on screen."""
        self.state.retry_scheduled(message.notice, time.monotonic())

    def on_query_finished(self, message: QueryFinished) -> None:
        self.runs.finished(message)
        self.key_names.result_shown(message.table, message.request)
        self.watcher.finished(message.table, message.draft)
        self.hints.result_shown(message.table)

    def on_query_failed(self, message: QueryFailed) -> None:
        self.runs.failed(message)
        self.watcher.failed(message.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.runs.worker_changed(event)

    def on_chart_pane_kind_cycled(self) -> None:
        self.charts.cycle_kind()

    def on_chart_pane_metric_cycled(self) -> None:
        self.charts.cycle_metric()

    def on_results_grid_find_requested(self) -> None:
        self.finder.open()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "find":
            self.finder.submitted(event.value)

    def on_results_grid_sorted(self, message: ResultsGrid.Sorted) -> None:
        self.finder.sorted(message)

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

    def action_run(self) -> None:
        self.runs.run()

    def action_cancel(self) -> None:
        if not self.finder.close():
            self.runs.cancel()

    def action_cycle_metric(self) -> None:
        self.charts.cycle_metric()

    def action_toggle_watch(self) -> None:
        self.watcher.toggle()

    def action_toggle_builder(self) -> None:
        self.panes.toggle_builder()

    def action_drill(self) -> None:
        self.drill.start()

    def action_drill_back(self) -> None:
        self.drill.back()

    def action_zoom(self) -> None:
        self.panes.zoom()

    def action_toggle_compare(self) -> None:
        self.compare.toggle()

    def action_compare_with(self) -> None:
        self.compare.choose()

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
