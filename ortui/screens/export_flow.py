"""The explorer's copy (OSC 52) and export: a cell, a row, the result or the query; a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.export.curl import curl_command, query_json
from ortui.export.renderers import to_delimited, to_json
from ortui.fileio import write_output
from ortui.query.encoding import to_request
from ortui.results.table import ResultTable
from ortui.screens.export_dialog import ExportChoice, ExportDialog

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen

COPIED = {"cell": "cell", "row": "row with header (TSV)",
          "result": "whole result with header (TSV)"}


class ExportFlow:
    """Owned by the explorer; files are written in a thread, atomically."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    def copy(self, text: str, what: str) -> None:
        """OSC 52, so it reaches the local clipboard even over SSH."""
        self.screen.app.copy_to_clipboard(text)
        lines = text.count("\n")
        self.screen.notify(f"Copied {what}" + (f", {lines:,} lines" if lines > 1 else ""),
                           title="Clipboard", markup=False)

    def copy_query_json(self) -> None:
        meta = self.screen.meta
        if meta is not None:
            self.copy(query_json(to_request(self.screen.builder.draft, meta)), "query as JSON")

    def copy_query_curl(self) -> None:
        meta = self.screen.meta
        if meta is None:
            return
        request = to_request(self.screen.builder.draft, meta)
        self.copy(curl_command(self.screen.client.base_url, request),
                  "query as curl (key: $OPENROUTER_MANAGEMENT_KEY)")

    def export(self) -> None:
        if self.screen.table is None:
            self.screen.notify("Run a query first: there is nothing to export.",
                               severity="warning")
            return
        self.screen.app.push_screen(ExportDialog(), self._chosen)

    def _chosen(self, choice: ExportChoice | None) -> None:
        table = self.screen.table
        if choice is not None and table is not None:
            order = list(self.screen.grid.order)
            self.screen.run_worker(lambda: self._write(choice, table, order), thread=True,
                                   group="export", exit_on_error=False)

    def _write(self, choice: ExportChoice, table: ResultTable, order: list[int]) -> None:
        app = self.screen.app
        if choice.fmt == "json":
            text = to_json(table)
        else:
            text = to_delimited(table, ",", choice.formatted, order)
        data = text.encode()
        try:
            write_output(choice.path, data)  # into a FIFO, through a symlink, keeping the mode
        except OSError as exc:
            reason = exc.strerror if exc.strerror else str(exc)
            app.call_from_thread(self.screen.notify, f"Could not write {choice.path}: "
                                 f"{reason}", severity="error", markup=False)
            return
        app.call_from_thread(self.screen.notify, f"{choice.path} — {table.row_count:,} rows, "
                             f"{len(data):,} bytes", title="Exported", markup=False)
