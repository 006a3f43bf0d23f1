"""How spend figures are rounded in machine output (``spend``/``check`` JSON and CSV).

Money keeps 6 decimals — the API's own precision (usage is reported to the millionth of a
dollar, as ``ortui query`` prints it), so a tiny key's spend is not rounded to $0.00 and sums
carry no float noise such as ``65.30914400000006``. Percentages (0–100) and days keep one
decimal, as the text output shows them.
"""

from __future__ import annotations

MONEY_DECIMALS = 6
PERCENT_DECIMALS = 1
DAYS_DECIMALS = 1

#: ``ortui check`` checks whose value is a percentage, and the one counted in days.
PERCENT_CHECKS = frozenset(
    {"key-usage-above", "key-pace-above", "budget-usage-above", "budget-pace-above"}
)
DAYS_CHECKS = frozenset({"runway-below"})


def money(value: float | None) -> float | None:
    return None if value is None else round(value, MONEY_DECIMALS) + 0.0


def percent(value: float | None) -> float | None:
    return None if value is None else round(value, PERCENT_DECIMALS) + 0.0


def days(value: float | None) -> float | None:
    return None if value is None else round(value, DAYS_DECIMALS) + 0.0


def check_value(check: str, value: float | None) -> float | None:
    """A crossing's value in its unit: percent, days or money."""
    if check in PERCENT_CHECKS:
        return percent(value)
    if check in DAYS_CHECKS:
        return days(value)
    return money(value)
