"""Time ranges: relative presets resolved at run time in UTC, or absolute UTC bounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WIRE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class RelativeRange:
    """A named window ending now, e.g. ``last_7d``; stays relative when saved."""

    name: str

    @property
    def label(self) -> str:
        return RELATIVE_LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class AbsoluteRange:
    """Start and end as the user typed them (UTC); parsed when validated or run."""

    start: str
    end: str

    @property
    def label(self) -> str:
        return f"{self.start} → {self.end} UTC"


TimeSpec = RelativeRange | AbsoluteRange

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

_RELATIVE_SPANS = {
    "last_1h": timedelta(hours=1),
    "last_24h": timedelta(hours=24),
    "last_7d": timedelta(days=7),
    "last_30d": timedelta(days=30),
    "last_90d": timedelta(days=90),
    "last_365d": timedelta(days=365),
}

#: Accepted spellings for ``--last`` style shorthands ("7d", "24h", "30d" …).
SHORTHANDS = {"1h": "last_1h", "24h": "last_24h", "1d": "last_24h", "7d": "last_7d",
              "30d": "last_30d", "90d": "last_90d", "365d": "last_365d", "1y": "last_365d",
              "mtd": "month_to_date", "prev-month": "previous_month"}


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


def resolve(spec: TimeSpec, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The concrete UTC bounds of ``spec`` at ``now``."""
    now = (now or utc_now()).astimezone(UTC).replace(microsecond=0)
    if isinstance(spec, AbsoluteRange):
        start, end = parse_utc(spec.start), parse_utc(spec.end)
        if start >= end:
            raise TimeRangeError("the start must be before the end")
        return start, end
    if spec.name in _RELATIVE_SPANS:
        return now - _RELATIVE_SPANS[spec.name], now
    if spec.name == "month_to_date":
        return _month_start(now), now
    if spec.name == "previous_month":
        this_month = _month_start(now)
        return _month_start(this_month - timedelta(days=1)), this_month
    raise TimeRangeError(f"unknown relative range '{spec.name}'")


def parse_shorthand(text: str) -> RelativeRange:
    """``7d`` → last 7 days; also accepts the full names (``last_7d``)."""
    name = SHORTHANDS.get(text.strip().lower(), text.strip().lower())
    if name not in RELATIVE_LABELS:
        choices = ", ".join(sorted(SHORTHANDS))
        raise TimeRangeError(f"unknown range '{text}': use one of {choices}")
    return RelativeRange(name)
