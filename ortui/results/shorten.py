"""Text cut to a column's width so that the values still tell apart: a cut keeps a value's
start and its end (``ant…sonnet-4``, ``ant…opus-4``), at the one split point per column that
keeps every different value different — not the first characters only, which read
``anthropic/c…`` for four models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import islice

from ortui.results.formatting import format_cell
from ortui.results.table import ResultTable

ELLIPSIS = "…"
#: Distinct values weighed when choosing a column's split point (its first ones).
MAX_VALUES = 1000


def cut(text: str, width: int, head: int) -> str:
    """``text`` in ``width`` characters: its first ``head`` ones, ``…``, then its end."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = max(0, min(head, width - 1))
    tail = width - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


def _heads(width: int) -> list[int]:
    """Split points to try, the most readable first: a third of the width for the start
    (a model's provider), the rest for the end (where model names differ)."""
    first = max(0, (width - 1) // 3)
    return [first, *range(first - 1, -1, -1), *range(first + 1, width)]


def shortened(values: Iterable[str], width: int) -> dict[str, str]:
    """Each of ``values`` as shown in ``width`` characters, distinct from every other one
    wherever a split point does that: each value keeps the most readable split that no
    other value's text takes (values past the first MAX_VALUES are left to ``cut``)."""
    distinct = list(islice(dict.fromkeys(values), MAX_VALUES))
    shown = {text: text for text in distinct if len(text) <= width}
    taken = set(shown.values())
    pending = [text for text in distinct if len(text) > width]
    order = _heads(width)
    for head in order:
        if not pending:
            break
        cuts = {text: cut(text, width, head) for text in pending}
        counts = Counter(cuts.values())
        for text, short in cuts.items():
            if counts[short] == 1 and short not in taken:
                shown[text] = short
                taken.add(short)
        pending = [text for text in pending if text not in shown]
    for text in pending:  # no split tells it apart: the most readable one
        shown[text] = cut(text, width, order[0])
    return shown


def shown_texts(table: ResultTable, index: int, width: int) -> dict[str, str]:
    """``shortened`` for the shown text of one column of ``table``."""
    column = table.columns[index]
    values = islice(dict.fromkeys(column.values), MAX_VALUES)
    return shortened((format_cell(value, column, table.granularity) for value in values), width)
