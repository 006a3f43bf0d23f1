"""The builder's time range: quick choices, "last N days/weeks/months" and absolute dates."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from ortui.query.time_range import (
    BUILDER_UNITS,
    RELATIVE_LABELS,
    UNITS,
    AbsoluteRange,
    RelativeRange,
    TimeRangeError,
    TimeSpec,
    last_n,
    last_whole_days,
    split_last_n,
)
from ortui.widgets.quiet_input import QuietInput

ABSOLUTE = "__absolute__"
LAST_N = "__last_n__"
#: The input ids whose edits change the range (the builder re-validates on them).
INPUT_IDS = ("start", "end", "last_count")


def _count(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return 0


class TimeRangeField(Vertical):
    """Shows a ``TimeSpec`` and reads one back; an absolute range is never offered empty.
    The "last N" row and the absolute dates are mounted when first chosen: the default range
    needs neither, and their ~15 widgets (a Select among them) were ~15 ms of every start."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last_n_row: tuple[Input, Select[str]] | None = None
        self._absolute_rows: tuple[Input, Input] | None = None

    def compose(self) -> ComposeResult:
        yield Select(
            [(label, name) for name, label in RELATIVE_LABELS.items()]
            + [("Last N days/weeks…", LAST_N), ("Absolute dates…", ABSOLUTE)],
            value="last_7d",
            allow_blank=False,
            id="time",
        )

    def _last_n(self, count: int = 14, unit: str = "d") -> tuple[Input, Select[str]]:
        """The "last N" count and unit, mounted (right under the choice) on first use."""
        if self._last_n_row is None:
            offered = BUILDER_UNITS if unit in BUILDER_UNITS else (*BUILDER_UNITS, unit)
            counter = QuietInput(value=str(count), placeholder="N", type="integer", id="last_count")
            units = Select(
                [(UNITS[u], u) for u in offered], value=unit, allow_blank=False, id="last_unit"
            )
            row = Horizontal(Label("Last", classes="time-label"), counter, units, id="last-n")
            self.mount(row, after=self.query_one("#time"))
            self._last_n_row = counter, units
        return self._last_n_row

    def _absolute(self, start: str | None = None, end: str | None = None) -> tuple[Input, Input]:
        """The absolute dates, mounted on first use; unless given, they start as the last 7
        whole days, so the builder never shows an error before anything was typed."""
        if self._absolute_rows is None:
            if start is None or end is None:
                whole = last_whole_days(7)
                start, end = whole.start, whole.end
            starts = QuietInput(value=start, placeholder="YYYY-MM-DD HH:MM", id="start")
            ends = QuietInput(value=end, placeholder="YYYY-MM-DD HH:MM", id="end")
            self.mount_all(
                [
                    Horizontal(Label("from", classes="time-label"), starts, id="absolute"),
                    Horizontal(Label("before", classes="time-label"), ends, id="absolute-end"),
                    Static(
                        "The end is exclusive: the range stops just before it.",
                        classes="hint",
                        id="absolute-hint",
                    ),
                ]
            )
            self._absolute_rows = starts, ends
        return self._absolute_rows

    def show(self, spec: TimeSpec) -> None:
        """Put ``spec`` in the controls (defaults, presets, history)."""
        time = self.query_one("#time", Select)
        if isinstance(spec, AbsoluteRange):
            if self._absolute_rows is None:  # new rows start with these values
                self._absolute(spec.start, spec.end)
            else:
                start, end = self._absolute_rows
                start.value, end.value = spec.start, spec.end
            time.value = ABSOLUTE
        elif spec.name in RELATIVE_LABELS:
            time.value = spec.name
        else:
            count, unit = split_last_n(spec.name) or (7, "d")
            if self._last_n_row is None:  # a new row starts with these (its Select can take
                self._last_n(count, unit)  # no new options before it is composed)
            else:
                counter, units = self._last_n_row
                counter.value = str(count)
                if unit not in BUILDER_UNITS:  # "last_5h" from a preset: offered as it is
                    units.set_options([(UNITS[u], u) for u in (*BUILDER_UNITS, unit)])
                units.value = unit
            time.value = LAST_N
        self.show_parts()

    def collect(self) -> TimeSpec:
        """The range the controls say; a bad "last N" count is left to validation to explain."""
        kind = self.query_one("#time", Select).value
        if kind == ABSOLUTE:
            start, end = self._absolute()
            return AbsoluteRange(start.value, end.value)
        if kind == LAST_N:
            counter, units = self._last_n()
            count = _count(counter.value)
            unit = str(units.value)
            try:
                return last_n(count, unit)
            except TimeRangeError:
                return RelativeRange(f"last_{max(count, 0)}{unit}")
        return RelativeRange(str(kind))

    def show_parts(self) -> None:
        """Only the rows the chosen kind of range needs (mounted when first needed)."""
        kind = self.query_one("#time", Select).value
        if kind == ABSOLUTE:
            self._absolute()
        elif kind == LAST_N:
            self._last_n()
        for part in ("#absolute", "#absolute-end", "#absolute-hint"):
            for widget in self.query(part):
                widget.set_class(kind != ABSOLUTE, "hidden")
        for widget in self.query("#last-n"):
            widget.set_class(kind != LAST_N, "hidden")

    def on_select_changed(self, event: Select.Changed) -> None:
        """Switching to absolute dates fills empty fields with the last 7 whole days, so the
        builder never shows an error before anything was typed. (The event goes on to the
        builder, which reads the filled fields.)"""
        if event.select.id != "time" or event.value != ABSOLUTE:
            return
        start, end = self._absolute()
        if not start.value.strip() and not end.value.strip():
            whole = last_whole_days(7)
            start.value, end.value = whole.start, whole.end
