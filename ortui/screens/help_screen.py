"""Help over the explorer: the keys of the focused area and the global ones, in a dialog that
covers the screen without re-laying it out (Textual's help panel squeezes the panes)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

HelpRow = tuple[str, str, str]  # key shown, description, where


AREAS = (
    ("ResultsGrid", "grid"),
    ("ChartPane", "chart"),
    ("FilterList", "filters"),
    ("OrderedPicker", "list"),
    ("QueryBuilder", "builder"),
    ("Input", "input"),
)


def area_name(node: DOMNode | None) -> str:
    """What a person calls the part of the screen ``node`` is in: grid, chart, builder…"""
    while node is not None:
        names = {c.__name__ for c in type(node).__mro__}
        found = next((area for name, area in AREAS if name in names), None)
        if found is not None:
            return found
        node = node.parent
    return "screen"


#: Textual's own text-editing and scrolling keys: standard, and they would bury ortui's.
EDITING_ACTIONS = (
    "scroll_",
    "page_",
    "cursor_",
    "delete_",
    "select_",
    "home",
    "end",
    "cut",
    "copy",
    "paste",
    "submit",
)


def _editing(node: DOMNode, binding: Binding) -> bool:
    if binding.show:
        return False
    own = type(node).__module__.startswith("ortui.") and not isinstance(node, Input)
    return isinstance(node, Input) or (not own and binding.action.startswith(EDITING_ACTIONS))


def help_rows(screen: Screen[object]) -> list[HelpRow]:
    """Every key active on ``screen`` for its focused widget, one row per action; the
    focused area's keys first, then those that work anywhere."""
    rows: dict[str, HelpRow] = {}
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        if not enabled or binding.system or not binding.description or _editing(node, binding):
            continue
        description = tooltip or binding.description  # the key bar's words are short
        where = area_name(node)
        if node is screen or node is screen.app:
            scoped = binding.action in getattr(screen, "RESULT_ACTIONS", ())
            where = "grid, chart" if scoped else "anywhere"
        keys = ", ".join(
            screen.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
        )
        previous = rows.get(binding.action)
        if previous is None:
            rows[binding.action] = (keys, description, where)
        elif keys not in previous[0]:
            rows[binding.action] = (f"{previous[0]}, {keys}", previous[1], previous[2])
    return sorted(rows.values(), key=lambda r: (r[2] == "anywhere", r[2]))


class HelpScreen(ModalScreen[None]):
    """Esc, F1 or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def __init__(self, rows: list[HelpRow], area: str) -> None:
        super().__init__()
        self.rows = rows
        self.area = area

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1))
        table.add_column("key", no_wrap=True, min_width=8)
        table.add_column("does", ratio=1)
        table.add_column("where", no_wrap=True, style="dim", min_width=8)
        for keys, description, where in self.rows:
            table.add_row(Text(keys), Text(description), Text(where))
        with Vertical(classes="dialog wide", id="help-dialog"):
            yield Label(f"Keys — focus: {self.area}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(table)
            yield Static("Esc, F1 or ? closes · ctrl+p: every action by name", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
