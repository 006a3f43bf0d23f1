"""Presets and history actions of the explorer: save, open, re-run, record every run."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.screen import Screen

from ortui.api.models import Meta
from ortui.presets.drift import schema_drift
from ortui.presets.history import History, HistoryEntry, now_utc
from ortui.presets.preset import Preset, ViewSettings
from ortui.presets.store import PresetExists, PresetStore
from ortui.query.draft import QueryDraft
from ortui.screens.dialogs import Confirm, TextPrompt
from ortui.screens.history import HistoryScreen
from ortui.screens.presets import PresetsScreen
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.results_grid import ResultsGrid


class SavedQueryActions(Screen[None]):
    """Mixed into the explorer; the stores are optional so tests can leave them out."""

    meta: Meta | None
    presets: PresetStore | None
    history: History | None
    current_preset: str | None
    preset_draft: QueryDraft | None = None
    chart_metric: str | None
    chart_kind: str
    pending_sort: str | None

    def open_draft(self, draft: QueryDraft, preset: Preset | None = None,
                   run: bool = True) -> None:
        """Load a saved query into the builder, say what the server no longer offers, run."""
        self.query_one(QueryBuilder).load(draft)
        self.current_preset = preset.name if preset else None
        self.preset_draft = self.query_one(QueryBuilder).draft if preset else None
        if preset is not None:
            self.chart_metric = preset.view.chart_metric or self.chart_metric
            self.chart_kind = preset.view.chart_kind
            self.pending_sort = preset.view.sort
        drift = schema_drift(draft, self.meta) if self.meta else []
        if drift:
            self.notify("\n".join(drift) + "\nThe query keeps these names; fix them in the "
                        "builder.", title="Preset names the server lacks", severity="warning",
                        timeout=15, markup=False)
            return
        if run:
            self.action_run()

    def action_run(self) -> None:
        """Provided by the explorer."""
        raise NotImplementedError

    def action_save_preset(self) -> None:
        if self.presets is None:
            return
        self._ask_preset_name(self.query_one(QueryBuilder).draft)

    def _ask_preset_name(self, draft: QueryDraft) -> None:
        name = self.current_preset or ""

        def named(answer: tuple[str, str] | None) -> None:
            if answer:
                preset = Preset(answer[0], draft, answer[1], self.view_settings())
                self.write_preset(preset, overwrite=False)

        self.app.push_screen(TextPrompt("Save query as preset", name, ""), named)

    def view_settings(self) -> ViewSettings:
        grid = self.query_one(ResultsGrid)
        sort = f"{grid.sort_key}:{'desc' if grid.sort_desc else 'asc'}" if grid.sort_key else None
        return ViewSettings(self.chart_metric, self.chart_kind, sort)

    @work(thread=True, group="presets", exit_on_error=False)
    def write_preset(self, preset: Preset, overwrite: bool) -> None:
        assert self.presets is not None
        try:
            path = self.presets.save(preset, overwrite=overwrite)
        except PresetExists:
            self.app.call_from_thread(self._confirm_overwrite, preset)
            return
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Could not save: {exc}", severity="error",
                                      markup=False)
            return
        self.current_preset = preset.name
        self.preset_draft = preset.draft
        self.app.call_from_thread(self.notify, f"Saved {preset.name!r} to {path}",
                                  title="Preset saved", markup=False)

    def _confirm_overwrite(self, preset: Preset) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.write_preset(preset, overwrite=True)

        self.app.push_screen(Confirm(f"A preset named {preset.name!r} exists. Overwrite it?"),
                             answered)

    def action_open_presets(self) -> None:
        if self.presets is None:
            return

        def chosen(preset: Preset | None) -> None:
            if preset is not None:
                self.open_draft(preset.draft, preset)

        self.app.push_screen(PresetsScreen(self.presets, self.history), chosen)

    def action_open_history(self) -> None:
        if self.history is None:
            return

        def chosen(answer: tuple[str, HistoryEntry] | None) -> None:
            if answer is None:
                return
            what, entry = answer
            if what == "run":
                self.open_draft(entry.draft)
            else:
                self._ask_preset_name(entry.draft)

        self.app.push_screen(HistoryScreen(self.history), chosen)

    def record_run(self, draft: QueryDraft, rows: int | None, duration_ms: float,
                   outcome: str) -> None:
        if self.history is not None:
            # A run is the preset's only while the query is the one the preset holds.
            unchanged = self.current_preset is not None and draft == self.preset_draft
            self._append_history(HistoryEntry(now_utc(), draft, rows, duration_ms, outcome,
                                              self.current_preset if unchanged else None))

    @work(thread=True, group="history", exit_on_error=False)
    def _append_history(self, entry: HistoryEntry) -> None:
        assert self.history is not None
        try:
            self.history.append(replace(entry))
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"History not saved: {exc}",
                                      severity="warning", markup=False)
