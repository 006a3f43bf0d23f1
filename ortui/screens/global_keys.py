"""The explorer's global keys, in one place (a keymap can rebind them by their ids).

Chosen so that terminals deliver them distinctly, also inside tmux and while an input has the
focus: no ctrl+h (sent as Backspace), ctrl+i (Tab), ctrl+m (Enter) or ctrl+[ (Esc); no alt+key
(many terminals send it as Esc + key, some as a word motion); nothing an Input binds itself
(ctrl+a/e/d/k/u/w/x/c/v). Function keys and these control keys arrive everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class GlobalKey:
    """A key that works anywhere in the explorer, even while typing (a priority binding)."""

    id: str
    keys: str  # Textual key names, comma separated; the first is the one shown
    action: str
    description: str
    show: bool = True


GLOBAL_KEYS = (
    GlobalKey("ortui.run", "f5,ctrl+r", "run", "Run"),
    GlobalKey("ortui.focus-builder", "f2", "focus_builder", "Builder"),
    GlobalKey("ortui.focus-grid", "f3", "focus_grid", "Grid"),
    GlobalKey("ortui.focus-chart", "f4", "focus_chart", "Chart"),
    GlobalKey("ortui.toggle-builder", "ctrl+b", "toggle_builder", "Hide builder", show=False),
    GlobalKey("ortui.save", "ctrl+s", "save_preset", "Save"),
    GlobalKey("ortui.presets", "ctrl+o", "open_presets", "Presets"),
    GlobalKey("ortui.history", "ctrl+y", "open_history", "History"),
    GlobalKey("ortui.key", "ctrl+k", "enter_key", "Key", show=False),
)


def global_bindings() -> list[Binding]:
    """Priority bindings for ``GLOBAL_KEYS``: an input focused does not swallow them."""
    return [
        Binding(k.keys, k.action, k.description, show=k.show, priority=True, id=k.id)
        for k in GLOBAL_KEYS
    ]


def key_of(action: str) -> str:
    """The shown key of a global action, e.g. ``key_of("open_history") == "ctrl+y"``."""
    return next(k.keys.split(",")[0] for k in GLOBAL_KEYS if k.action == action)
