"""Each cell's text as the results grid shows it: formatted on first sight (the last
``CACHE_ROWS`` rows kept), a partial end bucket marked ``*``, a long dimension value cut where
its column's values stay apart."""

from __future__ import annotations

from collections import OrderedDict

from ortui.results.formatting import format_cell
from ortui.results.partial import MARK, partial_buckets
from ortui.results.shorten import cut, shown_texts
from ortui.results.table import ResultTable

CACHE_ROWS = 2048


class ShownCells:
    """The shown texts of one table's cells (a new table gets a new one)."""

    def __init__(self, table: ResultTable | None = None) -> None:
        self.table = table
        self._partial = partial_buckets(table).times  # end buckets the range cuts: marked *
        self._cache: OrderedDict[int, list[str]] = OrderedDict()
        #: (column, width) -> each text of that column as cut to that width, kept distinct
        self._short: dict[tuple[int, int], dict[str, str]] = {}

    def row(self, row: int) -> list[str]:
        """The texts of row ``row`` (the table's own order), formatted once."""
        cached = self._cache.get(row)
        if cached is not None:
            return cached
        assert self.table is not None
        cells = [format_cell(c.values[row], c, self.table.granularity) for c in self.table.columns]
        if self._partial:
            for index, column in enumerate(self.table.columns):
                if column.kind == "time" and column.values[row] in self._partial:
                    cells[index] += MARK
        self._cache[row] = cells
        if len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return cells

    def fitted(self, index: int, text: str, width: int) -> str:
        """A text cell too long for its column, cut where the column's values stay apart."""
        if len(text) <= width or self.table is None:
            return text
        if self.table.columns[index].kind not in ("dimension", "extra"):
            return text  # numbers and dates are never cut (their column fits them)
        texts = self._short.get((index, width))
        if texts is None:
            texts = self._short[index, width] = shown_texts(self.table, index, width)
        return texts.get(text) or cut(text, width, (width - 1) // 3)
