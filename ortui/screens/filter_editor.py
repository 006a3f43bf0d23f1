"""A modal to add or edit one filter: field, operator from meta, values, include unset."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option
from textual.widgets.select import InvalidSelectValueError

from ortui.api import limits
from ortui.api.models import Meta
from ortui.query.draft import FilterDraft
from ortui.query.validation import check_filter, takes_array
from ortui.query.value_hints import ValueHint, ValueHints, names_line, value_label
from ortui.screens.guard import guarded
from ortui.widgets.compat import RestyledOnThemeChange
from ortui.widgets.fixed_text import FixedText
from ortui.widgets.quiet_input import QuietInput

# A server whose meta lists no dimensions (or operators) still gets an editor that says so;
# saving is refused by the filter check.
NONE_OFFERED = [(Text("(this server offers none)"), "")]


def _blank(meta: Meta) -> FilterDraft:
    first_dim = meta.dimensions[0].name if meta.dimensions else ""
    first_op = meta.operators[0].name if meta.operators else ""
    return FilterDraft(first_dim, first_op)


class FilterEditor(RestyledOnThemeChange[FilterDraft | None]):
    """Returns the edited filter, or None when cancelled.

    One editor is kept for the builder's lifetime (``edit`` refills it): building the dialog
    took ~100 ms, and removing a closed screen re-lays out the screen below it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("down", "suggestions", show=False),
    ]

    def __init__(self, meta: Meta, current: FilterDraft | None, query: str = "") -> None:
        super().__init__()
        self.meta = meta
        self.current = current or _blank(meta)
        self.query_summary = query
        self._options_for: Meta | None = None
        self._not_offered = ""
        self._touched = False  # a new, untouched filter is not scolded for having no value
        self.hints: ValueHints | None = None
        self._offered: list[ValueHint] = []
        self._value_label = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog") as dialog:
            dialog.border_title = "Filter"
            yield FixedText(id="filter-query", classes="dialog-context")
            yield Label("Dimension")
            yield Select[str](self._field_options(), allow_blank=False, id="filter-field")
            yield Label("Operator")
            yield Select[str](self._operator_options(), allow_blank=False, id="filter-operator")
            yield Label("Value", id="filter-value-label", markup=False)
            yield QuietInput(id="filter-values")
            yield OptionList(id="filter-suggestions", classes="hidden")
            yield FixedText(id="filter-names", classes="dialog-context")
            yield Checkbox("Include unset (no value)", id="filter-unset")
            yield FixedText(id="filter-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="filter-save")
                yield Button("Cancel", id="filter-cancel")

    def _field_options(self) -> list[tuple[Text, str]]:
        return [(Text(d.label), d.name) for d in self.meta.dimensions] or NONE_OFFERED

    def _operator_options(self) -> list[tuple[Text, str]]:
        return [
            (Text(f"{o.name} ({o.value_type})"), o.name) for o in self.meta.operators
        ] or NONE_OFFERED

    def on_mount(self) -> None:
        self._options_for = self.meta
        self._fill()

    def edit(
        self,
        meta: Meta,
        current: FilterDraft | None,
        query: str = "",
        hints: ValueHints | None = None,
    ) -> None:
        """Show ``current`` (or a new filter) before the editor is pushed again; ``hints``
        suggests values as they are typed."""
        self.hints = hints
        self.meta = meta
        self.current = current or _blank(meta)
        self.query_summary = query
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        item = self.current
        # The editor covers the explorer, so it says which query the filter joins.
        self.query_one("#filter-query", FixedText).set_text(f"Query: {self.query_summary}")
        field = self.query_one("#filter-field", Select)
        operator = self.query_one("#filter-operator", Select)
        if self._options_for is not self.meta:  # new meta: new choices
            field.set_options(self._field_options())
            operator.set_options(self._operator_options())
        self._options_for = self.meta
        self._not_offered = ""
        self._touched = bool(item.values)
        with self.prevent(Select.Changed, Input.Changed, Checkbox.Changed):
            for select, value, options in (
                (field, item.field, self._field_options),
                (operator, item.operator, self._operator_options),
            ):
                try:
                    select.value = value
                except InvalidSelectValueError:  # a preset's name this server lacks
                    select.value = options()[0][1]
                    self._not_offered = f"'{value}' is not offered by this server; pick another."
            values = self.query_one("#filter-values", Input)
            values.value = ", ".join(item.values)
            values.cursor_position = len(values.value)
            self.query_one("#filter-unset", Checkbox).value = item.include_unset
        self.query_one("#filter-values", Input).focus()
        self._refresh_state()
        self._suggest()

    def _draft(self) -> FilterDraft:
        field = self.query_one("#filter-field", Select).value
        operator = self.query_one("#filter-operator", Select).value
        raw = self.query_one("#filter-values", Input).value
        array = takes_array(self.meta, str(operator))
        values = tuple(v.strip() for v in raw.split(",")) if array or "," in raw else (raw.strip(),)
        unset = self.query_one("#filter-unset", Checkbox)
        return FilterDraft(
            str(field),
            str(operator),
            tuple(v for v in values if v),
            unset.value and not unset.disabled,
        )

    def _refresh_state(self) -> None:
        draft = self._draft()
        array = takes_array(self.meta, draft.operator)
        self.query_one("#filter-unset", Checkbox).disabled = not (
            array and draft.field in limits.UNSET_DIMENSIONS
        )
        self.query_one("#filter-values", Input).placeholder = (
            "value, value, …" if array else "one value"
        )
        problems = check_filter(0, draft, self.meta)
        message = problems[0].message.removeprefix("Filter 1: ") if problems else ""
        shown = self._not_offered or (message if self._touched else "")
        self.query_one("#filter-error", FixedText).set_text(shown)

    def _edited(self) -> None:
        self._touched = True
        self._refresh_state()

    def on_select_changed(self) -> None:
        self._not_offered = ""
        self._edited()
        self._suggest()

    def on_input_changed(self) -> None:
        self._edited()
        self._suggest()

    @guarded("suggest values")
    def _suggest(self) -> None:
        """Values for the one being typed (the text after the last comma), name beside id."""
        draft_field = str(self.query_one("#filter-field", Select).value)
        raw = self.query_one("#filter-values", Input).value
        offered = self.hints.suggest(draft_field, raw.rsplit(",", 1)[-1]) if self.hints else []
        offered = [h for h in offered if h.value not in {v.strip() for v in raw.split(",")}]
        listing = self.query_one("#filter-suggestions", OptionList)
        if offered != self._offered:
            self._offered = offered
            listing.set_options([Option(Text(h.prompt), id=str(i)) for i, h in enumerate(offered)])
        listing.set_class(not offered, "hidden")
        self.query_one("#filter-names", FixedText).set_text(
            names_line(self.hints, draft_field, raw)
        )
        dimension = self.meta.dimension(draft_field)
        label = value_label(self.hints, draft_field, dimension.label if dimension else "")
        if label != self._value_label:  # not on every keystroke: a new label lays out
            self._value_label = label
            self.query_one("#filter-value-label", Label).update(Text(label))

    def action_suggestions(self) -> None:
        """↓ from the value: into the suggestions for the text as it is now. ↓ can be read
        before the editor has handled the keystroke before it (typing fast, a paste, a loaded
        machine), so the suggestions are brought up to date first."""
        listing = self.query_one("#filter-suggestions", OptionList)
        self._suggest()
        if self._offered and self.focused is self.query_one("#filter-values", Input):
            listing.highlighted = 0
            listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The chosen value replaces the one being typed; the id is what gets sent."""
        event.stop()
        hint = self._offered[int(event.option.id or 0)]
        values = self.query_one("#filter-values", Input)
        head, comma, _ = values.value.rpartition(",")
        values.value = f"{head}{comma} {hint.value}".lstrip() if comma else hint.value
        values.cursor_position = len(values.value)
        values.focus()

    def on_checkbox_changed(self) -> None:
        self._edited()

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
            self._edited()
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
