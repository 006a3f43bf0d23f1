"""An Input whose edits repaint only itself instead of re-laying out the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input


class QuietInput(Input):
    """Textual's Input stores its text width as ``virtual_size``, a layout reactive, so every
    keystroke re-arranges and repaints every widget on the screen (~20 ms in the explorer).
    With a width that does not follow the content (never ``auto`` here) the layout cannot
    change, so the new width is stored without asking for one; scrolling still reads it."""

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
