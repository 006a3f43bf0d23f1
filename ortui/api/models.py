"""msgspec Structs for the Analytics API wire format.

Enums are open: formats, operators, value types and granularities are plain strings so a
server that grows new ones never breaks decoding. Unknown keys are ignored everywhere.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ortui.safe_text import safe_text

FilterValue = str | int | float | list[str | int | float]


class Metric(msgspec.Struct, frozen=True):
    """A metric the server can compute; ``is_rate`` metrics must never be summed."""

    name: str
    display_label: str = ""
    is_rate: bool = False
    display_format: str = "number"

    @property
    def label(self) -> str:
        return self.display_label or self.name


class Dimension(msgspec.Struct, frozen=True):
    """A field rows can be grouped and filtered by."""

    name: str
    display_label: str = ""

    @property
    def label(self) -> str:
        return self.display_label or self.name


class Operator(msgspec.Struct, frozen=True):
    """A filter operator; ``value_type`` is ``scalar`` or ``array`` (or something newer)."""

    name: str
    value_type: str = "scalar"

    @property
    def takes_array(self) -> bool:
        return self.value_type == "array"


class Granularity(msgspec.Struct, frozen=True):
    """A time bucket size."""

    name: str
    display_label: str = ""

    @property
    def label(self) -> str:
        return self.display_label or self.name


class Meta(msgspec.Struct, frozen=True):
    """What the server offers: the source of every choice in the builder."""

    metrics: list[Metric] = []
    dimensions: list[Dimension] = []
    operators: list[Operator] = []
    granularities: list[Granularity] = []

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)

    def dimension(self, name: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.name == name), None)

    def operator(self, name: str) -> Operator | None:
        return next((o for o in self.operators if o.name == name), None)

    def granularity(self, name: str) -> Granularity | None:
        return next((g for g in self.granularities if g.name == name), None)


class MetaResponse(msgspec.Struct, frozen=True):
    data: Meta


class Filter(msgspec.Struct, frozen=True, omit_defaults=True):
    """One ANDed filter; ``value`` is a list for array operators."""

    field: str
    operator: str
    value: FilterValue
    include_unset: bool | None = None


class TimeRange(msgspec.Struct, frozen=True):
    """UTC bounds already formatted as ``YYYY-MM-DDTHH:MM:SSZ``."""

    start: str
    end: str


class OrderBy(msgspec.Struct, frozen=True):
    field: str
    direction: str = "desc"


class ClassifierDimensions(msgspec.Struct, frozen=True, omit_defaults=True):
    classifier_id: str
    dimension_names: list[str] | None = None
    include_nulls: bool | None = None


class ClassifierFilter(msgspec.Struct, frozen=True):
    field: str
    operator: str
    value: FilterValue


class ClassifierFilters(msgspec.Struct, frozen=True):
    classifier_id: str
    filters: list[ClassifierFilter]


class QueryRequest(msgspec.Struct, frozen=True, omit_defaults=True):
    """The body of ``POST /analytics/query``; unset optional fields are omitted on the wire."""

    metrics: list[str]
    dimensions: list[str] | None = None
    filters: list[Filter] | None = None
    granularity: str | None = None
    time_range: TimeRange | None = None
    order_by: OrderBy | None = None
    limit: int | None = None
    group_limit: int | None = None
    classifier_dimensions: ClassifierDimensions | None = None
    classifier_filters: ClassifierFilters | None = None


class QueryMetadata(msgspec.Struct, frozen=True):
    query_time_ms: float = 0.0
    row_count: int = 0
    truncated: bool = False


class QueryPayload(msgspec.Struct, frozen=True):
    data: list[dict[str, Any]]
    metadata: QueryMetadata = QueryMetadata()
    cachedAt: float | None = None
    warnings: list[str] = []


class QueryResponse(msgspec.Struct, frozen=True):
    data: QueryPayload


class ErrorDetail(msgspec.Struct, frozen=True):
    code: int = 0
    message: str = ""
    metadata: dict[str, Any] | None = None


class ErrorBody(msgspec.Struct, frozen=True):
    error: ErrorDetail


def safe_meta(meta: Meta) -> Meta:
    """``meta`` with every name and label terminal-safe (see ``ortui.safe_text``)."""
    return Meta(
        metrics=[
            Metric(
                safe_text(m.name),
                safe_text(m.display_label),
                m.is_rate,
                safe_text(m.display_format),
            )
            for m in meta.metrics
        ],
        dimensions=[
            Dimension(safe_text(d.name), safe_text(d.display_label)) for d in meta.dimensions
        ],
        operators=[Operator(safe_text(o.name), safe_text(o.value_type)) for o in meta.operators],
        granularities=[
            Granularity(safe_text(g.name), safe_text(g.display_label)) for g in meta.granularities
        ],
    )


def encode_request(request: QueryRequest) -> bytes:
    """Encode a query request exactly as it goes on the wire."""
    return msgspec.json.encode(request)


META_DECODER = msgspec.json.Decoder(MetaResponse)
QUERY_DECODER = msgspec.json.Decoder(QueryResponse)
ERROR_DECODER = msgspec.json.Decoder(ErrorBody)
