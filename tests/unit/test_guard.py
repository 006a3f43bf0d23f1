"""The guard's notice: one line, terminal-safe, never the key."""

from __future__ import annotations

from ortui.screens.guard import failure_text
from tests.conftest import CANARY_KEY


def test_the_notice_names_what_failed_without_the_key_or_control_sequences() -> None:
    exc = ValueError(f"bad \x1b[2J label\nfor {CANARY_KEY}")
    text = failure_text("show the result", exc)
    assert text.startswith("Could not show the result (ValueError: bad ")
    assert CANARY_KEY not in text and "sk-or-…" in text
    assert "\x1b" not in text and "\n" not in text


def test_an_exception_without_text_is_named_alone() -> None:
    assert failure_text("open the query", KeyError()) == "Could not open the query (KeyError)."
