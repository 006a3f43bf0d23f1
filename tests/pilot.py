"""Pilot helpers for the flows: run an app hearing its messages, wait for what it announces.

A flow waits for what the app says happened — a result shown (``QueryFinished``), a run failed
(``QueryFailed``), meta loaded (``SchemaLoaded``), a notification (``Notify``), a screen shown
(``ScreenResume``), a worker done (``Worker.StateChanged``) — through Textual's
``App.run_test(message_hook=...)``::

    async with run(app, size=(120, 40)) as pilot:
        screen = await ready(pilot)
        async with pilot.expect(QueryFinished) as result:
            await pilot.press("f5")
        assert result.message.table.row_count == 14

``wait_for`` stays for what no message announces (a file on disk, a terminal's bytes).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Generic, Protocol, TypeVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ortui.api.client import AnalyticsClient
from ortui.api.models import QueryRequest
from ortui.messages import QueryFailed, QueryFinished, SchemaLoaded
from ortui.screens.explorer import ExplorerScreen

#: The Pilot of an ortui app (``OrtuiApp`` is an ``App[None]``).
AppPilot = Pilot[None]
#: How long a flow waits for a message before failing: generous, for a loaded machine.
TIMEOUT = 30.0

M = TypeVar("M", bound=Message)
S = TypeVar("S", bound=Screen[Any])
#: The states a worker ends in.
ENDED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
#: A message class, or a tuple of them (any one will do).
Kind = type[M] | tuple[type[M], ...]


class Heard:
    """Every message the app dispatched, in order; the ``message_hook`` of ``App.run_test``."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._arrived = asyncio.Event()

    def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self._arrived.set()

    async def find(
        self,
        kind: Kind[M],
        where: Callable[[M], object] | None,
        start: int,
        timeout: float,
        unless: tuple[type[Message], ...] = (),
    ) -> M:
        """The first ``kind`` message from index ``start`` on for which ``where`` holds; fail on
        a message of an ``unless`` type first, or after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for message in self.messages[start:]:
                if isinstance(message, kind) and (where is None or where(message)):
                    return message
                if isinstance(message, unless):
                    raise AssertionError(f"{_name(kind)} awaited, {_describe(message)} heard")
            start = len(self.messages)
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise AssertionError(self._missed(kind, timeout)) from None

    def _missed(self, kind: Kind[Message], timeout: float) -> str:
        recent: list[str] = []
        for message in reversed(self.messages):
            name = type(message).__name__
            if not isinstance(message, events.Event) and name not in recent:
                recent.append(name)
        return (
            f"no {_name(kind)} within {timeout:g} s; "
            f"last messages heard: {', '.join(reversed(recent[:12])) or 'none'}"
        )


def _name(kind: Kind[Message]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _describe(message: Message) -> str:
    error = getattr(message, "error", None)
    return f"{type(message).__name__}({error!r})" if error is not None else repr(message)


class Expected(Generic[M]):
    """The message an ``expect`` block waited for, once the block has ended."""

    def __init__(self, kind: Kind[M]) -> None:
        self.kind = kind
        self._message: M | None = None

    @property
    def message(self) -> M:
        assert self._message is not None, f"{_name(self.kind)} not heard yet"
        return self._message


def worker_ended(node: DOMNode, group: str) -> Callable[[Worker.StateChanged], bool]:
    """Whether a ``Worker.StateChanged`` says a worker of ``group`` run by ``node`` ended."""

    def ended(event: Worker.StateChanged) -> bool:
        worker = event.worker
        return worker.node is node and worker.group == group and event.state in ENDED

    return ended


class HearingPilot(Pilot[None]):
    """A Pilot that can wait for the messages its app dispatches."""

    def __init__(self, app: App[None], heard: Heard) -> None:
        super().__init__(app)
        self.heard = heard

    async def first(
        self,
        kind: Kind[M],
        where: Callable[[M], object] | None = None,
        *,
        unless: tuple[type[Message], ...] = (),
        timeout: float = TIMEOUT,
    ) -> M:
        """The first ``kind`` message since the app started (waiting for it if need be), once
        it has been handled."""
        message = await self.heard.find(kind, where, 0, timeout, unless)
        await self.pause()
        return message

    @asynccontextmanager
    async def expect(
        self,
        kind: Kind[M],
        where: Callable[[M], object] | None = None,
        *,
        unless: tuple[type[Message], ...] = (),
        timeout: float = TIMEOUT,
    ) -> AsyncIterator[Expected[M]]:
        """Wait, as the block ends, for a ``kind`` message dispatched after the block began."""
        got = Expected(kind)
        start = len(self.heard.messages)
        yield got
        got._message = await self.heard.find(kind, where, start, timeout, unless)
        await self.pause()

    async def shown(
        self,
        screen: type[S],
        where: Callable[[S], object] | None = None,
        *,
        timeout: float = TIMEOUT,
    ) -> S:
        """The screen on top once a screen of type ``screen`` (for which ``where`` holds) has
        been shown: checked at each message heard. (Not only at ``ScreenResume``: a screen
        pushed by a worker thread's callback, as the key prompt is, runs in that thread's
        context, without the hook, so its own resume is never heard; the screen it covers
        is heard suspending.)"""

        def on_top(_: Message) -> bool:
            top = self.app.screen
            if not isinstance(top, screen) or not top.is_mounted:
                return False
            return where is None or bool(where(top))

        await self.heard.find(Message, on_top, 0, timeout)
        await self.pause()
        top = self.app.screen
        assert isinstance(top, screen), f"{type(top).__name__} on top, {screen.__name__} awaited"
        return top

    async def worker_done(
        self, node: DOMNode, group: str, *, timeout: float = TIMEOUT
    ) -> Worker.StateChanged:
        """The first worker of ``group`` run by ``node`` to end (done, failed or cancelled)."""
        return await self.first(Worker.StateChanged, worker_ended(node, group), timeout=timeout)

    async def back_to(self, screen: Screen[Any], *, timeout: float = TIMEOUT) -> None:
        """Wait until ``screen`` is shown on top again (a dialog dismissed)."""
        await self.heard.find(events.ScreenResume, lambda _: self.app.screen is screen, 0, timeout)
        await self.pause()


@asynccontextmanager
async def run(
    app: App[None], size: tuple[int, int] | None = (80, 24), **options: Any
) -> AsyncIterator[HearingPilot]:
    """``app.run_test`` with a Pilot that hears every message the app dispatches."""
    heard = Heard()
    async with app.run_test(size=size, message_hook=heard, **options) as pilot:
        yield HearingPilot(pilot.app, heard)


def result_shown(pilot: HearingPilot) -> AbstractAsyncContextManager[Expected[QueryFinished]]:
    """Wait, as the block ends, for a run's result to be shown; fail at once if it fails."""
    return pilot.expect(QueryFinished, unless=(QueryFailed,))


