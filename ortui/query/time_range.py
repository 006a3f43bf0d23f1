"""Time ranges: relative presets resolved at run time in UTC, or absolute UTC bounds."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WIRE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class RelativeRange:
    """A named window ending now, e.g. ``last_7d``; stays relative when saved."""

    name: str

    @property
    def label(self) -> str:
        return RELATIVE_LABELS.get(self.name) or _n_label(self.name)


@dataclass(frozen=True)
class AbsoluteRange:
    """Start and end as the user typed them (UTC); parsed when validated or run."""

    start: str
    end: str

    @property
    def label(self) -> str:
        return f"{self.start} → {self.end} UTC"


TimeSpec = RelativeRange | AbsoluteRange

#: The named ranges offered as quick choices (builder list, ``--last`` help), in order.
RELATIVE_LABELS = {
    "last_1h": "Last 1 hour",
    "last_24h": "Last 24 hours",
    "last_7d": "Last 7 days",
    "last_30d": "Last 30 days",
    "last_90d": "Last 90 days",
    "last_365d": "Last 365 days",
    "month_to_date": "Month to date",
    "previous_month": "Previous month",
}

#: "Last N <unit>" ranges: ``last_<N><unit>``, e.g. ``last_14d``, ``last_2w``, ``last_3m``.
UNITS = {"h": "hours", "d": "days", "w": "weeks", "m": "months"}
#: The units offered for "Last N …" in the builder (hours only through the quick choices).
BUILDER_UNITS = ("d", "w", "m")
MAX_COUNT = 9999
_LAST_N = re.compile(r"last_([1-9][0-9]{0,3})([hdwm])")
_LOOSE_LAST_N = re.compile(r"last_-?[0-9]*[hdwm]")
_SHORTHAND = re.compile(r"([1-9][0-9]*)\s*(h|d|w|m|mo|months?|weeks?|days?|hours?)")

#: Common ``--last`` spellings (shell completion offers these); any ``<N>h|d|w|m`` works too.
SHORTHANDS = {
    "1h": "last_1h",
    "24h": "last_24h",
    "1d": "last_24h",
    "7d": "last_7d",
    "14d": "last_14d",
    "30d": "last_30d",
    "90d": "last_90d",
    "365d": "last_365d",
    "1y": "last_365d",
    "2w": "last_2w",
    "3m": "last_3m",
    "6m": "last_6m",
    "mtd": "month_to_date",
    "prev-month": "previous_month",
}


def last_n(count: int, unit: str) -> RelativeRange:
    """The range "last ``count`` ``unit``" (unit one of ``UNITS``), e.g. ``last_n(2, "w")``."""
    if unit not in UNITS:
        raise TimeRangeError(f"unknown unit '{unit}': use one of {', '.join(UNITS)}")
    if not 1 <= count <= MAX_COUNT:
        raise TimeRangeError(f"the count must be between 1 and {MAX_COUNT:,}")
    return RelativeRange(f"last_{count}{unit}")


def split_last_n(name: str) -> tuple[int, str] | None:
    """``last_14d`` → ``(14, "d")``; None for names that are not "last N <unit>"."""
    match = _LAST_N.fullmatch(name)
    return (int(match.group(1)), match.group(2)) if match else None


def is_relative_name(name: str) -> bool:
    """Whether ``name`` is a relative range ortui can resolve (presets, history)."""
    return name in RELATIVE_LABELS or split_last_n(name) is not None


def _n_label(name: str) -> str:
    parts = split_last_n(name)
    if parts is None:
        return name
    count, unit = parts
    word = UNITS[unit]
    return f"Last {count} {word[:-1] if count == 1 else word}"


class TimeRangeError(ValueError):
    """A range that cannot be resolved, with a message fit to show."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def parse_utc(text: str) -> datetime:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM[:SS]`` or ISO with ``Z``, as UTC."""
    raw = text.strip().replace("T", " ").removesuffix("Z").removesuffix("z")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise TimeRangeError(f"'{text}' is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC)")


def format_wire(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC, whatever the local time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(WIRE_FORMAT)


def _month_start(moment: datetime) -> datetime:
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months, the day clamped (31 March - 1 → 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _span_start(name: str, now: datetime) -> datetime | None:
    parts = split_last_n(name)
    if parts is None:
        return None
    count, unit = parts
    if unit == "m":
        return months_before(now, count)
    hours = {"h": 1, "d": 24, "w": 24 * 7}[unit] * count
    return now - timedelta(hours=hours)


def resolve(spec: TimeSpec, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The concrete UTC bounds of ``spec`` at ``now``; the end is exclusive."""
    now = (now or utc_now()).astimezone(UTC).replace(microsecond=0)
    if isinstance(spec, AbsoluteRange):
        start, end = parse_utc(spec.start), parse_utc(spec.end)
        if start >= end:
            raise TimeRangeError("the start must be before the end")
        return start, end
    if spec.name == "month_to_date":
        return _month_start(now), now
    if spec.name == "previous_month":
        this_month = _month_start(now)
        return _month_start(this_month - timedelta(days=1)), this_month
    begin = _span_start(spec.name, now)
    if begin is None and _LOOSE_LAST_N.fullmatch(spec.name):
        raise TimeRangeError(f"'Last N' takes a whole number from 1 to {MAX_COUNT:,}")
    if begin is None:
        raise TimeRangeError(f"unknown relative range '{spec.name}'")
    return begin, now


def last_whole_days(days: int = 7, now: datetime | None = None) -> AbsoluteRange:
    """The ``days`` whole UTC days before today: start at midnight, end (exclusive) today."""
    today = (now or utc_now()).astimezone(UTC).date()
    return AbsoluteRange((today - timedelta(days=days)).isoformat(), today.isoformat())


def parse_shorthand(text: str) -> RelativeRange:
    """``14d``, ``2w``, ``3m`` (months), ``24h``, ``mtd``, ``prev-month`` or a full name."""
    raw = text.strip().lower()
    name = SHORTHANDS.get(raw, raw)
    if is_relative_name(name):
        return RelativeRange(name)
    match = _SHORTHAND.fullmatch(raw)
    if match and int(match.group(1)) <= MAX_COUNT:
        return last_n(int(match.group(1)), match.group(2)[0])
    raise TimeRangeError(
        f"unknown range '{text}': use N followed by h, d, w or m "
        "(hours, days, weeks, months: 24h, 14d, 2w, 3m), 1y, mtd or prev-month"
    )
