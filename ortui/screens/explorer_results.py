"""Copy (OSC 52) and export actions of the explorer, kept apart from the query flow."""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta
from ortui.export.curl import curl_command, query_json
from ortui.export.renderers import to_delimited, to_json
from ortui.fileio import write_output
from ortui.query.encoding import to_request
from ortui.results.table import ResultTable
from ortui.screens.export_dialog import ExportChoice, ExportDialog
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid


class ResultActions(Screen[None]):
    """Mixed into the explorer: copy a cell, a row, the result or the query; export to a file."""

    client: AnalyticsClient
    meta: Meta | None
    table: ResultTable | None

    def on_results_grid_copy_requested(self, message: ResultsGrid.CopyRequested) -> None:
        self._copy(message.text, {"cell": "cell", "row": "row with header (TSV)",
                                  "result": "whole result with header (TSV)"}[message.what])

    def _copy(self, text: str, what: str) -> None:
        """OSC 52, so it reaches the local clipboard even over SSH."""
        self.app.copy_to_clipboard(text)
        lines = text.count("\n")
        self.notify(f"Copied {what}" + (f", {lines:,} lines" if lines > 1 else ""),
                    title="Clipboard", markup=False)

    def action_copy_query_json(self) -> None:
        if self.meta is None:
            return
        draft = self.query_one(QueryBuilder).draft
        self._copy(query_json(to_request(draft, self.meta)), "query as JSON")

    def action_copy_query_curl(self) -> None:
        if self.meta is None:
            return
        request = to_request(self.query_one(QueryBuilder).draft, self.meta)
        self._copy(curl_command(self.client.base_url, request),
                   "query as curl (key: $OPENROUTER_MANAGEMENT_KEY)")

    def on_results_grid_export_requested(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        if self.table is None:
            self.notify("Run a query first: there is nothing to export.", severity="warning")
            return
        self.app.push_screen(ExportDialog(), self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is not None and self.table is not None:
            self.write_export(choice, self.table, list(self.query_one(ResultsGrid).order))

    @work(thread=True, group="export", exit_on_error=False)
    def write_export(self, choice: ExportChoice, table: ResultTable, order: list[int]) -> None:
        if choice.fmt == "json":
            text = to_json(table)
        else:
            text = to_delimited(table, ",", choice.formatted, order)
        data = text.encode()
        try:
            write_output(choice.path, data)
        except OSError as exc:
            reason = exc.strerror if exc.strerror else str(exc)
            self.app.call_from_thread(self.notify, f"Could not write {choice.path}: "
                                      f"{reason}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"{choice.path} — {table.row_count:,} rows, "
                                  f"{len(data):,} bytes", title="Exported", markup=False)

