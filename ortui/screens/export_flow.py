"""The explorer's copy (OSC 52) and export: a cell, a row, the result or the query; a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.export.curl import curl_command, query_json
from ortui.export.renderers import to_delimited, to_json
from ortui.fileio import write_output
from ortui.query.encoding import to_request
from ortui.results.table import ResultTable
from ortui.screens.export_dialog import ExportChoice, ExportDialog
from ortui.screens.guard import guarded
from ortui.screens.text_viewer import TextViewer

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class ExportFlow:
    """Owned by the explorer; files are written in a thread, atomically."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen

    def copy(self, text: str, what: str) -> None:
        """OSC 52, so it reaches the local clipboard even over SSH."""
        self.screen.app.copy_to_clipboard(text)
        lines = text.count("\n")
        self.screen.notify(
            f"Copied {what}" + (f", {lines:,} lines" if lines > 1 else ""),
            title="Clipboard",
            markup=False,
        )

    @guarded("copy")
    def copy_from_grid(self, what: str, text: str, formatted: bool) -> None:
        numbers = "numbers as shown" if formatted else "raw numbers"
        self.copy(
            text,
            {
                "cell": "cell",
                "row": f"row with header (TSV, {numbers})",
                "result": f"whole result with header (TSV, {numbers})",
            }[what],
        )

    @guarded("show the warnings")
    def show_warnings(self) -> None:
        """Every warning of the result, whole (the status line cuts long ones)."""
        table = self.screen.table
        texts = [*table.warnings, *table.problems] if table else []
        if not texts:
            self.screen.notify("This result has no warnings.", timeout=3)
            return
        self.screen.app.push_screen(TextViewer(f"Warnings ({len(texts)})", texts))

    @guarded("copy the query")
    def copy_query_json(self) -> None:
        meta = self.screen.meta
        if meta is not None:
            self.copy(query_json(to_request(self.screen.builder.draft, meta)), "query as JSON")

    @guarded("copy the query")
    def copy_query_curl(self) -> None:
        meta = self.screen.meta
        if meta is None:
            return
        request = to_request(self.screen.builder.draft, meta)
        self.copy(
            curl_command(self.screen.client.base_url, request),
            "query as curl (key: $OPENROUTER_MANAGEMENT_KEY)",
        )

    @guarded("export")
    def export(self) -> None:
        if self.screen.table is None:
            self.screen.notify("Run a query first: there is nothing to export.", severity="warning")
            return
        folder = self.screen.app.preferences.export_folder()  # type: ignore[attr-defined]
        self.screen.app.push_screen(ExportDialog(folder), self._chosen)

    @guarded("export")
    def _chosen(self, choice: ExportChoice | None) -> None:
        table = self.screen.table
        if choice is not None and table is not None:
            order = list(self.screen.grid.order)
            self.screen.run_worker(
                lambda: self._write(choice, table, order),
                thread=True,
                group="export",
                exit_on_error=False,
            )

    def _write(self, choice: ExportChoice, table: ResultTable, order: list[int]) -> None:
        app = self.screen.app
        if choice.fmt == "json":
            text = to_json(table)
        else:
            text = to_delimited(table, ",", choice.formatted, order)
        data = text.encode()
        path = choice.path.absolute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_output(path, data)  # into a FIFO, through a symlink, keeping the mode
        except OSError as exc:
            reason = exc.strerror if exc.strerror else str(exc)
            app.call_from_thread(
                self.screen.notify,
                f"Could not write {path}: {reason}",
                severity="error",
                markup=False,
            )
            return
        app.call_from_thread(
            self.screen.notify,
            f"{path} — {table.row_count:,} rows, {len(data):,} bytes",
            title="Exported",
            timeout=10,
            markup=False,
        )
