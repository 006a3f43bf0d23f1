"""One guard for the handlers that touch outside data (server strings, preset and history
files, the result's values): an exception nobody foresaw becomes a notification — what was
being done and the exception's text, terminal-safe and without the key — and the app lives on
instead of ending on Textual's crash screen.

Workers are guarded where they start (``exit_on_error=False``, shown by the screen); this is
for message handlers, actions and dialog callbacks, which Textual runs on the screen's own
message loop. Decorate the flow method the handler calls::

    @guarded("show the result")
    def finished(self, message: QueryFinished) -> None: ...
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from textual.widget import Widget

from ortui.safe_text import safe_text

P = ParamSpec("P")
R = TypeVar("R")
#: Anything shaped like an OpenRouter key, should one reach an exception's text.
KEY_SHAPE = re.compile(r"sk-or-[A-Za-z0-9_-]{6,}")
DETAIL_CHARS = 200


def failure_text(doing: str, exc: BaseException, node: Widget | None = None) -> str:
    """What the user is told: ``Could not <doing> (ValueError: …)``, one line, no key."""
    detail = str(exc)
    key = getattr(getattr(node.app, "client", None), "key", None) if node is not None else None
    if key:
        detail = key.redact(detail)
    detail = KEY_SHAPE.sub("sk-or-…", safe_text(detail))[:DETAIL_CHARS]
    return f"Could not {doing} ({type(exc).__name__}{': ' + detail if detail else ''})."


def _node(owner: object) -> Widget:
    """The widget or screen to notify on: the owner itself, or the screen a flow belongs to."""
    if isinstance(owner, Widget):
        return owner
    return cast(Widget, owner.screen)  # type: ignore[attr-defined]


def _tell(owner: object, doing: str, exc: Exception) -> None:
    node = _node(owner)
    node.notify(
        failure_text(doing, exc, node),
        title="Something went wrong",
        severity="error",
        timeout=15,
        markup=False,
    )


def guarded(doing: str) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Decorate a method (of a widget, a screen, or a flow with ``.screen``) or a function
    whose first argument is a screen, so that an exception in it is told as "Could not
    ``doing``" instead of ending the app."""

    def decorate(method: Callable[P, R]) -> Callable[P, R | None]:
        @wraps(method)
        def guarded_call(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                return method(*args, **kwargs)
            except Exception as exc:  # the point: nothing reaches Textual's crash screen
                _tell(args[0], doing, exc)
                return None

        return guarded_call

    return decorate


def guarded_async(
    doing: str,
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Coroutine[Any, Any, R | None]]]:
    """``guarded`` for ``async def`` handlers."""

    def decorate(method: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R | None]]:
        @wraps(method)
        async def guarded_call(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                return await method(*args, **kwargs)
            except Exception as exc:  # the point: nothing reaches Textual's crash screen
                _tell(args[0], doing, exc)
                return None

        return guarded_call

    return decorate
