"""Local days, weeks and months, computed exactly from the API's hourly buckets.

The API buckets by UTC. With a time zone other than UTC and a day/week/month granularity,
ortui asks for hourly buckets (windows up to 31 days) and adds them up into local buckets:
exact for whole-hour offsets, DST included. In zones whose offset is not a whole number of
hours (India +05:30, Nepal +05:45, Newfoundland -03:30) an hour cannot be split, so each local
day runs from 23:30 (23:15) the evening before; absolute ranges are widened to whole hours.
Rates, averages and percentiles cannot be added up, and windows over 31 days have no hourly
buckets: those keep UTC buckets and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import msgspec

from ortui.api.granularity import GRAINS
from ortui.api.models import Meta, QueryRequest, TimeRange
from ortui.query.draft import QueryDraft
from ortui.query.encoding import to_request
from ortui.query.local_rows import Regroup, regroup_body
from ortui.query.time_range import format_wire
from ortui.query.zones import offset_label, resolve_in_zone, whole_hour_offset, zone_named

LOCAL_GRAINS = tuple(g.name for g in GRAINS.values() if g.from_hours)
MAX_HOURLY_DAYS = 31
HOURLY_LIMIT = 10_000


@dataclass(frozen=True)
class LocalPlan:
    """What to send for a draft, and how to turn the answer into local buckets."""

    request: QueryRequest
    zone_name: str
    zone: tzinfo
    regroup: Regroup | None = None
    notes: tuple[str, ...] = ()

    @property
    def local_times(self) -> bool:
        """Whether the result's times are shown in the zone (else they stay UTC buckets)."""
        return self.zone is not UTC and (
            self.regroup is not None or self.request.granularity in ("minute", "hour")
        )

    def finish(self, body: bytes) -> bytes:
        """The response body with local buckets (unchanged when nothing is regrouped)."""
        return body if self.regroup is None else regroup_body(body, self.regroup)


def _floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _why_utc(draft: QueryDraft, meta: Meta, days: float) -> str | None:
    if days > MAX_HOURLY_DAYS:
        return (
            f"over {MAX_HOURLY_DAYS} days the API has no hourly buckets, so "
            f"{draft.granularity} buckets stay UTC"
        )
    rates = [m for m in draft.metrics if (meta.metric(m) is not None and meta.metric(m).is_rate)]  # type: ignore[union-attr]
    if rates:
        return (
            f"{', '.join(rates)} cannot be added up from hours, so "
            f"{draft.granularity} buckets stay UTC"
        )
    if meta.granularity("hour") is None:
        return f"the server offers no hourly buckets, so {draft.granularity} buckets stay UTC"
    return None


def plan_query(
    draft: QueryDraft, meta: Meta, now: datetime | None = None, default_zone: str | None = None
) -> LocalPlan:
    """The request for ``draft`` in its time zone (``draft.timezone``, else ``default_zone``,
    else UTC); call after ``validate``."""
    zone_name = (draft.timezone or default_zone or "UTC").strip()
    zone = zone_named(zone_name)
    request = to_request(draft, meta, now)
    if zone is UTC:
        return LocalPlan(request, "UTC", zone)
    start, end = resolve_in_zone(draft.time, zone, now)
    notes: list[str] = []
    grain = draft.granularity
    why = (
        _why_utc(draft, meta, (end - start).total_seconds() / 86400)
        if grain in LOCAL_GRAINS
        else "no"
    )
    if grain in LOCAL_GRAINS and why is not None:
        notes.append(f"Times in {zone_name}, but {why}.")
    if grain in LOCAL_GRAINS and why is None:
        if not (whole_hour_offset(zone, start) and whole_hour_offset(zone, end)):
            start, end = _floor_hour(start), _floor_hour(end)
            notes.append(
                f"{zone_name} is {offset_label(zone, start)}: the API's hours cannot "
                f"be split, so each local day is counted from {_day_start(zone, start)}"
                " the evening before."
            )
        regroup = Regroup(
            zone,
            grain,
            list(request.metrics),
            request.order_by,
            draft.limit,
            draft.group_limit,
            HOURLY_LIMIT,
        )
        request = msgspec.structs.replace(
            request,
            granularity="hour",
            limit=HOURLY_LIMIT,
            group_limit=None,
            order_by=None,
            time_range=TimeRange(format_wire(start), format_wire(end)),
        )
        return LocalPlan(request, zone_name, zone, regroup, tuple(notes))
    request = msgspec.structs.replace(
        request, time_range=TimeRange(format_wire(start), format_wire(end))
    )
    return LocalPlan(request, zone_name, zone, None, tuple(notes))


def _day_start(zone: tzinfo, at: datetime) -> str:
    offset = at.astimezone(zone).utcoffset() or timedelta(0)
    early = offset % timedelta(hours=1)
    return (datetime(2000, 1, 2) - early).strftime("%H:%M")
