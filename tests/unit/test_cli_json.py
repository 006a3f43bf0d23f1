"""JSON from every command that prints data, parsed back; an example in every --help."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from ortui.cli import main
from ortui.cli.main import build_parser
from ortui.demo.server import DemoServer
from tests.conftest import CANARY_KEY
from tests.unit.test_auth import MemoryKeyring


def _parsers(
    parser: argparse.ArgumentParser, path: str = "ortui"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, f"{path} {name}")


def test_every_command_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    seen = []
    for path, parser in _parsers(build_parser()):
        text = parser.format_help()
        assert (
            "Examples:\n  ortui " in text
            or 'Examples:\n  eval "$(ortui' in text
            or "Examples:\n  OPENROUTER" in text
        ), path
        seen.append(path)
    assert {
        "ortui query",
        "ortui presets show",
        "ortui auth status",
        "ortui meta",
        "ortui completion",
        "ortui demo-server",
    } <= set(seen)


def test_presets_list_and_show_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ["--config-dir", str(tmp_path)]
    (tmp_path / "presets").mkdir()
    (tmp_path / "presets" / "broken.toml").write_text("version = 1\nname = = 3\n")
    (tmp_path / "presets" / "evil.toml").write_text(
        'version = 1\nname = "Evil \\u009b31m\\u001b[2J"\n[query]\nmetrics = ["total_usage"]\n'
    )
    assert main(["presets", "list", "--format", "json", *config]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\x1b" not in out  # escaped, never raw, on a terminal
    document = json.loads(out)
    names = [p["name"] for p in document["presets"]]
    # made terminal-safe where the file is read (#14): the name itself shows the escapes
    assert "Evil \\x9b31m\\x1b[2J" in names and "Spend by model, last 30 days" in names
    starter = next(p for p in document["presets"] if p["name"].startswith("Spend by model"))
    assert starter == {
        "name": "Spend by model, last 30 days",
        "description": "Where the money went, model by model",
        "summary": starter["summary"],
        "file": None,
        "starter": True,
    }
    assert "total_usage" in starter["summary"] or "Spend" in starter["summary"]
    assert document["skipped"] == [
        {
            "file": str(tmp_path / "presets" / "broken.toml"),
            "line": 2,
            "problem": document["skipped"][0]["problem"],
        }
    ]
    assert (
        main(["presets", "show", "spend by model, last 30 days", "--format", "json", *config]) == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["query"]["metrics"] == ["total_usage", "request_count"]
    assert shown["query"]["time"] == "last_30d" and shown["view"]["chart_kind"] == "auto"
    assert {"version", "name", "description", "query", "view", "file", "starter"} == set(shown)


@pytest.fixture()
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_auth_status_as_json(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["auth", "status", "--format", "json"]) == 4
    missing = json.loads(capsys.readouterr().out)
    assert missing["key"] == {"found": False, "source": "none", "hint": None}
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)
    assert main(["auth", "status", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert CANARY_KEY not in out
    found = json.loads(out)
    assert found["key"] == {
        "found": True,
        "source": "env OPENROUTER_MANAGEMENT_KEY",
        "hint": "sk-or-v1-…4242",
    }
    assert found["looked_in"][:3] == [
        "--key-file",
        "OPENROUTER_MANAGEMENT_KEY",
        "OPENROUTER_API_KEY",
    ]
    assert found["keyring"] == {"available": True, "problem": None} and found["notes"] == []


def test_meta_json_keys_and_completion_cache(
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(tmp_path))
    assert main(["meta", "--base-url", demo_server.url, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"metrics", "dimensions", "operators", "granularities"}
    assert {"name", "display_label", "is_rate", "display_format"} <= set(document["metrics"][0])
    assert {"name", "value_type"} <= set(document["operators"][0])
    cached = json.loads((tmp_path / "meta-names.json").read_text())
    assert cached["metrics"] == [m["name"] for m in document["metrics"]]
    assert cached["dimensions"] == [d["name"] for d in document["dimensions"]]
