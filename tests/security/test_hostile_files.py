"""Items 4 and 6 of #14: crafted preset and history files, and neutral CSV cells."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.export.renderers import render, to_delimited
from ortui.presets.history import History, HistoryEntry, now_utc
from ortui.presets.store import PresetStore
from ortui.query.draft import QueryDraft
from ortui.results.table import Column, ResultTable
from tests.hostile import raw_markers_in

NESTED_PRESET = 'version = 1\nname = "deep"\n[query]\nmetrics = ' + "[" * 500 + "]" * 500 + "\n"
GOOD_PRESET = 'version = 1\nname = "Good one"\n[query]\nmetrics = ["request_count"]\n'


def presets_dir(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "presets"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_deeply_nested_preset_is_skipped_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    presets_dir(tmp_path, deep=NESTED_PRESET, good=GOOD_PRESET)
    assert len(NESTED_PRESET) < 1100
    assert main(["presets", "list", "--config-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Good one" in out and "deep.toml" in err and "nested" in err
    assert "Traceback" not in err


def test_query_preset_with_a_nested_file_beside_it_still_runs(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.conftest import TEST_KEY

    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    presets_dir(tmp_path, deep=NESTED_PRESET, good=GOOD_PRESET)
    assert (
        main(
            [
                "query",
                "--base-url",
                demo_server.url,
                "--config-dir",
                str(tmp_path),
                "--preset",
                "Good one",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "presets",
                "import",
                str(tmp_path / "presets" / "deep.toml"),
                "--config-dir",
                str(tmp_path / "other"),
            ]
        )
        == 2
    )
    assert "nested" in capsys.readouterr().err


def test_oversized_and_special_preset_files_are_skipped(tmp_path: Path) -> None:
    folder = presets_dir(tmp_path, big=GOOD_PRESET + "# " + "x" * 70_000 + "\n", good=GOOD_PRESET)
    os.mkfifo(folder / "fifo.toml")  # reading it would block forever
    presets, problems = PresetStore(folder).scan()
    assert [p.name for p in presets] == ["Good one"]
    reasons = {p.path.name: p.message for p in problems}
    assert "at most 64 KiB" in reasons["big.toml"]
    assert "not a regular file" in reasons["fifo.toml"]


def write_history(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def good_line(metric: str) -> str:
    return HistoryEntry(now_utc(), QueryDraft(metrics=(metric,)), 1, 2.0, "ok").to_json()


@pytest.mark.parametrize(
    "bad",
    [
        json.dumps({"time": 5, "query": {"metrics": ["x"]}}),
        json.dumps({"time": "2026-11-01T00:00:00Z", "query": {"metrics": [["nested"]]}}),
        json.dumps({"time": "2026-11-01T00:00:00Z", "query": "no"}),
        json.dumps(["a list"]),
        "[" * 100_000 + "]" * 100_000,
        '{"time": "2026-11-01T00:00:00Z", "query": ' + '{"a": ' * 3000 + "1" + "}" * 3001,
    ],
)
def test_bad_history_lines_are_skipped_not_fatal(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, [good_line("first"), bad, good_line("last")])
    entries, skipped = History(path).entries()
    assert [e.draft.metrics[0] for e in entries] == ["last", "first"] and skipped == 1


def test_history_is_read_from_the_end(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    with open(path, "wb") as handle:  # 40 MB of junk that is not even UTF-8, then 3 entries
        handle.write((b"\xff" * 1023 + b"\n") * 40_000)
        for name in ("a", "b", "c"):
            handle.write(good_line(name).encode() + b"\n")
    history = History(path, limit=3)
    entries, skipped = history.entries()
    assert [e.draft.metrics[0] for e in entries] == ["c", "b", "a"] and skipped == 0
    history.append(HistoryEntry(now_utc(), QueryDraft(metrics=("d",)), 1, 1.0, "ok"))
    assert [e.draft.metrics[0] for e in history.entries()[0]] == ["d", "c", "b"]
    assert path.stat().st_size < 10_000  # trimmed to the last 3 lines


def _within(seconds: float, call: Callable[[], object]) -> tuple[bool, object]:
    """Whether ``call`` returned within ``seconds``, and what it returned (or raised)."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())
        except OSError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), outcome[0] if outcome else None


