"""Rows of runs as terminal text: 24-bit colour escapes, or plain text when colour is off."""

from __future__ import annotations

from ortui.charts.canvas import Line
from ortui.charts.palette import colour_of, rgb

RESET = "\x1b[0m"


def _sgr(fg: int | str | None, bg: int | str | None) -> str:
    codes = []
    if fg == "title":
        codes.append("1")
    if (colour := colour_of(fg)) is not None:
        codes.append("38;2;{};{};{}".format(*rgb(colour)))
    if (colour := colour_of(bg)) is not None:
        codes.append("48;2;{};{};{}".format(*rgb(colour)))
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def to_ansi(lines: list[Line], colour: bool) -> str:
    """One string, a newline after every row, trailing spaces dropped."""
    out = []
    for line in lines:
        if not colour:
            out.append("".join(run.text for run in line).rstrip())
            continue
        while line and not line[-1].text.strip() and line[-1].bg is None:
            line = line[:-1]
        parts = [(_sgr(r.fg, r.bg) + r.text + RESET) if _sgr(r.fg, r.bg) else r.text for r in line]
        out.append("".join(parts))
    return "\n".join(out) + "\n"
