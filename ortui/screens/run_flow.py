"""The explorer's runs: the builder's draft through the one pipeline, in the ``query``
worker; the outcome shown; retry waits counted down."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.worker import Worker, WorkerState

from ortui.api import errors
from ortui.api.retry import RetryNotice
from ortui.messages import QueryFailed, QueryFinished, RetryScheduled
from ortui.query import pipeline
from ortui.query.draft import QueryDraft
from ortui.query.fields import blamed_field
from ortui.results.prepared_grid import PreparedGrid, prepare_grid
from ortui.results.series import ChartData, chart_data
from ortui.results.table import ResultTable
from ortui.screens.guard import guarded
from ortui.widgets.chart_pane import ChartPane
from ortui.widgets.chart_strips import DrawKey, DrawnChart, draw
from ortui.widgets.error_panel import ErrorPanel
from ortui.widgets.status_line import describe_result

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen

#: An answer already here with at most this many rows is shown at once (its chart prepared
#: in the frame); a larger one has its chart prepared off the event loop like any other.
SHOWN_AT_ONCE = 1000


class RunFlow:
    """Owned by the explorer; the worker belongs to the screen (group ``query``, one at a
    time), so Esc and a new run cancel it."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    def run(self, draft: QueryDraft | None = None) -> None:
        """F5 (the builder's draft) or a watch (``draft``): explain a draft that cannot run in
        this frame, else start the worker."""
        screen, state = self.screen, self.screen.state
        if state.meta is None:
            state.pending_action = "run"
            screen.schema.load()
            return
        planned = pipeline.plan(
            draft or screen.builder.draft, state.meta, default_zone=screen.default_zone
        )
        if isinstance(planned, pipeline.Invalid):
            problems = planned.problems
            screen.builder.show_problems(problems)
            screen.status.show_text(f"Can't run: {problems[0].message}", "error")
            screen.builder.focus_field(problems[0].field)
            return
        # The query ortui asked as it started, when this is that query: as it was sent.
        early = getattr(screen.app, "take_early_result", lambda _: None)(planned)
        planned, answer = early if early is not None else (planned, None)
        state.start_run(planned.request, planned.local, time.monotonic())
        draw_key, pivoted = screen.query_one(ChartPane).draw_key(), screen.grid.pivoted
        if self._shown_at_once(answer, draw_key, pivoted):
            return
        screen.run_worker(
            self._execute(planned, draw_key, pivoted, answer),
            name="run_query",
            group="query",
            exclusive=True,
            exit_on_error=False,
        )

    def _shown_at_once(
        self, answer: Future[pipeline.Ran | None] | None, draw_key: DrawKey | None, pivoted: bool
    ) -> bool:
        """An answer already here (asked as ortui started) is shown in this very frame."""
        ran = answer.result() if answer is not None and answer.done() else None
        if ran is None or ran.table.row_count > SHOWN_AT_ONCE:
            return False
        table, state = ran.table, self.screen.state
        prepared = _prepare(table, state.chart_key(table), state.chart_kind, draw_key, pivoted)
        self.screen.on_query_finished(
            QueryFinished(table, ran.request, ran.draft, ran.client_ms, *prepared)
        )
        return True

    async def _execute(
        self,
        planned: pipeline.Planned,
        draw_key: DrawKey | None,
        pivoted: bool,
        answer: Future[pipeline.Ran | None] | None = None,
    ) -> None:
        """Send (or await the ``answer`` asked at start), decode, and prepare the first frame
        (chart series, the chart drawn at the pane's size, the grid's column widths and pivot)
        off the UI thread, which only swaps them in."""
        screen = self.screen
        keys = screen.key_names.ask(planned.request, planned.local)
        try:
            ran = None if answer is None else await asyncio.wrap_future(answer)
            outcome = (
                ran
                if ran is not None
                else await pipeline.execute(screen.client, planned, on_retry=self._retry_scheduled)
            )
            if isinstance(outcome, pipeline.Failed):
                screen.post_message(QueryFailed(outcome.error, outcome.request, outcome.draft))
                return
            table = await screen.key_names.settle(keys, outcome.table, outcome.request)
            keys = None  # settled: told apart, or handed to a later relabel
            chart, drawn, grid = await asyncio.to_thread(
                _prepare,
                table,
                screen.state.chart_key(table),
                screen.state.chart_kind,
                draw_key,
                pivoted,
            )
        except Exception as exc:  # never to Textual's handler: the run ends with a message
            screen.post_message(QueryFailed(errors.Unexpected(exc), planned.request, planned.draft))
            return
        finally:
            if keys is not None:
                keys.cancel()  # the run failed or was cancelled: its keys' answers are not needed
        screen.post_message(
            QueryFinished(
                table, outcome.request, outcome.draft, outcome.client_ms, chart, drawn, grid
            )
        )

    def _retry_scheduled(self, notice: RetryNotice) -> None:
        self.screen.post_message(RetryScheduled(notice))

    def tick(self) -> None:
        text = self.screen.state.running_text(time.monotonic())
        if text is not None:
            self.screen.status.show_text(text, "running")

    @guarded("show the result")
    def finished(self, message: QueryFinished) -> None:
        screen, state = self.screen, self.screen.state
        state.result_arrived(message.table)  # first: the run is over whatever fails below
        screen.saved.record_run(message.draft, message.table.row_count, message.client_ms, "ok")
        screen.query_one(ErrorPanel).clear_error()
        screen.grid.set_table(message.table, message.grid)
        sort = state.take_pending_sort()
        if sort is not None:
            screen.grid.sort_by(*sort)
        screen.grid.set_pivot_metric(state.chart_metric)
        screen.query_one(ChartPane).set_data(message.chart, message.drawn)
        limit = state.result_limit(message.request, message.draft)
        notes, room = state.result_notes(), screen.status.content_region.width
        width = max(1, room - cell_len(notes)) if room > 0 else 0
        screen.status.show_text(
            describe_result(message.table, message.client_ms, limit, width=width) + notes
        )
        if state.meta is not None:
            screen.compare.result_shown(message.table, message.request, state.meta)
        screen.panes.collapse_after_run()
        screen.schema.warm_up_after_result()

    @guarded("show why the query failed")
    def failed(self, message: QueryFailed) -> None:
        screen, state = self.screen, self.screen.state
        elapsed = state.stop_run(time.monotonic())
        screen.saved.record_run(message.draft, None, elapsed, message.error.title)
        self.show_failure(message.error)
        screen.schema.warm_up_after_result()
        if isinstance(message.error, errors.BadRequest):
            field = blamed_field(message.error.server_message)
            if field is not None:
                screen.builder.blame(field, message.error.server_message)
        if isinstance(message.error, errors.Unauthorized | errors.Forbidden):
            state.pending_action = "run"

    def show_failure(self, error: errors.ApiError) -> None:
        self.screen.query_one(ErrorPanel).show_error(error)
        self.screen.status.show_text(f"{error.title}: {error.message}", "error")

    def cancel(self) -> None:
        """Esc: stop the running query (the builder and the last result stay)."""
        if self.screen.state.running:
            self.screen.workers.cancel_group(self.screen, "query")

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """A cancelled run is said; a worker that failed outside its own handling is shown."""
        screen, worker, state = self.screen, event.worker, event.state
        if worker.group == "query" and state == WorkerState.CANCELLED and screen.state.running:
            screen.state.stop_run(time.monotonic())
            screen.status.show_text("Cancelled. The builder and the last result are kept.")
        if state == WorkerState.ERROR:
            if worker.group == "query" and screen.state.running:
                screen.state.stop_run(time.monotonic())
            failure = errors.Unexpected(worker.error or RuntimeError("worker failed"))
            screen.status.show_text(f"{failure.title}: {failure.message}", "error")


def _prepare(
    table: ResultTable,
    chart_key: str | None,
    kind: str,
    draw_key: DrawKey | None,
    pivoted: bool,
) -> tuple[ChartData, DrawnChart | None, PreparedGrid]:
    """In the worker thread: a chart that cannot be drawn here is drawn (and explained) by
    the pane, so it never fails the run. The pivot is of the chart's metric, as the grid's."""
    chart = chart_data(table, chart_key, kind=kind)
    drawn = None
    if draw_key is not None:
        try:
            drawn = draw(chart, draw_key)
        except Exception:  # the pane draws it again and shows the error
            drawn = None
    return chart, drawn, prepare_grid(table, pivoted, chart_key)
