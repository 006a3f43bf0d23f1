"""The results grid's keys (by keymap id): moving, sorting, finding, copying, export, pivot."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ortui.keymap import default_keys

GRID_BINDINGS: list[BindingType] = [
    Binding(default_keys("grid.up"), "move(-1, 0)", "Up", show=False, id="grid.up"),
    Binding(default_keys("grid.down"), "move(1, 0)", "Down", show=False, id="grid.down"),
    Binding(default_keys("grid.left"), "move(0, -1)", "Left", show=False, id="grid.left"),
    Binding(default_keys("grid.right"), "move(0, 1)", "Right", show=False, id="grid.right"),
    Binding(default_keys("grid.page_up"), "page(-1)", "Page up", show=False, id="grid.page_up"),
    Binding(
        default_keys("grid.page_down"), "page(1)", "Page down", show=False, id="grid.page_down"
    ),
    Binding(default_keys("grid.first"), "edge(-1)", "First row", show=False, id="grid.first"),
    Binding(default_keys("grid.last"), "edge(1)", "Last row", show=False, id="grid.last"),
    Binding(default_keys("grid.sort"), "sort", "Sort", id="grid.sort"),
    Binding(
        default_keys("grid.find"),
        "find",
        "Find",
        id="grid.find",
        tooltip="Find rows: any part of a cell's text, upper or lower case",
    ),
    Binding(
        default_keys("grid.next_match"),
        "next_match(1)",
        "Next match",
        show=False,
        id="grid.next_match",
    ),
    Binding(
        default_keys("grid.prev_match"),
        "next_match(-1)",
        "Prev match",
        show=False,
        id="grid.prev_match",
    ),
    Binding(default_keys("grid.copy_cell"), "copy('cell')", "Copy cell", id="grid.copy_cell"),
    Binding(
        default_keys("grid.copy_row"), "copy('row')", "Copy row", show=False, id="grid.copy_row"
    ),
    Binding(
        default_keys("grid.copy_all"),
        "copy('result')",
        "Copy all (TSV)",
        show=False,
        id="grid.copy_all",
    ),
    Binding(default_keys("grid.export"), "export", "Export", id="grid.export"),
    Binding(default_keys("grid.pivot"), "pivot", "Pivot view", id="grid.pivot"),
]
