"""How spend figures read: money, percentages, days and UTC times, the same everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def usd(value: float | None) -> str:
    """``$1,234.56``; sub-cent amounts keep four decimals (``$0.0042``)."""
    if value is None:
        return "—"
    sign, size = ("-" if value < 0 else ""), abs(value)
    return f"{sign}${size:.4f}" if 0 < size < 0.01 else f"{sign}${size:,.2f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}%" if value >= 100 else f"{value:,.1f}%"


def days(value: float | None) -> str:
    if value is None:
        return "no spend"
    return f"{value:,.1f} days" if value < 100 else f"{value:,.0f} days"


def when(moment: datetime | None, now: datetime) -> str:
    """``today 20:00 UTC``, ``tomorrow 03:36 UTC``, ``Sun 22 Nov 06:00 UTC``."""
    if moment is None:
        return "—"
    moment, now = moment.astimezone(UTC), now.astimezone(UTC)
    clock = f"{moment:%H:%M} UTC"
    if moment.date() == now.date():
        return f"today {clock}"
    if moment.date() == now.date() + timedelta(days=1):
        return f"tomorrow {clock}"
    return f"{moment:%a} {moment.day} {moment:%b} {clock}"


def short_hash(hash_: str) -> str:
    return hash_[:8] + "…" if len(hash_) > 10 else hash_


def byok_note(byok: float) -> str:
    """Why the month differs from analytics' Total Usage: BYOK is not paid from credits."""
    return f"credits only · the explorer's Total Usage adds BYOK: {usd(byok)} this month"
