"""Cutting a column's values to its width keeps them apart and keeps each one's start and end."""

from __future__ import annotations

from ortui.results.shorten import cut, shortened

MODELS = [
    "anthropic/claude-opus-4",
    "anthropic/claude-sonnet-4",
    "anthropic/claude-3.7-sonnet",
    "anthropic/claude-3.5-haiku",
    "openai/gpt-4o",
    "openai/gpt-4o-mini",
    "meta-llama/llama-3.3-70b-instruct",
    "meta-llama/llama-3.1-8b-instruct",
    "x-ai/grok-3",
]


def test_cut_keeps_start_and_end() -> None:
    assert cut("anthropic/claude-sonnet-4", 12, 3) == "ant…sonnet-4"
    assert cut("short", 12, 3) == "short"
    assert cut("abcdef", 3, 0) == "…ef" and cut("abcdef", 1, 0) == "…"


def test_values_stay_distinct_and_readable() -> None:
    shown = shortened(MODELS, 12)
    assert len(set(shown.values())) == len(MODELS)
    assert all(len(text) <= 12 for text in shown.values())
    assert shown["x-ai/grok-3"] == "x-ai/grok-3"
    assert shown["anthropic/claude-sonnet-4"] == "ant…sonnet-4"  # a provider's start kept
    for value, text in shown.items():
        head, _, tail = text.partition("…")
        assert value.startswith(head) and value.endswith(tail)


def test_no_split_tells_them_apart() -> None:
    shown = shortened(["aaaa-x-zzzz", "aaaa-y-zzzz"], 5)
    assert set(shown.values()) == {"a…zzz"}
