"""Open a saved query: a searchable list with a preview; rename, duplicate, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import OptionList, Static

from ortui.presets.history import History
from ortui.presets.preset import Preset
from ortui.presets.store import LoadProblem, PresetExists, PresetNotFound, PresetStore
from ortui.query.describe import describe_draft
from ortui.safe_text import safe_text
from ortui.screens.dialogs import Confirm, TextPrompt
from ortui.screens.guard import guarded
from ortui.screens.searchable_list import SearchableList


class PresetsScreen(SearchableList[Preset, Preset]):
    """Returns the preset to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "rename", "Rename", priority=True),
        Binding("ctrl+d", "duplicate", "Duplicate", priority=True),
        Binding("ctrl+x", "delete", "Delete", priority=True),
    ]
    TITLE_TEXT = "Presets"
    PLACEHOLDER = "type to search presets"

    def __init__(self, store: PresetStore, history: History | None) -> None:
        super().__init__()
        self.store = store
        self.history = history
        self.problems: list[LoadProblem] = []

    def compose_details(self) -> list[Widget]:
        return [
            Static("", id="preset-preview"),
            Static("", id="preset-problems", classes="field-error"),
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    @guarded("list the presets")
    def reload(self, highlight: str | None = None) -> None:
        """Read the presets again; ``highlight`` names the one to put the cursor on (a new
        copy, a renamed preset), so the next key acts on it."""
        presets, self.problems = self.store.all()
        problems = self.query_one("#preset-problems", Static)
        problems.update(Text("\n".join(f"Skipped {p}" for p in self.problems)))
        problems.set_class(bool(self.problems), "shown")
        self.show_items(presets)
        names = [p.name for p in self.shown]
        if highlight in names:
            self.query_one("#choices", OptionList).highlighted = names.index(highlight)

    def line(self, item: Preset) -> str:
        return f"{item.name}{'  (starter)' if item.starter else ''}"

    def search_text(self, item: Preset) -> str:
        return f"{item.name} {item.description}"

    @guarded("show the preset")
    def highlighted_changed(self) -> None:
        preset = self.current
        preview = self.query_one("#preset-preview", Static)
        if preset is None:
            preview.update("No presets match." if self.items else "No presets yet.")
            return
        last = self.history.last_run(preset.name) if self.history else None
        ran = f"last ran {last:%Y-%m-%d %H:%M} UTC" if last else "never run here"
        where = (
            safe_text(str(preset.path)) if preset.path else "starter — saved only when you save it"
        )
        preview.update(
            Text(f"{preset.description}\n{describe_draft(preset.draft)}\n{ran} · {where}")
        )

    def choose(self, item: Preset) -> None:
        self.dismiss(item)

    def action_rename(self) -> None:
        preset = self.current
        if preset is None or preset.starter:
            self.notify("Save a starter preset before renaming it.", severity="warning")
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                self._apply(
                    lambda: self.store.rename(preset.name, answer[0]),
                    f"Renamed to {answer[0]!r}",
                    answer[0],
                )

        self.app.push_screen(TextPrompt("Rename preset", preset.name), done)

    def action_duplicate(self) -> None:
        preset = self.current
        if preset is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                self._apply(
                    lambda: self.store.save(
                        replace(preset, name=answer[0], path=None, starter=False)
                    ),
                    f"Saved a copy as {answer[0]!r}",
                    answer[0],
                )

        self.app.push_screen(TextPrompt("Duplicate preset", f"{preset.name} (copy)"), done)

    def action_delete(self) -> None:
        preset = self.current
        if preset is None or preset.starter:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: self.store.delete(preset.name), f"Deleted {preset.name!r}")

        self.app.push_screen(
            Confirm(f"Delete preset {preset.name!r}?\n{safe_text(str(preset.path))}"), done
        )

    @work(thread=True, exit_on_error=False)
    def _apply(self, change: object, message: str, highlight: str | None = None) -> None:
        try:
            change()  # type: ignore[operator]
        except PresetExists as exc:
            self.app.call_from_thread(
                self.notify,
                f"A preset named {exc} already exists.",
                severity="warning",
                markup=False,
            )
            return
        except (PresetNotFound, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.reload, highlight)
