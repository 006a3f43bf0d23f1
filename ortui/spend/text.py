"""``ortui spend`` as an aligned text table, Markdown or CSV (the JSON shape is in views.py)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from ortui.export.renderers import neutralise
from ortui.spend.numbers import percent
from ortui.spend.pace import Pace
from ortui.spend.periods import reset_label
from ortui.spend.report import SpendReport
from ortui.spend.wording import byok_note, days, pct, usd, when

HEADERS = (
    "kind",
    "id",
    "name",
    "workspace",
    "limit",
    "reset",
    "spent",
    "used_pct",
    "projected",
    "will_exceed",
    "crosses_at",
    "status",
)
TABLE_HEADERS = ("NAME", "WORKSPACE", "LIMIT", "SPENT", "USED", "PACE", "CROSSES", "STATUS")


def summary_lines(report: SpendReport) -> list[str]:
    """Balance and runway, the month and today, one line each (what is known)."""
    lines = []
    credits, run = report.credits, report.runway
    if credits is not None:
        line = f"Balance  {usd(credits.remaining)} of {usd(credits.total_credits)} bought"
        if run is not None:
            line += (
                f" · burn {usd(run.burn_rate_per_day)}/day (last 7 complete days)"
                f" · runway {days(run.days)}"
            )
            if run.runs_out_at is not None:
                line += f" (runs out {when(run.runs_out_at, report.now)})"
        lines.append(line)
    if report.month is not None:
        lines.append(
            f"Month    {usd(report.month.to_date)} to date · projected "
            f"{usd(report.month.projected)} by the month's end "
            f"({report.month.method})"
        )
        if report.month.byok_to_date is not None:
            lines.append(f"         {byok_note(report.month.byok_to_date)}")
    if report.today is not None:
        change = report.today.change_pct
        delta = "" if change is None else f" ({change:+.1f}%)"
        lines.append(
            f"Today    {usd(report.today.today)} so far · same hours yesterday "
            f"{usd(report.today.yesterday_same_hours)}{delta}"
        )
    return lines


def key_status(
    disabled: bool, expiring: bool, expired: bool, expires: datetime | None, now: datetime
) -> str:
    marks = ["disabled"] if disabled else []
    if expired:
        marks.append("expired")
    elif expiring and expires is not None:
        soon = expires - now < timedelta(days=2)
        day = f"{expires:%a} {expires.day} {expires:%b}"
        marks.append(f"expires {when(expires, now) if soon else day}")
    return ", ".join(marks)


def _pace_cells(pace: Pace, now: datetime) -> list[str]:
    crosses = "over" if pace.exceeded else when(pace.crosses_at, now)
    return [usd(pace.spent), pct(pace.used_pct), usd(pace.projected), crosses]


def table_rows(report: SpendReport) -> tuple[list[list[str]], list[list[str]]]:
    """Key rows and budget rows, as shown (formatted)."""
    keys = [
        [
            line.key.name,
            line.workspace,
            _limit(line.key.limit, line.key.limit_reset),
            *_pace_cells(line.pace, report.now),
            key_status(
                line.key.disabled, line.expiring, line.expired, line.key.expires_at, report.now
            ),
        ]
        for line in report.keys
    ]
    budgets = [
        [
            b.workspace.name,
            b.workspace.name,
            _limit(b.limit_usd, b.reset_interval),
            *_pace_cells(b.pace, report.now),
            "BYOK counted" if b.workspace.include_byok_in_budgets else "",
        ]
        for b in report.budgets
    ]
    return keys, budgets


def _limit(limit: float | None, reset: str | None) -> str:
    return "none" if limit is None else f"{usd(limit)} {reset_label(reset)}"


def _aligned(title: str, rows: list[list[str]]) -> list[str]:
    header = [title, *TABLE_HEADERS[1:]]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def to_text(report: SpendReport) -> str:
    keys, budgets = table_rows(report)
    lines = summary_lines(report)
    lines += ["", *_aligned("KEY", keys)] if keys else ["", "No API keys."]
    lines += ["", *_aligned("BUDGET", budgets)] if budgets else ["", "No workspace budgets."]
    return "\n".join(lines) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def to_markdown(report: SpendReport) -> str:
    keys, budgets = table_rows(report)
    lines = [f"- {line}" for line in summary_lines(report)]
    for title, rows in (("Key", keys), ("Budget", budgets)):
        header = [title, *(h.title() for h in TABLE_HEADERS[1:])]
        lines += ["", _md_row(header), _md_row(["---"] * len(header))]
        lines += [_md_row(row) for row in rows]
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "" if value is None else repr(round(value, 6))


def csv_records(report: SpendReport) -> list[list[str]]:
    """One row per key and budget, plus balance, month and today rows (raw numbers)."""
    out: list[list[str]] = []
    if report.credits is not None:
        run = report.runway
        out.append(
            [
                "balance",
                "",
                "balance",
                "",
                _num(report.credits.total_credits),
                "",
                _num(report.credits.total_usage),
                "",
                "",
                "",
                "" if run is None or run.runs_out_at is None else _iso(run.runs_out_at),
                "",
            ]
        )
    if report.month is not None:
        out.append(
            [
                "month",
                "",
                "month",
                "",
                "",
                "monthly",
                _num(report.month.to_date),
                "",
                _num(report.month.projected),
                "",
                "",
                report.month.method,
            ]
        )
    if report.today is not None:
        out.append(
            [
                "today",
                "",
                "today",
                "",
                "",
                "",
                _num(report.today.today),
                "",
                "",
                "",
                "",
                f"same hours yesterday {report.today.yesterday_same_hours}",
            ]
        )
    for line in report.keys:
        k, p = line.key, line.pace
        status = key_status(k.disabled, line.expiring, line.expired, k.expires_at, report.now)
        out.append(
            [
                "key",
                k.hash,
                k.name,
                line.workspace,
                _num(k.limit),
                k.limit_reset or "",
                *_pace_raw(p),
                status,
            ]
        )
    for b in report.budgets:
        out.append(
            [
                "budget",
                b.workspace.id,
                b.workspace.name,
                b.workspace.name,
                _num(b.limit_usd),
                b.reset_interval or "",
                *_pace_raw(b.pace),
                "",
            ]
        )
    return out


def _pace_raw(pace: Pace) -> list[str]:
    crosses = "" if pace.crosses_at is None else _iso(pace.crosses_at)
    return [
        _num(pace.spent),
        _num(percent(pace.used_pct)),
        _num(pace.projected),
        str(pace.will_exceed).lower(),
        crosses,
    ]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_csv(report: SpendReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows([neutralise(cell) for cell in row] for row in csv_records(report))
    return buffer.getvalue()
