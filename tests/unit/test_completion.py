"""Shell completion: candidates from the parser, presets and cached meta; scripts load in shells."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ortui.api.models import Dimension, Meta, Metric
from ortui.cli import main
from ortui.completion.meta_names import MAX_BYTES, recall, remember

META = Meta(
    metrics=[Metric("total_usage"), Metric("request_count"), Metric("p90_latency")],
    dimensions=[Dimension("model"), Dimension("api_key_id")],
)


@pytest.fixture()
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ORTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ORTUI_CONFIG_DIR", str(tmp_path / "config"))
    remember(META, tmp_path / "cache")
    return tmp_path


def candidates(shell: str, *words: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["__complete", shell, *words]) == 0
    return capsys.readouterr().out.splitlines()


def test_commands_options_and_choices(dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert candidates("zsh", "", capsys=capsys) == [
        "query",
        "meta",
        "explain",
        "spend",
        "check",
        "presets",
        "demo-server",
        "auth",
        "completion",
    ]
    assert candidates("zsh", "presets", "", capsys=capsys) == [
        "list",
        "show",
        "rm",
        "export",
        "import",
    ]
    assert "--group-limit" in candidates("fish", "query", "--gr", capsys=capsys)
    assert candidates("zsh", "query", "--format", "j", capsys=capsys) == ["json", "jsonl"]
    assert candidates("zsh", "query", "--format=c", capsys=capsys) == [
        "--format=csv",
        "--format=chart",
    ]
    assert candidates("zsh", "completion", "", capsys=capsys) == ["bash", "zsh", "fish"]
    assert "7d" in candidates("zsh", "query", "--last", "", capsys=capsys)


def test_metric_and_dimension_names_come_from_the_cached_meta(
    dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert candidates("zsh", "query", "--metrics", "", capsys=capsys) == [
        "total_usage",
        "request_count",
        "p90_latency",
    ]
    assert candidates("zsh", "query", "--metrics", "total_usage,", capsys=capsys) == [
        "total_usage,request_count",
        "total_usage,p90_latency",
    ]
    assert candidates("zsh", "query", "--dimensions", "a", capsys=capsys) == ["api_key_id"]
    assert "model" in candidates("zsh", "query", "--order-by", "", capsys=capsys)


def test_preset_names_from_files_and_starters(
    dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    presets = dirs / "config" / "presets"
    presets.mkdir(parents=True)
    (presets / "a.toml").write_text(
        'version = 1\nname = "Weekly spend"\n[query]\nmetrics = ["total_usage"]\n'
    )
    (presets / "evil.toml").write_text(
        'version = 1\nname = "We\\u001b[2Jird"\n[query]\nmetrics = ["total_usage"]\n'
    )
    assert candidates("fish", "presets", "show", "We", capsys=capsys) == ["Weekly spend"]
    assert candidates("bash", "ortui query --preset We", capsys=capsys) == ["Weekly\\ spend"]
    assert candidates("bash", "ortui query --preset 'We", capsys=capsys) == ["Weekly spend"]
    assert "Cache hit rate by model" in candidates("zsh", "--preset", "", capsys=capsys)


def test_hostile_or_missing_cache_gives_no_names(tmp_path: Path) -> None:
    assert recall(tmp_path)["metrics"] == []
    path = tmp_path / "meta-names.json"
    for text in (
        "{not json",
        "[1, 2]",
        json.dumps({"metrics": "total_usage"}),
        "x" * (MAX_BYTES + 10),
    ):
        path.write_text(text)
        assert recall(tmp_path)["metrics"] == []
    path.write_text(json.dumps({"metrics": ["ok_name", "bad\x1b[2J", 7, "x" * 500, "a b"]}))
    assert recall(tmp_path)["metrics"] == ["ok_name"]


def test_completing_never_opens_a_connection(
    dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("completion tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    lines = [
        "ortui --demo query --metrics ",
        "ortui query --base-url http://127.0.0.1:9 --preset ",
        "ortui meta --format ",
    ]
    for line in lines:
        assert candidates("bash", line, capsys=capsys)


@pytest.fixture()
def shim(tmp_path: Path) -> dict[str, str]:
    """An ``ortui`` on PATH that runs this interpreter's ortui."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ortui").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ortui "$@"\n')
    (bin_dir / "ortui").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "ORTUI_CACHE_DIR": str(tmp_path / "cache"),
        "ORTUI_CONFIG_DIR": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    remember(META, tmp_path / "cache")
    return env


BASH_PROBE = """
eval "$(ortui completion bash)"
probe() { COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; _ortui_complete;
          printf '%s|' "${COMPREPLY[@]}"; echo; }
probe 'ortui pre'
probe 'ortui query --metrics total_usage,r'
probe 'ortui presets show Spend'
probe 'ortui query --format=js'
"""


def test_bash_script_loads_and_completes(shim: dict[str, str]) -> None:
    bash = shutil.which("bash")
    assert bash is not None
    out = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", BASH_PROBE],
        env=shim,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "presets|",
        "total_usage,request_count|",
        "Spend\\ by\\ model,\\ last\\ 30\\ days|",
        "json|jsonl|",
    ]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_loads(shim: dict[str, str]) -> None:
    script = (
        'autoload -U compinit && compinit -u; eval "$(ortui completion zsh)"; '
        "print -r -- ${_comps[ortui]}"
    )
    out = subprocess.run(
        ["zsh", "-f", "-c", script], env=shim, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and out.stdout.strip() == "_ortui", out.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_script_loads_and_completes(shim: dict[str, str]) -> None:
    script = "ortui completion fish | source; complete -C 'ortui query --metrics total_usage,p'"
    out = subprocess.run(
        ["fish", "--no-config", "-c", script], env=shim, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["total_usage,p90_latency"]
