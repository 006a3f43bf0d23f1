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
    """Shows a ``TimeSpec`` and reads one back; an absolute range is never offered empty."""

    def compose(self) -> ComposeResult:
        yield Select(
            [(label, name) for name, label in RELATIVE_LABELS.items()]
            + [("Last N days/weeks…", LAST_N), ("Absolute dates…", ABSOLUTE)],
            value="last_7d",
            allow_blank=False,
            id="time",
        )
        with Horizontal(id="last-n", classes="hidden"):
            yield Label("Last", classes="time-label")
            yield QuietInput(value="14", placeholder="N", type="integer", id="last_count")
            yield Select(
                [(UNITS[u], u) for u in BUILDER_UNITS], value="d", allow_blank=False, id="last_unit"
            )
        with Horizontal(id="absolute", classes="hidden"):
            yield Label("from", classes="time-label")
            yield QuietInput(placeholder="YYYY-MM-DD HH:MM", id="start")
        with Horizontal(id="absolute-end", classes="hidden"):
            yield Label("before", classes="time-label")
            yield QuietInput(placeholder="YYYY-MM-DD HH:MM", id="end")
        yield Static(
            "The end is exclusive: the range stops just before it.",
            classes="hint hidden",
            id="absolute-hint",
        )

    def show(self, spec: TimeSpec) -> None:
        """Put ``spec`` in the controls (defaults, presets, history)."""
        time = self.query_one("#time", Select)
        if isinstance(spec, AbsoluteRange):
            time.value = ABSOLUTE
            self.query_one("#start", Input).value = spec.start
            self.query_one("#end", Input).value = spec.end
        elif spec.name in RELATIVE_LABELS:
            time.value = spec.name
        else:
            count, unit = split_last_n(spec.name) or (7, "d")
            time.value = LAST_N
            self.query_one("#last_count", Input).value = str(count)
            units = self.query_one("#last_unit", Select)
            if unit not in BUILDER_UNITS:  # "last_5h" from a preset: offered as it is
                units.set_options([(UNITS[u], u) for u in (*BUILDER_UNITS, unit)])
            units.value = unit
        self.show_parts()

    def collect(self) -> TimeSpec:
        """The range the controls say; a bad "last N" count is left to validation to explain."""
        kind = self.query_one("#time", Select).value
        if kind == ABSOLUTE:
            return AbsoluteRange(
                self.query_one("#start", Input).value, self.query_one("#end", Input).value
            )
        if kind == LAST_N:
            count = _count(self.query_one("#last_count", Input).value)
            unit = str(self.query_one("#last_unit", Select).value)
            try:
                return last_n(count, unit)
            except TimeRangeError:
                return RelativeRange(f"last_{max(count, 0)}{unit}")
        return RelativeRange(str(kind))

    def show_parts(self) -> None:
        """Only the rows the chosen kind of range needs."""
        kind = self.query_one("#time", Select).value
        for part in ("#absolute", "#absolute-end", "#absolute-hint"):
            self.query_one(part).set_class(kind != ABSOLUTE, "hidden")
        self.query_one("#last-n").set_class(kind != LAST_N, "hidden")

    def on_select_changed(self, event: Select.Changed) -> None:
        """Switching to absolute dates fills empty fields with the last 7 whole days, so the
        builder never shows an error before anything was typed. (The event goes on to the
        builder, which reads the filled fields.)"""
        if event.select.id != "time" or event.value != ABSOLUTE:
            return
        start, end = self.query_one("#start", Input), self.query_one("#end", Input)
        if not start.value.strip() and not end.value.strip():
            whole = last_whole_days(7)
            start.value, end.value = whole.start, whole.end
