"""The one vocabulary for the parts of a query: builder fields, problems, server blame.

A ``Field`` is a ``str`` (``Field.LIMIT == "limit"``), so it names the builder's controls
(``#limit``, ``#err-limit``), a ``Problem``'s field and a preset's keys alike.
"""

from __future__ import annotations

from enum import StrEnum


class Field(StrEnum):
    """A part of the query the builder edits, in builder order."""

    METRICS = "metrics"
    DIMENSIONS = "dimensions"
    FILTERS = "filters"
    GRANULARITY = "granularity"
    TIME_RANGE = "time_range"
    ORDER_BY = "order_by"
    LIMIT = "limit"
    GROUP_LIMIT = "group_limit"


#: Words in a server's 400 message and the field they point at, most specific first.
_SERVER_WORDS: tuple[tuple[str, Field], ...] = (
    ("dimensions", Field.DIMENSIONS),
    ("filters", Field.FILTERS),
    ("operator", Field.FILTERS),
    ("include_unset", Field.FILTERS),
    ("unset bucket", Field.FILTERS),
    ("time_range", Field.TIME_RANGE),
    ("granularity", Field.GRANULARITY),
    ("order_by", Field.ORDER_BY),
    ("group_limit", Field.GROUP_LIMIT),
    ("limit", Field.LIMIT),
    ("metric", Field.METRICS),
    ("dimension", Field.DIMENSIONS),
)


def field_of(where: str) -> Field | None:
    """The field of a problem location such as ``"filters[2]"`` (None if it names none)."""
    try:
        return Field(where.split("[", 1)[0])
    except ValueError:
        return None


def blamed_field(message: str) -> Field | None:
    """The field a server 400 message points at, when recognisable."""
    lowered = message.lower()
    return next((field for needle, field in _SERVER_WORDS if needle in lowered), None)
