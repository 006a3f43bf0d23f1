"""The explorer's presets and history: save, open, re-run, record every run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.presets.drift import schema_drift
from ortui.presets.history import History, HistoryEntry, now_utc
from ortui.presets.preset import Preset
from ortui.presets.store import PresetExists, PresetStore
from ortui.query.draft import QueryDraft
from ortui.screens.dialogs import Confirm, TextPrompt
from ortui.screens.guard import guarded
from ortui.screens.history import HistoryScreen
from ortui.screens.presets import PresetsScreen

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class PresetFlow:
    """Owned by the explorer; the stores are optional so tests can leave them out. File work
    runs in threads."""

    def __init__(
        self, screen: ExplorerScreen, presets: PresetStore | None, history: History | None
    ) -> None:
        self.screen = screen
        self.presets = presets
        self.history = history

    @guarded("open the query")
    def open_draft(self, draft: QueryDraft, preset: Preset | None = None, run: bool = True) -> None:
        """Load a saved query into the builder, say what the server no longer offers, run."""
        screen = self.screen
        screen.drill.forget()
        screen.builder.load(draft)
        screen.state.adopt_view(preset.name if preset else None, preset.view if preset else None)
        screen.state.preset_draft = screen.builder.draft if preset else None
        drift = schema_drift(draft, screen.meta) if screen.meta else []
        if drift:
            screen.notify(
                "\n".join(drift) + "\nThe query keeps these names; fix them in the builder.",
                title="Preset names the server lacks",
                severity="warning",
                timeout=15,
                markup=False,
            )
            return
        if run:
            screen.action_run()

    def save(self) -> None:
        if self.presets is not None:
            self._ask_name(self.screen.builder.draft)

    def _ask_name(self, draft: QueryDraft) -> None:
        screen = self.screen

        def named(answer: tuple[str, str] | None) -> None:
            if answer:
                grid = screen.grid
                view = screen.state.view_settings(grid.sort_key, grid.sort_desc)
                self._write(Preset(answer[0], draft, answer[1], view), overwrite=False)

        screen.app.push_screen(
            TextPrompt("Save query as preset", screen.state.current_preset or "", ""), named
        )

    def _write(self, preset: Preset, overwrite: bool) -> None:
        self.screen.run_worker(
            lambda: self._store(preset, overwrite),
            thread=True,
            group="presets",
            exit_on_error=False,
        )

    def _store(self, preset: Preset, overwrite: bool) -> None:
        assert self.presets is not None
        app = self.screen.app
        try:
            path = self.presets.save(preset, overwrite=overwrite)
        except PresetExists:
            app.call_from_thread(self._confirm_overwrite, preset)
            return
        except OSError as exc:
            app.call_from_thread(
                self.screen.notify, f"Could not save: {exc}", severity="error", markup=False
            )
            return
        self.screen.state.current_preset = preset.name
        self.screen.state.preset_draft = preset.draft
        app.call_from_thread(
            self.screen.notify,
            f"Saved {preset.name!r} to {path}",
            title="Preset saved",
            markup=False,
        )

    def _confirm_overwrite(self, preset: Preset) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._write(preset, overwrite=True)

        self.screen.app.push_screen(
            Confirm(f"A preset named {preset.name!r} exists. Overwrite it?"), answered
        )

    def open_presets(self) -> None:
        if self.presets is None:
            return

        def chosen(preset: Preset | None) -> None:
            if preset is not None:
                self.open_draft(preset.draft, preset)

        self.screen.app.push_screen(PresetsScreen(self.presets, self.history), chosen)

    def open_history(self) -> None:
        if self.history is None:
            return

        def chosen(answer: tuple[str, HistoryEntry] | None) -> None:
            if answer is None:
                return
            what, entry = answer
            if what == "run":
                self.open_draft(entry.draft)
            else:
                self._ask_name(entry.draft)

        self.screen.app.push_screen(HistoryScreen(self.history), chosen)

    def record_run(
        self, draft: QueryDraft, rows: int | None, duration_ms: float, outcome: str
    ) -> None:
        if self.history is None:
            return
        entry = HistoryEntry(
            now_utc(), draft, rows, duration_ms, outcome, self.screen.state.preset_of(draft)
        )
        self.screen.run_worker(
            lambda: self._append(entry), thread=True, group="history", exit_on_error=False
        )

    def _append(self, entry: HistoryEntry) -> None:
        assert self.history is not None
        try:
            self.history.append(entry)
        except OSError as exc:
            self.screen.app.call_from_thread(
                self.screen.notify, f"History not saved: {exc}", severity="warning", markup=False
            )
