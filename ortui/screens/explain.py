"""Explain a change in the TUI: progress while the queries run, then one dimension at a time in
the results grid; Enter explains the highlighted group, Backspace goes back, Esc closes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from ortui.analysis.explain import Explanation, Group
from ortui.analysis.explain_run import (
    Explainer,
    ExplainError,
    ExplainQuery,
    query_for_draft,
)
from ortui.analysis.explain_table import breakdown_table
from ortui.analysis.pacing import Pacer
from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.models import Filter, Meta
from ortui.export.explanation import headline
from ortui.query.time_range import TimeRangeError
from ortui.screens.guard import guarded
from ortui.screens.id_lookup import IdLookup, PassThroughLookup, pick_id
from ortui.widgets.breadcrumb import Breadcrumb
from ortui.widgets.compat import SteadyHeader
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.results_grid import ResultsGrid

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


@dataclass
class _Level:
    query: ExplainQuery
    explanation: Explanation | None = None
    dimension: int = 0
    step: tuple[str, str] | None = None
    sent: int = 0


class ExplainScreen(Screen[None]):
    """Owns its queries (one worker, paced); never blocks the UI while they run."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("d", "dimension(1)", "Next dimension"),
        Binding("D", "dimension(-1)", "Previous dimension", show=False),
        Binding("enter", "drill", "Explain group"),
        Binding("backspace", "back", "Back"),
    ]

    def __init__(
        self,
        client: AnalyticsClient,
        meta: Meta,
        query: ExplainQuery,
        *,
        lookup: IdLookup | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        super().__init__(classes="explain")
        self.client = client
        self.meta = meta
        self.lookup: IdLookup = lookup or PassThroughLookup()
        self.pacer = pacer or Pacer()
        self.levels = [_Level(query)]
        metric = meta.metric(query.metric)
        self.label = metric.label if metric else query.metric
        self.fmt = metric.display_format if metric else "number"

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield Static("", id="explain-title", markup=False)
        yield Breadcrumb(id="explain-path")
        yield Static("", id="explain-progress", markup=False)
        yield ResultsGrid(id="explain-grid", find_and_export=False, pivot=False)
        yield Static("", id="explain-note", markup=False)
        yield KeyBar()

    @property
    def level(self) -> _Level:
        return self.levels[-1]

    @property
    def grid(self) -> ResultsGrid:
        return self.query_one("#explain-grid", ResultsGrid)

    def on_mount(self) -> None:
        self.grid.focus()
        self._start()

    def on_results_grid_copy_requested(self, message: ResultsGrid.CopyRequested) -> None:
        """``y``/``Y``/``t`` in the groups: OSC 52, as in the explorer."""
        self.app.copy_to_clipboard(message.text)
        lines = message.text.count("\n")
        self.notify(
            f"Copied {message.what}" + (f", {lines:,} lines" if lines > 1 else ""),
            title="Clipboard",
            markup=False,
        )

    def _start(self) -> None:
        self._say("#explain-title", f"Explaining {self.label}: asking for both windows…")
        self.grid.set_table(None)
        self.run_worker(
            self._explain(self.level), group="explain", exclusive=True, exit_on_error=False
        )

    async def _explain(self, level: _Level) -> None:
        explainer = Explainer(self.client, self.meta, pacer=self.pacer, on_progress=self._progress)
        try:
            explanation = await explainer.run(level.query)
        except (errors.ApiError, ExplainError) as exc:
            text = f"{exc.title}: {exc.message}" if isinstance(exc, errors.ApiError) else str(exc)
            self._say("#explain-progress", f"Could not explain: {text}")
            return
        level.explanation, level.sent = explanation, explainer.requests_sent
        self._show()

    def _progress(self, done: int, total: int, what: str) -> None:
        bar = "█" * (20 * done // max(1, total))
        self._say("#explain-progress", f"{bar:<20} {done}/{total} · {what}")

    def _say(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(Text(text))

    @guarded("show the explanation")
    def _show(self) -> None:
        level = self.level
        self.query_one(Breadcrumb).set_path([lv.step for lv in self.levels if lv.step])
        explanation = level.explanation
        if explanation is None:
            return
        self._say("#explain-title", headline(explanation, self.label, self.fmt))
        self._say("#explain-progress", f"{level.sent} requests · Esc closes")
        dims = list(explanation.by)
        if not dims:
            self.grid.set_table(None)
            self._say("#explain-note", explanation.note or "Nothing to break down.")
            return
        level.dimension %= len(dims)
        breakdown = explanation.by[dims[level.dimension]]
        dim = self.meta.dimension(breakdown.dimension)
        self.grid.set_table(
            breakdown_table(explanation, breakdown, self.label, self.fmt, dim.label if dim else "")
        )
        notes = [
            f"by {breakdown.dimension} ({level.dimension + 1}/{len(dims)}) · d: next "
            "dimension · Enter: explain this group"
        ]
        notes += [n for n in (breakdown.note, explanation.note) if n]
        self._say("#explain-note", " · ".join(notes))

    @guarded("show the next dimension")
    def action_dimension(self, step: int) -> None:
        if self.level.explanation is not None:
            self.level.dimension += step
            self._show()

    def _group(self) -> tuple[str, Group] | None:
        explanation = self.level.explanation
        if explanation is None or not explanation.by:
            return None
        dimension = list(explanation.by)[self.level.dimension]
        groups = explanation.by[dimension].groups
        order = self.grid.order
        if not order or self.grid.cursor_row >= len(order):
            return None
        return dimension, groups[order[self.grid.cursor_row]]

    @guarded("explain the group")
    def action_drill(self) -> None:
        """Explain again within the highlighted group (filtered to it), by the other dimensions."""
        picked = self._group()
        if picked is None:
            return
        dimension, group = picked
        if group.is_other or group.value is None:
            self.notify(
                "'other' and unset groups are not one value: pick a named group.",
                severity="warning",
            )
            return
        self.run_worker(
            self._narrow(dimension, group.value, group.id),
            group="explain-id",
            exclusive=True,
            exit_on_error=False,
        )

    async def _narrow(self, dimension: str, shown: str, known: str | None) -> None:
        value = known or await pick_id(self.app, self.lookup, dimension, shown)
        if value is None:
            return
        query = self.level.query
        dims = tuple(d for d in query.dimensions if d != dimension)
        narrowed = replace(
            query,
            dimensions=dims,
            notes=[],
            filters=(*query.filters, Filter(dimension, "eq", value)),
        )
        self.levels.append(_Level(narrowed, step=(dimension, shown)))
        self._start()
        self.query_one(Breadcrumb).set_path([lv.step for lv in self.levels if lv.step])

    def action_back(self) -> None:
        if len(self.levels) == 1:
            self.dismiss()
            return
        self.workers.cancel_group(self, "explain")
        self.levels.pop()
        self._show()

    def action_close(self) -> None:
        self.workers.cancel_group(self, "explain")
        self.dismiss()


@guarded("explain the change")
def open_explain(screen: ExplorerScreen) -> None:
    """From the explorer: explain the plotted metric over the builder's range and filters."""
    if screen.meta is None:
        return
    draft = screen.builder.draft
    metric = screen.state.chart_metric or (draft.metrics[0] if draft.metrics else "total_usage")
    try:
        query = query_for_draft(draft, screen.meta, metric)
    except (TimeRangeError, IndexError) as exc:
        screen.notify(f"Can't explain this range: {exc}", severity="warning", markup=False)
        return
    screen.app.push_screen(
        ExplainScreen(screen.client, screen.meta, query, lookup=screen.drill.lookup)
    )
