"""Which ``ortui check`` thresholds the spend report crosses, in words a cron mail can carry."""

from __future__ import annotations

from collections.abc import Iterable

from ortui.spend.pace import Pace
from ortui.spend.periods import reset_label
from ortui.spend.report import BudgetLine, KeyLine, SpendReport
from ortui.spend.thresholds import Crossing, Threshold, ThresholdError, for_subject
from ortui.spend.wording import days, pct, short_hash, usd, when


def unknown_targets(report: SpendReport, thresholds: Iterable[Threshold]) -> list[str]:
    """Messages for thresholds naming a key or workspace the account does not have."""
    keys = {n for line in report.keys for n in (line.key.hash, line.key.name)}
    spaces = {n for line in report.budgets for n in (line.workspace.id, line.workspace.name)}
    problems = []
    for t in thresholds:
        pool = keys if t.kind.startswith("key-") else spaces
        if t.target is not None and t.target not in pool:
            what = "key" if t.kind.startswith("key-") else "workspace with a budget"
            problems.append(f"--{t.kind}: no {what} named or with id {t.target!r}")
    return problems


def evaluate(report: SpendReport, thresholds: list[Threshold]) -> list[Crossing]:
    """Every crossing, account-wide ones first; raises ThresholdError for unknown targets."""
    problems = unknown_targets(report, thresholds)
    if problems:
        raise ThresholdError("; ".join(problems))
    crossings = _account(report, thresholds)
    for line in report.keys:
        crossings += _key(line, thresholds, report)
    for budget in report.budgets:
        crossings += _budget(budget, thresholds, report)
    return crossings


def _strictest(thresholds: list[Threshold], kind: str) -> Threshold | None:
    mine = [t for t in thresholds if t.kind == kind]
    return max(mine, key=lambda t: t.value) if mine else None


def _account(report: SpendReport, thresholds: list[Threshold]) -> list[Crossing]:
    out: list[Crossing] = []
    balance = _strictest(thresholds, "balance-below")
    if balance and report.credits and report.credits.remaining < balance.value:
        out.append(
            Crossing(
                "balance-below",
                "balance",
                None,
                report.credits.remaining,
                balance.value,
                f"balance {usd(report.credits.remaining)} is below {usd(balance.value)}",
            )
        )
    runway = _strictest(thresholds, "runway-below")
    run = report.runway
    if runway and run and run.days is not None and run.days < runway.value:
        out.append(
            Crossing(
                "runway-below",
                "runway",
                None,
                run.days,
                runway.value,
                f"runway {days(run.days)} at {usd(run.burn_rate_per_day)}/day "
                f"(runs out {when(run.runs_out_at, report.now)}) is below "
                f"{days(runway.value)}",
            )
        )
    today = for_subject(thresholds, "spend-today-above", ())
    if today and report.today and report.today.today > today.value:
        out.append(
            Crossing(
                "spend-today-above",
                "today",
                None,
                report.today.today,
                today.value,
                f"spend today {usd(report.today.today)} is above {usd(today.value)}",
            )
        )
    return out


def _key(line: KeyLine, thresholds: list[Threshold], report: SpendReport) -> list[Crossing]:
    key = line.key
    names = (key.hash, key.name)
    named = any(t.target in names for t in thresholds)
    if key.limit is None or (key.disabled and not named):
        return []
    subject = f"key {key.name} ({short_hash(key.hash)})"
    limit = f"its {usd(key.limit)} {reset_label(key.limit_reset)} limit"
    return _limit_checks("key", subject, key.hash, limit, line.pace, names, thresholds, report)


def _budget(line: BudgetLine, thresholds: list[Threshold], report: SpendReport) -> list[Crossing]:
    space = line.workspace
    subject = f"workspace {space.name}"
    limit = f"its {usd(line.limit_usd)} {reset_label(line.reset_interval)} budget"
    return _limit_checks(
        "budget", subject, space.id, limit, line.pace, (space.id, space.name), thresholds, report
    )


def _limit_checks(
    prefix: str,
    subject: str,
    id_: str,
    limit: str,
    pace: Pace,
    names: tuple[str, ...],
    thresholds: list[Threshold],
    report: SpendReport,
) -> list[Crossing]:
    out: list[Crossing] = []
    usage = for_subject(thresholds, f"{prefix}-usage-above", names)
    if usage and pace.used_pct is not None and pace.used_pct > usage.value:
        out.append(
            Crossing(
                usage.kind,
                subject,
                id_,
                pace.used_pct,
                usage.value,
                f"{subject} used {pct(pace.used_pct)} of {limit} "
                f"({usd(pace.spent)}; threshold {pct(usage.value)})",
            )
        )
    on_pace = for_subject(thresholds, f"{prefix}-pace-above", names)
    projected = pace.projected_pct
    if on_pace and projected is not None and projected > on_pace.value:
        crossing = f"; reaches it {when(pace.crosses_at, report.now)}" if pace.crosses_at else ""
        out.append(
            Crossing(
                on_pace.kind,
                subject,
                id_,
                projected,
                on_pace.value,
                f"{subject} is on pace for {pct(projected)} of {limit} "
                f"({usd(pace.projected)} by the period's end{crossing}; "
                f"threshold {pct(on_pace.value)})",
            )
        )
    return out
