"""Reading a rendered chart back from its plain text, as a person would."""

from __future__ import annotations

import re
from dataclasses import dataclass

LEFT = " ▏▎▍▌▋▊▉"
LOWER = " ▁▂▃▄▅▆▇"
FULL = set("█▓▒░▚#=+:%")
UNITS = {"k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def value_of(label: str) -> float:
    """``$1.2k`` → 1200, ``41 %`` → 0.41, ``850 ms`` → 850, ``2 s`` → 2000, ``-$3`` → -3."""
    text = label.strip().replace(",", "")
    factor = 1.0
    if text.endswith(" %"):
        text, factor = text[:-2], 0.01
    elif text.endswith(" ms"):
        text = text[:-3]
    elif text.endswith(" s"):
        text, factor = text[:-2], 1000.0
    elif text.endswith(" tok/s"):
        text = text[:-6]
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("-").lstrip("$")
    if text and text[-1] in UNITS:
        factor *= UNITS[text[-1]]
        text = text[:-1]
    return sign * float(text) * factor


@dataclass
class Axis:
    """Labels of a horizontal axis: (column of its tick, text)."""

    ticks: list[tuple[int, str]]


def axis_under(lines: list[str], row: int, tick: str) -> Axis:
    """The ticks on ``lines[row]`` and, for each, the label on the next row covering it."""
    labels = lines[row + 1] if row + 1 < len(lines) else ""
    out = []
    for match in re.finditer(re.escape(tick), lines[row]):
        column = match.start()
        for word in re.finditer(r"\S+(?: (?:%|ms|s|tok/s)(?=\s|$))?", labels):
            if word.start() <= column < word.end():
                out.append((column, word.group()))
    return Axis(out)


@dataclass
class Bar:
    label: str
    eighths: int
    value_text: str


def ranked_bars(text: str) -> tuple[list[Bar], int, Axis]:
    """The bars (label, length in eighths, printed value), the column where bars start, and
    the value axis."""
    lines = text.split("\n")
    bars, start = [], 0
    axis_row = next(i for i, line in enumerate(lines) if "└" in line)
    for line in lines[:axis_row]:
        if "│" not in line:
            continue
        label, _, rest = line.partition("│")
        start = len(label) + 1
        body = rest.rstrip()
        bar = body.split(" ", 1)[0] if body and body[0] in "█" + LEFT else ""
        value_text = body[len(bar) :].strip()
        eighths = 8 * bar.count("█") + sum(LEFT.index(c) for c in bar if c in LEFT[1:])
        bars.append(Bar(label.strip(), eighths, value_text))
    return bars, start, axis_under(lines, axis_row, "┬")


def plot_rows(text: str) -> tuple[list[str], int, int]:
    """Lines, index of the first plot row, index of the x-axis row (└…)."""
    lines = text.split("\n")
    axis_row = next(i for i, line in enumerate(lines) if "└" in line)
    first = next(i for i, line in enumerate(lines) if "┤" in line or "│" in line)
    return lines, first, axis_row


def top_dot_column(text: str) -> int:
    """The column of the cell holding the highest braille dot (its top dot row lit)."""
    lines, first, axis_row = plot_rows(text)
    for line in lines[first:axis_row]:
        hits = [
            x for x, c in enumerate(line) if 0x2800 < ord(c) <= 0x28FF and (ord(c) - 0x2800) & 0x09
        ]
        if hits:
            return hits[0]
    raise AssertionError("no dots")


def column_heights(text: str) -> dict[int, int]:
    """Height in eighths of each column of a stacked-bar chart (NO_COLOR text)."""
    lines, first, axis_row = plot_rows(text)
    gutter = lines[first].index("┤") if "┤" in lines[first] else lines[first].index("│")
    heights: dict[int, int] = {}
    for line in lines[first:axis_row]:
        for x in range(gutter + 1, len(line)):
            char = line[x]
            if char in FULL:
                heights[x] = heights.get(x, 0) + 8
            elif char in LOWER[1:]:
                heights[x] = heights.get(x, 0) + LOWER.index(char)
    return heights


def y_top(text: str) -> float:
    """The value of the highest y-axis tick label (on the first plot row)."""
    lines, first, _ = plot_rows(text)
    return value_of(lines[first].split("┤")[0])


def legend_rows(text: str) -> list[str]:
    """The rows above the plot (title and legend): everything before the first axis tick."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "┤" in line)
    return lines[:first]


def legend_entries(rows: list[str], labels: list[str]) -> tuple[list[str], int]:
    """The labels the legend shows whole, in its order, and ``k`` of its "+k more" (0 when
    absent). An entry is a one-character symbol, a space and the label, three spaces apart."""
    found: list[tuple[int, int, str]] = []
    for row, line in enumerate(rows):
        for label in labels:
            for match in re.finditer(r"(?:^|   )\S (" + re.escape(label) + r")(?=   |$)", line):
                found.append((row, match.start(1), label))
    more = re.search(r"(?:^|   )\+(\d+) more(?=   |$)", "\n".join(rows), re.MULTILINE)
    return [label for _, _, label in sorted(found)], int(more.group(1)) if more else 0