def test_a_fifo_where_history_belongs_is_skipped_not_waited_on(tmp_path: Path) -> None:
    """The presets screen reads history on the UI thread: opening a FIFO for reading waits
    for a writer forever, so the TUI froze on ctrl+o (and ctrl+y)."""
    path = tmp_path / "history.jsonl"
    os.mkfifo(path)
    history = History(path)
    try:
        returned, entries = _within(2.0, history.entries)
        assert returned and entries == ([], 1)
        returned, appended = _within(2.0, lambda: history.append(_entry()))
        assert returned and isinstance(appended, OSError)  # said: "History not saved: …"
    finally:
        _release(path)


def _entry() -> HistoryEntry:
    return HistoryEntry(now_utc(), QueryDraft(metrics=("request_count",)), 1, 3.0, "ok", None)


def test_history_entries_with_escapes_are_shown_safely(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    line = json.loads(good_line("m"))
    line["query"]["metrics"] = ["m\x1b]52;c;cm0=\x07"]
    line["preset"] = "\x1b]0;PWNED-TITLE\x07"
    write_history(path, [json.dumps(line)])
    (entry,), _ = History(path).entries()
    assert raw_markers_in(entry.draft.metrics[0] + (entry.preset or "")) == []
    assert entry.draft.metrics[0] == "m\\x1b]52;c;cm0=\\x07"


def text_table(*values: str) -> ResultTable:
    return ResultTable(
        [
            Column("model", "Model", "dimension", list(values)),
            Column("n", "N", "metric", [1.0] * len(values)),
        ],
        len(values),
    )


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_bare_carriage_return_never_starts_an_unprotected_row(delimiter: str) -> None:
    text = to_delimited(text_table("safe\r=cmd|' /C calc'!A0", "a\nb"), delimiter)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert len(rows) == 3  # header + 2: the CR stayed inside its quoted cell
    assert rows[1][0] == "safe\r=cmd|' /C calc'!A0" and rows[2][0] == "a\nb"


@pytest.mark.parametrize("value", [" =1+1", "\n=cmd|x", "\r\n@SUM(A1)", "\t+1+cmd", "  -2+3"])
def test_formula_neutralisation_looks_past_leading_space(value: str) -> None:
    text = to_delimited(text_table(value))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][0] == "'" + value


def test_json_and_jsonl_never_emit_bare_nan_or_infinity() -> None:
    table = ResultTable(
        [Column("m", "M", "metric", [float("nan"), float("inf"), 1.5])],
        3,
        query_time_ms=float("nan"),
    )
    for fmt in ("json", "jsonl"):
        text = render(table, fmt)
        assert "NaN" not in text and "Infinity" not in text
        for chunk in [text] if fmt == "json" else text.splitlines():
            json.loads(chunk, parse_constant=lambda name: pytest.fail(name))


@pytest.mark.parametrize("name", ["settings.toml", "keymap.toml"])
def test_a_fifo_for_settings_or_keymap_is_a_problem_not_a_hang(tmp_path: Path, name: str) -> None:
    """Read as ortui starts: a FIFO there made ``ortui`` wait forever before its first frame."""
    from ortui.keymap import load_keymap
    from ortui.preferences import load_preferences

    os.mkfifo(tmp_path / name)
    load = load_preferences if name == "settings.toml" else load_keymap
    try:
        returned, loaded = _within(2.0, lambda: load(tmp_path))
        assert returned, f"reading a FIFO {name} waited"
        assert [f"{tmp_path / name}: not a regular file"] == [
            p.split(";")[0]
            for p in loaded.problems  # type: ignore[attr-defined]
        ]
    finally:
        _release(tmp_path / name)


def test_a_fifo_for_the_names_cache_leaves_completion_without_names(tmp_path: Path) -> None:
    """Shell completion reads the cached names on every Tab: a FIFO there hung the shell."""
    from ortui.completion.meta_names import cache_file, recall

    os.mkfifo(cache_file(tmp_path))
    try:
        returned, names = _within(2.0, lambda: recall(tmp_path))
        assert returned and isinstance(names, dict) and not any(names.values())
    finally:
        _release(cache_file(tmp_path))


def _release(path: Path) -> None:
    """Let a reader or writer still waiting on the FIFO ``path`` go (the code before the fix)."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
