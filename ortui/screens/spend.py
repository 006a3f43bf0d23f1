"""The Spend screen: balance and runway, every key and budget against its limit, the month."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.api.retry import RetryNotice
from ortui.query.draft import FilterDraft, QueryDraft
from ortui.safe_text import safe_text as clean
from ortui.screens.guard import guarded
from ortui.spend.gather import gather
from ortui.spend.report import SpendInputs, SpendReport, build_report
from ortui.spend.text import key_status
from ortui.widgets.compat import SteadyHeader
from ortui.widgets.key_bar import KeyBar
from ortui.widgets.query_builder import QueryBuilder
from ortui.widgets.spend_summary import SpendSummary
from ortui.widgets.spend_table import LimitRow, SpendTable

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen

#: Automatic refresh period and the shortest gap between two refreshes (the account shares
#: about 64 requests a minute across analytics and management reads; one refresh costs ~15).
REFRESH_SECONDS = 300.0
MIN_GAP_SECONDS = 15.0
Loader = Callable[[datetime], Awaitable[SpendInputs]]


class SpendLoaded(Message):
    def __init__(self, report: SpendReport) -> None:
        super().__init__()
        self.report = report


class SpendFailed(Message):
    def __init__(self, error: errors.ApiError) -> None:
        super().__init__()
        self.error = error


def key_rows(report: SpendReport) -> list[LimitRow]:
    return [
        LimitRow(
            line.key.name,
            line.workspace,
            line.key.limit,
            line.key.limit_reset,
            line.pace,
            key_status(
                line.key.disabled, line.expiring, line.expired, line.key.expires_at, report.now
            ),
            ("api_key_id", line.key.hash),
        )
        for line in report.keys
    ]


def budget_rows(report: SpendReport) -> list[LimitRow]:
    return [
        LimitRow(
            b.workspace.name,
            b.workspace.name,
            b.limit_usd,
            b.reset_interval,
            b.pace,
            "BYOK counted" if b.workspace.include_byok_in_budgets else "",
            ("workspace", b.workspace.id),
        )
        for b in report.budgets
    ]


class SpendScreen(Screen[FilterDraft | None]):
    """Refreshes on ``r`` and every 5 minutes; Enter on a row returns its explorer filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh"),
        Binding("f5", "refresh", "Refresh", show=False),
        Binding("escape", "close", "Back"),
        Binding("enter", "explore", "Explore", show=False),
    ]

    def __init__(
        self,
        client: AnalyticsClient,
        *,
        loader: Loader | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self.client = client
        self.management = ManagementClient(client)
        self.loader = loader or self._gather
        self.clock = clock
        self.report: SpendReport | None = None
        self._last_start = -MIN_GAP_SECONDS
        self._next_in = REFRESH_SECONDS

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with VerticalScroll(id="spend-body"):
            yield SpendSummary("Reading credits, keys and budgets…", id="spend-summary")
            yield Static("API keys", classes="spend-title")
            yield SpendTable(id="spend-keys")
            yield Static("Workspace budgets", classes="spend-title", id="spend-budgets-title")
            yield SpendTable(id="spend-budgets")
        yield Static("", id="spend-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "ortui · Spend"
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self._refresh_on_timer)
        self.query_one("#spend-keys", SpendTable).focus()

    def _refresh_on_timer(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        since = time.monotonic() - self._last_start
        if since < MIN_GAP_SECONDS:
            self._status(
                f"Refreshed {since:.0f} s ago — the account's request budget is "
                f"shared; try again in {MIN_GAP_SECONDS - since:.0f} s."
            )
            return
        self._last_start = time.monotonic()
        self._status("Refreshing…")
        self.load()

    @work(exclusive=True, group="spend", exit_on_error=False)
    async def load(self) -> None:
        try:
            now = self.clock()
            inputs = await self.loader(now)
        except errors.ApiError as exc:
            self.post_message(SpendFailed(exc))
            return
        self.post_message(SpendLoaded(build_report(inputs, now)))

    async def _gather(self, now: datetime) -> SpendInputs:
        """Read everything; retries (a 429 waits as told) are said in the status line."""
        before = self.client.on_retry
        self.client.on_retry = self._on_retry
        try:
            return await gather(self.management, self.client, now)
        finally:
            self.client.on_retry = before

    def _on_retry(self, notice: RetryNotice) -> None:
        self._status(
            f"Refreshing… {clean(notice.reason)}: retrying in {notice.wait:.0f} s "
            f"(attempt {notice.attempt + 1})"
        )

    @guarded("show the spend figures")
    def on_spend_loaded(self, message: SpendLoaded) -> None:
        report = self.report = message.report
        styles = {
            "warn": self._colour("warning"),
            "over": f"bold {self._colour('error')}",
            "muted": "italic",
        }
        self.query_one(SpendSummary).show(report, self._colour("warning"))
        self.query_one("#spend-keys", SpendTable).show(key_rows(report), report.now, styles)
        self.query_one("#spend-budgets", SpendTable).show(budget_rows(report), report.now, styles)
        crossing = sum(line.pace.will_exceed for line in report.keys) + sum(
            line.pace.will_exceed for line in report.budgets
        )
        total = len(report.keys) + len(report.budgets)
        self._status(
            f"{report.now:%H:%M} UTC · {crossing} of {total} at or heading over "
            f"their limit · Enter explores · ←/→ more columns"
        )

    def on_spend_failed(self, message: SpendFailed) -> None:
        error = message.error
        if isinstance(error, errors.RateLimited) and error.retry_after:
            self._last_start = time.monotonic() + error.retry_after - MIN_GAP_SECONDS
        kept = " (showing the last figures)" if self.report else ""
        self._status(f"Could not refresh{kept}: {clean(error.title)}: {clean(error.message)}")

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "red" if name == "error" else "yellow")

    def _status(self, text: str) -> None:
        self.query_one("#spend-status", Static).update(Text(text))  # server text: never markup

    @guarded("explore the row")
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        table = event.data_table
        if isinstance(table, SpendTable) and 0 <= event.cursor_row < len(table.rows_shown):
            field, value = table.rows_shown[event.cursor_row].target
            self.dismiss(FilterDraft(field, "eq", (value,)))

    def action_explore(self) -> None:
        focused = self.focused
        if isinstance(focused, SpendTable):
            focused.action_select_cursor()

    def action_close(self) -> None:
        self.dismiss(None)


def with_filter(draft: QueryDraft, target: FilterDraft) -> QueryDraft:
    """``draft`` filtered to ``target``, replacing any filter on the same field."""
    kept = tuple(f for f in draft.filters if f.field != target.field)
    return draft.with_changes(filters=(*kept, target))


@guarded("open Spend")
def open_spend(explorer: ExplorerScreen) -> None:
    """Push the Spend screen over ``explorer``; a row chosen there runs filtered to it."""

    def explore(target: FilterDraft | None) -> None:
        if target is not None:
            explorer.saved.open_draft(with_filter(explorer.query_one(QueryBuilder).draft, target))

    explorer.app.push_screen(SpendScreen(explorer.client), explore)
