"""The query builder: every choice comes from meta; validates as you type."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ortui.api.models import Meta
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.fields import Field, field_of
from ortui.query.validation import Problem, validate
from ortui.widgets.filter_list import FilterList
from ortui.widgets.ordered_picker import OrderedPicker
from ortui.widgets.quiet_input import QuietInput
from ortui.widgets.time_range_field import INPUT_IDS, TimeRangeField

NO_GRANULARITY = "__none__"
NO_ORDER = "__default__"
#: The controls that together edit the time range.
TIME_CONTROLS = ("time", "last_unit", *INPUT_IDS)


def metric_option(meta: Meta, name: str) -> tuple[str, str, str]:
    """``(name, label, detail)`` for the metric picker: format shown, rates marked."""
    metric = meta.metric(name)
    if metric is None:
        return name, name, "(not offered by this server)"
    rate = " · rate" if metric.is_rate else ""
    return name, metric.label, f"({metric.display_format}{rate})"


def _int_or_none(text: str) -> int | None:
    try:
        return int(text.strip()) if text.strip() else None
    except ValueError:
        return -1


class QueryBuilder(VerticalScroll):
    """Holds the draft; posts ``Changed`` after every edit with the current problems."""

    class Changed(Message):
        def __init__(self, draft: QueryDraft, problems: list[Problem]) -> None:
            super().__init__()
            self.draft = draft
            self.problems = problems

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meta = Meta()
        self.draft = QueryDraft()
        self.problems: list[Problem] = []
        self._loading = False
        self._order_stale = False
        self._shown_errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Label("Metrics", classes="section")
        yield OrderedPicker(searchable=True, placeholder="type to search metrics", id="metrics")
        yield Static(classes="field-error", id="err-metrics")
        yield Label("Dimensions (up to 2, in order)", classes="section")
        yield OrderedPicker(id="dimensions")
        yield Static(classes="field-error", id="err-dimensions")
        yield Label("Filters", classes="section")
        yield FilterList(id="filters")
        yield Static(classes="field-error", id="err-filters")
        yield Label("Granularity", classes="section")
        yield Select([("None (totals)", NO_GRANULARITY)], allow_blank=False, id="granularity")
        yield Static(classes="field-error", id="err-granularity")
        yield Label("Time range (UTC)", classes="section", id="time-label")
        yield TimeRangeField(id="time-range")
        yield Static(classes="field-error", id="err-time_range")
        yield Label("Order by", classes="section")
        with Horizontal(id="order-row"):
            yield Select([("Default", NO_ORDER)], allow_blank=False, id="order_by")
            yield Select(
                [("desc", "desc"), ("asc", "asc")], value="desc", allow_blank=False, id="direction"
            )
        yield Static(classes="field-error", id="err-order_by")
        with Horizontal(classes="limits-row"):
            yield Label("Limit", classes="limit-label")
            yield QuietInput(placeholder="1000", type="integer", id="limit")
        with Horizontal(classes="limits-row"):
            yield Label("Group limit", classes="limit-label")
            yield QuietInput(placeholder="auto", type="integer", id="group_limit")
        yield Static(classes="field-error", id="err-limit")
        yield Static(classes="field-error", id="err-group_limit")

    @property
    def default_zone(self) -> str:
        return str(getattr(self.app, "default_timezone", "UTC"))

    def set_meta(self, meta: Meta) -> None:
        self.meta = meta
        grains = [("None (totals)", NO_GRANULARITY)] + [
            (Text(g.label), g.name) for g in meta.granularities
        ]
        self.query_one("#granularity", Select).set_options(grains)

    def load(self, draft: QueryDraft) -> None:
        """Show ``draft`` in every control (presets, history, defaults)."""
        self._loading = True
        try:
            names = [m.name for m in self.meta.metrics] + list(draft.metrics)
            metrics = [metric_option(self.meta, n) for n in names]
            self.query_one("#metrics", OrderedPicker).set_options(metrics, list(draft.metrics))
            dims = [(d.name, d.label, "") for d in self.meta.dimensions]
            dims += [
                (n, n, "(not offered by this server)")
                for n in draft.dimensions
                if self.meta.dimension(n) is None
            ]
            self.query_one("#dimensions", OrderedPicker).set_options(dims, list(draft.dimensions))
            self.query_one("#granularity", Select).value = draft.granularity or NO_GRANULARITY
            self.query_one(TimeRangeField).show(draft.time)
            self.query_one("#direction", Select).value = draft.order_direction
            self.query_one("#limit", Input).value = str(draft.limit or "")
            self.query_one("#group_limit", Input).value = str(draft.group_limit or "")
            self.draft = draft
            zone = "".join(c for c in (draft.timezone or self.default_zone)[:40] if c.isprintable())
            self.query_one("#time-label", Label).update(Text(f"Time range ({zone})"))
            self._refresh_order_options(draft.order_by)
            self._order_stale = False
            self.query_one("#filters", FilterList).show_filters(draft.filters)
        finally:
            self._loading = False
        self._changed()

    def _refresh_order_options(self, wanted: str | None) -> None:
        draft = self.draft
        fields = ["date"] if draft.granularity else []
        fields += list(draft.metrics) + (
            ["request_count"] if "request_count" not in draft.metrics else []
        )
        fields += list(draft.dimensions)
        options = [("Default", NO_ORDER)] + [(Text(f), f) for f in fields]
        if wanted and wanted not in fields:
            options.append((Text(f"{wanted} (not requested)"), wanted))
        select = self.query_one("#order_by", Select)
        select.set_options(options)
        select.value = wanted or NO_ORDER

    def _edit_of(self, control: Widget) -> dict[str, object]:
        """The one draft field a control edits, read from it: the draft is the source of
        truth and the controls show it (their sentinel choices end here)."""
        name = control.id or ""
        if isinstance(control, OrderedPicker):
            return {name: tuple(control.selected)}
        if name in TIME_CONTROLS:
            return {"time": self.query_one(TimeRangeField).collect()}
        if isinstance(control, Select):
            value = control.value
            if name == "direction":
                return {"order_direction": str(value)}
            return {name: None if value in (NO_GRANULARITY, NO_ORDER, Select.BLANK) else str(value)}
        if isinstance(control, Input) and name in ("limit", "group_limit"):
            return {name: _int_or_none(control.value)}
        return {}

    def _changed(self, control: Widget | None = None) -> None:
        """``control`` was edited (None: the draft itself changed): update the one field it
        edits, then re-check and tell the screen."""
        if self._loading:
            return
        previous = self.draft
        if control is not None:
            self.draft = self.draft.with_changes(**self._edit_of(control))
        structure = (self.draft.metrics, self.draft.dimensions, self.draft.granularity)
        if structure != (previous.metrics, previous.dimensions, previous.granularity):
            self._order_stale = True  # refreshed when the order field is next focused
        self.query_one(TimeRangeField).show_parts()
        self.problems = validate(self.draft, self.meta)
        self.show_problems(self.problems)
        self.post_message(self.Changed(self.draft, self.problems))

    def show_problems(self, problems: list[Problem]) -> None:
        """Write each problem under its field."""
        by_field: dict[Field, list[str]] = {f: [] for f in Field}
        for problem in problems:
            by_field[field_of(problem.field) or Field.METRICS].append(problem.message)
        for field, messages in by_field.items():
            text = "\n".join(messages)
            if self._shown_errors.get(field) != text:  # an update re-lays out the screen
                self._shown_errors[field] = text
                self.query_one(f"#err-{field}", Static).update(Text(text))
            self.query_one(f"#err-{field}", Static).set_class(bool(messages), "shown")

    def blame(self, field: Field, message: str) -> None:
        """The server rejected the query and its message points at ``field``: say it there
        (until the next edit)."""
        self.show_problems([*self.problems, Problem(field, message)])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Order-by choices follow the metrics and dimensions; rebuilding them on every toggle
        would re-lay out the screen, so it happens when the field is about to be used."""
        if self._order_stale and event.widget.id == "order_by":
            self._order_stale = False
            self._loading = True
            self._refresh_order_options(self.draft.order_by)
            self._loading = False

    def focus_field(self, field: str) -> None:
        target = {"time_range": "#time", "order_by": "#order_by"}.get(
            field.split("[", 1)[0], f"#{field.split('[', 1)[0]}"
        )
        widget = self.query(target).first()
        widget.focus()
        self.scroll_to_widget(widget)

    def on_ordered_picker_changed(self, event: OrderedPicker.Changed) -> None:
        event.stop()
        self._changed(event.picker)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._changed(event.select)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in (*INPUT_IDS, "limit", "group_limit"):
            event.stop()
            self._changed(event.input)

    def edit_filter_done(self, index: int | None, result: FilterDraft | None) -> None:
        """The filter editor (pushed by the screen for a ``FilterList.EditRequested``, which
        the builder lets bubble up) answered: ``result`` replaces filter ``index`` or, for
        None, is added; a cancelled edit changes nothing."""
        if result is None:
            return
        filters = list(self.draft.filters)
        if index is None:
            filters.append(result)
        else:
            filters[index] = result
        self.set_filters(tuple(filters))

    def on_filter_list_removed(self, event: FilterList.Removed) -> None:
        event.stop()
        filters = list(self.draft.filters)
        del filters[event.index]
        self.set_filters(tuple(filters))

    def set_filters(self, filters: tuple[FilterDraft, ...]) -> None:
        self.draft = self.draft.with_changes(filters=filters)
        self.query_one("#filters", FilterList).show_filters(filters)
        self._changed()
