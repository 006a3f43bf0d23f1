"""Meta and the first query, asked on a thread of their own as ortui starts, so the answers
are there by the time the explorer is built (the server works while the TUI imports and draws
its first frame). The explorer takes each answer once, and the query's only when it plans the
very same request; anything else (a failure, another query) goes the ordinary way."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace

from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta
from ortui.api.retry import NO_RETRY
from ortui.query import pipeline
from ortui.query.draft import QueryDraft

#: How long after it was planned the early query still counts as the first run's (its time
#: range, "the last 7 days", was resolved then).
MAX_AGE_S = 30.0


class EarlyAnswers:
    """``start()`` sends ``GET /analytics/meta`` (with the key check) and then, when
    ``draft_for`` gives a draft, that query; ``meta`` and ``take_result`` hand them over."""

    def __init__(
        self,
        client: AnalyticsClient,
        draft_for: Callable[[Meta], QueryDraft | None] | None = None,
        default_zone: str = "UTC",
    ) -> None:
        # Clients of their own: an httpx client belongs to the event loop that first used it.
        self._client = AnalyticsClient(client.key, client.config)
        self._draft_for = draft_for
        self._zone = default_zone
        self.meta: Future[Meta] = Future()
        self._result: Future[pipeline.Ran | None] = Future()
        self._planned: pipeline.Planned | None = None
        self._planned_at = 0.0
        self._taken = False

    def start(self) -> EarlyAnswers:
        threading.Thread(target=self._run, name="ortui-early", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            asyncio.run(self._fetch())
        except Exception:  # never a traceback on the terminal: the explorer asks again
            pass
        finally:  # whatever happened, nobody waits forever
            if not self.meta.done():
                self.meta.set_exception(RuntimeError("meta was not fetched"))
            if not self._result.done():
                self._result.set_result(None)

    async def _fetch(self) -> None:
        from ortui.api.key_check import checked_meta

        try:
            try:
                meta = await checked_meta(self._client)
            except Exception as exc:  # the explorer shows it as if it had asked itself
                self.meta.set_exception(exc)
                return
            try:  # planned before meta is handed over: the explorer compares with it
                self._planned = self._plan(meta)
                self._planned_at = time.monotonic()
            finally:
                self.meta.set_result(meta)
            if self._planned is None:
                return
            # Tried once: after a failure the explorer runs it itself, counting retries down.
            self._client.config = replace(self._client.config, retry=NO_RETRY)
            outcome = await pipeline.execute(self._client, self._planned)
            self._result.set_result(outcome if isinstance(outcome, pipeline.Ran) else None)
        except Exception:  # the explorer's own run takes over
            self._result.set_result(None)
        finally:
            await self._client.aclose()

    def _plan(self, meta: Meta) -> pipeline.Planned | None:
        draft = self._draft_for(meta) if self._draft_for is not None else None
        planned = None if draft is None else pipeline.plan(draft, meta, default_zone=self._zone)
        return planned if isinstance(planned, pipeline.Planned) else None

    def take_result(
        self, planned: pipeline.Planned
    ) -> tuple[pipeline.Planned, Future[pipeline.Ran | None]] | None:
        """When ``planned`` is the query asked early (the same draft, meta and zone, planned
        at most ``MAX_AGE_S`` before), once: that query as it was sent (its time range resolved
        then) and its answer, sent or on its way — None once it failed. Else None."""
        early = self._planned
        if self._taken or early is None or early.meta is not planned.meta:
            return None
        if early.draft != planned.draft or early.local.zone_name != planned.local.zone_name:
            return None
        if time.monotonic() - self._planned_at > MAX_AGE_S:
            return None
        self._taken = True
        return early, self._result
