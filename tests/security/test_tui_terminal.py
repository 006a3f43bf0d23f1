"""Item 1 of #14 in the TUI: the bytes ortui writes to a real terminal hold no hostile sequence."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CANARY_KEY
from tests.hostile import (
    HOSTILE,
    Answer,
    HostileServer,
    error_body,
    hostile_meta,
    query_body,
    raw_markers_in,
)
from tests.security.terminal import PtyRun, tui_env


def test_hostile_meta_rows_and_warnings_never_reach_the_terminal(
    hostile: HostileServer, tmp_path: Path
) -> None:
    hostile.meta(hostile_meta())
    hostile.query(
        query_body(
            [{"model": "openai/gpt-4o" + HOSTILE, "request_count": 7, "total_usage": 1.5}],
            warnings=["WARNED" + HOSTILE],
        )
    )
    run = PtyRun(["--base-url", hostile.url], tui_env(tmp_path, CANARY_KEY))
    try:
        # ortui runs its query on start (#13): the hostile rows arrive without a key press
        assert run.read_until(lambda out: b"gpt-4o" in out), run.output[-2000:]
    finally:
        run.close()
    assert raw_markers_in(run.output) == []
    assert b"Requests\\x1b]52" in run.output  # the label is shown, visibly escaped
    assert CANARY_KEY.encode() not in run.output


def test_a_hostile_error_message_and_echoed_key_never_reach_the_terminal(
    hostile: HostileServer, tmp_path: Path
) -> None:
    hostile.query(
        Answer(lambda h: error_body("REJECTED " + h["authorization"] + HOSTILE), status=400)
    )
    run = PtyRun(["--base-url", hostile.url], tui_env(tmp_path, CANARY_KEY))
    try:
        assert run.read_until(lambda out: b"REJECTED" in out), run.output[-2000:]
    finally:
        run.close()
    assert raw_markers_in(run.output) == []
    assert CANARY_KEY.encode() not in run.output


def test_hostile_presets_and_history_never_reach_the_terminal(
    hostile: HostileServer, tmp_path: Path
) -> None:
    import json

    presets = tmp_path / "config" / "presets"
    presets.mkdir(parents=True)
    (presets / "AAA\x1b]0;PWNED-TITLE\x07.toml").write_text(  # a file name from a shared repo
        'version = 1\nname = "AAA first"\n[query]\nmetrics = ["request_count"]\n'
    )
    (presets / "evil.toml").write_text(
        'version = 1\nname = "EvilPreset\\u001b]52;c;cm0=\\u0007"\n'
        'description = "\\u001b]0;PWNED-TITLE\\u0007\\u202e"\n'
        '[query]\nmetrics = ["request_count"]\n',
        encoding="utf-8",
    )
    (presets / "deep.toml").write_text(
        'version = 1\nname = "deep"\n[query]\nmetrics = ' + "[" * 500 + "]" * 500 + "\n",
        encoding="utf-8",
    )
    history = tmp_path / "data" / "history.jsonl"
    history.parent.mkdir(parents=True)
    entry = {
        "time": "2026-11-01T00:00:00Z",
        "query": {"metrics": ["request_count"]},
        "row_count": 1,
        "duration_ms": 3,
        "outcome": "ok",
        "preset": "HistPreset\x1b]0;PWNED-TITLE\x07\x9b",
    }
    history.write_text(
        "\n".join([json.dumps(entry), json.dumps({"time": 5}), "[" * 50_000 + "]" * 50_000]) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "config" / "settings.toml").write_text("run_on_start = false\n")
    run = PtyRun(["--base-url", hostile.url], tui_env(tmp_path, CANARY_KEY))
    try:
        assert run.read_until(lambda out: b"F5 runs the query" in out), run.output[-2000:]
        run.send(b"\x0f")  # ctrl+o: the presets screen
        assert run.read_until(lambda out: b"EvilPreset" in out and b"AAA\\x1b]0;PWNED" in out), (
            run.output[-2000:]
        )
        run.send(b"\x1b")
        run.read_until(lambda out: False, timeout=1)
        run.send(b"\x19")  # ctrl+y: history
        assert run.read_until(lambda out: b"HistPreset" in out), run.output[-2000:]
        assert run.process.poll() is None  # still running
    finally:
        run.close()
    assert raw_markers_in(run.output) == []
    assert b"Traceback" not in run.output


def test_hostile_names_through_compare_pivot_chart_drill_and_explain(
    hostile: HostileServer, tmp_path: Path
) -> None:
    """The surfaces added since the last review (compare labels, pivot headers, chart legends,
    drill breadcrumbs and dialogs, explain) on a real terminal: every byte stays inert."""
    hostile.meta(hostile_meta())
    rows = [
        {
            "date": f"2026-11-2{day}",
            "model": f"M{n}-" + HOSTILE + "[/]",
            "request_count": day + n,
            "total_usage": 1.5 * day,
        }
        for day in range(3)
        for n in range(2)
    ]
    hostile.query(query_body(rows, warnings=["WARNED" + HOSTILE]))
    run = PtyRun(["--base-url", hostile.url], tui_env(tmp_path, CANARY_KEY))
    steps = [
        (b"\x1bOR", b"Pivot view"),  # F3: the grid
        (b"p", b"turns compare off"),  # compare: previous-period columns and chart marks
        (b"p", b"Compare off"),
        (b"v", b""),  # pivot
        (b"v", b""),
        (b"c", b""),  # next chart metric: the legend names the models
        (b"\r", b""),  # drill: which dimension
        (b"\r", b"model eq M"),  # the breadcrumb and the filter
        (b"\x7f", b""),  # back
        (b"w", b"explain this group"),  # explain
        (b"\x1b", b""),
    ]
    try:
        assert run.read_until(lambda out: b"M1-" in out), run.output[-2000:]
        for key, shows in steps:
            seen = len(run.output)
            run.send(key)

            def arrived(out: bytes, start: int = seen, text: bytes = shows) -> bool:
                return text in out[start:]

            shown = run.read_until(arrived, timeout=10)
            if not shows:
                run.read_until(lambda out: False, timeout=0.5)
            assert shown and run.process.poll() is None, (key, run.output[seen:][-1500:])
    finally:
        run.close()
    assert raw_markers_in(run.output) == []
    assert b"Traceback" not in run.output and b"MarkupError" not in run.output
    assert CANARY_KEY.encode() not in run.output
