"""One-paragraph, human summaries of a saved query, for previews and lists."""

from __future__ import annotations

from ortui.query.draft import QueryDraft


def describe_draft(draft: QueryDraft) -> str:
    parts = [", ".join(draft.metrics)]
    if draft.dimensions:
        parts.append("by " + ", ".join(draft.dimensions))
    if draft.granularity:
        parts.append(f"per {draft.granularity}")
    parts.append(draft.time.label)
    for item in draft.filters:
        parts.append(f"where {item.field} {item.operator} {', '.join(item.values)}")
    if draft.order_by:
        parts.append(f"order by {draft.order_by} {draft.order_direction}")
    if draft.limit:
        parts.append(f"limit {draft.limit:,}")
    if draft.group_limit:
        parts.append(f"group limit {draft.group_limit:,}")
    return " · ".join(parts)
