"""Shared fixtures: one small simulator on loopback for the whole session, and the contract."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ortui.demo.dataset import ensure_dataset
from ortui.demo.server import DemoServer, ServerConfig

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from tests.hostile import HostileServer

REPO = Path(__file__).resolve().parent.parent
#: Our own copies of the API contract (see tests/contract/README.md); never ../shared.
CONTRACT = Path(__file__).resolve().parent / "contract"
TEST_SIZE = 20_000
TEST_KEY = "sk-or-v1-test-management-key-0123456789abcdef"
CANARY_KEY = "sk-or-v1-CANARY-d0d0cafe-5ecr3t-never-show-me-4242"

#: The ``make_server`` fixture: starts a simulator with ``ServerConfig`` options (keys, faults,
#: rate limits, clock) on a free port, stopped when the test ends.
ServerFactory = Callable[..., DemoServer]


def _refuse_outside_reads(event: str, args: tuple[object, ...]) -> None:
    """Fail any test that opens a file from the team's reference folder beside the repository."""
    if event == "open" and isinstance(args[0], str | Path):
        path = str(args[0])
        if path.startswith(_SHARED_PREFIX):
            raise RuntimeError(f"tests must not read outside the repository: {path}")


_SHARED_PREFIX = str(REPO.parent / "shared") + os.sep
sys.addaudithook(_refuse_outside_reads)

os.environ.pop("OPENROUTER_MANAGEMENT_KEY", None)
os.environ.pop("OPENROUTER_API_KEY", None)


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = Path(os.environ.get("ORTUI_TEST_CACHE") or tmp_path_factory.mktemp("cache"))
    return ensure_dataset(cache, seed=42, size=TEST_SIZE)


@pytest.fixture(scope="session")
def demo_server(dataset: Path) -> Iterator[DemoServer]:
    server = DemoServer(ServerConfig(port=0, rpm=100_000), dataset).start()
    yield server
    server.stop()


@pytest.fixture()
def make_server(dataset: Path) -> Iterator[ServerFactory]:
    """Start extra servers with their own config (keys, faults, rate limits)."""
    started: list[DemoServer] = []

    def start(**options: Any) -> DemoServer:
        server = DemoServer(ServerConfig(port=0, **options), dataset).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture()
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    """The canary management key, set where the CLI reads it (OPENROUTER_MANAGEMENT_KEY)."""
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    return TEST_KEY


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CONTRACT / "analytics.schema.json").read_text())
    return document


@pytest.fixture(scope="session")
def management_schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CONTRACT / "management.schema.json").read_text())
    return document


@pytest.fixture(scope="session")
def example_meta() -> bytes:
    return (CONTRACT / "examples" / "meta.json").read_bytes()


def validator(schema: dict[str, Any], definition: str) -> Draft202012Validator:
    import jsonschema

    wrapped = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(wrapped)


@pytest.fixture()
def hostile() -> Iterator[HostileServer]:
    """A loopback server whose every answer the test sets (tests/hostile.py)."""
    from tests.hostile import serve

    yield from serve()