async def first_result(pilot: HearingPilot) -> QueryFinished:
    """The first result shown since the app started (a run on start): fail if it failed."""
    return await pilot.first(QueryFinished, unless=(QueryFailed,))


def run_failed(pilot: HearingPilot) -> AbstractAsyncContextManager[Expected[QueryFailed]]:
    """Wait, as the block ends, for a run to fail; fail at once if it shows a result."""
    return pilot.expect(QueryFailed, unless=(QueryFinished,))


def notified(pilot: HearingPilot, text: str) -> AbstractAsyncContextManager[Expected[Notify]]:
    """Wait, as the block ends, for a notification that says ``text``."""
    return pilot.expect(Notify, lambda note: text in note.notification.message)


async def wait_for(pilot: AppPilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds.

    For what no message announces; for what one does, use ``HearingPilot``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def explorer(app: App[None]) -> ExplorerScreen:
    """The explorer, which must be the screen on top."""
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    return screen


async def ready(pilot: AppPilot) -> ExplorerScreen:
    """The explorer once meta has filled the builder."""
    if isinstance(pilot, HearingPilot):
        await pilot.first(SchemaLoaded)
    else:
        await wait_for(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, ExplorerScreen)
                and explorer(pilot.app).meta is not None
            ),
        )
        await pilot.pause()
    return explorer(pilot.app)


async def ready_with_result(pilot: HearingPilot) -> ExplorerScreen:
    """The explorer once meta has filled the builder and F5's result (the default query's,
    or a start preset's) is shown."""
    screen = await ready(pilot)
    async with result_shown(pilot):
        await pilot.press("f5")
    return screen


def status_text(screen: ExplorerScreen) -> str:
    """What the status line shows, as plain text."""
    return str(screen.status.render())


class SendsQueries(Protocol):
    """A screen that sends its queries through ``client`` (the explorer, explain)."""

    client: AnalyticsClient


def sent_queries(screen: SendsQueries) -> list[QueryRequest]:
    """Every query request the explorer sends from now on, in order. Grouped by API key, the
    requests that tell same-named keys apart go with the query: its own is
    ``screen.last_request``."""
    sent: list[QueryRequest] = []
    original = screen.client.query_body

    async def recording(request: QueryRequest, **options: Any) -> tuple[bytes, float]:
        sent.append(request)
        return await original(request, **options)

    screen.client.query_body = recording  # type: ignore[method-assign]  # records each request
    return sent
