"""Messages that cross screens; they carry domain objects, never httpx types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from ortui.api.errors import ApiError
from ortui.api.models import Meta, QueryRequest
from ortui.api.retry import RetryNotice
from ortui.query.draft import QueryDraft
from ortui.results.prepared_grid import PreparedGrid
from ortui.results.series import ChartData
from ortui.results.table import ResultTable

if TYPE_CHECKING:
    from ortui.widgets.chart_strips import DrawnChart


class SchemaLoaded(Message):
    """Meta arrived; the builder can be filled."""

    def __init__(self, meta: Meta) -> None:
        super().__init__()
        self.meta = meta


class SchemaFailed(Message):
    """Meta could not be loaded."""

    def __init__(self, error: ApiError) -> None:
        super().__init__()
        self.error = error


class QueryFinished(Message):
    """A query returned and its rows are typed; ``drawn`` (the chart drawn at the pane's size)
    and ``grid`` (column widths, the pivot when the view is on) were prepared off the UI
    thread."""

    def __init__(
        self,
        table: ResultTable,
        request: QueryRequest,
        draft: QueryDraft,
        client_ms: float,
        chart: ChartData | None = None,
        drawn: DrawnChart | None = None,
        grid: PreparedGrid | None = None,
    ) -> None:
        super().__init__()
        self.table = table
        self.chart = chart
        self.drawn = drawn
        self.grid = grid
        self.request = request
        self.draft = draft
        self.client_ms = client_ms


class QueryFailed(Message):
    """A query failed; the builder is left as it was."""

    def __init__(self, error: ApiError, request: QueryRequest, draft: QueryDraft) -> None:
        super().__init__()
        self.error = error
        self.request = request
        self.draft = draft


class RetryScheduled(Message):
    """The client waits before retrying a query; the screen counts the wait down."""

    def __init__(self, notice: RetryNotice) -> None:
        super().__init__()
        self.notice = notice
