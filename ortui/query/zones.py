"""Time zones from user input (``--tz``, settings, presets) and ranges resolved in them.

Zone names are hostile input: only IANA-looking names are passed to ``zoneinfo``.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, datetime, timedelta, tzinfo

from ortui.query.time_range import (
    AbsoluteRange,
    TimeRangeError,
    TimeSpec,
    parse_utc,
    resolve,
    utc_now,
)

DEFAULT_ZONE = "UTC"
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}")


def is_utc(name: str | None) -> bool:
    return not name or name.upper() in ("UTC", "Z", "ETC/UTC")


def zone_named(name: str | None) -> tzinfo:
    """The zone called ``name`` (``UTC`` when empty); TimeRangeError for unknown names."""
    if is_utc(name):
        return UTC
    assert name is not None
    text = name.strip()
    if len(text) > 64 or not _NAME.fullmatch(text) or ".." in text:
        raise TimeRangeError(
            f"unknown time zone {text[:64]!r}: use an IANA name such as "
            "Europe/Paris, America/Los_Angeles or UTC"
        )
    try:
        return zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeRangeError(
            f"unknown time zone {text!r}: use an IANA name such as "
            "Europe/Paris, America/Los_Angeles or UTC"
        ) from None


def local_midnight(day: datetime, zone: tzinfo) -> datetime:
    """The first instant of the local date of ``day`` (a wall time in ``zone``)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def _in_zone(text: str, zone: tzinfo) -> datetime:
    """A typed date/time read as a wall time in ``zone``, as a UTC instant."""
    wall = parse_utc(text).replace(tzinfo=zone)
    return wall.astimezone(UTC)


def resolve_in_zone(
    spec: TimeSpec,
    zone: tzinfo,
    now: datetime | None = None,
) -> tuple[datetime, datetime]:
    """Like ``resolve``, but typed dates are local wall times and months are local months."""
    if zone is UTC:
        return resolve(spec, now)
    now = (now or utc_now()).astimezone(UTC).replace(microsecond=0)
    if isinstance(spec, AbsoluteRange):
        start, end = _in_zone(spec.start, zone), _in_zone(spec.end, zone)
        if start >= end:
            raise TimeRangeError("the start must be before the end")
        return start, end
    local_now = now.astimezone(zone)
    this_month = local_midnight(local_now.replace(day=1), zone)
    if spec.name == "month_to_date":
        return this_month.astimezone(UTC), now
    if spec.name == "previous_month":
        last_month = local_midnight((this_month - timedelta(days=1)).replace(day=1), zone)
        return last_month.astimezone(UTC), this_month.astimezone(UTC)
    return resolve(spec, now)


def whole_hour_offset(zone: tzinfo, at: datetime) -> bool:
    offset = at.astimezone(zone).utcoffset() or timedelta(0)
    return offset % timedelta(hours=1) == timedelta(0)


def offset_label(zone: tzinfo, at: datetime) -> str:
    """``UTC+05:30`` for ``zone`` at ``at``."""
    offset = at.astimezone(zone).utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
