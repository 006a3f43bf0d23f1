"""The TUI's demo simulator runs in a process of its own: it answers on the port the TUI bound,
says what it prepares, and never outlives the TUI."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from ortui.demo.process import DemoProcess
from tests.conftest import TEST_KEY, TEST_SIZE

AUTH = {"Authorization": f"Bearer {TEST_KEY}"}


def _until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_it_answers_on_the_port_bound_before_it_started(dataset: Path) -> None:
    demo = DemoProcess(dataset.parent, 42, TEST_SIZE)
    try:
        # Sent at once: the request waits in the socket's queue until the process serves.
        answer = httpx.get(demo.url + "/analytics/meta", headers=AUTH, timeout=60)
        assert answer.status_code == 200 and answer.json()["data"]["metrics"]
        assert demo.preparing is None
    finally:
        demo.stop()
    assert demo._process.poll() == 0


def test_a_first_run_says_what_it_builds_and_then_serves(tmp_path: Path) -> None:
    demo = DemoProcess(tmp_path, 42, 3000)
    seen: list[str | None] = []
    try:

        def saw(wanted: str | None) -> bool:
            seen.append(demo.preparing)
            return seen[-1] == wanted if wanted is None else wanted in str(seen[-1])

        _until(lambda: saw("the year"))
        _until(lambda: saw(None), timeout=120)
        assert any("building demo data" in str(s) for s in seen)
        answer = httpx.get(demo.url + "/analytics/meta", headers=AUTH, timeout=60)
        assert answer.status_code == 200
    finally:
        demo.stop()


def test_it_ends_when_the_tui_is_gone(dataset: Path) -> None:
    demo = DemoProcess(dataset.parent, 42, TEST_SIZE)
    assert demo._process.stdin is not None
    demo._process.stdin.close()  # what the TUI's end (or death) does to the pipe
    demo._process.wait(timeout=30)
    _until(lambda: demo.preparing == "the demo server stopped")
    demo.stop()


def test_a_simulator_that_cannot_start_fails_requests_instead_of_hanging(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")  # a process that ends at once
    demo = DemoProcess(dataset.parent, 42, TEST_SIZE)
    try:
        started = time.monotonic()
        with pytest.raises(httpx.TransportError):
            httpx.get(demo.url + "/analytics/meta", headers=AUTH, timeout=60)
        assert time.monotonic() - started < 30
        _until(lambda: demo.preparing == "the demo server stopped")
    finally:
        demo.stop()
