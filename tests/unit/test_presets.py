"""Presets: readable TOML, safe names, starters, broken files kept, drift, CLI, durability."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from ortui.api.models import META_DECODER
from ortui.cli import main
from ortui.presets.drift import schema_drift
from ortui.presets.history import History, HistoryEntry, now_utc
from ortui.presets.preset import STARTERS, Preset, ViewSettings, file_name, to_toml
from ortui.presets.store import PresetExists, PresetNotFound, PresetStore, read_preset
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.query.time_range import AbsoluteRange, RelativeRange
from tests.conftest import CANARY_KEY

DRAFT = QueryDraft(
    metrics=("total_usage", "request_count"),
    dimensions=("model",),
    filters=(FilterDraft("app", "in", ("3101", "3102"), True),),
    granularity="day",
    time=RelativeRange("last_30d"),
    order_by="total_usage",
    order_direction="asc",
    limit=500,
    group_limit=20,
)


def test_round_trip_keeps_everything_and_relative_stays_relative(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    preset = Preset("Spend", DRAFT, "why", ViewSettings("request_count", "line", "model:asc"))
    path = store.save(preset)
    text = path.read_text()
    assert 'time = "last_30d"' in text and "version = 1" in text
    loaded = read_preset(path)
    assert (loaded.name, loaded.draft, loaded.description, loaded.view) == (
        preset.name,
        preset.draft,
        preset.description,
        preset.view,
    )
    absolute = Preset(
        "Abs", QueryDraft(metrics=("m",), time=AbsoluteRange("2026-05-01", "2026-06-01 12:00"))
    )
    assert read_preset(store.save(absolute)).draft.time == AbsoluteRange(
        "2026-05-01", "2026-06-01 12:00"
    )


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "a/b", "a\\b", ".hidden", "CON", "名前 🚀", "", "x" * 300, "a-b"]
)
def test_any_name_maps_to_a_safe_distinct_file(name: str) -> None:
    produced = file_name(name)
    assert "/" not in produced and "\\" not in produced and not produced.startswith(".")
    assert produced.endswith(".toml") and len(produced) < 80
    assert file_name("a/b") != file_name("a-b") != file_name("a b")


def test_unicode_and_quotes_survive(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    name = 'Coût "mensuel" — 名前 🚀'
    store.save(Preset(name, QueryDraft(metrics=("total_usage",)), 'line1\nline "2"'))
    loaded = store.load(name)
    assert loaded.name == name and loaded.description == 'line1\nline "2"'


def test_overwrite_needs_consent_rename_duplicate_delete(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    store.save(Preset("A", DRAFT))
    with pytest.raises(PresetExists):
        store.save(Preset("A", DRAFT))
    store.save(Preset("A", QueryDraft(metrics=("x",))), overwrite=True)
    assert store.load("A").draft.metrics == ("x",)
    store.duplicate("A", "B")
    store.rename("A", "C")
    names = [p.name for p in store.scan()[0]]
    assert names == ["B", "C"] and len(list(tmp_path.glob("*.toml"))) == 2
    store.delete("B")
    with pytest.raises(PresetNotFound):
        store.load("B")


def test_starters_are_offered_but_not_written(tmp_path: Path) -> None:
    store = PresetStore(tmp_path / "presets")
    presets, _ = store.all()
    assert [p.name for p in presets] == [s.name for s in STARTERS]
    assert store.load("spend by model, last 30 days").starter
    assert not (tmp_path / "presets").exists()


def test_broken_files_are_reported_with_line_and_left_alone(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    store.save(Preset("Good", DRAFT))
    broken = tmp_path / "broken.toml"
    broken.write_text('version = 1\nname = "Broken"\n[query\nmetrics = ["a"]\n')
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('version = 1\nname = "Wrong"\n[query]\nmetrics = "total_usage"\n')
    future = tmp_path / "future.toml"
    future.write_text('version = 9\nname = "Future"\n[query]\nmetrics = ["a"]\n')
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    presets, problems = store.scan()
    assert [p.name for p in presets] == ["Good"]
    by_path = {p.path.name: p for p in problems}
    assert by_path["broken.toml"].line == 3 and "broken.toml:3" in str(by_path["broken.toml"])
    assert "metrics must be a list" in by_path["wrong.toml"].message
    assert "newer" in by_path["future.toml"].message
    assert "binary.toml" in by_path
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_schema_drift_names_the_missing_and_suggests(example_meta: bytes) -> None:
    meta = META_DECODER.decode(example_meta).data
    draft = QueryDraft(
        metrics=("total_usag", "request_count"),
        dimensions=("modle",),
        filters=(FilterDraft("provder", "within", ("x",)),),
        granularity="fortnight",
    )
    notes = schema_drift(draft, meta)
    assert "metric 'total_usag' is not offered by this server; did you mean 'total_usage'?" in notes
    assert any("dimension 'modle'" in n and "'model'" in n for n in notes)
    assert any("filter dimension 'provder'" in n and "'provider'" in n for n in notes)
    assert any("operator 'within'" in n for n in notes)
    assert any("granularity 'fortnight'" in n for n in notes)


def test_history_is_bounded_key_free_and_tolerates_bad_lines(tmp_path: Path) -> None:
    history = History(tmp_path / "history.jsonl", limit=5)
    for index in range(8):
        history.append(
            HistoryEntry(
                now_utc(),
                QueryDraft(metrics=(f"m{index}",)),
                index,
                12.5,
                "ok",
                "P" if index == 7 else None,
            )
        )
    with open(history.path, "a") as handle:
        handle.write("{not json\n")
    entries, bad = history.entries()
    assert [e.draft.metrics[0] for e in entries] == ["m7", "m6", "m5", "m4", "m3"] and bad == 1
    assert history.last_run("P") is not None and history.last_run("Q") is None
    assert CANARY_KEY not in history.path.read_text()
    history.append(HistoryEntry(now_utc(), DRAFT, None, 3, "Network error"))
    assert len(history.path.read_text().splitlines()) == 5


def test_cli_presets_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = ["--config-dir", str(tmp_path)]
    assert main(["presets", "list", *config]) == 0
    assert "Spend by model, last 30 days" in capsys.readouterr().out
    out_file = tmp_path / "spend.toml"
    assert (
        main(["presets", "export", "Spend by model, last 30 days", "-o", str(out_file), *config])
        == 0
    )
    assert main(["presets", "import", str(out_file), "--name", "Mine", *config]) == 0
    assert main(["presets", "import", str(out_file), "--name", "Mine", *config]) == 2
    assert main(["presets", "show", "mine", *config]) == 0
    shown = capsys.readouterr().out
    assert tomllib.loads(shown)["name"] == "Mine"
    assert main(["presets", "rm", "Mine", *config]) == 0
    assert main(["presets", "show", "Mine", *config]) == 2


WRITER = """
import sys
from pathlib import Path
from ortui.presets.preset import Preset
from ortui.presets.store import PresetStore
from ortui.query.draft import QueryDraft
store = PresetStore(Path(sys.argv[1]))
metrics = tuple(f"metric_{i}" for i in range(3000))
n = 0
while True:
    n += 1
    store.save(Preset(sys.argv[2], QueryDraft(metrics=metrics[: 1 + n % 3000]),
                      "x" * (n % 5000)), overwrite=True)
