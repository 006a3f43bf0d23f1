"""Ranked bars give labels up to ~40% of the chart, cut in the middle when they must be cut,
and two different labels never read the same; the bars stay proportional (read back from the
chart's plain text)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ortui.charts.labels import cut_middle, fit_labels
from ortui.results.series import ChartData
from ortui.results.table import Column
from ortui.widgets.chart_pane import render_chart
from tests.chart_text import ranked_bars, value_of

SPEND = Column("total_usage", "Spend", "metric", [], "currency")
FAST = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
WORD = st.text("abcxyz0123456789-/._", min_size=0, max_size=30)


def _shown_labels(
    labels: list[str], width: int, height: int, values: list[float] | None = None
) -> tuple[list[str], str]:
    """The labels as the chart shows them; each bar checked proportional on the way."""
    values = values or [float(len(labels) - i) for i in range(len(labels))]
    bars = list(zip(labels, values, strict=True))
    text = render_chart(ChartData("bar", SPEND, bars=bars), width, height, colour=False)
    shown, start, axis = ranked_bars(text)
    ticks = [(column, value_of(label)) for column, label in axis.ticks]
    assert ticks[0] == (start, 0.0), text
    top_column, top_value = ticks[-1]
    for bar, value in zip(shown, values, strict=False):
        expected = value / top_value * (top_column - start)
        assert abs(bar.eighths / 8 - expected) <= 1, (bar, value, text)
    return [bar.label for bar in shown], text


def test_long_model_names_keep_both_ends_at_a_usual_width() -> None:
    labels = [
        "anthropic/claude-3.7-sonnet:thinking",
        "anthropic/claude-3.7-sonnet:beta",
        "meta-llama/llama-3.3-70b-instruct",
    ]
    shown, text = _shown_labels(labels, 100, 12)
    assert shown[2] == "meta-llama/llama-3.3-70b-instruct", text  # 33 of 100 cells: uncut
    shown, text = _shown_labels(labels, 76, 12)  # 30 cells: cut in the middle, still distinct
    assert shown[0] != shown[1] and all(len(s) <= 30 for s in shown), text
    assert shown[0].endswith("thinking") and shown[1].endswith("beta"), text
    assert all(s.startswith(label[:14]) for s, label in zip(shown, labels, strict=True)), text


def test_a_cut_keeps_the_start_and_the_end() -> None:
    assert cut_middle("anthropic/claude-opus-4", 12) == "anthro…pus-4"
    assert cut_middle("short", 12) == "short"
    assert cut_middle("abcdef", 4, head=0) == "…def"


def test_labels_that_differ_only_in_the_middle_are_told_apart() -> None:
    labels = [f"workspace-prod/{name}/api-key-main" for name in ("alpha", "bravo", "charlie")]
    fitted = fit_labels(labels, 16)
    assert len(set(fitted)) == 3 and all(len(f) <= 16 for f in fitted)


@FAST
@given(
    st.lists(
        st.tuples(WORD, WORD, WORD).map(lambda t: "".join(t)).filter(bool),
        min_size=1,
        max_size=10,
        unique=True,
    ),
    st.sampled_from(["", "anthropic/claude-", "org/workspace/"]),
    st.sampled_from(["", ":thinking", "-instruct-2025-06"]),
    st.integers(40, 200),
    st.lists(st.floats(0.01, 1e7), min_size=10, max_size=10),
)
def test_rendered_labels_are_distinct_and_bars_proportional(
    middles: list[str], prefix: str, suffix: str, width: int, values: list[float]
) -> None:
    labels = [prefix + middle + suffix for middle in middles]
    ranked = sorted(values, reverse=True)[: len(labels)]
    shown, text = _shown_labels(labels, width, len(labels) + 4, ranked)
    assert len(shown) == len(labels), text
    assert len(set(shown)) == len(shown), text
    assert max(len(s) for s in shown) <= max(8, int(width * 0.4)), text
    for label, seen in zip(labels, shown, strict=True):
        assert seen == label or "…" in seen or " #" in seen, text
