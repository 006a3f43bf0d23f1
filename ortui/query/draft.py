"""The query as the user is building it: loose, editable, and convertible to a request."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ortui.api.models import Meta
from ortui.query.time_range import RelativeRange, TimeSpec

PREFERRED_METRICS = ("total_usage", "request_count")
PREFERRED_DIMENSION = "model"
PREFERRED_GRANULARITY = "day"


@dataclass(frozen=True)
class FilterDraft:
    """One filter row; ``values`` holds one entry for scalar operators, several for arrays."""

    field: str
    operator: str
    values: tuple[str, ...] = ()
    include_unset: bool = False


@dataclass(frozen=True)
class QueryDraft:
    """Everything a query can say, before validation; immutable, so edits make new drafts."""

    metrics: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    filters: tuple[FilterDraft, ...] = ()
    granularity: str | None = None
    time: TimeSpec = field(default_factory=lambda: RelativeRange("last_7d"))
    order_by: str | None = None
    order_direction: str = "desc"
    limit: int | None = None
    group_limit: int | None = None
    #: IANA zone the times are shown in and local days are counted in; None: the default
    #: zone (``--tz``, else the settings' ``timezone``, else UTC, the API's own).
    timezone: str | None = None

    def with_changes(self, **changes: object) -> QueryDraft:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_draft(meta: Meta) -> QueryDraft:
    """Spend and requests by model, daily, last 7 days — or whatever meta offers first."""
    names = [m.name for m in meta.metrics]
    metrics = tuple(n for n in PREFERRED_METRICS if n in names) or tuple(names[:1])
    dims = [d.name for d in meta.dimensions]
    dimension = PREFERRED_DIMENSION if PREFERRED_DIMENSION in dims else None
    grains = [g.name for g in meta.granularities]
    granularity = PREFERRED_GRANULARITY if PREFERRED_GRANULARITY in grains else None
    return QueryDraft(
        metrics=metrics,
        dimensions=(dimension,) if dimension else (),
        granularity=granularity,
        time=RelativeRange("last_7d"),
    )
