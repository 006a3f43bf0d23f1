"""Explains a failed request in words, with what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ortui.api import errors

HINTS: dict[type[errors.ApiError], str] = {
    errors.Unauthorized: "Press ctrl+k to enter another key; the failed action is retried.",
    errors.Forbidden: "Press ctrl+k to enter a management key; the failed action is retried.",
    errors.QueryTimeout: "Narrow the time range or drop per-generation metrics, then F5.",
    errors.NetworkError: "Press F5 to retry.",
    errors.ServerError: "Press F5 to retry.",
    errors.UnexpectedResponse: "Press F5 to retry; if it persists, check --base-url.",
    errors.BadRequest: "Fix the highlighted field and press F5.",
}


def hint_for(error: errors.ApiError) -> str:
    for kind, hint in HINTS.items():
        if isinstance(error, kind):
            return hint
    if isinstance(error, errors.RateLimited):
        wait = f"in {error.retry_after:.0f} s" if error.retry_after is not None else "shortly"
        return f"Wait and press F5 {wait}."
    return "Press F5 to retry."


class ErrorPanel(Static):
    """Hidden until a request fails; never shows a traceback."""

    def show_error(self, error: errors.ApiError) -> None:
        self.update(
            Text.assemble(
                (error.title, "bold"), "\n", error.message, "\n\n", (hint_for(error), "italic")
            )
        )
        self.remove_class("hidden")

    def clear_error(self) -> None:
        if self.has_class("hidden"):
            return  # nothing shown: nothing to lay out again
        self.update("")
        self.add_class("hidden")
