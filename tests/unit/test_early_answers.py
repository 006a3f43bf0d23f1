"""Meta and the first query asked on a thread as ortui starts (``ortui.query.early``): the
answer is the server's, handed over once and only for the very query the explorer plans."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

import msgspec
import pytest

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.models import Meta
from ortui.api.retry import NO_RETRY
from ortui.auth.secret import Secret
from ortui.demo.server import DemoServer
from ortui.query import early as early_module
from ortui.query import pipeline
from ortui.query.draft import QueryDraft, default_draft
from ortui.query.early import EarlyAnswers
from tests.conftest import TEST_KEY

MakeServer = Callable[..., DemoServer]


def _client(server: DemoServer, key: str = TEST_KEY) -> AnalyticsClient:
    return AnalyticsClient(Secret(key), ClientConfig(base_url=server.url, retry=NO_RETRY))


def _answered(early: EarlyAnswers, draft: QueryDraft, zone: str = "UTC") -> pipeline.Ran | None:
    meta = early.meta.result(timeout=30)
    planned = pipeline.plan(draft, meta, default_zone=zone)
    assert isinstance(planned, pipeline.Planned)
    taken = early.take_result(planned)
    assert taken is not None
    return taken[1].result(timeout=30)


def _posts(log: io.StringIO, settle_at: int = 0) -> list[str]:
    """The query POSTs logged; the simulator logs a request just after it answers it, so wait
    (up to 10 s) until ``settle_at`` of them are there."""
    deadline = time.monotonic() + 10
    while True:
        lines = log.getvalue().splitlines()
        posts = [line for line in lines if " POST /api/v1/analytics/query " in line]
        if len(posts) >= settle_at or time.monotonic() > deadline:
            return posts
        time.sleep(0.01)


def test_meta_and_the_first_query_are_the_servers_answers(make_server: MakeServer) -> None:
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log)
    early = EarlyAnswers(_client(server), default_draft).start()
    meta = early.meta.result(timeout=30)
    assert "total_usage" in [m.name for m in meta.metrics]
    ran = _answered(early, default_draft(meta))
    assert ran is not None and ran.table.row_count > 0
    # The very rows a query sent now gets (the simulator's data does not move within a test).
    again = pipeline.plan(ran.draft, meta)
    assert isinstance(again, pipeline.Planned)
    body, _ = _run(_client(server).query_body(ran.request))
    fresh = pipeline.decode_answer(body, ran.request, meta, again.local)
    assert [c.values for c in fresh.columns] == [c.values for c in ran.table.columns]
    assert len(_posts(log, settle_at=2)) == 2  # the early one and the check above


def _run(coroutine: Any) -> Any:
    import asyncio

    return asyncio.run(coroutine)


def test_the_answer_is_handed_over_once_and_only_for_the_same_query(
    demo_server: DemoServer,
) -> None:
    early = EarlyAnswers(_client(demo_server), default_draft).start()
    meta = early.meta.result(timeout=30)
    draft = default_draft(meta)

    def planned(d: QueryDraft, zone: str = "UTC", m: Meta = meta) -> pipeline.Planned:
        result = pipeline.plan(d, m, default_zone=zone)
        assert isinstance(result, pipeline.Planned)
        return result

    assert early.take_result(planned(draft.with_changes(granularity="hour"))) is None
    assert early.take_result(planned(draft, zone="Asia/Tokyo")) is None
    assert early.take_result(planned(draft, m=msgspec.structs.replace(meta))) is None
    taken = early.take_result(planned(draft))
    assert taken is not None
    sent, answer = taken
    assert sent.draft == draft and answer.result(timeout=30) is not None
    assert early.take_result(planned(draft)) is None  # once


def test_an_old_early_query_is_not_taken(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    early = EarlyAnswers(_client(demo_server), default_draft).start()
    meta = early.meta.result(timeout=30)
    monkeypatch.setattr(early_module, "MAX_AGE_S", -1.0)
    planned = pipeline.plan(default_draft(meta), meta)
    assert isinstance(planned, pipeline.Planned)
    assert early.take_result(planned) is None


def test_without_a_first_query_only_meta_is_asked(make_server: MakeServer) -> None:
    log = io.StringIO()
    server = make_server(rpm=100_000, log=log)
    early = EarlyAnswers(_client(server), lambda meta: None).start()
    meta = early.meta.result(timeout=30)
    planned = pipeline.plan(default_draft(meta), meta)
    assert isinstance(planned, pipeline.Planned)
    assert early.take_result(planned) is None
    assert _posts(log) == []


def test_a_refused_key_is_meta_s_error(make_server: MakeServer) -> None:
    server = make_server(rpm=100_000, keys=["sk-or-v1-someone-else"])
    early = EarlyAnswers(_client(server), default_draft).start()
    with pytest.raises(Exception) as raised:
        early.meta.result(timeout=30)
    assert type(raised.value).__name__ == "Unauthorized"
    assert TEST_KEY not in str(raised.value)


def test_a_failed_early_query_answers_none(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def fails(client: AnalyticsClient, planned: pipeline.Planned) -> pipeline.Failed:
        from ortui.api import errors

        return pipeline.Failed(planned.draft, planned.request, errors.ServerError(503, "x"), 1.0)

    monkeypatch.setattr(pipeline, "execute", fails)
    early = EarlyAnswers(_client(demo_server), default_draft).start()
    meta = early.meta.result(timeout=30)
    assert _answered(early, default_draft(meta)) is None