"""


def test_killing_a_save_never_corrupts_or_loses_the_preset(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    store.save(Preset("Victim", QueryDraft(metrics=("total_usage",))))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for round_ in range(25):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "Victim"], env=env)
        time.sleep(0.25 + (round_ % 5) * 0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        presets, problems = store.scan()
        assert problems == [] and [p.name for p in presets] == ["Victim"]
    assert store.load("Victim").draft.metrics != ("total_usage",)  # the writer really wrote
    leftovers = [p for p in tmp_path.iterdir() if p.suffix != ".toml"]
    assert all(p.name.endswith(".tmp") for p in leftovers)


def test_two_processes_saving_at_once_keep_both_and_never_corrupt(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name], env=env)
        for name in ("One", "Two", "Two")
    ]
    time.sleep(1.5)
    for process in procs:
        process.send_signal(signal.SIGKILL)
        process.wait()
    presets, problems = PresetStore(tmp_path).scan()
    assert problems == [] and sorted(p.name for p in presets) == ["One", "Two"]


def test_toml_is_what_a_person_would_write() -> None:
    text = to_toml(Preset("Spend", DRAFT, "why"))
    assert text.splitlines()[:3] == ["version = 1", 'name = "Spend"', 'description = "why"']
    assert "[[query.filters]]" in text and "include_unset = true" in text
