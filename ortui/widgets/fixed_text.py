"""Text in a box whose size is set by CSS, so changing the text repaints the box alone."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class FixedText(Widget):
    """``Static.update`` always re-lays out the screen, because a Static may grow with its
    text. Where the box has a fixed height (CSS), this widget only repaints itself, and only
    when the text really changed. Text is plain (never parsed as markup)."""

    DEFAULT_CSS = """
    FixedText {
        height: 1;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text(text)

    @property
    def text(self) -> str:
        return self._text.plain

    def set_text(self, text: str) -> None:
        if text != self._text.plain:
            self._text = Text(text)
            self.refresh()

    def render(self) -> Text:
        return self._text
