"""Grid widths: dimension values give way below 12 characters only when that shows every
metric whole; when nothing would, they stay at 12 and the row scrolls."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest
from ortui.results.column_widths import MIN_TEXT, PADDING, TIGHT_TEXT, fit_widths, natural_widths
from ortui.results.decode import build_table
from ortui.results.table import ResultTable

META = Meta(
    metrics=[
        Metric("cost", "Total Usage", False, "currency"),
        Metric("requests", "Request Count", False, "number"),
        Metric("hits", "Cache Hit Rate", True, "percent"),
    ]
)


def _table(metrics: list[str]) -> ResultTable:
    rows = [
        {"model": "anthropic/claude-sonnet-4", "provider": "Amazon Bedrock", "cost": 12.5}
        | {"requests": 40, "hits": 0.25}
    ]
    return build_table(QueryPayload(rows), QueryRequest(metrics, ["model", "provider"]), META)


def test_three_metrics_and_two_dimensions_in_a_narrow_pane() -> None:
    table = _table(["cost", "requests", "hits"])
    natural = natural_widths(table)
    widths = fit_widths(table, natural, 60)
    assert widths[2:] == natural[2:]  # Total Usage, Request Count, Cache Hit Rate whole
    assert sum(w + PADDING for w in widths) <= 60
    assert TIGHT_TEXT <= widths[0] < MIN_TEXT


def test_text_stays_readable_when_the_metrics_cannot_fit_anyway() -> None:
    table = _table(["cost", "requests", "hits"])
    assert fit_widths(table, natural_widths(table), 40)[:2] == [MIN_TEXT, MIN_TEXT]


@settings(max_examples=60, deadline=None)
@given(st.integers(20, 120))
def test_metrics_are_whole_whenever_tight_text_makes_them_fit(room: int) -> None:
    table = _table(["cost", "requests", "hits"])
    natural = natural_widths(table)
    widths = fit_widths(table, natural, room)
    assert widths[2:] == natural[2:]
    tight = [min(w, TIGHT_TEXT) for w in natural[:2]] + natural[2:]
    if sum(w + PADDING for w in tight) <= room:
        assert sum(w + PADDING for w in widths) <= room
    else:
        assert widths[:2] == [min(w, MIN_TEXT) for w in natural[:2]]
