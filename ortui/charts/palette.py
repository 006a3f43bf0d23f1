"""Series colours (readable on dark and light backgrounds); "Other" and axes are neutral."""

from __future__ import annotations

SERIES = (
    "#4e9be6",
    "#f28e2b",
    "#59c25a",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#c49a6c",
    "#9ca3ff",
)
NEUTRAL = {
    "other": "#8c8c8c",
    "axis": "#8c8c8c",
    "muted": "#8c8c8c",
    "mark": "#8c8c8c",
    "note": "#8c8c8c",
}


def colour_of(role: int | str | None) -> str | None:
    """The hex colour of a role; ``None`` keeps the terminal's own colour."""
    if isinstance(role, int):
        return SERIES[role % len(SERIES)]
    return NEUTRAL.get(role or "")


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
