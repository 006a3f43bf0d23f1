"""Compare in the explorer: ``p`` adds the previous period's values, Δ and Δ% to the grid."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.cells import cell_len

from ortui.analysis.compare import Comparison
from ortui.analysis.compare_chart import with_previous
from ortui.analysis.compare_run import earlier_request, run_comparison
from ortui.analysis.periods import COMPARE_CHOICES, CompareSpec, parse_compare
from ortui.api import errors
from ortui.api.models import Meta, QueryRequest
from ortui.query.key_labels import FIELD
from ortui.query.resolver import Directory
from ortui.query.time_range import TimeRangeError
from ortui.results.table import ResultTable
from ortui.screens.choice_dialog import ChoiceDialog
from ortui.screens.guard import guarded
from ortui.widgets.chart_pane import ChartPane

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class CompareFlow:
    """Owned by the explorer: runs the earlier window for the shown result (one request) and
    swaps the grid between the plain result and the comparison without re-running anything."""

    def __init__(self, screen: ExplorerScreen, spec: CompareSpec | None = None) -> None:
        self.screen = screen
        self.spec = spec or CompareSpec("previous")
        self.enabled = False
        self.comparison: Comparison | None = None
        self._for: ResultTable | None = None

    @guarded("compare with the previous period")
    def toggle(self) -> None:
        self.enabled = not self.enabled
        screen = self.screen
        if not self.enabled:
            if screen.table is not None:
                screen.grid.set_table(screen.table)
            self._overlay(None)
            screen.status.show_text("Compare off: the result alone.")
            return
        if screen.table is None or screen.last_request is None or screen.meta is None:
            screen.status.show_text(
                "Compare on: run a query (F5) to see it against the previous period."
            )
            return
        self.result_shown(screen.table, screen.last_request, screen.meta)

    @guarded("choose the earlier window")
    def choose(self) -> None:
        """``P``: pick the earlier window — the previous period, or the same window a week,
        a month or a year earlier (``ortui query --compare`` takes the same words)."""
        specs = {text: parse_compare(text) for text in COMPARE_CHOICES}
        choices = [(text, spec.label[0].upper() + spec.label[1:]) for text, spec in specs.items()]

        def chosen(text: str | None) -> None:
            if text is None:
                return
            self.spec = specs[text]
            self.comparison, self._for = None, None
            if self.enabled:
                self.enabled = False  # toggled back on below, against the new window
            self.toggle()

        self.screen.app.push_screen(ChoiceDialog("Compare with …", choices), chosen)

    @guarded("compare with the previous period")
    def result_shown(self, table: ResultTable, request: QueryRequest, meta: Meta) -> None:
        """A new result is on screen: when comparing, fetch its earlier window."""
        if not self.enabled:
            return
        if self.comparison is not None and self._for is table:
            self.screen.grid.set_table(self.comparison.table)
            self._overlay(self.comparison)
            return
        try:
            earlier_request(request, self.spec)
        except TimeRangeError as exc:
            self.enabled = False
            self.screen.status.show_text(f"Can't compare: {exc}.", "error")
            return
        self.screen.status.show_text(f"Fetching {self.spec.label}…", "running")
        self.screen.run_worker(
            self._fetch(table, request, meta), group="compare", exclusive=True, exit_on_error=False
        )

    async def _key_directory(self, request: QueryRequest) -> Directory | None:
        """Grouped by API key: the account's keys, to tell same-named keys apart in both
        periods (rows are joined by what they show)."""
        if FIELD not in (request.dimensions or []):
            return None
        try:
            return await self.screen.names.directory()
        except errors.ApiError:
            return None  # joined by the names as the server sent them

    async def _fetch(self, table: ResultTable, request: QueryRequest, meta: Meta) -> None:
        try:
            plan = self.screen.state.plan
            local = plan if plan is not None and plan.request is request else None
            comparison, _ = await run_comparison(
                self.screen.client,
                request,
                meta,
                self.spec,
                current=table,
                local=local,
                directory=await self._key_directory(request),
            )
        except errors.ApiError as exc:
            self.screen.status.show_text(f"Previous period: {exc.title}: {exc.message}", "error")
            return
        if self.screen.table is not table or not self.enabled:
            return  # a newer result or compare turned off meanwhile
        self.comparison, self._for = comparison, table
        self.screen.grid.set_table(comparison.table)
        self._overlay(comparison)
        status = self.screen.status
        status.show_text(compared_status(comparison, self.spec, status.content_region.width))

    def shown_comparison(self) -> Comparison | None:
        """The comparison the chart overlays: of the shown result, while comparing."""
        comparison = self.comparison
        if not self.enabled or comparison is None or self._for is not self.screen.table:
            return None
        return comparison

    def _overlay(self, comparison: Comparison | None) -> None:
        pane = self.screen.query_one(ChartPane)
        if pane.data is None:
            return
        plain = replace(pane.data, previous=[], previous_bars={})
        pane.set_data(with_previous(plain, comparison) if comparison is not None else plain)


def compared_status(comparison: Comparison, spec: CompareSpec, width: int) -> str:
    """The status line while comparing, the longest wording that fits ``width`` cells (0: the
    longest); the key that turns it off first, so even a cut line keeps it."""
    start, end = comparison.previous
    now, then = comparison.only_current, comparison.only_previous
    long = f"{start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M} UTC"
    short = f"{start:%m-%d %H:%M} → {end:%m-%d %H:%M}"
    wordings = (
        f"p turns compare off · compared with {spec.label}, {long}: previous, Δ and Δ% per "
        f"metric · {now:,} rows only now, {then:,} only then",
        f"p turns compare off · compared with {spec.label}, {long} · {now:,} rows only now, "
        f"{then:,} only then",
        f"p turns compare off · vs {spec.label}, {short} UTC · {now:,} rows only now, "
        f"{then:,} only then",
        f"p turns compare off · vs {long} · {now:,} rows only now, {then:,} only then",
        f"p: compare off · vs {short} UTC · {now:,} only now, {then:,} only then",
        f"p: compare off · vs {short} · {now:,} only now, {then:,} only then",
    )
    if width <= 0:
        return wordings[0]
    return next((text for text in wordings if cell_len(text) <= width), wordings[-1])
