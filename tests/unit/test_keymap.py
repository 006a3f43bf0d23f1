"""keymap.toml: known actions only, key names only, problems reported with their line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from ortui.app import OrtuiApp
from ortui.keymap import ACTIONS, MAX_BYTES, load_keymap, parse_keymap
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.global_keys import GLOBAL_KEYS
from ortui.screens.searchable_list import SearchableList
from ortui.widgets.chart_pane import CHART_KEYS, ChartPane
from ortui.widgets.filter_list import FilterList
from ortui.widgets.results_grid import ResultsGrid

OWNERS = (OrtuiApp, ExplorerScreen, ResultsGrid, ChartPane, SearchableList, FilterList)


def test_every_action_is_a_binding_and_every_binding_an_action() -> None:
    ids = {
        b.id
        for owner in OWNERS
        for b in owner.BINDINGS
        if isinstance(b, Binding) and b.id is not None
    }
    assert ids == set(ACTIONS)
    for key in GLOBAL_KEYS:  # the explorer's global keys keep their defaults in step
        assert ACTIONS[key.id][0] == key.keys


def test_vim_keys_do_not_clash_with_single_letter_keys() -> None:
    grid = {key for b in ResultsGrid.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
    assert {"j", "k", "g", "G", "n", "N"} <= grid
    assert CHART_KEYS["kind"] == "K"  # chart kind left k to "up"
    keys: dict[str, str] = {}
    for owner in (ResultsGrid, ExplorerScreen):
        for b in owner.BINDINGS:
            assert isinstance(b, Binding)
            for key in b.key.split(","):
                assert keys.setdefault(key, b.action) == b.action, key


def test_remaps_sections_and_dotted_names() -> None:
    keymap = parse_keymap(
        'explorer.watch = "ctrl+w"\n[grid]\nsort = "S"\ndown = ["down", "ctrl+n"]\n', "keymap.toml"
    )
    assert keymap.remaps == {
        "grid.sort": "S",
        "grid.down": "down,ctrl+n",
        "explorer.watch": "ctrl+w",
    }
    assert keymap.problems == []
    assert keymap.keys("grid.sort") == ["S"] and keymap.keys("grid.up") == ["up", "k"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[grid]\nsort = "S"\nsorted = "x"\n',
            "keymap.toml:3: unknown action 'grid.sorted' (did you mean grid.sort?); ignored",
        ),
        ('grid.find = "ctrl+\\u001b[2J"\n', "keymap.toml:1: 'ctrl+\\x1b[2J' is not a key"),
        ("grid.find = 7\n", "keymap.toml:1: 7 is not a key"),
        ('grid.find = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]\n', "list of 1–8 keys"),
        ('[grid]\nsort = "S"\nfind = = 1\n', "keymap.toml:3: "),
        ('[grid]\nfind = "s"\n', "keymap.toml:2: grid.find would take a key of grid.sort; ignored"),
    ],
)
def test_broken_entries_are_reported_with_their_line(text: str, expected: str) -> None:
    keymap = parse_keymap(text, "keymap.toml")
    assert any(expected in p for p in keymap.problems), keymap.problems
    assert all("\x1b" not in p for p in keymap.problems)
    assert "grid.find" not in keymap.remaps


def test_hostile_files_are_ignored(tmp_path: Path) -> None:
    assert load_keymap(tmp_path).remaps == {}
    path = tmp_path / "keymap.toml"
    path.write_bytes(b"\xff\xfe not utf-8")
    assert "not UTF-8" in load_keymap(tmp_path).problems[0]
    path.write_text("#" * (MAX_BYTES + 1))
    assert "larger than" in load_keymap(tmp_path).problems[0]
    path.write_text('grid.sort = "S"\n')
    assert load_keymap(tmp_path).remaps == {"grid.sort": "S"}
