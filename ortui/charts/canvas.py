"""A grid of character cells, each with a foreground and background role, read back as runs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn in one style: ``fg``/``bg`` are roles (a series index, or
    names such as ``axis``, ``label``, ``title``, ``muted``, ``other``); ``None`` is default."""

    text: str
    fg: int | str | None = None
    bg: int | str | None = None


Line = list[Run]


class Canvas:
    """``width`` × ``height`` cells; later writes win; reading yields one list of runs a row."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.chars = [[" "] * width for _ in range(height)]
        self.fgs: list[list[int | str | None]] = [[None] * width for _ in range(height)]
        self.bgs: list[list[int | str | None]] = [[None] * width for _ in range(height)]

    def put(
        self, x: int, y: int, char: str, fg: int | str | None = None, bg: int | str | None = None
    ) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            self.chars[y][x] = char
            self.fgs[y][x] = fg
            self.bgs[y][x] = bg

    def text(self, x: int, y: int, text: str, fg: int | str | None = None) -> None:
        for offset, char in enumerate(text):
            self.put(x + offset, y, char, fg)

    def is_blank(self, x: int, y: int, length: int = 1) -> bool:
        return all(0 <= x + i < self.width and self.chars[y][x + i] == " " for i in range(length))

    def lines(self) -> list[Line]:
        out: list[Line] = []
        for chars, fgs, bgs in zip(self.chars, self.fgs, self.bgs, strict=True):
            runs: Line = []
            start = 0
            for x in range(1, self.width + 1):
                if x == self.width or fgs[x] != fgs[start] or bgs[x] != bgs[start]:
                    runs.append(Run("".join(chars[start:x]), fgs[start], bgs[start]))
                    start = x
            out.append(runs)
        return out


def plain(lines: list[Line]) -> str:
    """The text alone, trailing spaces removed: what a test or a pipe sees."""
    return "\n".join("".join(run.text for run in line).rstrip() for line in lines)
