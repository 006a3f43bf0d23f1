"""``ortui check`` thresholds against a fixed report: each crossed and not crossed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ortui.spend.accounts import Budget, Credits, KeyAccount, Usage, Workspace
from ortui.spend.burn import TodayComparison
from ortui.spend.check import evaluate
from ortui.spend.report import SpendInputs, build_report
from ortui.spend.text import to_csv, to_markdown, to_text
from ortui.spend.thresholds import ThresholdError, parse_threshold

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # Wednesday, 15 h into the day
DAILY = {datetime(2026, 11, d, tzinfo=UTC).date(): 8.0 for d in range(1, 19)}
# Burn $8/day; $100 left → 12.5 days.  prod: $7.50 of $10 daily → 75 %, pace $12 (120 %).
PROD = KeyAccount(
    "a" * 64,
    "prod",
    "w1",
    limit=10.0,
    limit_remaining=2.5,
    limit_reset="daily",
    usage=Usage(100, 7.5, 20, 50),
)
# old: disabled, 95 % of a $100 lifetime cap.
OLD = KeyAccount("b" * 64, "old", "w1", disabled=True, limit=100.0, usage=Usage(95, 0, 0, 0))
RESEARCH = Workspace("w1", "Research", (Budget("b1", "w1", 100.0, "monthly"),))
INPUTS = SpendInputs(
    Credits(1000.0, 900.0),
    [PROD, OLD],
    [RESEARCH],
    DAILY,
    TodayComparison(6.0, 4.0),
    {("w1", "monthly"): 47.0},
)
REPORT = build_report(INPUTS, NOW)


def _crossed(*options: tuple[str, str]) -> list[str]:
    thresholds = [parse_threshold(kind, text) for kind, text in options]
    return [c.check for c in evaluate(REPORT, thresholds)]


@pytest.mark.parametrize(
    ("kind", "crossed", "holds"),
    [
        ("balance-below", "100.01", "100"),
        ("runway-below", "13", "12.5"),
        ("spend-today-above", "5.99", "6"),
        ("key-usage-above", "74.9", "75"),
        ("key-pace-above", "119", "120"),
        # Research: $47 of $100 → 47 %; 423 h of 720 → pace 47 × 720/423 = 80.0 %.
        ("budget-usage-above", "46", "47"),
        ("budget-pace-above", "79.9", "80.1"),
    ],
)
def test_each_threshold_crossed_and_not(kind: str, crossed: str, holds: str) -> None:
    assert _crossed((kind, crossed)) == [kind]
    assert _crossed((kind, holds)) == []


def test_named_thresholds_override_the_general_one_and_disabled_keys_are_skipped() -> None:
    assert _crossed(("key-usage-above", "50"), ("key-usage-above", "prod=80")) == []
    assert _crossed(("key-usage-above", "90"), ("key-usage-above", "prod=70")) == [
        "key-usage-above"
    ]
    # The disabled key at 95 % is only checked when named (by name or by hash).
    assert _crossed(("key-usage-above", "90")) == []
    assert _crossed(("key-usage-above", "old=90")) == ["key-usage-above"]
    assert _crossed(("key-usage-above", f"{'b' * 64}=90")) == ["key-usage-above"]
    assert _crossed(("budget-usage-above", "Research=40")) == ["budget-usage-above"]


def test_crossings_read_as_sentences() -> None:
    thresholds = [parse_threshold("key-pace-above", "100"), parse_threshold("runway-below", "30")]
    messages = [c.message for c in evaluate(REPORT, thresholds)]
    assert messages == [
        "runway 12.5 days at $8.00/day (runs out Tue 1 Dec 03:00 UTC) is below 30.0 days",
        "key prod (aaaaaaaa…) is on pace for 120% of its $10.00 daily limit ($12.00 by the "
        "period's end; reaches it today 20:00 UTC; threshold 100%)",
    ]


@pytest.mark.parametrize("text", ["abc", "-1", "nan", "=5", "inf"])
def test_bad_thresholds_are_refused(text: str) -> None:
    with pytest.raises(ThresholdError):
        parse_threshold("key-usage-above", text)


def test_unknown_targets_are_named() -> None:
    with pytest.raises(ThresholdError, match="no key named or with id 'nope'"):
        evaluate(REPORT, [parse_threshold("key-usage-above", "nope=5")])


def test_text_formats_show_every_key_and_budget() -> None:
    text = to_text(REPORT)
    assert "Balance  $100.00 of $1,000.00 bought" in text and "runway 12.5 days" in text
    assert "Today    $6.00 so far · same hours yesterday $4.00 (+50.0%)" in text
    prod = next(line for line in text.splitlines() if line.startswith("prod"))
    assert "$10.00 daily" in prod and "75.0%" in prod and "today 20:00 UTC" in prod
    assert "disabled" in next(line for line in text.splitlines() if line.startswith("old"))
    assert "| Research | Research | $100.00 monthly | $47.00 | 47.0% |" in to_markdown(REPORT)
    rows = to_csv(REPORT).splitlines()
    assert rows[0].startswith("kind,id,name,workspace,limit,reset,spent,used_pct")
    assert (
        f"key,{'a' * 64},prod,Research,10.0,daily,7.5,75.0,12.0,true,2026-11-18T20:00:00Z," in rows
    )
