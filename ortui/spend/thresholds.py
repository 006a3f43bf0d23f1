"""``ortui check`` thresholds: parse them, and find every one the spend report crosses."""

from __future__ import annotations

from dataclasses import dataclass

#: Threshold kinds: (option name, unit, whether it names keys / workspaces).
KINDS: dict[str, tuple[str, str]] = {
    "balance-below": ("USD", ""),
    "runway-below": ("DAYS", ""),
    "spend-today-above": ("USD", ""),
    "key-usage-above": ("PCT", "key"),
    "key-pace-above": ("PCT", "key"),
    "budget-usage-above": ("PCT", "workspace"),
    "budget-pace-above": ("PCT", "workspace"),
}


class ThresholdError(ValueError):
    """A threshold that cannot be read or names nothing in the account."""


@dataclass(frozen=True)
class Threshold:
    """One threshold; ``target`` is a key or workspace name or id (None = every one)."""

    kind: str
    value: float
    target: str | None = None


@dataclass(frozen=True)
class Crossing:
    """A threshold crossed: what, by whom, the value seen and a sentence for a person."""

    check: str
    subject: str
    id: str | None
    value: float
    threshold: float
    message: str


def parse_threshold(kind: str, text: str) -> Threshold:
    """``80`` or, for key and budget thresholds, ``NAME_OR_ID=80``."""
    unit, scope = KINDS[kind]
    target: str | None = None
    number = text.strip()
    if scope and "=" in number:
        target, _, number = number.rpartition("=")
        target = target.strip()
        if not target:
            raise ThresholdError(f"--{kind} {text!r}: nothing before '='")
    try:
        value = float(number.removeprefix("$").removesuffix("%"))
    except ValueError:
        hint = f"[{scope.upper()}=]{unit}" if scope else unit
        raise ThresholdError(f"--{kind} {text!r}: expected {hint}") from None
    if value != value or value < 0 or value == float("inf"):
        raise ThresholdError(f"--{kind} {text!r}: expected a number ≥ 0")
    return Threshold(kind, value, target)


def for_subject(thresholds: list[Threshold], kind: str, names: tuple[str, ...]) -> Threshold | None:
    """The threshold of ``kind`` for a subject known by ``names``: its own, else the general."""
    own = [t for t in thresholds if t.kind == kind and t.target in names]
    if own:
        return min(own, key=lambda t: t.value)
    general = [t for t in thresholds if t.kind == kind and t.target is None]
    return min(general, key=lambda t: t.value) if general else None
