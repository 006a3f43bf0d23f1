"""Completion candidates from an argparse parser and the words typed so far.

Walks the parser as argparse would (subcommands, options that take a value, positionals) and
asks ``values(kind)`` for dynamic names (presets, metrics…); never touches the network.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: What an option or positional takes, by (is-positional, dest).
VALUE_KINDS: dict[tuple[bool, str], str] = {
    (False, "preset"): "presets",
    (True, "name"): "presets",
    (False, "metrics"): "metrics,",
    (False, "dimensions"): "dimensions,",
    (False, "granularity"): "granularities",
    (False, "order_by"): "fields",
    (False, "filters"): "dimensions",
    (False, "last"): "ranges",
    (False, "tz"): "zones",
    (False, "key_file"): "files",
    (False, "config_dir"): "files",
    (False, "output"): "files",
    (True, "file"): "files",
}

Values = Callable[[str], list[str]]


@dataclass
class _Walk:
    parser: argparse.ArgumentParser
    pending: argparse.Action | None = None
    positionals: int = 0


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {flag: action for action in parser._actions for flag in action.option_strings}


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def _walk(parser: argparse.ArgumentParser, words: Sequence[str]) -> _Walk:
    state = _Walk(parser)
    for word in words:
        if state.pending is not None:
            state.pending = None
            continue
        if word.startswith("-") and word != "-":
            action = _options(state.parser).get(word.split("=", 1)[0])
            if action is not None and _takes_value(action) and "=" not in word:
                state.pending = action
            continue
        commands = _subcommands(state.parser)
        if word in commands:
            state.parser, state.positionals = commands[word], 0
        else:
            state.positionals += 1
    return state


def _kind(action: argparse.Action, positional: bool) -> str | None:
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return None
    return VALUE_KINDS.get((positional, action.dest))


def _values_for(
    action: argparse.Action, positional: bool, current: str, values: Values
) -> list[str]:
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return [str(c) for c in action.choices if str(c).startswith(current)]
    kind = _kind(action, positional)
    if kind is None:
        return []
    if kind.endswith(","):  # a comma list: complete the last item, keep the ones before
        head, _, tail = current.rpartition(",")
        prefix = f"{head}," if head else ""
        taken = set(head.split(",")) if head else set()
        return [
            prefix + name
            for name in values(kind[:-1])
            if name.startswith(tail) and name not in taken
        ]
    return [name for name in values(kind) if name.startswith(current)]


def _visible_options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        flag
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for flag in action.option_strings
        if flag.startswith("--") or len(action.option_strings) == 1
    ]


def complete(parser: argparse.ArgumentParser, words: Sequence[str], values: Values) -> list[str]:
    """Candidates for the last word of ``words`` (the words after the program name)."""
    current = words[-1] if words else ""
    state = _walk(parser, words[:-1])
    if state.pending is not None:
        return _values_for(state.pending, False, current, values)
    if current.startswith("-"):
        flag, eq, typed = current.partition("=")
        action = _options(state.parser).get(flag)
        if eq and action is not None:
            return [f"{flag}={v}" for v in _values_for(action, False, typed, values)]
        return [o for o in _visible_options(state.parser) if o.startswith(current)]
    commands = _subcommands(state.parser)
    if commands:
        return [name for name in commands if name.startswith(current)]
    positionals = [
        a for a in state.parser._actions if not a.option_strings and a.help != argparse.SUPPRESS
    ]
    if state.positionals < len(positionals):
        return _values_for(positionals[state.positionals], True, current, values)
    return []
