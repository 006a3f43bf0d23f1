"""No key is bound twice in one scope, and no priority key silently shadows a pane's own key.

Several helpers added keys in parallel; this collects every ``BINDINGS`` of every ortui screen
and widget (with the bindings inherited from ortui base classes) and fails on a clash.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

import ortui
from ortui.app import OrtuiApp
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.global_keys import GLOBAL_KEYS


def _ortui_nodes() -> Iterator[type[DOMNode]]:
    for info in pkgutil.walk_packages(ortui.__path__, "ortui."):
        if not info.name.startswith(("ortui.screens", "ortui.widgets", "ortui.app")):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == info.name:
                yield cls


def _bindings(cls: type[DOMNode]) -> list[tuple[str, Binding, str]]:
    """(key, binding, defining class) for the bindings ortui classes in the MRO define."""
    found: list[tuple[str, Binding, str]] = []
    for base in cls.__mro__:
        if not base.__module__.startswith("ortui") or "BINDINGS" not in base.__dict__:
            continue
        for item in base.__dict__["BINDINGS"]:
            assert isinstance(item, Binding), f"{base.__name__}: use Binding(...), not tuples"
            found += [(key.strip(), item, base.__name__) for key in item.key.split(",")]
    return found


def test_no_key_bound_to_two_actions_in_one_scope() -> None:
    clashes = []
    for cls in _ortui_nodes():
        seen: dict[str, tuple[str, str]] = {}
        for key, binding, owner in _bindings(cls):
            if key in seen and seen[key][0] != binding.action:
                clashes.append(
                    f"{cls.__name__}: {key!r} → {seen[key][0]} ({seen[key][1]}) "
                    f"and {binding.action} ({owner})"
                )
            seen.setdefault(key, (binding.action, owner))
    assert clashes == []


def test_global_keys_are_unique() -> None:
    keys = [key for g in GLOBAL_KEYS for key in g.keys.split(",")]
    assert len(keys) == len(set(keys)), keys
    assert len({g.id for g in GLOBAL_KEYS}) == len(GLOBAL_KEYS)


def test_explorer_priority_keys_shadow_no_pane_key() -> None:
    """A global (priority) key wins over the focused widget's binding, so a widget binding
    the same key to something else would be dead."""
    priority = {key for key, b, _ in _bindings(ExplorerScreen) if b.priority}
    app_keys = {key: b.action for key, b, _ in _bindings(OrtuiApp)}
    dead = []
    for cls in _ortui_nodes():
        if cls is ExplorerScreen:
            continue
        for key, binding, owner in _bindings(cls):
            if cls.__module__.startswith("ortui.widgets") and key in priority:
                dead.append(f"{owner}: {key!r} ({binding.action}) is shadowed by the explorer")
    for key, binding, _ in _bindings(ExplorerScreen):
        if key in app_keys and app_keys[key] != binding.action:
            dead.append(f"ExplorerScreen {key!r} ({binding.action}) vs app ({app_keys[key]})")
    assert dead == []
