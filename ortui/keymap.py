"""``CONFIG_DIR/keymap.toml``: remap any action; the defaults, including vim-style movement.

    [grid]
    sort = "S"                 # one key …
    down = ["down", "j"]       # … or several
    explorer.watch = "ctrl+w"  # dotted names work too

The file is hostile input: bounded size, only known actions, only key names (letters, digits,
``_``, ``+``); anything wrong is reported with its line and ignored — never fatal.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ortui.fileio import read_regular

FILE_NAME = "keymap.toml"
MAX_BYTES = 64 * 1024
MAX_KEYS = 8

#: Every remappable action: id → (default keys, what it does). The one place for default keys.
ACTIONS: dict[str, tuple[str, str]] = {
    "app.help": ("f1,question_mark", "keys of the focused area"),
    "app.quit": ("ctrl+q", "quit"),
    # the explorer's global keys (screens/global_keys.py, which must agree: a test checks)
    "ortui.run": ("f5,ctrl+r", "run the query"),
    "ortui.focus-builder": ("f2", "focus the builder"),
    "ortui.focus-grid": ("f3", "focus the grid"),
    "ortui.focus-chart": ("f4", "focus the chart"),
    "ortui.toggle-builder": ("ctrl+b", "collapse or show the builder"),
    "ortui.save": ("ctrl+s", "save the query as a preset"),
    "ortui.presets": ("ctrl+o", "open presets"),
    "ortui.history": ("ctrl+y", "history"),
    "ortui.key": ("ctrl+k", "enter a management key"),
    "explorer.cancel": ("escape", "cancel the running query, close the find bar"),
    "explorer.warnings": ("exclamation_mark", "show the result's warnings"),
    "explorer.chart_metric": ("c", "plot the next metric"),
    "explorer.zoom": ("z", "maximise or restore the focused pane"),
    "explorer.compare": ("p", "compare with the previous period"),
    "explorer.compare_with": ("P", "compare with a week, a month or a year earlier"),
    "explorer.explain": ("w", "explain the change"),
    "explorer.watch": ("r", "watch: re-run every N s"),
    "explorer.drill": ("enter", "drill down into the row"),
    "explorer.drill_back": ("backspace", "back up one drill level"),
    "explorer.spend": ("f6,dollar_sign", "the Spend screen"),
    "grid.up": ("up,k", "cursor up"),
    "grid.down": ("down,j", "cursor down"),
    "grid.left": ("left,h", "cursor left"),
    "grid.right": ("right,l", "cursor right"),
    "grid.page_up": ("pageup", "page up"),
    "grid.page_down": ("pagedown", "page down"),
    "grid.first": ("home,g", "first row"),
    "grid.last": ("end,G", "last row"),
    "grid.sort": ("s", "sort by the cursor's column"),
    "grid.find": ("slash", "find in rows"),
    "grid.next_match": ("n", "next match"),
    "grid.prev_match": ("N", "previous match"),
    "grid.copy_cell": ("y", "copy the cell"),
    "grid.copy_row": ("Y", "copy the row"),
    "grid.copy_all": ("t", "copy the whole result"),
    "grid.export": ("e", "export"),
    "grid.pivot": ("v", "pivot view"),
    "chart.metric": ("c", "plot the next metric"),
    "chart.kind": ("K", "chart kind"),
    "list.up": ("up,k", "previous item (k when the list has focus)"),
    "list.down": ("down,j", "next item (j when the list has focus)"),
    "list.first": ("home,g", "first item"),
    "list.last": ("end,G", "last item"),
    "list.close": ("escape", "close"),
    "filters.add": ("a", "add a filter"),
    "filters.remove": ("x,delete", "remove the filter"),
    "filters.edit": ("e", "edit the filter"),
}

_KEY = re.compile(r"(?:(?:ctrl|shift|alt|meta|super)\+){0,3}(?:[a-z][a-z0-9_]{0,24}|[A-Za-z0-9])")


def default_keys(action: str) -> str:
    """The default keys of ``action`` ("f5,ctrl+r"): what every ``Binding`` uses."""
    return ACTIONS[action][0]


@dataclass
class Keymap:
    """The user's remaps (action → "key,key") and what was wrong with the file."""

    remaps: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def keys(self, action: str) -> list[str]:
        """The effective keys of ``action`` (remapped or default)."""
        return (self.remaps.get(action) or default_keys(action)).split(",")


