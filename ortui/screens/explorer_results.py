"""Copy (OSC 52) and export actions of the explorer, kept apart from the query flow."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta
from ortui.export.curl import curl_command, query_json
from ortui.export.renderers import to_delimited, to_json
from ortui.fileio import atomic_write
from ortui.query.encoding import to_request
from ortui.results.table import ResultTable
from ortui.screens.export_dialog import ExportChoice, ExportDialog
from ortui.screens.text_viewer import TextViewer
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid


class ResultActions(Screen[None]):
    """Mixed into the explorer: copy a cell, a row, the result or the query; export to a file;
    read the server's warnings whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("exclamation_mark", "show_warnings", "Warnings", show=False)]

    client: AnalyticsClient
    meta: Meta | None
    table: ResultTable | None

    def on_results_grid_copy_requested(self, message: ResultsGrid.CopyRequested) -> None:
        numbers = "numbers as shown" if message.formatted else "raw numbers"
        self._copy(message.text, {"cell": "cell", "row": f"row with header (TSV, {numbers})",
                                  "result": f"whole result with header (TSV, {numbers})"}
                   [message.what])

    def action_copy_as_shown(self, what: str) -> None:
        """Row or result with numbers as the grid shows them ($1,234.50)."""
        self.query_one(ResultsGrid).action_copy(what, formatted=True)

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

    def action_show_warnings(self) -> None:
        """Every warning of the result, whole (the status line cuts long ones)."""
        texts = [*self.table.warnings, *self.table.problems] if self.table else []
        if not texts:
            self.notify("This result has no warnings.", timeout=3)
            return
        self.app.push_screen(TextViewer(f"Warnings ({len(texts)})", texts))

    def on_status_line_clicked(self) -> None:
        self.action_show_warnings()

    def on_results_grid_export_requested(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        if self.table is None:
            self.notify("Run a query first: there is nothing to export.", severity="warning")
            return
        folder = self.app.preferences.export_folder()  # type: ignore[attr-defined]
        self.app.push_screen(ExportDialog(folder), self._export_chosen)

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
        path = choice.path.absolute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Could not write {path}: "
                                      f"{exc.strerror}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"{path} — {table.row_count:,} rows, "
                                  f"{len(data):,} bytes", title="Exported", timeout=10,
                                  markup=False)

