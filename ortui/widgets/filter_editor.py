"""A modal to add or edit one filter: field, operator from meta, values, include unset."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ortui.api.models import Meta
from ortui.query import limits
from ortui.query.draft import FilterDraft
from ortui.query.validation import check_filter, takes_array


class FilterEditor(ModalScreen[FilterDraft | None]):
    """Returns the edited filter, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, meta: Meta, current: FilterDraft | None) -> None:
        super().__init__()
        self.meta = meta
        first_dim = meta.dimensions[0].name if meta.dimensions else ""
        first_op = meta.operators[0].name if meta.operators else ""
        self.current = current or FilterDraft(first_dim, first_op)

    def compose(self) -> ComposeResult:
        item = self.current
        with Vertical(id="filter-dialog"):
            yield Label("Filter", classes="dialog-title")
            yield Label("Dimension")
            yield Select([(Text(d.label), d.name) for d in self.meta.dimensions],
                         value=item.field,
                         allow_blank=False, id="filter-field")
            yield Label("Operator")
            yield Select([(Text(f"{o.name} ({o.value_type})"), o.name)
                          for o in self.meta.operators],
                         value=item.operator, allow_blank=False, id="filter-operator")
            yield Label("Value (raw ids, e.g. openai/gpt-4o; several: comma separated)")
            yield Input(", ".join(item.values), id="filter-values")
            yield Checkbox("Include unset (no value)", item.include_unset, id="filter-unset")
            yield Static("", id="filter-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="filter-save")
                yield Button("Cancel", id="filter-cancel")

    def on_mount(self) -> None:
        self.query_one("#filter-values", Input).focus()
        self._refresh_state()

    def _draft(self) -> FilterDraft:
        field = self.query_one("#filter-field", Select).value
        operator = self.query_one("#filter-operator", Select).value
        raw = self.query_one("#filter-values", Input).value
        array = takes_array(self.meta, str(operator))
        values = tuple(v.strip() for v in raw.split(",")) if array or "," in raw else (
            raw.strip(),)
        unset = self.query_one("#filter-unset", Checkbox)
        return FilterDraft(str(field), str(operator), tuple(v for v in values if v),
                           unset.value and not unset.disabled)

    def _refresh_state(self) -> None:
        draft = self._draft()
        array = takes_array(self.meta, draft.operator)
        self.query_one("#filter-unset", Checkbox).disabled = not (
            array and draft.field in limits.UNSET_DIMENSIONS)
        self.query_one("#filter-values", Input).placeholder = (
            "value, value, …" if array else "one value")
        problems = check_filter(0, draft, self.meta)
        message = problems[0].message.removeprefix("Filter 1: ") if problems else ""
        self.query_one("#filter-error", Static).update(Text(message))

    def on_select_changed(self) -> None:
        self._refresh_state()

    def on_input_changed(self) -> None:
        self._refresh_state()

    def on_checkbox_changed(self) -> None:
        self._refresh_state()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "filter-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        draft = self._draft()
        if check_filter(0, draft, self.meta):
            self._refresh_state()
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
