"""CONFIG_DIR/settings.toml: the default time zone and watch interval; broken files ignored."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.preferences import load_preferences
from tests.conftest import TEST_KEY


def test_good_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('timezone = "Asia/Kolkata"\nwatch_interval = 120\n')
    prefs = load_preferences(tmp_path)
    assert (prefs.timezone, prefs.watch_interval, prefs.problems) == ("Asia/Kolkata", 120, [])


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('timezone = "Asia/Tokyo"\nwatch_interval = = 3\n', "settings.toml:2"),
        ('timezone = "../../etc/passwd"\n', "unknown time zone"),
        ("timezone = 7\n", "unknown time zone"),
        ("watch_interval = 5\n", "watch_interval must be whole seconds from 60"),
        ("watch_interval = true\n", "watch_interval must be"),
        ("x" * 70_000, "larger than 64 KB"),
    ],
)
def test_broken_settings_are_reported_and_ignored(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "settings.toml").write_text(text)
    prefs = load_preferences(tmp_path)
    assert prefs.timezone == "UTC" and prefs.watch_interval == 60
    assert any(needle in p for p in prefs.problems), prefs.problems


def test_settings_zone_is_the_cli_default_and_tz_overrides_it(
    demo_server: DemoServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    (tmp_path / "settings.toml").write_text('timezone = "Asia/Tokyo"\n')
    first = datetime.now(UTC).date() - timedelta(days=4)
    args = [
        "query",
        "--base-url",
        demo_server.url,
        "--config-dir",
        str(tmp_path),
        "--metrics",
        "request_count",
        "--granularity",
        "hour",
        "--start",
        first.isoformat(),
        "--end",
        (first + timedelta(days=1)).isoformat(),
        "--format",
        "json",
    ]
    assert main(args) == 0
    tokyo = json.loads(capsys.readouterr().out)["rows"]
    assert all(r["date__hour"].endswith("+09:00") or len(r["date__hour"]) == 10 for r in tokyo)
    assert main([*args, "--tz", "UTC"]) == 0
    utc = json.loads(capsys.readouterr().out)["rows"]
    assert all(r["date__hour"].endswith("Z") or len(r["date__hour"]) == 10 for r in utc)
    assert main([*args, "--tz", "Nowhere/City"]) == 2
    assert "unknown time zone 'Nowhere/City'" in capsys.readouterr().err
