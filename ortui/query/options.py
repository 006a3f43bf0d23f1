"""Query options as typed on a command line (``--filter 'model in a,b'``) applied to a draft."""

from __future__ import annotations

from dataclasses import dataclass

from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.time_range import AbsoluteRange, parse_shorthand


class OptionError(ValueError):
    """A malformed option, with a message fit for stderr."""


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


#: ``=`` is accepted for ``eq`` (``api_key_id = prod-backend``); other symbols get a
#: "did you mean" from the validation.
SYMBOLS = {"=": "eq"}


def parse_filter(text: str) -> FilterDraft:
    """``FIELD OP VALUE[,VALUE...]`` (OP a name, or ``=`` for eq); append ``+unset`` to
    include unset rows."""
    parts = text.strip().split(None, 2)
    if len(parts) != 3:
        raise OptionError(
            f"--filter {text!r}: use 'FIELD OP VALUE[,VALUE...]', "
            "e.g. 'model in openai/gpt-4o,anthropic/claude-sonnet-4'"
        )
    field, operator, values = parts
    operator = SYMBOLS.get(operator, operator)
    unset = values.endswith("+unset")
    values = values.removesuffix("+unset")
    return FilterDraft(field, operator, split_list(values), unset)


def parse_order_by(text: str) -> tuple[str, str]:
    field, _, direction = text.partition(":")
    direction = direction or "desc"
    if direction not in ("asc", "desc") or not field:
        raise OptionError(f"--order-by {text!r}: use FIELD[:asc|desc]")
    return field, direction


@dataclass(frozen=True)
class QueryOptions:
    """What the user gave; None means "keep the base draft's value"."""

    metrics: str | None = None
    dimensions: str | None = None
    filters: tuple[str, ...] = ()
    granularity: str | None = None
    last: str | None = None
    start: str | None = None
    end: str | None = None
    order_by: str | None = None
    limit: int | None = None
    group_limit: int | None = None
    tz: str | None = None


def apply_options(base: QueryDraft, options: QueryOptions) -> QueryDraft:
    """``base`` (defaults or a preset) with every given option overriding its field."""
    draft = base
    if options.metrics is not None:
        draft = draft.with_changes(metrics=split_list(options.metrics))
    if options.dimensions is not None:
        draft = draft.with_changes(dimensions=split_list(options.dimensions))
    if options.filters:
        draft = draft.with_changes(filters=tuple(parse_filter(f) for f in options.filters))
    if options.granularity is not None:
        grain = options.granularity.strip().lower()
        draft = draft.with_changes(granularity=None if grain in ("", "none") else grain)
    if options.last and (options.start or options.end):
        raise OptionError("use either --last or --start/--end")
    if options.last:
        draft = draft.with_changes(time=parse_shorthand(options.last))
    elif options.start or options.end:
        if not (options.start and options.end):
            raise OptionError("--start and --end go together")
        draft = draft.with_changes(time=AbsoluteRange(options.start, options.end))
    if options.order_by is not None:
        field, direction = parse_order_by(options.order_by)
        draft = draft.with_changes(order_by=field, order_direction=direction)
    if options.limit is not None:
        draft = draft.with_changes(limit=options.limit)
    if options.group_limit is not None:
        draft = draft.with_changes(group_limit=options.group_limit)
    if options.tz is not None:
        draft = draft.with_changes(timezone=options.tz.strip() or None)
    return draft
