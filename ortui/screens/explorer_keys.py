"""The explorer's own keys (beside the global ones in ``global_keys.py``), by keymap id, and
which of them are the result's: those act only while the grid or the chart has the focus."""

from __future__ import annotations

from textual.binding import Binding

#: The result's keys (README: "grid, chart"): bound only while the grid or the chart has
#: the focus, so elsewhere a key does what the focused control does (Enter in a builder
#: list toggles its option) and help lists them only there.
RESULT_ACTIONS = frozenset(
    {"show_warnings", "cycle_metric", "zoom", "toggle_compare", "explain", "toggle_watch"}
    | {"drill", "drill_back"}
)


def explorer_bindings() -> list[Binding]:
    return [
        Binding("escape", "cancel", "Cancel", show=False, id="explorer.cancel"),
        Binding(
            "exclamation_mark", "show_warnings", "Warnings", show=False, id="explorer.warnings"
        ),
        Binding("c", "cycle_metric", "Chart metric", show=False, id="explorer.chart_metric"),
        Binding("z", "zoom", "Zoom", show=False, id="explorer.zoom"),
        Binding("p", "toggle_compare", "Compare", show=False, id="explorer.compare"),
        Binding("w", "explain", "Why? (explain)", show=False, id="explorer.explain"),
        Binding("r", "toggle_watch", "Watch", show=False, id="explorer.watch"),
        Binding("enter", "drill", "Drill down", show=False, id="explorer.drill"),
        Binding("backspace", "drill_back", "Back", show=False, id="explorer.drill_back"),
        Binding("f6", "open_spend", "Spend", show=False, id="explorer.spend"),
        Binding("dollar_sign", "open_spend", "Spend", show=False, id="explorer.spend"),
    ]