def _lines(text: str) -> dict[str, int]:
    """Where each action is written: ``section.key = …`` or ``key = …`` under ``[section]``."""
    found: dict[str, int] = {}
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", line)
        if header:
            section = header.group(1).replace('"', "")
            continue
        if "=" in line:
            name = line.split("=", 1)[0].strip().replace('"', "").replace(" ", "")
            found.setdefault(f"{section}.{name}" if section else name, number)
    return found


def _flatten(document: dict[str, object]) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for name, value in document.items():
        if isinstance(value, dict):
            pairs += [(f"{name}.{key}", inner) for key, inner in value.items()]
        else:
            pairs.append((name, value))
    return pairs


def _shown(value: object) -> str:
    return repr(value)[:40]  # repr escapes control characters


def _keys_of(value: object) -> list[str] | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or len(items) > MAX_KEYS:
        return None
    keys = [k.strip() for k in items if isinstance(k, str)]
    if len(keys) != len(items) or not all(_KEY.fullmatch(k) for k in keys):
        return None
    return keys


def _entry_problem(action: str, value: object) -> str | None:
    if action not in ACTIONS:
        close = difflib.get_close_matches(action, ACTIONS, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"unknown action {_shown(action)}{hint}"
    if _keys_of(value) is None:
        return (
            f"{_shown(value)} is not a key or a list of 1–{MAX_KEYS} keys: use names "
            "such as j, G, f6, ctrl+w, slash, question_mark"
        )
    return None


def _clashes(remaps: dict[str, str]) -> list[tuple[str, str]]:
    """Remapped actions whose key another action of the same area already uses."""
    taken: dict[tuple[str, str], str] = {}
    for action in ACTIONS:
        for key in (remaps.get(action) or default_keys(action)).split(","):
            taken.setdefault((_area(action), key), action)
    return [
        (action, other)
        for action, keys in remaps.items()
        for key in keys.split(",")
        if (other := taken[(_area(action), key)]) != action
    ]


def _area(action: str) -> str:
    """Where an action's keys are read: the explorer's global keys share its screen."""
    area = action.split(".")[0]
    return "explorer" if area == "ortui" else area


def parse_keymap(text: str, where: str) -> Keymap:
    keymap = Keymap()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"\(at line (\d+)", str(exc))
        at = f"{where}:{line.group(1)}" if line else where
        return Keymap(problems=[f"{at}: {exc}; the keymap is ignored"])
    lines = _lines(text)
    for action, value in _flatten(document):
        problem = _entry_problem(action, value)
        at = f"{where}:{lines[action]}" if action in lines else where
        if problem is not None:
            keymap.problems.append(f"{at}: {problem}; ignored")
            continue
        keymap.remaps[action] = ",".join(_keys_of(value) or [])
    for action, other in _clashes(dict(keymap.remaps)):
        if action in keymap.remaps:
            at = f"{where}:{lines[action]}" if action in lines else where
            keymap.problems.append(f"{at}: {action} would take a key of {other}; ignored")
            del keymap.remaps[action]
    return keymap


def load_keymap(config_dir: Path) -> Keymap:
    """The keymap in ``config_dir`` (empty when there is none)."""
    path = config_dir / FILE_NAME
    try:
        data = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        return Keymap()
    except OSError as exc:
        return Keymap(problems=[f"{path}: {exc.strerror or exc}; the keymap is ignored"])
    if len(data) > MAX_BYTES:
        return Keymap(
            problems=[f"{path}: larger than {MAX_BYTES // 1024} KB; the keymap is ignored"]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Keymap(problems=[f"{path}: not UTF-8 text; the keymap is ignored"])
    return parse_keymap(text, str(path))
