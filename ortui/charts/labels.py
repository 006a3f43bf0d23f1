"""Bar labels fitted to their room: a long one is cut in the middle (``anthropic/cl…-opus-4``),
where names that share a start or an end still differ, and two different labels never read
the same."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

ELLIPSIS = "…"


def cut_middle(label: str, room: int, head: int | None = None) -> str:
    """``label`` in at most ``room`` cells: its first ``head`` characters (about half the
    room when None), ``…``, and as many of its last ones as the room leaves."""
    if len(label) <= room:
        return label
    if room <= 1:
        return ELLIPSIS[:room]
    keep = room - 1
    head = (keep + 1) // 2 if head is None else max(0, min(keep, head))
    tail = keep - head
    return label[:head] + ELLIPSIS + (label[-tail:] if tail else "")


def fit_labels(labels: list[str], room: int) -> list[str]:
    """Each label in at most ``room`` cells, pairwise distinct: labels that fit keep their
    text; a cut one takes the middle cut unless another label already reads so, then the
    first other split that reads differently, and in the last resort a number (`` #2``)."""
    fitted: list[str | None] = [None] * len(labels)
    taken: set[str] = set()
    for index, label in enumerate(labels):
        if len(label) <= room and label not in taken:
            fitted[index] = label
            taken.add(label)
    for index, label in enumerate(labels):
        if fitted[index] is None:
            text = next(c for c in _candidates(label, room) if c not in taken)
            fitted[index] = text
            taken.add(text)
    return [text or "" for text in fitted]


def _candidates(label: str, room: int) -> Iterator[str]:
    """The cuts of ``label`` to try, best first; endless (numbered ones last)."""
    yield cut_middle(label, room)
    for head in range(room - 1, -1, -1):
        yield cut_middle(label, room, head)
    for number in count(2):
        suffix = f" #{number}"
        yield cut_middle(label, max(1, room - len(suffix))) + suffix
