"""An Input whose edits repaint only itself instead of re-laying out the whole screen."""

from __future__ import annotations

from ortui.widgets.compat import QuietWidthInput


class QuietInput(QuietWidthInput):
    """The builder's text inputs (their widths never follow the content)."""
