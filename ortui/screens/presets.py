"""Open a saved query: a searchable list with a preview; rename, duplicate, delete."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ortui.presets.describe import describe_draft
from ortui.presets.history import History
from ortui.presets.preset import Preset
from ortui.presets.store import LoadProblem, PresetExists, PresetNotFound, PresetStore
from ortui.screens.dialogs import Confirm, TextPrompt


class PresetsScreen(ModalScreen[Preset | None]):
    """Returns the preset to open, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+n", "rename", "Rename", priority=True),
        Binding("ctrl+d", "duplicate", "Duplicate", priority=True),
        Binding("ctrl+x", "delete", "Delete", priority=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, store: PresetStore, history: History | None) -> None:
        super().__init__()
        self.store = store
        self.history = history
        self.presets: list[Preset] = []
        self.problems: list[LoadProblem] = []
        self.shown: list[Preset] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="presets-dialog", classes="dialog wide"):
            yield Label("Presets", classes="dialog-title")
            yield Input(placeholder="type to search presets", id="preset-search")
            yield OptionList(id="preset-list")
            yield Static("", id="preset-preview")
            yield Static("", id="preset-problems", classes="field-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preset-search", Input).focus()
        self.reload()

    def reload(self) -> None:
        self.presets, self.problems = self.store.all()
        problems = self.query_one("#preset-problems", Static)
        problems.update(Text("\n".join(f"Skipped {p}" for p in self.problems)))
        problems.set_class(bool(self.problems), "shown")
        self._filter(self.query_one("#preset-search", Input).value)

    def _filter(self, needle: str) -> None:
        needle = needle.casefold()
        self.shown = [p for p in self.presets if needle in p.name.casefold()
                      or needle in p.description.casefold()]
        listing = self.query_one("#preset-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(f"{p.name}{'  (starter)' if p.starter else ''}"))
                             for p in self.shown])
        if self.shown:
            listing.highlighted = 0
        self._preview()

    @property
    def current(self) -> Preset | None:
        index = self.query_one("#preset-list", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def _preview(self) -> None:
        preset = self.current
        preview = self.query_one("#preset-preview", Static)
        if preset is None:
            preview.update("No presets match." if self.presets else "No presets yet.")
            return
        last = self.history.last_run(preset.name) if self.history else None
        ran = f"last ran {last:%Y-%m-%d %H:%M} UTC" if last else "never run here"
        where = str(preset.path) if preset.path else "starter — saved only when you save it"
        preview.update(Text(f"{preset.description}\n{describe_draft(preset.draft)}\n{ran} · "
                            f"{where}"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def on_option_list_option_highlighted(self) -> None:
        self._preview()

    def action_move(self, step: int) -> None:
        listing = self.query_one("#preset-list", OptionList)
        if self.shown:
            listing.highlighted = max(0, min(len(self.shown) - 1,
                                             (listing.highlighted or 0) + step))

    def on_input_submitted(self) -> None:
        if self.current is not None:
            self.dismiss(self.current)

    def on_option_list_option_selected(self) -> None:
        if self.current is not None:
            self.dismiss(self.current)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_rename(self) -> None:
        preset = self.current
        if preset is None or preset.starter:
            self.notify("Save a starter preset before renaming it.", severity="warning")
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                self._apply(lambda: self.store.rename(preset.name, answer[0]),
                            f"Renamed to {answer[0]!r}")

        self.app.push_screen(TextPrompt("Rename preset", preset.name), done)

    def action_duplicate(self) -> None:
        preset = self.current
        if preset is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                self._apply(lambda: self.store.save(replace(preset, name=answer[0], path=None,
                                                            starter=False)),
                            f"Saved a copy as {answer[0]!r}")

        self.app.push_screen(TextPrompt("Duplicate preset", f"{preset.name} (copy)"), done)

    def action_delete(self) -> None:
        preset = self.current
        if preset is None or preset.starter:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: self.store.delete(preset.name), f"Deleted {preset.name!r}")

        self.app.push_screen(Confirm(f"Delete preset {preset.name!r}?\n{preset.path}"), done)

    @work(thread=True, exit_on_error=False)
    def _apply(self, change: object, message: str) -> None:
        try:
            change()  # type: ignore[operator]
        except PresetExists as exc:
            self.app.call_from_thread(self.notify, f"A preset named {exc} already exists.",
                                      severity="warning", markup=False)
            return
        except (PresetNotFound, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.reload)
