"""OrtuiApp: wires the explorer to its collaborators and handles global concerns."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future as ConcurrentFuture
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from ortui.keymap import Keymap
from ortui.resources import stylesheets

if TYPE_CHECKING:  # the explorer and its widgets load after the first frame
    from textual.driver import Driver

    from ortui.api.client import AnalyticsClient
    from ortui.api.models import Meta
    from ortui.auth.keyring_store import KeyringStore
    from ortui.messages import SchemaLoaded
    from ortui.preferences import Preferences
    from ortui.presets.history import History
    from ortui.presets.preset import Preset
    from ortui.presets.store import PresetStore
    from ortui.query.early import EarlyAnswers
    from ortui.query.pipeline import Planned, Ran

EXPLORER_COMMANDS = (
    ("Run query", "Send the query in the builder (F5 / ctrl+r)", "run"),
    ("Spend", "Balance, runway, keys and budgets against their limits (F6, $)", "open_spend"),
    ("Cancel query", "Stop the running query (Esc)", "cancel"),
    ("Toggle builder", "Collapse or show the query builder (ctrl+b)", "toggle_builder"),
    ("Next chart metric", "Plot the next metric of the result (c)", "cycle_metric"),
    ("Zoom pane", "Maximise or restore the focused grid or chart (z)", "zoom"),
    ("Watch", "Re-run the last query every N seconds, or stop (r)", "toggle_watch"),
    (
        "Compare with …",
        "The previous period, or the same window a week, a month or a year earlier (P)",
        "compare_with",
    ),
    ("Enter key", "Type a different management key (ctrl+k)", "enter_key"),
    ("Export result", "Write the result to CSV or JSON (e in the grid)", "export"),
    (
        "Copy query as curl",
        "A curl command; the key stays $OPENROUTER_MANAGEMENT_KEY",
        "copy_query_curl",
    ),
    ("Copy query as JSON", "The request body", "copy_query_json"),
    (
        "Copy row as shown",
        "The grid's row with numbers as shown ($1,234.50); Y copies raw",
        "copy_as_shown('row')",
    ),
    (
        "Copy result as shown",
        "Every row with numbers as shown; t copies raw numbers",
        "copy_as_shown('result')",
    ),
    ("Save preset", "Save the builder's query under a name (ctrl+s)", "save_preset"),
    ("Open preset", "Search, open, rename, duplicate or delete presets (ctrl+o)", "open_presets"),
    ("History", "Queries run before: re-run or save (ctrl+y)", "open_history"),
    ("Go to the builder", "Show the builder and put the cursor in it (F2)", "focus_builder"),
    ("Go to the grid", "The results grid (F3)", "focus_grid"),
    ("Go to the chart", "The chart (F4)", "focus_chart"),
)


#: Palette actions whose help names their keys: the keymap action that holds them.
PALETTE_KEYS = {
    "run": "ortui.run",
    "cancel": "explorer.cancel",
    "toggle_builder": "ortui.toggle-builder",
    "cycle_metric": "explorer.chart_metric",
    "zoom": "explorer.zoom",
    "toggle_watch": "explorer.watch",
    "compare_with": "explorer.compare_with",
    "enter_key": "ortui.key",
    "export": "grid.export",
    "save_preset": "ortui.save",
    "open_presets": "ortui.presets",
    "open_history": "ortui.history",
    "open_spend": "explorer.spend",
}


class OrtuiApp(App[None]):
    """The TUI; receives its client so tests can point it anywhere."""

    CSS_PATH: ClassVar[list[str | PurePath]] = list[str | PurePath](stylesheets())
    TITLE = "ortui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "toggle_help", "Help", id="app.help"),
        Binding("question_mark", "toggle_help", "Help", show=False, id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        client: AnalyticsClient,
        *,
        server_label: str,
        key_label: str,
        secrets: KeyringStore | None = None,
        presets: PresetStore | None = None,
        history: History | None = None,
        preset: Preset | None = None,
        meta_cache: Path | None = None,
        default_timezone: str = "UTC",
        preferences: Preferences | None = None,
        notes: Sequence[str] = (),
        startup_note: str | None = None,
        progress: Callable[[], str | None] | None = None,
        spend: bool = False,
        keymap: Keymap | None = None,
        early: EarlyAnswers | None = None,
    ) -> None:
        super().__init__()
        self.keymap = keymap or Keymap()
        if self.keymap.remaps:
            self.set_keymap(self.keymap.remaps)
        self.start_spend = spend
        #: Meta and the first query, asked on a thread as ortui started (``ortui.cli.tui``).
        self.early = early
        self._early_meta_taken = False
        #: What the demo server is still preparing (shown in the header until done).
        self.progress = progress
        if preferences is None:  # tests and tools: nothing runs or collapses until asked
            from ortui.preferences import Preferences

            preferences = Preferences(run_on_start=False, collapse_builder_below=0)
        self.preferences = preferences
        self.watch_interval = preferences.watch_interval
        #: Said inside the TUI once it is open (key file permissions, settings problems…).
        self.notes = list(notes)
        #: What the explorer's status line says until the server answers.
        self.startup_note = startup_note or "Loading what the server offers…"
        self.meta_cache = meta_cache
        self.default_timezone = default_timezone
        self.client = client
        self.secrets = secrets
        self.presets = presets
        self.history = history
        self.preset = preset
        self.sub_title = f"{server_label} · key: {key_label}"

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS, one that ends ortui when its terminal goes
        away (a closed pty or SSH connection, SIGHUP), rather than spinning on it."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is not LinuxDriver:
            return driver
        from ortui.widgets.terminal_driver import HangupAwareDriver

        return HangupAwareDriver

    def compose(self) -> ComposeResult:
        splash = f"ortui · {self.sub_title}\n\nOpening the explorer…"
        yield Static(splash, id="splash", markup=False)  # the URL is the user's: no markup

    def on_mount(self) -> None:
        from ortui.long_lived import RESUME_AFTER_S, resume_collector

        self.set_timer(RESUME_AFTER_S, resume_collector)
        for problem in self.keymap.problems[:5]:
            self.notify(problem, title="Keymap", severity="warning", timeout=15, markup=False)
        if self.client.key and self.early is None:
            # Ask for meta now: the server answers while the explorer is imported and built.
            from ortui.api.key_check import checked_meta

            self._meta_request: asyncio.Future[Meta] | None = asyncio.ensure_future(
                checked_meta(self.client)
            )
        if self.progress is not None:
            self._server_label = self.sub_title
            self._progress_timer = self.set_interval(0.2, self._show_progress)

    def on_ready(self) -> None:
        """The splash is on the terminal (Textual's ``Ready`` follows the first frame): open
        the explorer now, not after a later refresh (a paced repaint of the splash, ~20 ms)."""
        self.open_explorer()

    def take_meta_request(self) -> asyncio.Future[Meta] | None:
        """The meta request sent at start, once (a later reload asks again)."""
        request = getattr(self, "_meta_request", None)
        if self.early is not None and not self._early_meta_taken:
            self._early_meta_taken = True
            request = asyncio.wrap_future(self.early.meta)
        self._meta_request = None
        return request

    def take_early_meta(self) -> SchemaLoaded | None:
        """Meta asked as ortui started, when it has arrived (once); else None (the explorer
        then waits for it through ``take_meta_request``)."""
        early = self.early
        if early is None or self._early_meta_taken or not early.meta.done():
            return None
        if early.meta.exception() is not None:
            return None
        from ortui.messages import SchemaLoaded

        self._early_meta_taken = True
        return SchemaLoaded(early.meta.result())

    def take_early_result(
        self, planned: Planned
    ) -> tuple[Planned, ConcurrentFuture[Ran | None]] | None:
        """The first query as asked when ortui started, and its answer, if ``planned`` is it."""
        return None if self.early is None else self.early.take_result(planned)

    def _show_progress(self) -> None:
        """Say what is being prepared, with its progress, until it is done."""
        assert self.progress is not None
        text = self.progress()
        self.sub_title = f"{self._server_label} · {text}" if text else self._server_label
        if text is None:
            self._progress_timer.stop()

    def open_explorer(self) -> None:
        """Import and show the explorer once the first frame is on screen."""
        from ortui.screens.explorer import ExplorerScreen

        explorer = ExplorerScreen(
            self.client,
            secrets=self.secrets,
            presets=self.presets,
            history=self.history,
            start_preset=self.preset,
        )
        self.push_screen(explorer)
        if self.start_spend:
            explorer.action_open_spend()
        for note in self.notes:  # printed before the TUI they would be lost behind it
            self.notify(note, title="ortui", severity="warning", timeout=30, markup=False)

    def on_schema_loaded(self, message: SchemaLoaded) -> None:
        """Every meta the explorer fetches also feeds shell completion (off the UI thread)."""
        if self.meta_cache is not None:
            from ortui.completion.meta_names import remember_quietly

            self.run_worker(
                partial(remember_quietly, message.meta, self.meta_cache),
                thread=True,
                group="meta-cache",
                exit_on_error=False,
            )

    def action_toggle_help(self) -> None:
        """F1 / ``?``: the keys of the focused area, over the screen (nothing re-laid out)."""
        from ortui.screens.help_screen import HelpScreen, area_name, help_rows

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(help_rows(self.screen), area_name(self.screen.focused)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from ortui.screens.explorer import ExplorerScreen

        yield from super().get_system_commands(screen)
        if isinstance(screen, ExplorerScreen):
            for title, help_text, action in EXPLORER_COMMANDS:
                yield SystemCommand(
                    title,
                    self._with_keys(help_text, action),
                    lambda a=action: screen.run_command(a),
                )

    def effective_keys(self, action_id: str) -> str:
        """The keys of a keymap action as shown on screen ("F5 / ^r"), remaps included."""
        return " / ".join(
            self.get_key_display(Binding(key, "")) for key in self.keymap.keys(action_id)
        )

    def _with_keys(self, help_text: str, action: str) -> str:
        """A palette entry's help with the effective keys instead of the default ones."""
        action_id = PALETTE_KEYS.get(action)
        if action_id is None:
            return help_text
        where = " in the grid" if action_id.startswith("grid.") else ""
        plain = re.sub(r"\s*\([^()]*\)$", "", help_text)
        return f"{plain} ({self.effective_keys(action_id)}{where})"

    async def on_unmount(self) -> None:
        await self.client.aclose()
