"""The drill path over a grid: ``model = claude-opus-4 › 2026-11-27 › api_key_id = agent-x``
(a step with no field is a time bucket the path narrowed to)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

SEPARATOR = " › "
_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "?")


def visible(value: str) -> str:
    """Control characters from a server string shown as ``?``, never sent to the terminal."""
    return value.translate(_CONTROLS)


def path_text(steps: list[tuple[str, str]], hint: str = "") -> Text:
    """The path as plain text (server strings are never parsed as markup)."""
    text = Text()
    for index, (field, value) in enumerate(steps):
        if index:
            text.append(SEPARATOR, style="dim")
        if field:
            text.append(f"{visible(field)} = ", style="dim")
        text.append(visible(value), style="bold")
    if hint and steps:
        text.append(f"   {hint}", style="dim italic")
    return text


class Breadcrumb(Static):
    """Hidden while the path is empty; ``steps`` are (dimension, shown value) pairs, or
    ("", bucket) for a narrowed time range."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="breadcrumb hidden", markup=False)
        self.steps: list[tuple[str, str]] = []

    def set_path(self, steps: list[tuple[str, str]], hint: str = "Backspace goes back") -> None:
        self.steps = list(steps)
        self.set_class(not steps, "hidden")
        self.update(path_text(self.steps, hint))

    @property
    def plain(self) -> str:
        return SEPARATOR.join(
            f"{field} = {value}" if field else value for field, value in self.steps
        )
