"""The top of the Spend screen: balance and runway, the month, today against yesterday."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ortui.spend.report import SpendReport
from ortui.spend.wording import byok_note, days, usd


def summary_text(report: SpendReport, warn: str) -> Text:
    """Four short lines (the month's second says what it counts); the runway in the warning
    colour when it ends within a month."""
    text = Text()
    credits, run = report.credits, report.runway
    if credits is not None and run is not None:
        text.append("Balance ", style="bold")
        text.append(
            f"{usd(credits.remaining)} of {usd(credits.total_credits)} · "
            f"{usd(run.burn_rate_per_day)}/day · "
        )
        runway = f"runway {days(run.days)}"
        if run.runs_out_at is not None:
            runway += f" → {run.runs_out_at:%a} {run.runs_out_at.day} {run.runs_out_at:%b}"
        text.append(runway, style=warn if run.days is not None and run.days < 31 else "")
    if report.month is not None:
        text.append("\nMonth   ", style="bold")
        text.append(
            f"{usd(report.month.to_date)} to date → {usd(report.month.projected)} at month end "
        )
        text.append(f"({report.month.basis})", style="dim")
        if report.month.byok_to_date is not None:
            text.append(f"\n        {byok_note(report.month.byok_to_date)}", style="dim")
    if report.today is not None:
        change = report.today.change_pct
        delta = "" if change is None else f" ({change:+.1f}%)"
        text.append("\nToday   ", style="bold")
        text.append(
            f"{usd(report.today.today)} so far · "
            f"{usd(report.today.yesterday_same_hours)} by this time yesterday{delta}"
        )
    return text


class SpendSummary(Static):
    """Shows :func:`summary_text` of the latest report."""

    def show(self, report: SpendReport, warn: str) -> None:
        self.update(summary_text(report, warn))
